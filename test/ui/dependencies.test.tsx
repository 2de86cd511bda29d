/** @jest-environment jsdom */
// The Dependencies view on the example workbook: links worst first (Red, then least slack, then value),
// both owners, the slack, the promise, and Go to row landing on the link's row.
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { webLightTheme } from '@fluentui/react-components';
import { refresh, type DependencyReport, type RefreshResult } from '../../src/engine';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { dependencyRows } from '../../src/apps/pane/dependencies';
import { promiseText, slackText } from '../../src/present/link-text';
import { DependenciesPanel } from '../../src/apps/pane/components/DependenciesPanel';
import { App } from '../../src/apps/pane/App';
import { PaneRoot } from '../../src/apps/pane/root';
import { MemorySettingsStore } from '../../src/io/settings';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { day } from '../support/snapshot';

const today = day('2026-06-30');
let example: Uint8Array;
let result: RefreshResult;
beforeAll(async () => {
  example = readFileSync(path.join(__dirname, '../../examples/rollout.xlsx'));
  const port = await XlsxWorkbook.fromBuffer(example);
  result = refresh(await port.read(), { today });
});

const link = (over: Partial<DependencyReport>): DependencyReport => ({
  upstream: 'A',
  downstream: 'B',
  sheet: 'Dependencies',
  row: 2,
  lagDays: 0,
  health: 'Green',
  slackDays: 0,
  pushDays: 0,
  latestFinish: null,
  upstreamForecast: null,
  neededBy: null,
  committed: null,
  status: null,
  flags: [],
  valueExposed: 0,
  ...over,
});

test('worst first: Red before Amber, then the least slack, then the most value exposed', () => {
  const rows = dependencyRows(
    [
      link({ row: 2, health: 'Amber', slackDays: -30 }),
      link({ row: 3, health: 'Red', slackDays: -5 }),
      link({ row: 4, health: 'Red', slackDays: -20 }),
      link({ row: 5, health: 'Red', slackDays: -20, valueExposed: 9 }),
      link({ row: 6, health: 'Green', slackDays: 3 }),
      link({ row: 7, health: 'Red', slackDays: null }),
    ],
    [],
    undefined,
  );
  expect(rows.map((r) => r.link.row)).toEqual([5, 4, 3, 7, 2, 6]);
});

test.each([
  [
    link({ slackDays: -18, pushDays: 18, latestFinish: '2026-06-22' }),
    'slack −18 days · pushes B 18 days · latest finish 2026-06-22',
  ],
  [link({ slackDays: 1, latestFinish: '2026-06-22' }), 'slack 1 day · latest finish 2026-06-22'],
  [link({ slackDays: null, pushDays: null, health: 'Red' }), 'B is a KPI: it moves in no time'],
  [link({ slackDays: null, pushDays: null, health: 'Grey' }), 'on a dependency cycle: no figures until it is broken'],
])('slack in words: %#', (d, text) => expect(slackText(d)).toBe(text));

test('the promise in words', () => {
  expect(
    promiseText(
      link({ status: 'Committed', neededBy: '2026-06-20', committed: '2026-06-15', upstreamForecast: '2026-07-10' }),
    ),
  ).toBe('Committed · needed by 2026-06-20 · committed 2026-06-15 · forecast 2026-07-10');
  expect(promiseText(link({}))).toBe('no promise recorded');
});

test('the panel lists the example’s links worst first, with both owners, and goes to a row', () => {
  const onSelect = jest.fn();
  render(
    <DependenciesPanel
      dependencies={result.report.dependencies}
      items={result.report.items}
      cells={result.links.dependencyCells}
      onSelect={onSelect}
    />,
  );
  const list = screen.getByRole('region', { name: 'Dependencies, worst first' });
  const entries = within(list).getAllByRole('listitem');
  expect(entries).toHaveLength(result.report.dependencies.length);
  // INI-4 → INI-6 has the least slack of the Red links (−68 days).
  expect(entries[0]).toHaveTextContent('INI-4 → INI-6');
  expect(entries[0]).toHaveTextContent('slack −68 days · pushes INI-6 68 days');
  const broken = entries.find((e) => e.textContent?.includes('INI-1 → INI-3'))!;
  expect(broken).toHaveTextContent('Committed · needed by 2026-06-20 · committed 2026-06-15 · forecast 2026-07-10');
  expect(broken).toHaveTextContent('M. Okafor');
  expect(broken).toHaveTextContent('25 days after the 2026-06-15 its team committed to');
  fireEvent.click(within(broken).getByRole('button', { name: 'Go to row of INI-1 → INI-3' }));
  expect(onSelect).toHaveBeenCalledWith({ sheet: 'Dependencies', cell: 'A4' });
});

test('in the pane: the Dependencies tab, and Go to row selects the row in Excel', async () => {
  const excel = fakeFromXlsx(example);
  render(
    <PaneRoot theme={webLightTheme}>
      <App
        host={{
          mode: 'excel',
          port: new OfficeWorkbook(excel.run as unknown as ExcelRun),
          settings: new MemorySettingsStore(),
          today: () => today,
        }}
      />
    </PaneRoot>,
  );
  await waitFor(() => expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled());
  fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
  await screen.findByLabelText('Summary', {}, { timeout: 30_000 });
  fireEvent.click(screen.getByRole('tab', { name: 'Dependencies' }));
  fireEvent.click(await screen.findByRole('button', { name: 'Go to row of INI-12 → INI-3' }));
  await waitFor(() => expect(excel.selection).toEqual({ sheet: 'Dependencies', address: 'A6' }));
}, 60_000);
