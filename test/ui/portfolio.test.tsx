/** @jest-environment jsdom */
// The Excel pane with team workbooks: the open workbook (it.xlsx in the in-memory Excel fake) rolled up
// with the other teams' files picked in the pane, only the open one written, names and keys kept in the
// document settings and asked for again in a later session.
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { webLightTheme } from '@fluentui/react-components';
import { ExcelApp } from '../../src/apps/pane/excel/ExcelApp';
import type { PaneHost } from '../../src/apps/pane/host';
import { PaneRoot } from '../../src/apps/pane/root';
import { MemorySettingsStore } from '../../src/io/settings';
import { MemoryTeamStore, parseTeamSetup } from '../../src/apps/pane/teams/team-store';
import type { OpenFiles } from '../../src/apps/pane/teams/useTeamWorkbooks';
import { openPicked, type OpenedFile } from '../../src/apps/pane/teams/files';
import { numberFormatReader } from '../../src/apps/pane/excel/office-format';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { day } from '../support/snapshot';

jest.setTimeout(60_000);

const EXAMPLE = path.join(__dirname, '../../examples/portfolio');
const TEAM_FILES = ['hub.xlsx', 'proc.xlsx', 'emea.xlsx', 'amer.xlsx', 'apac.xlsx'];
const bytesOf = (name: string) => new Uint8Array(readFileSync(path.join(EXAMPLE, name)));

/** What the pane's one live region was asked to say. */
let spoken: string[];
beforeEach(() => {
  spoken = [];
  (document as unknown as { ariaNotify: (m: string) => void }).ariaNotify = (m: string) => spoken.push(m);
});

/** The files a user picks; read here without the browser's File.arrayBuffer, which jsdom may lack. */
const files = (names: string[]) => names.map((n) => new File([bytesOf(n)], n, { lastModified: Date.UTC(2026, 5, 29) }));
let opened: OpenedFile[] = [];
const open: OpenFiles = async (picked) => {
  const now = picked.map((f) =>
    openPicked({ name: f.name, path: f.name, bytes: bytesOf(f.name), modified: f.lastModified }),
  );
  opened.push(...now);
  return now;
};

function excelBase(): { base: PaneHost & { port: OfficeWorkbook }; excel: FakeExcel } {
  const excel = fakeFromXlsx(bytesOf('it.xlsx'));
  const run = excel.run as unknown as ExcelRun;
  return {
    excel,
    base: {
      mode: 'excel',
      port: new OfficeWorkbook(run),
      settings: new MemorySettingsStore(),
      today: () => day('2026-06-30'),
      locale: 'en-US',
      numberFormat: numberFormatReader(run),
    },
  };
}

const renderPane = (base: PaneHost & { port: OfficeWorkbook }, store: MemoryTeamStore) =>
  render(
    <PaneRoot theme={webLightTheme}>
      <ExcelApp base={base} documentName="it.xlsx" store={store} open={open} />
    </PaneRoot>,
  );

const refreshButton = () => screen.getByRole('button', { name: /^Refresh(ing…)?$/ });

async function refreshed() {
  await waitFor(() => expect(refreshButton()).toBeEnabled());
  fireEvent.click(refreshButton());
  await screen.findByTestId('portfolio-panel', undefined, { timeout: 15_000 });
  await waitFor(() => expect(refreshButton()).toHaveAccessibleName('Refresh'));
}

/** A sheet of the fake as rows of values. */
function rows(excel: FakeExcel, sheet: string): unknown[][] {
  const out: unknown[][] = [];
  for (const [at, cell] of excel.sheet(sheet)!.cells) {
    const [r, c] = at.split(',').map(Number);
    (out[r] ??= [])[c] = cell.value;
  }
  return out;
}

afterEach(() => {
  opened = [];
});

test('team workbooks picked in Excel are rolled up with the open one, and only the open one is written', async () => {
  const { base, excel } = excelBase();
  const store = new MemoryTeamStore();
  renderPane(base, store);
  const toggle = await screen.findByRole('button', { name: 'Team workbooks…' });
  await waitFor(() => expect(toggle).toBeEnabled());
  fireEvent.click(toggle);
  expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const panel = screen.getByRole('region', { name: 'Team workbooks' });
  fireEvent.change(screen.getByLabelText('Team workbook files'), { target: { files: files(TEAM_FILES) } });
  await within(panel).findByTestId('team-proc.xlsx');
  // The hub's Portfolio table names each file's team, and the open workbook's too.
  expect(within(panel).getByLabelText('proc.xlsx: team key')).toHaveValue('PROC');
  expect(within(panel).getByLabelText('hub.xlsx: team key')).toHaveValue('HUB');
  expect(within(panel).getByLabelText('This workbook (it.xlsx): team key')).toHaveValue('IT');
  expect(screen.getByRole('button', { name: 'Team workbooks… (5)' })).toBeInTheDocument();

  await refreshed();
  // The open workbook got its owned columns and its Risks sheet, with the push from Procurement's workbook named in full.
  expect(rows(excel, 'Initiatives')[0]).toEqual(
    expect.arrayContaining(['Health (auto)', 'Flags (auto)', 'Impact (auto)']),
  );
  const risks = rows(excel, 'Risks');
  expect(
    risks.some((r) => r?.includes('INI-3') && r.some((v) => String(v).includes('pushed 18 days by PROC:INI-1'))),
  ).toBe(true);
  // Its own items only, by their plain IDs.
  const item = risks[0].indexOf('Item');
  const items = risks
    .slice(1)
    .map((r) => r?.[item])
    .filter((v) => v !== undefined && v !== null);
  expect(items).toEqual(expect.arrayContaining(['INI-3', 'INI-4']));
  const own = items.filter((i) => !String(i).includes(' → '));
  expect(own.filter((i) => String(i).includes(':'))).toEqual([]);
  // A link row (issue 20) names another team's upstream as this workbook's Dependencies sheet does; its downstream is ours.
  const linkRows = items.filter((i) => String(i).includes(' → '));
  expect(linkRows).toEqual(expect.arrayContaining(['PROC:INI-1 → INI-3']));
  expect(linkRows.filter((i) => String(i).split(' → ')[1].includes(':'))).toEqual([]);
  expect(excel.sheets.map((s) => s.name)).toEqual(expect.arrayContaining(['Risks']));
  expect(excel.sheets.map((s) => s.name).some((n) => n.startsWith('Portfolio'))).toBe(false);
  // The team files were only read: nothing in them changed.
  for (const o of opened) {
    const snapshot = await o.workbook!.read();
    expect(snapshot.tables.flatMap((t) => t.headers)).not.toContain('Health (auto)');
    expect(snapshot.sheetNames).not.toContain('Risks');
  }

  // Top risks and review entries say which workbook an item is in; the open workbook's own are not marked.
  const top = screen.getByRole('region', { name: 'Top risks' });
  const first = within(top).getAllByRole('listitem')[0];
  expect(first).toHaveAttribute('data-testid', 'top-risk-PROC:INI-1');
  expect(first).toHaveTextContent('From proc.xlsx · data 10 d old');
  const list = screen.getByRole('region', { name: 'Review list' });
  expect(within(list).getByTestId('review-PROC:INI-1')).toHaveTextContent('From proc.xlsx · data 10 d old');
  expect(within(list).getByTestId('review-IT:INI-3').querySelector('[data-origin]')).toBeNull();
  expect(within(list).getByTestId('review-IT:INI-3')).toHaveTextContent('PROC:INI-1');

  // Each workbook, how old its data is, and what crosses between teams: one line until opened.
  const members = screen.getByTestId('portfolio-panel');
  expect(members).toHaveTextContent('Oldest data: proc.xlsx, 10 d old · 3 team-to-team pushes');
  fireEvent.click(within(members).getByRole('button', { name: 'Workbooks (6)' }));
  expect(within(members).getByTestId('member-IT')).toHaveTextContent('IT · it.xlsx (this workbook)');
  expect(within(members).getByTestId('member-PROC')).toHaveTextContent('proc.xlsx (read only)');
  expect(within(members).getByTestId('member-PROC')).toHaveTextContent('Latest check-in 2026-06-20, data 10 d old');
  expect(members).toHaveTextContent(/PROC → IT: 2 pushed, up to 18 d/);

  // A row in another team's file cannot be selected in Excel: the pane says where it is instead.
  fireEvent.click(
    within(first).getByRole('button', { name: /^Go to row \d+ of Initiatives in proc\.xlsx \(PROC:INI-1\)$/ }),
  );
  await screen.findByText(/that row is in proc\.xlsx/);
  // The open workbook's own rows still are.
  fireEvent.click(within(list).getByTestId('review-IT:INI-3'));
  await waitFor(() => expect(excel.selection?.sheet).toBe('Initiatives'));

  // Names and keys are in the document settings; the files are not.
  const saved = parseTeamSetup(store.stored);
  expect(saved).toEqual({
    selfKey: 'IT',
    teams: TEAM_FILES.map((name) => ({
      name,
      key: name === 'hub.xlsx' ? 'HUB' : name.replace('.xlsx', '').toUpperCase(),
    })),
  });
});

test('a later session asks for the files again, and a refresh without them reports them as not read', async () => {
  const { base, excel } = excelBase();
  const remembered = [
    { name: 'hub.xlsx', key: 'HUB' },
    { name: 'proc.xlsx', key: 'PROC' },
    { name: 'emea.xlsx', key: 'EMEA' },
  ];
  const store = new MemoryTeamStore(JSON.stringify({ selfKey: 'IT', teams: remembered }));
  renderPane(base, store);
  const bar = () => screen.getByText('Pick these again').closest('.fui-MessageBar') as HTMLElement;
  await screen.findByText('Pick these again');
  expect(bar()).toHaveTextContent('hub.xlsx (HUB), proc.xlsx (PROC), emea.xlsx (EMEA).');
  // Heard as two sentences, the title apart from the body (Fluent's gap after a title is only CSS).
  await waitFor(() => expect(spoken).toContainEqual(expect.stringMatching(/^Pick these again\. hub\.xlsx \(HUB\)/)));

  // Without the hub there are no objectives: the refresh stops, writes nothing, and says which files were not read.
  await waitFor(() => expect(refreshButton()).toBeEnabled());
  fireEvent.click(refreshButton());
  const members = await screen.findByTestId('portfolio-panel', undefined, { timeout: 15_000 });
  expect(within(members).getByTestId('member-HUB')).toHaveTextContent(
    'Not read: not picked in this session: pick hub.xlsx again under Team workbooks…',
  );
  expect(screen.getByText('3 of 4 workbooks not read')).toBeInTheDocument();
  expect(screen.getByText('Nothing was written')).toBeInTheDocument();
  await waitFor(() => expect(spoken).toContainEqual(expect.stringMatching(/^3 of 4 workbooks not read\. hub\.xlsx, /)));
  expect(spoken).toContainEqual(expect.stringMatching(/^Nothing was written\. \S/));
  expect(spoken.filter((m) => /not read[^. ]/.test(m) || /written[^. ]/.test(m))).toEqual([]);
  expect(excel.sheets.map((s) => s.name)).not.toContain('Risks');

  // Picking the hub again brings it back under its saved key; the others are still asked for.
  fireEvent.click(within(bar()).getByRole('button', { name: 'Pick files…' }));
  fireEvent.change(screen.getByLabelText('Team workbook files'), { target: { files: files(['hub.xlsx']) } });
  await waitFor(() => expect(bar()).toHaveTextContent('proc.xlsx (PROC), emea.xlsx (EMEA).'));
  expect(parseTeamSetup(store.stored)).toEqual({ selfKey: 'IT', teams: remembered });
  // Another set of workbooks starts the pane afresh.
  await waitFor(() => expect(screen.queryByText('Nothing was written')).toBeNull());

  // Now the open workbook is refreshed; the members still missing are reported, not fatal.
  await refreshed();
  expect(screen.getByText('2 of 4 workbooks not read')).toBeInTheDocument();
  expect(within(screen.getByTestId('portfolio-panel')).getByTestId('member-PROC')).toHaveTextContent('Not read');
  await waitFor(() => expect(excel.sheets.map((s) => s.name)).toContain('Risks'));
});

test('team keys can be edited, are checked like the Portfolio table’s, and picking the open workbook itself is refused', async () => {
  const { base } = excelBase();
  const store = new MemoryTeamStore();
  renderPane(base, store);
  const toggle = await screen.findByRole('button', { name: 'Team workbooks…' });
  await waitFor(() => expect(toggle).toBeEnabled());
  fireEvent.click(toggle);
  // Without a hub the keys come from the file names.
  fireEvent.change(screen.getByLabelText('Team workbook files'), {
    target: { files: files(['proc.xlsx', 'it.xlsx']) },
  });
  await screen.findByText(/it\.xlsx is the workbook open in Excel/);
  const key = await screen.findByLabelText('proc.xlsx: team key');
  expect(key).toHaveValue('PROC');
  expect(screen.queryByLabelText('it.xlsx: team key')).toBeNull();

  fireEvent.change(key, { target: { value: 'it' } });
  fireEvent.blur(key);
  await screen.findByText("IT is another workbook's key already.");
  fireEvent.change(key, { target: { value: 'pur chase' } });
  fireEvent.keyDown(key, { key: 'Enter' });
  await screen.findByText('Only letters, digits, "-" and "_".');
  fireEvent.change(key, { target: { value: 'buy' } });
  fireEvent.blur(key);
  await waitFor(() => expect(parseTeamSetup(store.stored).teams).toEqual([{ name: 'proc.xlsx', key: 'BUY' }]));
  await waitFor(() => expect(screen.getByLabelText('proc.xlsx: team key')).toHaveValue('BUY'));

  fireEvent.click(screen.getByRole('button', { name: 'Remove proc.xlsx' }));
  await waitFor(() => expect(parseTeamSetup(store.stored).teams).toEqual([]));
  expect(screen.getByRole('button', { name: 'Team workbooks…' })).toBeInTheDocument();
});
