/** @jest-environment jsdom */
// The hub open in Excel: its own Portfolio table names the team files' keys when they are picked, and
// it is the portfolio's hub (its settings apply) while only it is written.
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { webLightTheme } from '@fluentui/react-components';
import { ExcelApp } from '../../src/apps/pane/excel/ExcelApp';
import type { PaneHost } from '../../src/apps/pane/host';
import { PaneRoot } from '../../src/apps/pane/root';
import { MemorySettingsStore } from '../../src/io/settings';
import { MemoryTeamStore } from '../../src/apps/pane/teams/team-store';
import type { OpenFiles } from '../../src/apps/pane/teams/useTeamWorkbooks';
import { openPicked } from '../../src/apps/pane/teams/files';
import { numberFormatReader } from '../../src/apps/pane/excel/office-format';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { readOpenPortfolioTable } from '../../src/io/office/manifest';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { editCells } from '../support/edit-cells';
import { day } from '../support/snapshot';

jest.setTimeout(60_000);

const EXAMPLE = path.join(__dirname, '../../examples/portfolio');
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(EXAMPLE, name)));
const TEAMS = ['proc.xlsx', 'it.xlsx', 'emea.xlsx', 'amer.xlsx', 'apac.xlsx'];

beforeEach(() => {
  (document as unknown as { ariaNotify: (m: string) => void }).ariaNotify = () => undefined;
});

const files = (names: string[]) => names.map((n) => new File([bytesOf(n)], n, { lastModified: Date.UTC(2026, 5, 29) }));
const open: OpenFiles = async (picked) =>
  picked.map((f) => openPicked({ name: f.name, path: f.name, bytes: bytesOf(f.name), modified: f.lastModified }));

test("the hub's Portfolio table, read through Office.js, gives the picked files their keys; the hub is refreshed with them", async () => {
  // The hub calls the Americas team AMERICAS, not the AMER its file name would give.
  const { data, edited } = await editCells(bytesOf('hub.xlsx'), 'Portfolio', (row) =>
    row[1] === 'AMER' ? { 1: 'AMERICAS' } : undefined,
  );
  expect(edited).toBe(1);
  const excel = fakeFromXlsx(data);
  const run = excel.run as unknown as ExcelRun;
  const table = await readOpenPortfolioTable(run);
  expect(table?.headers.slice(0, 2)).toEqual(['Team', 'Path']);
  expect(table?.rows.map((r) => r[0])).toEqual(expect.arrayContaining(['PROC', 'AMERICAS']));

  const base: PaneHost & { port: OfficeWorkbook } = {
    mode: 'excel',
    port: new OfficeWorkbook(run),
    settings: new MemorySettingsStore(),
    today: () => day('2026-06-30'),
    locale: 'en-US',
    numberFormat: numberFormatReader(run),
  };
  render(
    <PaneRoot theme={webLightTheme}>
      <ExcelApp
        base={base}
        documentName="hub.xlsx"
        store={new MemoryTeamStore()}
        open={open}
        readOwnManifest={() => readOpenPortfolioTable(run)}
      />
    </PaneRoot>,
  );
  const toggle = await screen.findByRole('button', { name: 'Team workbooks…' });
  await waitFor(() => expect(toggle).toBeEnabled());
  fireEvent.click(toggle);
  const panel = screen.getByRole('region', { name: 'Team workbooks' });
  fireEvent.change(screen.getByLabelText('Team workbook files'), { target: { files: files(TEAMS) } });
  await within(panel).findByTestId('team-amer.xlsx');
  expect(within(panel).getByLabelText('amer.xlsx: team key')).toHaveValue('AMERICAS');
  expect(within(panel).getByLabelText('proc.xlsx: team key')).toHaveValue('PROC');

  const refresh = screen.getByRole('button', { name: /^Refresh(ing…)?$/ });
  await waitFor(() => expect(refresh).toBeEnabled());
  fireEvent.click(refresh);
  await screen.findByTestId('portfolio-panel', undefined, { timeout: 15_000 });
  // The hub's objectives are rolled up from the teams' items and written into the open workbook.
  await waitFor(() => expect(excel.sheets.map((s) => s.name)).toContain('Risks'));
  const header = [...excel.sheet('Objectives')!.cells].filter(([k]) => k.startsWith('0,')).map(([, c]) => c.value);
  expect(header).toContain('Health (auto)');
  expect(screen.getByText(/5 Red/)).toBeInTheDocument();
});
