/** @jest-environment jsdom */
// The page shows a refresh's summary while its worker still writes the file (issue 23): the Download
// button waits for the write, saying so; a write that fails after the summary came fails the refresh,
// says that nothing was written, and the pane goes back to what the workbook still holds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/apps/pane/App';
import type { PaneHost } from '../../src/apps/pane/host';
import { PaneRoot } from '../../src/apps/pane/root';
import { FileToolbar } from '../../src/apps/pane/page/FileToolbar';
import { PagePort, type Opened } from '../../src/apps/pane/page/page-port';
import { PreviewSelection } from '../../src/apps/pane/page/preview-selection';
import { FileWorker, inlineFiles } from '../../src/apps/pane/page/worker-file';
import { MemorySettingsStore } from '../../src/io/settings';
import { day } from '../support/snapshot';

const EXAMPLE = path.join(__dirname, '../../examples/rollout.xlsx');

beforeEach(() => {
  (document as unknown as { ariaNotify: (m: string) => void }).ariaNotify = () => undefined;
});

/** The example with Review › Protect Workbook set by openpyxl: its write is refused. */
function lockedExample(): Uint8Array {
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'throughline-locked-')), 'locked.xlsx');
  const script =
    'import sys, openpyxl\nfrom openpyxl.workbook.protection import WorkbookProtection\n' +
    'wb = openpyxl.load_workbook(sys.argv[1])\nwb.security = WorkbookProtection(lockStructure=True)\nwb.save(sys.argv[2])\n';
  execFileSync('/usr/bin/python3', ['-c', script, EXAMPLE, out], { timeout: 60_000 });
  return new Uint8Array(readFileSync(out));
}

/** The pane on a workbook held by the page's worker (on this thread), and what the port told the page. */
async function pageOn(name: string, bytes: Uint8Array) {
  const file = await new FileWorker(inlineFiles).open(name, bytes);
  const told: string[] = [];
  const port = new PagePort(
    file,
    () => told.push('changed'),
    () => undefined,
    new PreviewSelection(() => null),
    (writing) => told.push(writing ? 'preparing' : 'prepared'),
  );
  const host: PaneHost = {
    mode: 'file',
    port,
    whole: port.whole,
    settings: new MemorySettingsStore(),
    today: () => day('2026-06-30'),
    locale: 'en-US',
  };
  render(
    <PaneRoot theme={webLightTheme}>
      <App host={host} />
    </PaneRoot>,
  );
  return { file, told };
}

const refreshButton = () => screen.getByRole('button', { name: /^Refresh(ing…)?$/ });

test('the summary comes, then the page hears the file is ready: written, then the preview of what was written', async () => {
  const { file, told } = await pageOn('rollout.xlsx', new Uint8Array(readFileSync(EXAMPLE)));
  await waitFor(() => expect(refreshButton()).toBeEnabled());
  fireEvent.click(refreshButton());
  await screen.findByLabelText('Summary', undefined, { timeout: 10_000 });
  await waitFor(() => expect(told).toEqual(['preparing', 'prepared', 'changed', 'changed']), { timeout: 10_000 });
  expect(file.preview.map((s) => s.name)).toContain('Risks');
  expect(screen.queryByText('Refresh failed')).toBeNull();
});

test('a write that fails after the summary came fails the refresh: said, nothing written, no summary left', async () => {
  const { file, told } = await pageOn('locked.xlsx', lockedExample());
  await waitFor(() => expect(refreshButton()).toBeEnabled());
  fireEvent.click(refreshButton());
  expect(await screen.findByText('Refresh failed', undefined, { timeout: 10_000 })).toBeInTheDocument();
  expect(screen.getByText(/structure is protected \(Review › Protect Workbook\).*Nothing was written\./)).toBeVisible();
  // The pane shows what the workbook holds: no refresh of it was written, so no summary.
  expect(screen.queryByLabelText('Summary')).toBeNull();
  expect(told).toEqual(['preparing', 'prepared']);
  expect(file.preview.map((s) => s.name)).not.toContain('Risks');
});

test('Download stays pressable while the file is prepared, and says it waits for it', () => {
  const opened = { kind: 'one', name: 'big.xlsx' } as unknown as Opened;
  const props = {
    opened,
    busy: false,
    refreshed: false,
    error: null,
    onOpen: async () => undefined,
    onError: () => undefined,
    onExample: () => undefined,
  };
  const clicks: string[] = [];
  const { rerender } = render(
    <PaneRoot theme={webLightTheme}>
      <FileToolbar {...props} preparing onDownload={() => clicks.push('download')} />
    </PaneRoot>,
  );
  const download = screen.getByRole('button', { name: 'Download refreshed workbook' });
  expect(download).toBeEnabled();
  expect(screen.getByRole('status')).toHaveTextContent('Preparing the file…');
  fireEvent.click(download);
  expect(clicks).toEqual(['download']);
  rerender(
    <PaneRoot theme={webLightTheme}>
      <FileToolbar {...props} preparing waiting onDownload={() => undefined} />
    </PaneRoot>,
  );
  expect(screen.getByRole('status')).toHaveTextContent('Preparing the file… The download starts when it is ready.');
  expect(screen.getByRole('button', { name: 'Download refreshed workbook' })).toHaveAttribute('aria-busy', 'true');
  // Written: the status is empty again, and before any refresh the button cannot be pressed.
  rerender(
    <PaneRoot theme={webLightTheme}>
      <FileToolbar {...props} refreshed onDownload={() => undefined} />
    </PaneRoot>,
  );
  expect(screen.getByRole('status')).toHaveTextContent('');
  rerender(
    <PaneRoot theme={webLightTheme}>
      <FileToolbar {...props} onDownload={() => undefined} />
    </PaneRoot>,
  );
  expect(screen.getByRole('button', { name: 'Download refreshed workbook' })).toBeDisabled();
});
