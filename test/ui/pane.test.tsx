/** @jest-environment jsdom */
// The task pane with @testing-library/react, on the in-memory Excel fake holding the example.
import * as path from 'node:path';
import { render, screen, within, fireEvent, waitFor } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { readFileSync } from 'node:fs';
import { App } from '../../src/taskpane/App';
import type { PaneHost } from '../../src/taskpane/host';
import { MemorySettingsStore, EMPTY_SETTINGS } from '../../src/taskpane/settings-store';
import { OfficeWorkbook, type ExcelRun } from '../../src/workbook/office';
import type { WorkbookPort } from '../../src/workbook/port';
import { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { day } from '../support/snapshot';

let example: Uint8Array;
beforeAll(async () => {
  example = readFileSync(path.join(__dirname, '../../examples/rollout.xlsx'));
});

function host(over: Partial<PaneHost> = {}): { host: PaneHost; excel: FakeExcel } {
  const excel = fakeFromXlsx(example);
  return {
    excel,
    host: {
      mode: 'excel',
      port: new OfficeWorkbook(excel.run as unknown as ExcelRun),
      settings: new MemorySettingsStore(),
      today: () => day('2026-06-30'),
      ...over,
    },
  };
}

const renderPane = (h: PaneHost) =>
  render(
    <FluentProvider theme={webLightTheme}>
      <App host={h} />
    </FluentProvider>,
  );

async function refreshed() {
  await waitFor(() => expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled());
  fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
  await screen.findByLabelText('Summary', undefined, { timeout: 10_000 });
}

test('Refresh shows the summary and the grouped review list, and writes to the workbook', async () => {
  const { host: h, excel } = host();
  renderPane(h);
  expect(screen.getByText(/Press/)).toBeInTheDocument();
  await refreshed();
  const summary = screen.getByLabelText('Summary');
  expect(within(summary).getByText('5 Red')).toBeInTheDocument();
  expect(within(summary).getByText('12,500,000')).toBeInTheDocument();
  expect(within(summary).getByText('7,300,000')).toBeInTheDocument();
  expect(screen.getByLabelText('as-of date')).toHaveTextContent('As of 2026-06-30');
  for (const group of ['Off track', 'Dependency risks', 'Sanitized', 'Stale', 'Data errors']) {
    expect(screen.getByRole('button', { name: new RegExp(`^${group}`) })).toBeInTheDocument();
  }
  expect(excel.sheet('Risks')).toBeDefined();
});

test('clicking a review entry selects its row in the workbook', async () => {
  const { host: h, excel } = host();
  renderPane(h);
  await refreshed();
  const header = screen.getByRole('button', { name: /^Dependency risks/ });
  if (header.getAttribute('aria-expanded') !== 'true') fireEvent.click(header);
  const entry = await screen.findByTestId('review-INI-3:masked-dependency-risk');
  expect(entry).toHaveTextContent('INI-3 · Build billing integration');
  fireEvent.click(entry);
  await waitFor(() => expect(excel.selection).toEqual({ sheet: 'Initiatives', address: 'A4' }));
});

test('settings are saved in the store, read back, and validated', async () => {
  const store = new MemorySettingsStore({ ...EMPTY_SETTINGS, graceDays: '5' });
  const { host: h } = host({ settings: store });
  const { unmount } = renderPane(h);
  fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
  expect(await screen.findByDisplayValue('5')).toBeInTheDocument();
  fireEvent.change(screen.getByLabelText(/Green at/), { target: { value: '90' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
  await waitFor(async () => expect((await store.load()).greenThreshold).toBe('90'));
  unmount();

  renderPane(h);
  fireEvent.click(screen.getByRole('tab', { name: 'Settings' }));
  expect(await screen.findByDisplayValue('90')).toBeInTheDocument();
  fireEvent.change(screen.getByLabelText(/Amber at/), { target: { value: '250' } });
  fireEvent.click(screen.getByRole('button', { name: 'Save settings' }));
  expect(await screen.findByText('A percentage between 1 and 100.')).toBeInTheDocument();
  expect((await store.load()).amberThreshold).toBe('');
});

test('an as-of date from the settings reaches the refresh', async () => {
  const { host: h } = host({ settings: new MemorySettingsStore({ ...EMPTY_SETTINGS, asOf: '2026-03-31' }) });
  renderPane(h);
  await refreshed();
  expect(screen.getByLabelText('as-of date')).toHaveTextContent('As of 2026-03-31');
});

test('a workbook without Throughline tables says what is missing and that nothing was written', async () => {
  const excel = new FakeExcel();
  excel.addTable('Sheet1', 'Table1', ['A'], [[1]]);
  renderPane({ ...host().host, port: new OfficeWorkbook(excel.run as unknown as ExcelRun) });
  await waitFor(() => expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled());
  fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
  expect(await screen.findByText('Nothing was written')).toBeInTheDocument();
  expect(screen.getByText(/Objectives table or sheet/)).toBeInTheDocument();
  expect(excel.writes).toBe(0);
});

test('a failure reading the workbook is shown, not thrown', async () => {
  const broken: WorkbookPort = { read: () => Promise.reject(new Error('The workbook is busy.')), apply: () => Promise.resolve() };
  renderPane({ ...host().host, port: broken });
  await waitFor(() => expect(screen.getByRole('button', { name: 'Refresh' })).toBeEnabled());
  fireEvent.click(screen.getByRole('button', { name: 'Refresh' }));
  expect(await screen.findByText('Refresh failed')).toBeInTheDocument();
  expect(screen.getByText(/The workbook is busy\. Nothing was written\./)).toBeInTheDocument();
});

test('what-if reports the objectives a delay would change', async () => {
  const { host: h, excel } = host();
  renderPane(h);
  await refreshed();
  const writes = excel.writes;
  fireEvent.click(screen.getByRole('tab', { name: 'What-if' }));
  fireEvent.change(screen.getByLabelText('Item'), { target: { value: 'INI-7' } });
  fireEvent.change(screen.getByLabelText('Delay (days)'), { target: { value: '42' } });
  fireEvent.click(screen.getByRole('button', { name: 'Run what-if' }));
  expect(await screen.findByRole('status')).toHaveTextContent('A 42-day slip of INI-7 turns OBJ-3 Green → Amber; 5,200,000 newly at risk.');
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

test("the pane follows Office's dark and light themes", () => {
  const { themeFor } = jest.requireActual('../../src/taskpane/theme');
  const { webDarkTheme, webLightTheme } = jest.requireActual('@fluentui/react-components');
  expect(themeFor({ bodyBackgroundColor: '#1f1f1f' })).toBe(webDarkTheme);
  expect(themeFor({ bodyBackgroundColor: '#ffffff' })).toBe(webLightTheme);
  expect(themeFor(undefined)).toBe(webLightTheme);
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
