/** @jest-environment jsdom */
// The task pane with @testing-library/react, on the in-memory Excel fake holding the example.
import * as path from 'node:path';
import { act, render, screen, within, fireEvent, waitFor } from '@testing-library/react';
import { webLightTheme } from '@fluentui/react-components';
import { readFileSync } from 'node:fs';
import { App } from '../../src/apps/pane/App';
import type { PaneHost } from '../../src/apps/pane/host';
import { PaneRoot } from '../../src/apps/pane/root';
import { MemorySettingsStore, EMPTY_SETTINGS } from '../../src/io/settings';
import { numberFormatReader } from '../../src/apps/pane/excel/office-format';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import type { WorkbookPort } from '../../src/io/port';
import { PartialWriteError } from '../../src/io/errors';
import type { WorkbookSnapshot } from '../../src/engine/types';
import { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { day } from '../support/snapshot';

let example: Uint8Array;
beforeAll(async () => {
  example = readFileSync(path.join(__dirname, '../../examples/rollout.xlsx'));
});

/** What the pane's one live region was asked to say (Fluent uses document.ariaNotify where the browser has it). */
let spoken: string[];
beforeEach(() => {
  spoken = [];
  (document as unknown as { ariaNotify: (m: string) => void }).ariaNotify = (m: string) => spoken.push(m);
});

function host(over: Partial<PaneHost> = {}): { host: PaneHost; excel: FakeExcel } {
  const excel = fakeFromXlsx(example);
  const run = excel.run as unknown as ExcelRun;
  return {
    excel,
    host: {
      mode: 'excel',
      port: new OfficeWorkbook(run),
      settings: new MemorySettingsStore(),
      today: () => day('2026-06-30'),
      locale: 'en-US',
      numberFormat: numberFormatReader(run),
      ...over,
    },
  };
}

const renderPane = (h: PaneHost) =>
  render(
    <PaneRoot theme={webLightTheme}>
      <App host={h} />
    </PaneRoot>,
  );

const refreshButton = () => screen.getByRole('button', { name: /^Refresh(ing…)?$/ });

async function refreshed() {
  await waitFor(() => expect(refreshButton()).toBeEnabled());
  fireEvent.click(refreshButton());
  await screen.findByLabelText('Summary', undefined, { timeout: 10_000 });
  await waitFor(() => expect(refreshButton()).toHaveAccessibleName('Refresh'));
}

test('Refresh shows the summary in the workbook’s currency, the top risks, and writes to the workbook', async () => {
  const { host: h, excel } = host();
  renderPane(h);
  expect(screen.getByText(/Press/)).toBeInTheDocument();
  await refreshed();
  const summary = screen.getByLabelText('Summary');
  expect(within(summary).getByRole('button', { name: '5 Red' })).toBeInTheDocument();
  // The Value at Stake column is formatted $#,##0: one compact style, the exact figure on hover and for screen readers.
  const atStake = within(summary).getByText('$12.5M');
  expect(atStake).toHaveAttribute('title', '$12,500,000');
  expect(atStake).toHaveTextContent('$12.5M ($12,500,000)');
  expect(within(summary).getByText('$7.3M')).toBeInTheDocument();
  expect(screen.getByText('As of 2026-06-30')).toBeInTheDocument();
  expect(excel.sheet('Risks')).toBeDefined();

  const top = screen.getByRole('region', { name: 'Top risks' });
  const first = within(top).getAllByRole('listitem')[0];
  expect(first).toHaveAttribute('data-testid', 'top-risk-INI-1');
  expect(first).toHaveTextContent('INI-1 · Sign ERP licence and hosting contract');
  expect(first).toHaveTextContent('M. Okafor · Reported Green, computed Red · 56 d late');
  expect(first).toHaveTextContent('$7.3M');
  expect(first).toHaveTextContent('exposed · reaches OBJ-1, OBJ-2, OBJ-4 +2');
  const chase = within(first).getByRole('link', { name: 'Chase owner M. Okafor about INI-1' });
  expect(chase.getAttribute('href')).toMatch(
    /^mailto:\?subject=Throughline%20review%20as%20of%202026-06-30%3A%20INI-1/,
  );
  fireEvent.click(within(first).getByRole('button', { name: /^Go to row \d+ of Initiatives \(INI-1\)$/ }));
  const cell = excel.sheet('Initiatives')!;
  await waitFor(() => expect(excel.selection?.sheet).toBe(cell.name));
});

test('a health count lists those objectives with owner, progress against expected, due and last check-in', async () => {
  const { host: h, excel } = host();
  renderPane(h);
  await refreshed();
  fireEvent.click(screen.getByRole('button', { name: '5 Red' }));
  expect(screen.getByRole('button', { name: '5 Red' })).toHaveAttribute('aria-pressed', 'true');
  const list = screen.getByRole('region', { name: 'Red objectives (5)' });
  const entries = within(list).getAllByRole('listitem');
  expect(entries).toHaveLength(5);
  const obj2 = within(list).getByTestId('objective-OBJ-2');
  expect(obj2).toHaveTextContent(/L\. Moreau · progress \d+(\.\d)?% vs \d+(\.\d)?% expected/);
  expect(obj2).toHaveTextContent(/Due \d{4}-\d\d-\d\d · last check-in \d{4}-\d\d-\d\d/);
  fireEvent.click(obj2);
  await waitFor(() => expect(excel.selection?.sheet).toBe('Objectives'));
  // Closed by keyboard, focus goes back to the health count that opened the list.
  const close = within(list).getByRole('button', { name: 'Close' });
  close.focus();
  fireEvent.click(close);
  expect(screen.queryByRole('region', { name: /objectives \(/ })).toBeNull();
  expect(document.activeElement).toBe(screen.getByRole('button', { name: '5 Red' }));
  expect(screen.getByRole('button', { name: '5 Red' })).toHaveAttribute('aria-pressed', 'false');
});

test('a summary card takes the user to the review list it filters: in view, focused and announced', async () => {
  const { host: h } = host();
  renderPane(h);
  await refreshed();
  // From another tab, as a user at pane width would be, far below the cards.
  fireEvent.click(screen.getByRole('tab', { name: 'Owners' }));
  const scrolled: Element[] = [];
  const scrollIntoView = jest.fn(function (this: Element) {
    scrolled.push(this);
  });
  Element.prototype.scrollIntoView = scrollIntoView;
  try {
    const card = screen.getByTestId('card-stale');
    card.focus();
    fireEvent.click(card);
    const list = await screen.findByRole('region', { name: 'Review list' });
    expect(screen.getByRole('tab', { name: 'Review' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.getByTestId('filter-stale')).toHaveAttribute('aria-pressed', 'true');
    await waitFor(() => expect(document.activeElement).toBe(list));
    expect(scrolled).toEqual([list]);
    const count = within(list).getAllByTestId(/^review-/).length;
    expect(spoken).toContain(`Review list: Stale or undated, ${count} entries.`);
    // Tab goes on from the list into its filters.
    expect(list).toHaveAttribute('tabindex', '-1');
    fireEvent.click(screen.getByTestId('card-all'));
    await waitFor(() => expect(scrolled).toHaveLength(2));
    expect(document.activeElement).toBe(screen.getByRole('region', { name: 'Review list' }));
  } finally {
    delete (Element.prototype as Partial<Element>).scrollIntoView;
  }
});

test('the review list has one entry per item, its counts agree with the cards, and filters and search narrow it', async () => {
  const { host: h, excel } = host();
  renderPane(h);
  await refreshed();
  const list = screen.getByRole('region', { name: 'Review list' });
  const entries = within(list).getAllByTestId(/^review-/);
  const ids = entries.map((e) => e.getAttribute('data-testid'));
  expect(new Set(ids).size).toBe(ids.length);
  expect(ids[0]).toBe('review-INI-1');
  expect(entries[0]).toHaveTextContent('Reported Green');
  expect(entries[0]).toHaveTextContent('56 d late');
  expect(entries[0]).toHaveTextContent(/Stale \d+ d/);
  expect(entries[0]).toHaveTextContent('M. Okafor · $7.3M');
  expect(within(list).getByTestId('review-INI-3')).toHaveTextContent('Waits on INI-1');

  // The cards count what the filters show.
  const toReview = screen.getByTestId('card-all');
  expect(toReview).toHaveTextContent(`To review${entries.length}`);
  expect(screen.getByTestId('filter-all')).toHaveTextContent(`All ${entries.length}`);
  fireEvent.click(screen.getByTestId('card-stale'));
  expect(screen.getByTestId('filter-stale')).toHaveAttribute('aria-pressed', 'true');
  const stale = within(list).getAllByTestId(/^review-/);
  expect(screen.getByTestId('card-stale')).toHaveTextContent(`Stale or undated${stale.length}`);
  expect(stale.map((e) => e.getAttribute('data-testid'))).toEqual(
    expect.arrayContaining(['review-INI-1', 'review-KPI-4']),
  );

  // Sanitized is a filter like the others, never folded away.
  fireEvent.click(screen.getByTestId('filter-sanitized'));
  expect(within(list).getByTestId('review-INI-9')).toHaveTextContent('Exactly on plan');
  fireEvent.click(screen.getByTestId('filter-all'));
  fireEvent.change(screen.getByRole('searchbox', { name: 'Search the review list' }), { target: { value: 'okafor' } });
  expect(
    within(list)
      .getAllByTestId(/^review-/)
      .map((e) => e.getAttribute('data-testid')),
  ).toEqual(['review-INI-1', 'review-INI-2']);

  fireEvent.click(within(list).getByTestId('review-INI-2'));
  await waitFor(() =>
    expect(excel.selection).toEqual({ sheet: 'Initiatives', address: expect.stringMatching(/^A\d+$/) }),
  );
});

test('a large workbook draws 100 entries at a time and never more than 500', async () => {
  const { reviewModel } = jest.requireActual(
    '../../src/apps/pane/review',
  ) as typeof import('../../src/apps/pane/review');
  const { ReviewList } = jest.requireActual(
    '../../src/apps/pane/components/ReviewList',
  ) as typeof import('../../src/apps/pane/components/ReviewList');
  const items = Array.from({ length: 2_000 }, (_, i) => ({
    id: `I${i}`,
    kind: 'initiative' as const,
    name: `Initiative ${i}`,
    sheet: 'Initiatives',
    row: i + 2,
    health: 'Red' as const,
    ownHealth: 'Red' as const,
    reportedStatus: 'Green' as const,
    progress: 0.2,
    expected: 0.5,
    forecastFinish: null,
    slipDays: 3,
    confidence: null,
    flags: [{ code: 'stale' as const, severity: 'warn' as const, message: 'stale' }],
    drivers: ['behind'],
    impact: { objectives: ['O1'], revenueStreams: [], valueExposed: i },
    owner: `Owner ${i % 7}`,
    baseline: null,
    slipVsBaselineDays: null,
    forecastHistory: [],
  }));
  const report = {
    asOf: '2026-06-30',
    summary: {} as never,
    items,
    whatIf: [],
    errors: [],
    baseline: null,
    removed: [],
    dependencies: [],
  };
  const empty = {
    serves: new Map(),
    downstreamsOf: new Map(),
    pushed: new Map(),
    objectives: new Map(),
    cells: new Map(),
    dates: new Map(),
    waitsOn: new Map(),
  };
  const model = reviewModel(report, empty);
  render(
    <PaneRoot theme={webLightTheme}>
      <ReviewList model={model} filter="all" onFilter={() => undefined} onSelect={() => undefined} />
    </PaneRoot>,
  );
  expect(screen.getAllByTestId(/^review-/)).toHaveLength(100);
  expect(screen.getByTestId('review-I1999')).toBeInTheDocument();
  expect(screen.getByText('Showing 100 of 2000.')).toBeInTheDocument();
  for (let i = 0; i < 4; i++) fireEvent.click(screen.getByRole('button', { name: 'Show 100 more' }));
  expect(screen.getAllByTestId(/^review-/)).toHaveLength(500);
  expect(screen.queryByRole('button', { name: /^Show \d+ more$/ })).toBeNull();
  expect(screen.getByText(/Narrow the list with a filter or the search/)).toBeInTheDocument();
});

test('one live region says when a refresh starts, each stage, and the headline at the end', async () => {
  const { host: h } = host();
  renderPane(h);
  await refreshed();
  await waitFor(() => expect(spoken).toContain('Refresh done: 5 Red, $7.3M at risk, 18 to review.'));
  expect(spoken[0]).toBe('Refresh started: reading the workbook.');
  expect(spoken).toEqual(
    expect.arrayContaining([
      'Computing health, dependencies and flags.',
      'Writing computed columns and the Risks sheet.',
    ]),
  );
  // Fluent's announcer region is the only live region on the page.
  const regions = document.querySelectorAll('[aria-live], [role="status"], [role="alert"], [role="log"]');
  expect(regions).toHaveLength(1);
  expect(regions[0]).toHaveAttribute('data-tabster-never-hide');
});

test('a failure is shown and announced, and says that nothing was written', async () => {
  const broken: WorkbookPort = {
    read: () => Promise.reject(new Error('The workbook is busy.')),
    apply: () => Promise.resolve(),
  };
  renderPane({ ...host().host, port: broken });
  await waitFor(() => expect(refreshButton()).toBeEnabled());
  fireEvent.click(refreshButton());
  expect(await screen.findByText('Refresh failed')).toBeInTheDocument();
  expect(screen.getByText(/The workbook is busy\. Nothing was written\./)).toBeInTheDocument();
  // Heard as "Refresh failed. The workbook is busy…", the title a sentence of its own.
  await waitFor(() => expect(spoken).toContain('Refresh failed. The workbook is busy. Nothing was written.'));
});

test('a write Excel refused part-way says what was written, and never that nothing was', async () => {
  const { host: h } = host();
  const real = h.port!;
  const partial: WorkbookPort = {
    read: () => real.read(),
    apply: () =>
      Promise.reject(
        new PartialWriteError(
          3,
          4,
          ['computed columns of KPIs (sheet KPIs), rows 2–41'],
          new Error('GeneralException'),
        ),
      ),
  };
  renderPane({ ...h, port: partial });
  await waitFor(() => expect(refreshButton()).toBeEnabled());
  fireEvent.click(refreshButton());
  expect(await screen.findByText('Refresh failed')).toBeInTheDocument();
  expect(screen.getByText(/Excel refused part 3 of 4 of the write/)).toBeInTheDocument();
  expect(screen.getByText(/Written before it: computed columns of KPIs/)).toBeInTheDocument();
  expect(screen.queryByText(/Nothing was written/)).toBeNull();
  await waitFor(() => expect(spoken.some((m) => m.startsWith('Refresh failed. Excel refused part 3'))).toBe(true));
  expect(spoken.join(' ')).not.toMatch(/Nothing was written/);
});

test('Refresh keeps focus while it runs, and Cancel stops it before anything is written', async () => {
  const { host: h, excel } = host();
  const port = h.port!;
  let release: () => void = () => undefined;
  const slow: WorkbookPort = {
    read: async (): Promise<WorkbookSnapshot> => {
      const snapshot = await port.read();
      await new Promise<void>((resolve) => (release = resolve));
      return snapshot;
    },
    apply: (plan) => port.apply(plan),
  };
  renderPane({ ...h, port: slow });
  await waitFor(() => expect(refreshButton()).toBeEnabled());
  const button = refreshButton();
  button.focus();
  fireEvent.click(button);
  await screen.findByRole('button', { name: 'Refreshing…' });
  // Focusable but not pressable while it runs: keyboard users keep their place.
  expect(button).toHaveAttribute('aria-disabled', 'true');
  expect(button).not.toBeDisabled();
  expect(document.activeElement).toBe(button);
  expect(screen.getByRole('progressbar', { name: 'Refresh progress' })).toBeInTheDocument();
  const writes = excel.writes;
  // By keyboard: Tab to Cancel and press it; Cancel goes away, and focus goes back to Refresh, not to the page.
  const cancel = screen.getByRole('button', { name: 'Cancel' });
  cancel.focus();
  fireEvent.click(cancel);
  await act(async () => release());
  expect(await screen.findByText('The refresh was cancelled. Nothing was written.')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
  expect(excel.writes).toBe(writes);
  // Said once (by its message bar), not once by the pane and again by the bar.
  await waitFor(() => expect(spoken).toContain('The refresh was cancelled. Nothing was written.'));
  expect(spoken.filter((s) => s.includes('The refresh was cancelled'))).toHaveLength(1);
  expect(document.activeElement).toBe(button);
  expect(button).toHaveAccessibleName('Refresh');
});

test('settings: where they are kept, the values in use as placeholders, invalid values never put in force', async () => {
  const store = new MemorySettingsStore({ ...EMPTY_SETTINGS, graceDays: '5' });
  const { host: h } = host({ settings: store });
  renderPane(h);
  fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
  expect(await screen.findByDisplayValue('5')).toBeInTheDocument();
  expect(screen.getByText(/Saved inside this workbook \(Office document settings\)/)).toBeInTheDocument();
  expect(screen.getByLabelText(/^Green at/)).toHaveAttribute('placeholder', '95');
  expect(
    screen.getByText("Empty: 95 from the default, unless the workbook's Settings table sets it"),
  ).toBeInTheDocument();

  fireEvent.change(screen.getByLabelText(/^Amber at/), { target: { value: '250' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
  expect(await screen.findByText('A percentage between 1 and 100.')).toBeInTheDocument();
  expect(screen.getByText(/Nothing was saved/)).toBeInTheDocument();
  // No success notice beside the error, the store is untouched, and a refresh still runs on the settings in force.
  expect(screen.queryByText(/Settings saved/)).toBeNull();
  expect((await store.load()).amberThreshold).toBe('');
  await waitFor(() => expect(spoken).toContain('Settings not saved: Amber at (%): A percentage between 1 and 100.'));
  await refreshed();
  expect(screen.queryByText('Refresh failed')).toBeNull();

  fireEvent.change(screen.getByLabelText(/^Amber at/), { target: { value: '' } });
  fireEvent.change(screen.getByLabelText(/^Green at/), { target: { value: '90' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
  expect(await screen.findByText('Settings saved in this workbook. Refresh to apply them.')).toBeInTheDocument();
  expect((await store.load()).greenThreshold).toBe('90');
});

test('in the browser page the settings say they last while the file is open', async () => {
  renderPane({ ...host().host, mode: 'file' });
  fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
  expect(
    await screen.findByText(
      /Kept on this page while this file is open; they are not saved into the downloaded workbook/,
    ),
  ).toBeInTheDocument();
});

test('an as-of date from the settings reaches the refresh', async () => {
  const { host: h } = host({ settings: new MemorySettingsStore({ ...EMPTY_SETTINGS, asOf: '2026-03-31' }) });
  renderPane(h);
  await refreshed();
  expect(screen.getByText('As of 2026-03-31')).toBeInTheDocument();
});

test('loosening a threshold shows in Changes as the settings’ doing, not as improvement', async () => {
  const store = new MemorySettingsStore();
  const { host: h } = host({ settings: store });
  renderPane(h);
  await refreshed();
  fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
  fireEvent.change(screen.getByLabelText(/^Green at/), { target: { value: '50' } });
  fireEvent.change(screen.getByLabelText(/^Amber at/), { target: { value: '40' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
  await screen.findByText(/Settings saved in this workbook/);
  await refreshed();
  fireEvent.click(screen.getByRole('tab', { name: 'Changes' }));
  expect(await screen.findByTestId('settings-moved')).toHaveTextContent(
    'The settings changed since then: Green threshold 95% → 50%; Amber threshold 80% → 40%.',
  );
  expect(screen.getByText(/^Changed by the settings \(\d+\)$/)).toBeInTheDocument();
  expect(screen.queryByText(/^Recovered or improved/)).toBeNull();
});

test('a workbook without Throughline tables says what is missing and that nothing was written', async () => {
  const excel = new FakeExcel();
  excel.addTable('Sheet1', 'Table1', ['A'], [[1]]);
  renderPane({ ...host().host, port: new OfficeWorkbook(excel.run as unknown as ExcelRun) });
  await waitFor(() => expect(refreshButton()).toBeEnabled());
  fireEvent.click(refreshButton());
  expect(await screen.findByText('Nothing was written')).toBeInTheDocument();
  expect(screen.getByText(/Objectives table or sheet/)).toBeInTheDocument();
  await waitFor(() =>
    expect(spoken).toContainEqual(expect.stringMatching(/^Nothing was written\. .*Objectives table or sheet/)),
  );
  expect(excel.writes).toBe(0);
});

test('what-if reports the objectives a delay would change, in the pane’s money style', async () => {
  const { host: h, excel } = host();
  renderPane(h);
  await refreshed();
  const writes = excel.writes;
  fireEvent.click(screen.getByRole('tab', { name: 'What-if' }));
  fireEvent.change(screen.getByLabelText('Item'), { target: { value: 'INI-7' } });
  fireEvent.change(screen.getByLabelText('Delay (days)'), { target: { value: '42' } });
  fireEvent.click(screen.getByRole('button', { name: 'Run what-if' }));
  const text = 'A 42-day slip of INI-7 turns OBJ-3 Green → Amber; $5.2M ($5,200,000) newly at risk.';
  expect(await screen.findByTestId('what-if-outcome')).toHaveTextContent(text);
  expect(spoken).toContain(text);
  expect(excel.writes).toBe(writes);
});

test('get started offers starter sheets and the example, and reports what happened', async () => {
  const createStarterSheets = jest.fn(() => Promise.resolve());
  const insertExample = jest.fn(() => Promise.reject(new Error('This workbook already has "KPIs".')));
  renderPane({ ...host().host, createStarterSheets, insertExample });
  fireEvent.click(screen.getAllByRole('button', { name: 'Create starter sheets' })[0]);
  expect(await screen.findByText(/Starter sheets created/)).toBeInTheDocument();
  fireEvent.click(screen.getAllByRole('button', { name: 'Insert example' })[0]);
  expect(await screen.findByText(/already has "KPIs"/)).toBeInTheDocument();
  expect(createStarterSheets).toHaveBeenCalledTimes(1);
});

test('in the browser page, starter sheets and the example ask before they take the place of the open workbook or portfolio', async () => {
  const createStarterSheets = jest.fn(() => Promise.resolve());
  const insertExample = jest.fn(() => Promise.resolve());
  const { unmount } = renderPane({
    ...host().host,
    mode: 'file',
    createStarterSheets,
    insertExample,
    replaces: 'budget.xlsx',
  });
  const section = screen.getAllByRole('region', { name: 'Get started' })[0];
  expect(section).toHaveTextContent('Press Refresh to check this workbook.');
  expect(section).toHaveTextContent('takes the place of budget.xlsx');
  const starter = within(section).getByRole('button', { name: 'Create starter sheets' });
  starter.focus();
  fireEvent.click(starter);
  const ask = await screen.findByRole('alertdialog', { name: 'Open empty starter sheets?' });
  expect(ask).toHaveAccessibleDescription(/in place of budget\.xlsx/);
  // Cancel is the default: first in the dialog, where Fluent puts focus (checked in the browser test), so Enter keeps what is open.
  const cancel = within(ask).getByRole('button', { name: 'Cancel' });
  expect(within(ask).getAllByRole('button')[0]).toBe(cancel);
  fireEvent.click(cancel);
  await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
  expect(createStarterSheets).not.toHaveBeenCalled();

  fireEvent.click(within(section).getByRole('button', { name: 'Insert example' }));
  fireEvent.click(
    within(await screen.findByRole('alertdialog', { name: 'Open the worked example?' })).getByRole('button', {
      name: 'Open the example',
    }),
  );
  await waitFor(() => expect(insertExample).toHaveBeenCalledTimes(1));
  expect(createStarterSheets).not.toHaveBeenCalled();
  unmount();

  // With a portfolio open, the words speak of the open workbooks, not of one plain workbook.
  const merge = () => null;
  renderPane({
    ...host().host,
    mode: 'file',
    createStarterSheets,
    insertExample,
    replaces: 'the 6 workbooks of the open portfolio',
    portfolio: { merge, home: null },
  });
  const text = screen.getAllByRole('region', { name: 'Get started' })[0];
  expect(text).toHaveTextContent('Press Refresh to check the open workbooks together, as one portfolio.');
  expect(text).not.toHaveTextContent('check this workbook');
  expect(text).not.toHaveTextContent('a blank workbook');
});

test("the pane follows Office's dark and light themes", () => {
  const { themeFor } = jest.requireActual('../../src/apps/pane/theme');
  const { themeKindOf } = jest.requireActual('../../src/apps/pane/root');
  const { webDarkTheme } = jest.requireActual('@fluentui/react-components');
  expect(themeFor({ bodyBackgroundColor: '#1f1f1f' })).toBe(webDarkTheme);
  expect(themeFor({ bodyBackgroundColor: '#ffffff' })).toBe(webLightTheme);
  expect(themeFor(undefined)).toBe(webLightTheme);
  expect(themeKindOf(webDarkTheme)).toBe('dark');
  expect(themeKindOf(webLightTheme)).toBe('light');
});

test('the Owners tab prepares an e-mail per owner to chase', async () => {
  const { host: h } = host();
  renderPane(h);
  await refreshed();
  fireEvent.click(screen.getByRole('tab', { name: 'Owners' }));
  const link = await screen.findByRole('link', { name: 'E-mail M. Okafor' });
  expect(link.getAttribute('href')).toMatch(/^mailto:\?subject=Throughline%20review%20as%20of%202026-06-30/);
  expect(screen.getByText(/INI-1 · Sign ERP licence and hosting contract: a current figure/)).toBeInTheDocument();
});
