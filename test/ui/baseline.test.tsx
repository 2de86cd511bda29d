/** @jest-environment jsdom */
// *Set baseline…* in the pane, on the Excel fake holding the example: a label and a confirmation that
// run a refresh with the baseline; then the sanitizing team's edits show in the review (a goalpost
// moved, a removed item), in Changes (since baseline 'X') and as a milestone trend under Charts.
import * as path from 'node:path';
import { readFileSync } from 'node:fs';
import { render, screen, within, fireEvent, waitFor } from '@testing-library/react';
import { webLightTheme } from '@fluentui/react-components';
import { App } from '../../src/apps/pane/App';
import type { PaneHost } from '../../src/apps/pane/host';
import { PaneRoot } from '../../src/apps/pane/root';
import { MemorySettingsStore } from '../../src/io/settings';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { serialFromDay } from '../../src/engine';
import { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { day } from '../support/snapshot';

const example = readFileSync(path.join(__dirname, '../../examples/rollout.xlsx'));

function setup(): { host: PaneHost; excel: FakeExcel; today: { value: string } } {
  const excel = fakeFromXlsx(example);
  const today = { value: '2026-06-30' };
  return {
    excel,
    today,
    host: {
      mode: 'excel',
      port: new OfficeWorkbook(excel.run as unknown as ExcelRun),
      settings: new MemorySettingsStore(),
      today: () => day(today.value),
      locale: 'en-US',
    },
  };
}

const refreshButton = () => screen.getByRole('button', { name: /^Refresh(ing…)?$/ });

async function idle() {
  await waitFor(() => expect(refreshButton()).toHaveAccessibleName('Refresh'), { timeout: 10_000 });
  await waitFor(() => expect(refreshButton()).toBeEnabled());
}

/** Sets a cell of an item's row in the fake, as typing in Excel would. */
function setCell(excel: FakeExcel, sheet: string, id: string, header: string, value: number | string) {
  const t = excel.tables.find((x) => x.sheet.name === sheet)!;
  const cells = t.sheet.cells;
  const headers = Array.from({ length: t.columns }, (_, c) => cells.get(`${t.top},${t.left + c}`)?.value);
  for (let r = t.top + 1; r <= t.top + t.dataRows; r++)
    if (cells.get(`${r},${t.left}`)?.value === id) {
      excel.cellAt(t.sheet, r, t.left + headers.indexOf(header)).value = value;
      return;
    }
  throw new Error(`no ${id}`);
}

test('Set baseline… is reachable by keyboard, checks the label, and records the baseline with a refresh', async () => {
  const { host } = setup();
  render(
    <PaneRoot theme={webLightTheme}>
      <App host={host} />
    </PaneRoot>,
  );
  await idle();
  const open = screen.getByRole('button', { name: 'Set baseline…' });
  // A real button in the tab order (Fluent's Button), so Tab reaches it and Enter opens the dialog.
  expect(open.tagName).toBe('BUTTON');
  expect(open).not.toHaveAttribute('tabindex', '-1');
  fireEvent.click(open);
  const dialog = await screen.findByRole('alertdialog', { name: 'Set baseline', hidden: true });
  // { hidden: true }: under jsdom, Fluent's modalizer (tabster) sometimes marks the open surface itself
  // aria-hidden, depending on timing; this needs checking in a real browser (see docs/decisions.md).
  const field = within(dialog).getByRole('textbox', { name: /Baseline label/, hidden: true });
  const submitButton = within(dialog).getByRole('button', { name: 'Set baseline and refresh', hidden: true });
  // An empty label is refused with the engine's own words, and nothing runs.
  fireEvent.submit(field.closest('form')!);
  expect(within(dialog).getByText('A baseline needs a label, such as "FY26 plan".')).toBeInTheDocument();
  fireEvent.change(field, { target: { value: 'x'.repeat(101) } });
  fireEvent.submit(field.closest('form')!);
  expect(within(dialog).getByText(/at most 100 characters; this one has 101/)).toBeInTheDocument();
  fireEvent.change(field, { target: { value: '  FY26 plan ' } });
  fireEvent.click(submitButton);
  await waitFor(() => expect(document.querySelector('[role="alertdialog"]')).toBeNull());
  await idle();
  expect(await screen.findByText('Baseline ‘FY26 plan’ (set 2026-06-30)')).toBeInTheDocument();
  // Cancel leaves everything as it was.
  fireEvent.click(screen.getByRole('button', { name: 'Set baseline…' }));
  const again = await screen.findByRole('alertdialog', { name: 'Set baseline', hidden: true });
  const cancel = within(again).getByRole('button', { name: 'Cancel', hidden: true });
  expect(within(again).getByText('Now compared against baseline ‘FY26 plan’, set 2026-06-30.')).toBeInTheDocument();
  fireEvent.click(cancel);
  await waitFor(() => expect(document.querySelector('[role="alertdialog"]')).toBeNull());
}, 60_000);

test('after sanitizing edits: the review, Changes since the baseline and the milestone trend say what moved', async () => {
  const { host, excel, today } = setup();
  render(
    <PaneRoot theme={webLightTheme}>
      <App host={host} />
    </PaneRoot>,
  );
  await idle();
  fireEvent.click(screen.getByRole('button', { name: 'Set baseline…' }));
  const dialog = await screen.findByRole('alertdialog', { name: 'Set baseline' });
  fireEvent.change(within(dialog).getByRole('textbox', { name: /Baseline label/ }), { target: { value: 'FY26 plan' } });
  fireEvent.submit(
    within(dialog)
      .getByRole('textbox', { name: /Baseline label/ })
      .closest('form')!,
  );
  await idle();
  await screen.findByText('Baseline ‘FY26 plan’ (set 2026-06-30)');
  // The team pushes INI-1's Due and forecast a month, and says Green; the example's Settings fix the as-of.
  setCell(excel, 'Initiatives', 'INI-1', 'Due', serialFromDay(day('2026-08-14'), false));
  setCell(excel, 'Initiatives', 'INI-1', 'Forecast Finish', serialFromDay(day('2026-08-20'), false));
  setCell(excel, 'Initiatives', 'INI-1', 'Status', 'Green');
  setCell(excel, 'Settings', 'As Of', 'Value', serialFromDay(day('2026-07-07'), false));
  today.value = '2026-07-07';
  fireEvent.click(refreshButton());
  await idle();
  await waitFor(() => expect(screen.getByText('As of 2026-07-07')).toBeInTheDocument());
  expect(within(screen.getByTestId('review-INI-1')).getByText('Goalposts moved')).toBeInTheDocument();
  fireEvent.click(screen.getByRole('tab', { name: 'Changes' }));
  const since = await screen.findByRole('region', { name: "What moved since baseline 'FY26 plan' (set 2026-06-30)" });
  expect(within(since).getByTestId('moved-INI-1')).toHaveTextContent(
    "Due moved from 2026-05-15 (baseline 'FY26 plan', set 2026-06-30) to 2026-08-14, 91 days later (as of 2026-07-07)",
  );
  fireEvent.click(screen.getByRole('tab', { name: 'Charts' }));
  const chart = document.querySelector('svg[data-chart="milestone-trend"]')!;
  expect(chart).not.toBeNull();
  expect(chart.querySelector('[data-series="INI-1"] polyline')).not.toBeNull();
  expect(chart.querySelector('[data-diagonal]')).not.toBeNull();
  expect(chart.getAttribute('aria-label')).toContain(
    'INI-1 forecast 2026-07-10 on 2026-06-30, 2026-08-20 on 2026-07-07',
  );
}, 60_000);
