/** @jest-environment jsdom */
// The impact map, the charts and the Changes tab: structure and labels, on the example workbook.
import * as path from 'node:path';
import { act, render, screen, within, fireEvent, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { readFileSync } from 'node:fs';
import { App } from '../../src/apps/pane/App';
import type { PaneHost } from '../../src/apps/pane/host';
import { MemorySettingsStore } from '../../src/io/settings';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { refresh, type RefreshResult } from '../../src/engine';
import { impactMap } from '../../src/engine/map/impact-map';
import { objectivesByHealth, valueByStream } from '../../src/engine/map/breakdown';
import { serialFromDay } from '../../src/engine/parse/values';
import { layoutMap } from '../../src/present/layout';
import { ImpactMapSvg } from '../../src/present/ImpactMapSvg';
import { HealthChart, SlipChart, StreamChart } from '../../src/present/charts';
import { ChangesPanel } from '../../src/apps/pane/components/ChangesPanel';
import { PaneRoot } from '../../src/apps/pane/root';
import { MapPanel } from '../../src/apps/pane/components/MapPanel';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { day, workbook } from '../support/snapshot';

const today = day('2026-06-30');
let example: Uint8Array;
let result: RefreshResult;
beforeAll(async () => {
  example = readFileSync(path.join(__dirname, '../../examples/rollout.xlsx'));
  const port = await XlsxWorkbook.fromBuffer(example);
  result = refresh(await port.read(), { today });
});

const items = () => new Map(result.report.items.map((i) => [i.id, i]));

describe('the impact map', () => {
  test('draws the chain from the late contract to the revenue stream it endangers, with slips on the edges', () => {
    const map = impactMap(items(), result.links, 'INI-1')!;
    const onSelect = jest.fn();
    const { container } = render(<ImpactMapSvg map={map} placed={layoutMap(map)} idPrefix="t" onSelect={onSelect} />);
    const svg = screen.getByRole('group', { name: 'Impact map of INI-1 Sign ERP licence and hosting contract' });
    const drawn = [...svg.querySelectorAll('[data-node]')].map((n) => n.getAttribute('data-node'));
    for (const key of [
      'INI-1',
      'INI-3',
      'INI-4',
      'INI-6',
      'KPI-1',
      'OBJ-5',
      'OBJ-2',
      'OBJ-1',
      'stream:EMEA Subscriptions',
    ])
      expect(drawn).toContain(key);
    const labels = [...container.querySelectorAll('[data-edge] text')].map((t) => t.textContent);
    // Dependency edges carry their slack too (issue 20).
    expect(labels).toEqual(expect.arrayContaining(['+18 d · slack −18', '+51 d · slack −51', '+68 d · slack −68']));
    expect(svg.querySelector('[data-edge="INI-4->INI-6"] text')?.textContent).toBe('+68 d · slack −68');
    expect(svg.querySelector('[data-node="INI-6"]')?.getAttribute('data-health')).toBe('Red');
    // Long names wrap onto a few lines rather than being cut.
    const obj2 = [...svg.querySelectorAll('[data-node="OBJ-2"] text')].map((t) => t.textContent!.trim());
    expect(obj2.join(' ')).toContain(result.report.items.find((i) => i.id === 'OBJ-2')!.name);
    expect(obj2.every((line) => line!.length <= 26)).toBe(true);

    fireEvent.click(
      screen.getByRole('button', { name: /^INI-4 Data migration tooling and dry runs, .*Red health\. Go to its row$/ }),
    );
    expect(onSelect).toHaveBeenCalledWith(
      expect.objectContaining({ key: 'INI-4', target: result.links.cells.get('INI-4') }),
    );
    // The keyboard does what the mouse does.
    const kpi = screen.getByRole('button', { name: /^KPI-1 / });
    kpi.focus();
    fireEvent.keyDown(kpi, { key: 'Enter' });
    expect(onSelect).toHaveBeenLastCalledWith(expect.objectContaining({ key: 'KPI-1' }));
    // Each box's name starts with the words it shows, in the order shown (WCAG 2.5.3); a box that cuts its text names it in full after.
    const words = (text: string) =>
      text
        .toLowerCase()
        .replace(/[^\p{L}\p{N}%+-]+/gu, ' ')
        .trim();
    for (const box of svg.querySelectorAll('[role="button"]')) {
      const lines = [...box.querySelectorAll('text')].map((t) => t.textContent ?? '');
      // The drawn lines read apart, not run together ("billing" "integration", not "billingintegration").
      expect(lines.join('')).toBe(lines.map((l) => l.trim()).join(' '));
      const name = box.getAttribute('aria-label')!;
      expect(words(name).startsWith(words(lines.join('')).replace(/…$/, '').trim())).toBe(true);
      // The tooltip says the same in the same order.
      expect(words(name)).toContain(words(box.querySelector('title')!.textContent!).split(' ').slice(0, 3).join(' '));
    }
    const ini1 = svg.querySelector('[data-node="INI-1"]')!;
    expect(ini1.getAttribute('aria-label')).toMatch(
      /^INI-1 Sign ERP licence and hosting contract, 80% · \+56 d late · [^,]*…, Red health\. In full: INI-1 Sign ERP licence and hosting contract, 80% · \+56 d late · \S+ exposed\. Go to its row$/,
    );
    // Streams are not rows: they are drawn but not buttons.
    expect(screen.queryByRole('button', { name: /EMEA Subscriptions/ })).toBeNull();
  });

  test('focus dims everything off the chain through the chosen node', () => {
    const map = impactMap(items(), result.links, 'INI-1')!;
    const { container } = render(<ImpactMapSvg map={map} placed={layoutMap(map)} idPrefix="t" focus="INI-10" />);
    const opacity = (key: string) => container.querySelector(`[data-node="${key}"]`)!.getAttribute('opacity');
    expect(opacity('INI-10')).toBe('1');
    expect(opacity('INI-4')).toBe('1');
    expect(opacity('OBJ-4')).toBe('1');
    expect(opacity('INI-6')).toBe('0.3');
    expect(opacity('INI-14')).toBe('0.3');
  });

  test('the layout places every node inside the drawing, starts on the left and ends on the right', () => {
    const placed = layoutMap(impactMap(items(), result.links, 'INI-1')!);
    for (const n of placed.nodes) {
      expect(n.x).toBeGreaterThanOrEqual(0);
      expect(n.x + n.width).toBeLessThanOrEqual(placed.width + 0.5);
      expect(n.y + n.height).toBeLessThanOrEqual(placed.height + 0.5);
    }
    const x = (key: string) => placed.nodes.find((n) => n.key === key)!.x;
    expect(x('INI-1')).toBeLessThan(x('INI-3'));
    expect(x('INI-3')).toBeLessThan(x('INI-4'));
    expect(x('OBJ-2')).toBeLessThan(x('stream:EMEA Subscriptions'));
  });
});

describe('the charts', () => {
  test('objectives by health, value at risk by stream and the slip chart carry their figures in words', () => {
    render(
      <>
        <HealthChart counts={objectivesByHealth(result.report.items)} />
        <StreamChart rows={valueByStream(result.report.items, result.links)} />
        <SlipChart trends={result.trends} />
      </>,
    );
    expect(
      screen.getByRole('img', { name: 'Objectives by health: 5 Red, 1 Amber, 1 Green, 0 Grey' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'Value at risk by revenue stream: EMEA Subscriptions 4.5M of 4.5M; APAC Subscriptions 2.8M of 2.8M; Americas Subscriptions 0 of 5.2M',
      }),
    ).toBeInTheDocument();
    const slip = screen.getByRole('img', {
      name: /^Forecast slip of the top slipping initiatives: INI-6 now 68 days late; INI-1 now 56 days late/,
    });
    // INI-1 (second series, squares): the plan at Start (hollow), three check-ins in History (filled) and today's forecast (larger).
    const series = slip.querySelector('[data-series="INI-1"]')!;
    const marks = [...series.querySelectorAll('rect')];
    expect(marks).toHaveLength(5);
    expect(marks.filter((m) => m.getAttribute('fill') === 'none')).toHaveLength(1);
    expect(marks.filter((m) => m.getAttribute('width') === '10')).toHaveLength(1);
    // Each series differs in marker and dash, not in colour alone.
    const lines = [...slip.querySelectorAll('[data-series] polyline')];
    expect(new Set(lines.map((l) => l.getAttribute('stroke-dasharray'))).size).toBe(lines.length);
  });
});

describe('the pane', () => {
  function host(): { host: PaneHost; excel: FakeExcel } {
    const excel = fakeFromXlsx(example);
    return {
      excel,
      host: {
        mode: 'excel',
        port: new OfficeWorkbook(excel.run as unknown as ExcelRun),
        settings: new MemorySettingsStore(),
        today: () => today,
      },
    };
  }
  const renderPane = (h: PaneHost) =>
    render(
      <PaneRoot theme={webLightTheme}>
        <App host={h} />
      </PaneRoot>,
    );
  /** jsdom lays nothing out, so the pane counts as narrow: the map starts as a text chain; this draws it. */
  const drawMap = () => fireEvent.click(screen.getByRole('switch', { name: 'Draw the map' }));
  async function refresh() {
    await waitFor(() => expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled());
    fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
    await waitFor(() => expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled(), { timeout: 10_000 });
    await screen.findByLabelText('Summary');
  }

  test('the Map tab starts from the worst risk, goes to a clicked row, and follows the row selected in the sheet', async () => {
    const { host: h, excel } = host();
    renderPane(h);
    await refresh();
    fireEvent.click(screen.getByRole('tab', { name: 'Map' }));
    expect(await screen.findByRole('group', { name: /^Impact chain of INI-1 / })).toBeInTheDocument();
    drawMap();
    expect(await screen.findByRole('group', { name: /^Impact map of INI-1 / })).toBeInTheDocument();
    fireEvent.click(screen.getByRole('button', { name: /^INI-6 EMEA billing cut-over/ }));
    const cell = result.links.cells.get('INI-6')!;
    await waitFor(() => expect(excel.selection).toEqual({ sheet: cell.sheet, address: cell.cell }));
    expect(screen.getByRole('button', { name: 'Show the whole map' })).toBeInTheDocument();
    // A big map shrinks to the one chain through the clicked node.
    fireEvent.click(screen.getByRole('button', { name: 'Only this chain' }));
    const chain = screen.getByRole('group', { name: /^Impact map of INI-1 / });
    const drawn = [...chain.querySelectorAll('[data-node]')].map((n) => n.getAttribute('data-node'));
    expect(drawn).toEqual(expect.arrayContaining(['INI-1', 'INI-3', 'INI-4', 'INI-6', 'OBJ-5', 'OBJ-2', 'OBJ-1']));
    expect(drawn).not.toContain('INI-14');
    expect(drawn).not.toContain('INI-10');

    // Select a cell on KPI-2's row in the sheet, then map from it.
    const kpi2 = result.links.cells.get('KPI-2')!;
    excel.selection = { sheet: kpi2.sheet, address: kpi2.cell.replace(/^[A-Z]+/, 'E') };
    fireEvent.click(screen.getByRole('button', { name: 'Use the selected row' }));
    expect(
      await screen.findByRole('group', { name: /^Impact map of KPI-2 EMEA days sales outstanding/ }),
    ).toBeInTheDocument();
  });

  test('in a narrow pane the map reads as a text chain, each entry a way to its row', async () => {
    const { host: h, excel } = host();
    renderPane(h);
    await refresh();
    fireEvent.click(screen.getByRole('tab', { name: 'Map' }));
    const chain = await screen.findByRole('group', { name: /^Impact chain of INI-1 / });
    const keys = [...chain.querySelectorAll('[data-chain-node]')].map((n) => n.getAttribute('data-chain-node'));
    expect(keys[0]).toBe('INI-1');
    expect(keys).toEqual(
      expect.arrayContaining(['INI-3', 'INI-4', 'INI-6', 'OBJ-2', 'OBJ-1', 'stream:EMEA Subscriptions']),
    );
    // Upstream before downstream, the work before the objectives it reaches.
    expect(keys.indexOf('INI-3')).toBeLessThan(keys.indexOf('INI-4'));
    expect(keys.indexOf('INI-4')).toBeLessThan(keys.indexOf('INI-6'));
    expect(keys.indexOf('INI-6')).toBeLessThan(keys.indexOf('OBJ-1'));
    expect(within(chain).getByText('waits on INI-4 (+68 d · slack −68)')).toBeInTheDocument();
    fireEvent.click(within(chain).getByRole('button', { name: /^Red INI-6 EMEA billing cut-over/ }));
    const cell = result.links.cells.get('INI-6')!;
    await waitFor(() => expect(excel.selection).toEqual({ sheet: cell.sheet, address: cell.cell }));
  });

  test('the map follows the rows the user selects in the sheet, unless the row is already on it', async () => {
    const { host: h, excel } = host();
    renderPane(h);
    await refresh();
    fireEvent.click(screen.getByRole('tab', { name: 'Map' }));
    drawMap();
    await screen.findByRole('group', { name: /^Impact map of INI-1 / });
    await waitFor(() => expect(excel.selectionHandlers.length).toBe(1));
    expect(screen.getByRole('switch', { name: 'Follow the selection' })).toBeChecked();
    // INI-6 is on INI-1's map: the map stays.
    const ini6 = result.links.cells.get('INI-6')!;
    await act(() => excel.userSelects(ini6.sheet, ini6.cell));
    expect(screen.getByRole('group', { name: /^Impact map of INI-1 / })).toBeInTheDocument();
    // KPI-2 is not: the map starts from it.
    const kpi2 = result.links.cells.get('KPI-2')!;
    await act(() => excel.userSelects(kpi2.sheet, kpi2.cell.replace(/^[A-Z]+/, 'C')));
    expect(await screen.findByRole('group', { name: /^Impact map of KPI-2 / })).toBeInTheDocument();
    // Switched off, the selection no longer moves the map.
    fireEvent.click(screen.getByRole('switch', { name: 'Follow the selection' }));
    const ini2 = result.links.cells.get('INI-2')!;
    await act(() => excel.userSelects(ini2.sheet, ini2.cell));
    expect(screen.getByRole('group', { name: /^Impact map of KPI-2 / })).toBeInTheDocument();
  });

  test('a review entry becomes the map start', async () => {
    const { host: h } = host();
    renderPane(h);
    await refresh();
    fireEvent.click(await screen.findByTestId('review-INI-3'));
    fireEvent.click(screen.getByRole('tab', { name: 'Map' }));
    expect(await screen.findByRole('group', { name: /^Impact chain of INI-3 / })).toBeInTheDocument();
  });

  test('refresh, edit, refresh: the Changes tab says which forecast moved and by how much', async () => {
    const { host: h, excel } = host();
    renderPane(h);
    await refresh();
    fireEvent.click(screen.getByRole('tab', { name: 'Changes' }));
    expect(screen.getByText(/This is the first refresh this workbook remembers/)).toBeInTheDocument();

    // The contract slips a further 30 days: 2026-07-10 becomes 2026-08-09.
    const sheet = excel.sheet('Initiatives')!;
    const forecastAt = [...sheet.cells]
      .find(([, c]) => c.value === 'Forecast Finish')![0]
      .split(',')
      .map(Number);
    const ini1At = [...sheet.cells]
      .find(([, c]) => c.value === 'INI-1')![0]
      .split(',')
      .map(Number);
    sheet.cells.set(`${ini1At[0]},${forecastAt[1]}`, { value: serialFromDay(day('2026-08-09'), false) });
    await refresh();
    const entry = await screen.findByTestId('change-INI-1');
    expect(entry).toHaveTextContent('INI-1 · Sign ERP licence and hosting contract');
    expect(entry).toHaveTextContent('forecast +30 d (2026-07-10 → 2026-08-09)');
    expect(screen.getByText(/^Got worse/)).toBeInTheDocument();
    expect(excel.sheet('Risks')).toBeDefined();
    // Two refreshes in jsdom: past the 5 s default on a busy machine.
  }, 20_000);

  test('the Charts tab shows the three charts and offers the report', async () => {
    const { host: h } = host();
    renderPane(h);
    await refresh();
    fireEvent.click(screen.getByRole('tab', { name: 'Charts' }));
    expect(screen.getByRole('img', { name: /^Objectives by health: 5 Red/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^Value at risk by revenue stream/ })).toBeInTheDocument();
    expect(screen.getByRole('img', { name: /^Forecast slip/ })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download status report (HTML)' })).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download board pack (PowerPoint)' })).toBeInTheDocument();
  });
});

test('the Changes tab lists 100 entries a group and points to the Risks sheet for the rest', () => {
  const changes = {
    since: '2026-06-23',
    at: '2026-06-30',
    changes: Array.from({ length: 130 }, (_, i) => ({
      id: `X-${i}`,
      kind: 'initiative' as const,
      name: `Item ${i}`,
      owner: null,
      sheet: 'Initiatives',
      row: i + 2,
      from: 'Green' as const,
      to: 'Amber' as const,
      progressFrom: null,
      progressTo: null,
      forecastFrom: null,
      forecastTo: null,
      forecastDays: null,
      direction: 'worse' as const,
      severity: 'warn' as const,
      cause: 'data' as const,
      summary: 'Green → Amber',
    })),
  };
  render(
    <FluentProvider theme={webLightTheme}>
      <ChangesPanel
        changes={changes}
        targetOf={() => ({ sheet: 'Initiatives', cell: 'A2' })}
        onSelect={() => undefined}
      />
    </FluentProvider>,
  );
  expect(screen.getAllByTestId(/^change-/)).toHaveLength(100);
  expect(screen.getByText('and 30 more: the Risks sheet lists every one.')).toBeInTheDocument();
  expect(screen.getByText('Got worse (130)')).toBeInTheDocument();
});

test('a big map folds its far end into one box that opens when clicked', () => {
  const downstream = Array.from({ length: 25 }, (_, i) => `D${i + 1}`);
  const wb = workbook({
    objectives: [['O1', 'Grow', null, 'Dana', 1, 1_000_000, 'Subscriptions']],
    initiatives: [
      ['P0', 'Contract', 'O1', '2026-01-01', '2026-07-01', '2026-07-25', 0.5, 'Green', '2026-06-20', 1],
      ...downstream.map((id) => [
        id,
        `Work ${id}`,
        'O1',
        '2026-07-01',
        '2026-12-31',
        null,
        0,
        'Green',
        '2026-06-20',
        1,
      ]),
    ],
    dependencies: downstream.map((id) => ['P0', id, 0]),
    settings: [['As Of', '2026-06-30']],
  });
  const r = refresh(wb, { today });
  render(
    <FluentProvider theme={webLightTheme}>
      <MapPanel report={r.report} links={r.links} start="P0" onStart={() => undefined} onSelect={() => undefined} />
    </FluentProvider>,
  );
  fireEvent.click(screen.getByRole('switch', { name: 'Draw the map' }));
  const drawn = () =>
    [...screen.getByRole('group', { name: /^Impact map of P0 / }).querySelectorAll('[data-node^="D"]')].length;
  expect(drawn()).toBe(20);
  fireEvent.click(screen.getByRole('button', { name: 'Show +5 more downstream' }));
  expect(drawn()).toBe(25);
  expect(screen.getByRole('switch', { name: 'Everything downstream' })).toBeChecked();
});

test('the preview picks a cell by keyboard: arrows move a marked cell inside the focusable frame, Enter picks it', async () => {
  const { SheetPreview } = jest.requireActual(
    '../../src/apps/pane/page/SheetPreview',
  ) as typeof import('../../src/apps/pane/page/SheetPreview');
  const spoken: string[] = [];
  (document as unknown as { ariaNotify: (m: string) => void }).ariaNotify = (m: string) => spoken.push(m);
  const cell = (text: string) => ({ text, fill: null, colour: null });
  const sheets = [
    {
      name: 'Initiatives',
      hidden: false,
      totalRows: 3,
      rows: [
        [cell('ID'), cell('Name')],
        [cell('INI-1'), cell('Sign contract')],
        [cell('INI-2'), cell('')],
      ],
    },
  ];
  const onPick = jest.fn();
  render(
    <PaneRoot theme={webLightTheme}>
      <SheetPreview
        sheets={sheets}
        active="Initiatives"
        highlight={null}
        onActivate={() => undefined}
        onPick={onPick}
      />
    </PaneRoot>,
  );
  const frame = screen.getByRole('region', { name: 'Sheet Initiatives, scrollable' });
  expect(frame).toHaveAttribute('tabindex', '0');
  expect(frame).toHaveAccessibleDescription(/arrow keys move between cells and Enter picks one/);
  const marked = () => [...frame.querySelectorAll('td[data-cursor]')].map((td) => td.textContent);
  frame.focus();
  // The first arrow lands on A1; then down and right.
  fireEvent.keyDown(frame, { key: 'ArrowDown' });
  expect(marked()).toEqual(['ID']);
  fireEvent.keyDown(frame, { key: 'ArrowDown' });
  fireEvent.keyDown(frame, { key: 'ArrowRight' });
  fireEvent.keyDown(frame, { key: 'ArrowRight' });
  expect(marked()).toEqual(['Sign contract']);
  await waitFor(() => expect(spoken).toContain('B2: Sign contract'));
  fireEvent.keyDown(frame, { key: 'Enter' });
  expect(onPick).toHaveBeenLastCalledWith({ sheet: 'Initiatives', cell: 'B2' });
  fireEvent.keyDown(frame, { key: 'ArrowDown' });
  await waitFor(() => expect(spoken).toContain('B3: empty'));
  fireEvent.keyDown(frame, { key: ' ' });
  expect(onPick).toHaveBeenLastCalledWith({ sheet: 'Initiatives', cell: 'B3' });
  fireEvent.keyDown(frame, { key: 'Home', ctrlKey: true });
  expect(marked()).toEqual(['ID']);
  // Focus stays on the frame throughout, and other keys are left alone.
  expect(document.activeElement).toBe(frame);
  fireEvent.keyDown(frame, { key: 'a' });
  expect(onPick).toHaveBeenCalledTimes(2);
  // A click picks too, and moves the keyboard's cell there.
  fireEvent.click(within(frame).getByText('INI-2'));
  expect(onPick).toHaveBeenLastCalledWith({ sheet: 'Initiatives', cell: 'A3' });
  expect(marked()).toEqual(['INI-2']);
});
