// The built pane in real headless Chromium: file mode on the example, and Excel mode on the
// in-memory Excel fake injected behind the real office.js. Screenshots go to test-artifacts/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import ExcelJS from 'exceljs';
import ts from 'typescript';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { serve } from './serve';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { main } from '../../src/cli/main';

const ROOT = path.join(__dirname, '../..');
const DIST = path.join(ROOT, 'dist');
const ARTIFACTS = path.join(ROOT, 'test-artifacts');
const OFFICE_DIST = path.join(ROOT, 'node_modules/@microsoft/office-js/dist');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

jest.setTimeout(180_000);

let browser: Browser;
let server: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  execFileSync(process.execPath, [require.resolve('webpack/bin/webpack.js'), '--mode', 'production'], { cwd: ROOT, stdio: 'pipe' });
  mkdirSync(ARTIFACTS, { recursive: true });
  server = await serve(DIST);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Nothing but this server and the (local copy of the) Office CDN may be reached. */
async function isolate(page: Page, officePatch = ''): Promise<string[]> {
  const blocked: string[] = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url)) return route.continue();
    blocked.push(url);
    return route.abort();
  });
  await page.route('https://appsforoffice.microsoft.com/lib/1/hosted/**', (route) => {
    const rel = new URL(route.request().url()).pathname.replace('/lib/1/hosted/', '');
    const file = path.join(OFFICE_DIST, rel);
    if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
    const body = readFileSync(file, 'utf8') + (rel === 'office.js' ? officePatch : '');
    return route.fulfill({ status: 200, contentType: 'text/javascript', body });
  });
  return blocked;
}

test('file mode: open the example, refresh, follow a risk to its row, download the refreshed workbook', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  const violations: string[] = [];
  page.on('console', (m) => m.text().includes('Content Security Policy') && violations.push(m.text()));
  const blocked = await isolate(page);
  await page.goto(`${server.url}taskpane.html`);
  await page.getByRole('button', { name: 'Open the example' }).click();
  await page.getByRole('tab', { name: 'Initiatives' }).waitFor();
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await page.getByLabel('Summary').waitFor();
  await page.getByText('5 Red').waitFor();

  const entry = page.getByTestId('review-INI-3:masked-dependency-risk');
  if (!(await entry.isVisible())) await page.getByRole('button', { name: /^Dependency risks/ }).click();
  await entry.click();
  const current = page.locator('tr[aria-current="true"]');
  await current.waitFor();
  expect(await current.getAttribute('data-row')).toBe('4');
  expect(await current.textContent()).toContain('INI-3');
  await page.screenshot({ path: path.join(ARTIFACTS, 'file-mode.png'), fullPage: false });

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download refreshed workbook' }).click()]);
  expect(download.suggestedFilename()).toBe('rollout.refreshed.xlsx');
  const saved = path.join(ARTIFACTS, 'rollout.refreshed.xlsx');
  await download.saveAs(saved);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(saved);
  const headers = (wb.getWorksheet('KPIs')!.getRow(1).values as unknown[]).filter(Boolean);
  expect(headers).toEqual(expect.arrayContaining(['Health (auto)', 'Progress (auto)', 'Expected (auto)', 'Flags (auto)', 'Impact (auto)']));
  expect(wb.getWorksheet('Risks')!.actualRowCount).toBeGreaterThan(10);
  expect(blocked.filter((u) => !u.startsWith('data:'))).toEqual([]);
  expect(violations).toEqual([]);
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com");
  await page.close();
});

/** The fake compiled for the page, holding the example, behind a patched Office.onReady. */
async function excelPatch(): Promise<string> {
  const source = readFileSync(path.join(ROOT, 'test/support/excel-fake.ts'), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2020 } }).outputText;
  const fake = fakeFromXlsx(readFileSync(path.join(ROOT, 'examples/rollout.xlsx')));
  const data = {
    sheets: fake.sheets.map((s) => ({ name: s.name, cells: [...s.cells] })),
    tables: fake.tables.map((t) => ({ ...t, sheet: t.sheet.name })),
  };
  return `
;(function () {
  var module = { exports: {} }, exports = module.exports;
  ${js}
  var fake = new module.exports.FakeExcel();
  var data = ${JSON.stringify(data)};
  data.sheets.forEach(function (s) { var sheet = fake.addSheet(s.name); s.cells.forEach(function (c) { sheet.cells.set(c[0], c[1]); }); });
  data.tables.forEach(function (t) { t.sheet = fake.sheet(t.sheet); fake.tables.push(t); });
  window.__fake = fake;
  window.Excel = { run: function (batch) { return fake.run(batch); } };
  var saved = {};
  var realOnReady = Office.onReady;
  // Office.js finishes its own start-up before the fake host goes in.
  Office.onReady = function (callback) {
    return realOnReady.call(Office).then(function () {
      // Office.context is Office.js's own (a getter that cannot be redefined); fill in what it lacks outside Office.
      var context = Office.context;
      var set = function (name, value) { Object.defineProperty(context, name, { configurable: true, value: value }); };
      set('document', { settings: { get: function (k) { return saved[k] || null; }, set: function (k, v) { saved[k] = v; }, saveAsync: function (cb) { cb({ status: 'succeeded' }); } } });
      set('requirements', { isSetSupported: function () { return true; } });
      set('officeTheme', { bodyBackgroundColor: '#ffffff' });
      var info = { host: Office.HostType.Excel, platform: 'PC' };
      if (callback) callback(info);
      return info;
    }).catch(function (e) { console.log('patch failed: ' + e); throw e; });
  };
})();
`;
}

/** The pane as Excel shows it (420 px wide), on the fake holding the example, refreshed once. */
async function refreshedExcelPane(): Promise<{ page: Page; errors: string[]; refresh: Locator }> {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => process.env.E2E_DEBUG && process.stderr.write(`console: ${m.text()}\n`));
  await isolate(page, await excelPatch());
  await page.goto(`${server.url}taskpane.html`);
  const refresh = page.getByRole('button', { name: 'Refresh', exact: true });
  await refresh.waitFor();
  await page.waitForFunction(() => !(document.querySelector('button[class*="fui-Button"]') as HTMLButtonElement | null)?.disabled);
  await refresh.click();
  await page.getByLabel('Summary').waitFor();
  await page.getByText('5 Red').waitFor();
  return { page, errors, refresh };
}

test('Excel mode: Refresh in the pane writes the owned columns into the workbook through office.js', async () => {
  const { page, errors } = await refreshedExcelPane();
  const written = await page.evaluate(() => {
    const fake = (window as unknown as { __fake: { sheet(n: string): { cells: Map<string, { value: unknown }> }; sheets: { name: string }[]; syncs: number } }).__fake;
    const kpis = fake.sheet('KPIs');
    const header = [...kpis.cells].filter(([k]) => k.startsWith('0,')).map(([, c]) => c.value);
    return { header, sheets: fake.sheets.map((s) => s.name), syncs: fake.syncs };
  });
  expect(written.header).toEqual(expect.arrayContaining(['Health (auto)', 'Flags (auto)', 'Impact (auto)']));
  expect(written.sheets).toContain('Risks');
  expect(written.syncs).toBeLessThanOrEqual(8);
  await page.screenshot({ path: path.join(ARTIFACTS, 'excel-mode.png'), fullPage: true });
  expect(errors).toEqual([]);
  await page.close();
});

test('Excel mode: refresh, edit, refresh; the pane shows what changed and the chain from the late contract', async () => {
  const { page, errors, refresh } = await refreshedExcelPane();

  // The contract's forecast moves from 2026-07-10 to 2026-08-09 in the sheet, as a person would type it.
  await page.evaluate(() => {
    type Cells = Map<string, { value: unknown }>;
    const fake = (window as unknown as { __fake: { sheet(n: string): { cells: Cells } } }).__fake;
    const cells = fake.sheet('Initiatives').cells;
    const at = (v: string) => [...cells].find(([, c]) => c.value === v)![0].split(',').map(Number);
    const serial = Date.UTC(2026, 7, 9) / 86_400_000 + 25569;
    cells.set(`${at('INI-1')[0]},${at('Forecast Finish')[1]}`, { value: serial });
  });
  await refresh.click();
  await page.getByRole('tab', { name: 'Changes' }).click();
  const change = page.getByTestId('change-INI-1');
  await change.waitFor();
  expect(await change.textContent()).toContain('forecast +30 d (2026-07-10 → 2026-08-09)');
  await page.screenshot({ path: path.join(ARTIFACTS, 'pane-changes.png'), fullPage: true });

  await page.getByRole('tab', { name: 'Map' }).click();
  const map = page.getByRole('group', { name: /^Impact map of INI-1 / });
  await map.waitFor();
  for (const key of ['INI-3', 'INI-4', 'INI-6', 'OBJ-2', 'stream:EMEA Subscriptions']) expect(await map.locator(`[data-node="${key}"]`).count()).toBe(1);
  await page.getByRole('button', { name: /^Go to INI-6 / }).click();
  await page.waitForFunction(() => (window as unknown as { __fake: { selection: unknown } }).__fake.selection !== null);
  // The chain from the contract through INI-6 to the revenue it endangers, in a pane widened to read it.
  await page.getByRole('button', { name: 'Only this chain' }).click();
  expect(await map.locator('[data-node="INI-14"]').count()).toBe(0);
  await page.setViewportSize({ width: 1100, height: 900 });
  await page.getByRole('switch', { name: 'Fit to pane' }).click();
  await page.screenshot({ path: path.join(ARTIFACTS, 'pane-map.png'), fullPage: true });

  await page.getByRole('tab', { name: 'Owners' }).click();
  await page.getByRole('link', { name: 'E-mail M. Okafor' }).waitFor();
  expect(errors).toEqual([]);
  await page.close();
});

/** Opens a report with every request refused, and says what it tried to fetch. */
async function openOffline(html: string, shot: string): Promise<{ requests: string[]; headings: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
  const requests: string[] = [];
  await page.route('**/*', (route) => {
    requests.push(route.request().url());
    return route.abort();
  });
  await page.setContent(html, { waitUntil: 'load' });
  await page.screenshot({ path: path.join(ARTIFACTS, shot), fullPage: true });
  const headings = await page.locator('h2').allTextContents();
  const scripts = await page.locator('script').count();
  await page.close();
  expect(scripts).toBe(0);
  return { requests, headings };
}

test('the status report from the command line opens offline in Chromium with its charts and maps', async () => {
  const out = path.join(ARTIFACTS, 'rollout.status.html');
  const printed: string[] = [];
  const code = await main(['report', path.join(ROOT, 'examples/rollout.xlsx'), '--out', out], { stdout: (s) => printed.push(s), stderr: (s) => printed.push(s), today: () => 20_634 });
  expect(code).toBe(0);
  const html = readFileSync(out, 'utf8');
  const { requests, headings } = await openOffline(html, 'status-report.png');
  expect(requests).toEqual([]);
  expect(headings).toEqual(['Summary', 'Charts', 'Needs attention', 'Top risks and what they reach', 'What changed', 'Owners to chase']);
  expect(html).toContain('data-map="INI-1"');
  expect(html).toContain('data-chart="slip"');
});

test('file mode: the map follows a cell picked in the preview; the pane downloads the same report, and it opens offline', async () => {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  await isolate(page);
  await page.goto(`${server.url}taskpane.html`);
  await page.getByRole('button', { name: 'Open the example' }).click();
  await page.getByRole('tab', { name: 'Initiatives' }).waitFor();
  await page.getByRole('button', { name: 'Refresh', exact: true }).click();
  await page.getByText('5 Red').waitFor();
  // A click in the preview selects a cell, as in a spreadsheet; the map starts from its row.
  await page.getByRole('tab', { name: 'KPIs' }).click();
  await page.getByRole('table', { name: 'Sheet KPIs' }).locator('tr[data-row]').filter({ hasText: 'KPI-2' }).locator('td').nth(2).click();
  await page.getByRole('tab', { name: 'Map' }).click();
  await page.getByRole('button', { name: 'Use the selected row' }).click();
  await page.getByRole('group', { name: /^Impact map of KPI-2 / }).waitFor();
  // With the Map tab open, the map follows each cell picked in the preview.
  await page.getByRole('tab', { name: 'Initiatives' }).click();
  await page.getByRole('table', { name: 'Sheet Initiatives' }).locator('tr[data-row]').filter({ hasText: 'INI-12' }).locator('td').nth(1).click();
  await page.getByRole('group', { name: /^Impact map of INI-12 / }).waitFor();
  await page.getByRole('tab', { name: 'Charts' }).click();
  await page.getByRole('img', { name: /^Objectives by health/ }).waitFor();
  await page.screenshot({ path: path.join(ARTIFACTS, 'file-mode-charts.png'), fullPage: false });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download status report (HTML)' }).click()]);
  expect(download.suggestedFilename()).toBe('rollout.status.html');
  const saved = path.join(ARTIFACTS, 'rollout.status.page.html');
  await download.saveAs(saved);
  await page.close();
  const { requests, headings } = await openOffline(readFileSync(saved, 'utf8'), 'status-report-from-page.png');
  expect(requests).toEqual([]);
  expect(headings).toContain('Top risks and what they reach');
});
