/** @jest-environment jsdom */
// Live updates in the task pane, on the in-memory Excel fake holding the example: an edit (this user's
// or a co-author's) re-runs the engine and the pane shows it with what is not written yet; nothing is
// written until Refresh; Live updates can be turned off in Settings; an older Excel is told once.
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { render, screen, within, fireEvent, waitFor } from '@testing-library/react';
import { webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/apps/pane/App';
import type { PaneHost } from '../../src/apps/pane/host';
import { PaneRoot } from '../../src/apps/pane/root';
import { MemorySettingsStore, EMPTY_SETTINGS } from '../../src/io/settings';
import { numberFormatReader } from '../../src/apps/pane/excel/office-format';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { moneyFormatter } from '../../src/engine';
import { liveMessage } from '../../src/apps/pane/live-message';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { day } from '../support/snapshot';

const example = readFileSync(path.join(__dirname, '../../examples/rollout.xlsx'));
jest.setTimeout(30_000);
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

beforeEach(() => {
  (document as unknown as { ariaNotify: (m: string) => void }).ariaNotify = () => undefined;
});

function host(apiVersion = '1.13', settings = new MemorySettingsStore()) {
  const excel = fakeFromXlsx(example);
  excel.apiVersion = apiVersion;
  const counts = { runs: 0 };
  const run = ((batch: never) => {
    counts.runs++;
    return excel.run(batch);
  }) as unknown as ExcelRun;
  const h: PaneHost = {
    mode: 'excel',
    port: new OfficeWorkbook(run, { requirements: excel.requirements, quietMs: 20 }),
    settings,
    today: () => day('2026-06-30'),
    locale: 'en-US',
    numberFormat: numberFormatReader(excel.run as unknown as ExcelRun),
  };
  render(
    <PaneRoot theme={webLightTheme}>
      <App host={h} />
    </PaneRoot>,
  );
  return { excel, counts };
}

const refreshButton = () => screen.getByRole('button', { name: /^Refresh(ing…)?$/ });
async function refreshed() {
  await waitFor(() => expect(refreshButton()).toBeEnabled());
  fireEvent.click(refreshButton());
  await screen.findByLabelText('Summary', undefined, { timeout: 10_000 });
  await waitFor(() => expect(refreshButton()).toHaveAccessibleName('Refresh'), { timeout: 15_000 });
}

test('an edit recomputes the pane without writing; Refresh writes it and sets off no update', async () => {
  const { excel, counts } = host();
  await refreshed();
  const summary = screen.getByLabelText('Summary');
  expect(within(summary).getByText('$7.3M')).toBeInTheDocument();
  await pause(50); // the watch registers its handlers after the refresh
  excel.resetCounters();
  // INI-7's forecast moves from October 2026 to mid-2027: it and its objective slip.
  await excel.edit('Initiatives', 'H8', [['2027-06-30']]);
  const bar = await screen.findByText(
    'Not written yet: INI-7 turned Red, OBJ-3 turned Amber, $5.2M more at risk. Refresh to write.',
    undefined,
    { timeout: 5_000 },
  );
  expect(bar).toBeInTheDocument();
  // The summary moves with it: at risk is all $12.5M at stake now, and OBJ-3 joins the Amber objectives.
  const now = screen.getByLabelText('Summary');
  expect(within(now).getAllByText('$12.5M')).toHaveLength(2);
  expect(within(now).queryByText('$7.3M')).not.toBeInTheDocument();
  expect(within(now).getByRole('button', { name: '2 Amber' })).toBeInTheDocument();
  expect(excel.writes).toBe(0);
  expect(excel.syncs).toBeLessThanOrEqual(2);

  // Refresh writes what the pane shows; its own writes set off no further update.
  await refreshed();
  expect(excel.writes).toBeGreaterThan(0);
  await waitFor(() => expect(screen.queryByText(/Not written yet/)).not.toBeInTheDocument());
  await excel.eventsSettled();
  const runs = counts.runs;
  await pause(150);
  expect(counts.runs).toBe(runs);
  expect(screen.queryByText(/Not written yet/)).not.toBeInTheDocument();
});

test("a co-author's change is named as such", async () => {
  const { excel } = host();
  await refreshed();
  await pause(50);
  await excel.edit('Initiatives', 'H8', [['2027-06-30']], { source: 'Remote' });
  expect(
    await screen.findByText(/^Not written yet \(a co-author's change\): INI-7 turned Red/, undefined, {
      timeout: 5_000,
    }),
  ).toBeInTheDocument();
});

test('text in a date column shows as a data error live, as on Refresh', async () => {
  const { excel } = host();
  await refreshed();
  const writes = excel.writes;
  await pause(50);
  await excel.edit('Initiatives', 'H8', [['soon']]);
  expect(
    await screen.findByText(/Not written yet: .*1 new data error/, undefined, { timeout: 5_000 }),
  ).toBeInTheDocument();
  // The review list has the data error at the cell, as a Refresh would put it there.
  expect(await screen.findByText(/^Initiatives!H8 · /)).toBeInTheDocument();
  expect(excel.writes).toBe(writes);
});

test('Live updates off in Settings: an edit changes nothing in the pane', async () => {
  const { excel, counts } = host('1.13', new MemorySettingsStore({ ...EMPTY_SETTINGS, liveUpdates: 'off' }));
  await refreshed();
  fireEvent.click(screen.getByRole('tab', { name: /Settings/ }));
  expect(screen.getByRole('switch', { name: 'Live updates' })).not.toBeChecked();
  const runs = counts.runs;
  await excel.edit('Initiatives', 'H8', [['2027-06-30']]);
  await pause(150);
  expect(counts.runs).toBe(runs);
  expect(excel.changeHandlers).toHaveLength(0);
  expect(screen.queryByText(/Not written yet/)).not.toBeInTheDocument();
});

test('below ExcelApi 1.7 Settings says once that live updates need a newer Excel', async () => {
  host('1.6');
  await refreshed();
  fireEvent.click(screen.getByRole('tab', { name: /Settings/ }));
  expect(await screen.findAllByText(/Live updates need a newer version of Excel/)).toHaveLength(1);
  expect(screen.queryByRole('switch', { name: 'Live updates' })).not.toBeInTheDocument();
});

test('the message names what changed, in the causes-first order, and what is not yet at risk', () => {
  const money = moneyFormatter({ prefix: '$', suffix: '', decimals: 0 }, 'en-US');
  const base = { items: [], summary: { valueAtRisk: 1_000_000 }, errors: [] };
  const r = (items: { id: string; kind: string; health: string }[], atRisk: number, errors = 0) =>
    ({ report: { ...base, items, summary: { valueAtRisk: atRisk }, errors: new Array(errors).fill({}) } }) as never;
  const before = r(
    [
      { id: 'OBJ-1', kind: 'objective', health: 'Green' },
      { id: 'INI-2', kind: 'initiative', health: 'Amber' },
    ],
    1e6,
  );
  const after = r(
    [
      { id: 'OBJ-1', kind: 'objective', health: 'Amber' },
      { id: 'INI-2', kind: 'initiative', health: 'Red' },
    ],
    5.5e6,
  );
  expect(liveMessage(before, after, false, money)).toBe(
    'Not written yet: INI-2 turned Red, OBJ-1 turned Amber, $4.5M more at risk. Refresh to write.',
  );
  expect(liveMessage(after, before, true, money)).toBe(
    "Not written yet (a co-author's change): INI-2 turned Amber, OBJ-1 turned Green, $4.5M less at risk. Refresh to write.",
  );
  expect(liveMessage(before, before, false, money)).toBe(
    'Not written yet: the pane shows your edits. Refresh to write.',
  );
});

test('the what-if runs on the workbook as it stands after a live update', async () => {
  const { excel } = host();
  await refreshed();
  const writes = excel.writes;
  await pause(50);
  // On the refreshed example a 42-day slip of INI-7 turns OBJ-3 Amber; after the live edit it is Amber already.
  await excel.edit('Initiatives', 'H8', [['2027-06-30']]);
  await screen.findByText(/^Not written yet: INI-7 turned Red/, undefined, { timeout: 5_000 });
  fireEvent.click(screen.getByRole('tab', { name: 'What-if' }));
  fireEvent.change(screen.getByLabelText('Item'), { target: { value: 'INI-7' } });
  fireEvent.change(screen.getByLabelText('Delay (days)'), { target: { value: '42' } });
  fireEvent.click(screen.getByRole('button', { name: 'Run what-if' }));
  const outcome = await screen.findByTestId('what-if-outcome');
  expect(outcome).toHaveTextContent(/INI-7/);
  expect(outcome).not.toHaveTextContent('turns OBJ-3 Green → Amber');
  expect(excel.writes).toBe(writes);
});
