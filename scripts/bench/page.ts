// `npm run bench -- --page [--file F] [--base DIR] [--runs N] [--docs]`: the browser page on a large
// workbook in real headless Chromium (issue 23). The page is built (webpack, production) and served
// from 127.0.0.1 as the end-to-end tests serve it; the workbook (by default /tmp/bench100k.xlsx, else
// one generated at 100k rows) is chosen through the page's file input, refreshed, and downloaded.
// Measured: choose to opened, Refresh click to the summary shown, Download click to the download,
// and the main thread's long tasks (PerformanceObserver 'longtask': tasks over 50 ms) in each phase.
// With --base DIR (a copy of the tree before: `git archive <commit> | tar -x -C DIR`, DIR/node_modules
// linked to this one's; built there when DIR/dist is missing) both pages are measured in alternating
// runs against one browser, so both see the same machine load. Medians are reported.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { serve } from '../../test/e2e/serve';
import { buildWorkbook } from '../../src/io/xlsx/build';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { generateWorkbook } from './generate';
import { median } from './stats';

const ROOT = path.join(__dirname, '../..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const OFFICE_DIST = path.join(ROOT, 'node_modules/@microsoft/office-js/dist');
const DEFAULT_FILE = '/tmp/bench100k.xlsx';

/** One phase's figures: its wall time and the longest main-thread task that overlapped it. */
export interface PhaseFigures {
  ms: number;
  longestTaskMs: number;
  /** Main-thread time spent in tasks over 50 ms. */
  longTasksMs: number;
}

export interface PageRun {
  open: PhaseFigures;
  refresh: PhaseFigures;
  download: PhaseFigures;
  downloadBytes: number;
}

export interface PageCase {
  label: string;
  runs: PageRun[];
  median: { openMs: number; refreshMs: number; downloadMs: number; longestTaskMs: number; totalMs: number };
}

/** Builds the page of the tree at `root` into root/dist, unless `reuse` and it is there already. */
function built(root: string, reuse: boolean, log: (s: string) => void): string {
  const dist = path.join(root, 'dist');
  if (reuse && existsSync(path.join(dist, 'taskpane.html'))) return dist;
  log(`  building the page in ${root} (webpack, production)…`);
  execFileSync(process.execPath, [require.resolve('webpack/bin/webpack.js'), '--mode', 'production'], {
    cwd: root,
    stdio: 'pipe',
  });
  return dist;
}

const OBSERVE = `
  window.__long = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__long.push([e.startTime, e.duration]);
  }).observe({ type: 'longtask', buffered: true });
`;

/** The long tasks that overlapped [from, to] (page clock, ms). */
async function phase(page: Page, from: number, to: number): Promise<PhaseFigures> {
  const long = await page.evaluate(() => (window as unknown as { __long: [number, number][] }).__long);
  const during = long.filter(([start, d]) => start + d > from && start < to).map(([, d]) => d);
  return {
    ms: Math.round(to - from),
    longestTaskMs: Math.round(Math.max(0, ...during)),
    longTasksMs: Math.round(during.reduce((a, b) => a + b, 0)),
  };
}

/** As the end-to-end tests do: only this server, and office.js from the local copy of Microsoft's CDN. */
async function isolate(page: Page, url: string): Promise<void> {
  await page.route('**/*', (route) => (route.request().url().startsWith(url) ? route.continue() : route.abort()));
  await page.route('https://appsforoffice.microsoft.com/lib/1/hosted/**', (route) => {
    const file = path.join(OFFICE_DIST, new URL(route.request().url()).pathname.replace('/lib/1/hosted/', ''));
    if (!existsSync(file)) return route.fulfill({ status: 404, body: '' });
    return route.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(file, 'utf8') });
  });
}

/** Waits, polling once a frame in the page, until `test` holds. */
async function until<A>(page: Page, test: (arg: A) => boolean, arg?: A): Promise<void> {
  await page.waitForFunction(test as (arg: unknown) => boolean, arg, { timeout: 300_000, polling: 'raf' });
}

const now = (page: Page) => page.evaluate(() => performance.now());

async function onePageRun(browser: Browser, url: string, file: string): Promise<PageRun> {
  const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, acceptDownloads: true });
  try {
    await page.addInitScript(OBSERVE);
    await isolate(page, url);
    await page.goto(`${url}taskpane.html`);
    const name = path.basename(file);
    await page.getByRole('button', { name: 'Open the example' }).waitFor();
    // Let the start-up's own tasks settle before the clock starts.
    await page.waitForTimeout(500);
    const t0 = await now(page);
    await page.getByLabel('Workbook files', { exact: true }).setInputFiles(file);
    // Waited for with one cheap query a frame: Playwright's own locators walk every element of a page
    // whose preview holds thousands of cells, and their work would count as the page's long tasks.
    await until(page, (text) => document.body.innerText.includes(text), `Open: ${name}`);
    await until(page, () =>
      [...document.querySelectorAll('button')].some(
        (b) => b.textContent === 'Refresh' && !b.disabled && b.getAttribute('aria-disabled') !== 'true',
      ),
    );
    const t1 = await now(page);
    const open = await phase(page, t0, t1);

    const r0 = await now(page);
    await page.evaluate(() =>
      [...document.querySelectorAll('button')].find((b) => b.textContent === 'Refresh')!.click(),
    );
    await until(page, () => document.querySelector('section[aria-label="Summary"]') !== null);
    const r1 = await now(page);
    // A task still running when the summary appeared is counted once it has ended.
    await page.waitForTimeout(300);
    const refresh = await phase(page, r0, r1);

    const d0 = await now(page);
    const [download] = await Promise.all([
      page.waitForEvent('download', { timeout: 300_000 }),
      page.evaluate(() =>
        [...document.querySelectorAll('button')]
          .find((b) => b.textContent?.includes('Download refreshed workbook'))!
          .click(),
      ),
    ]);
    const d1 = await now(page);
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-page-'));
    const saved = path.join(dir, 'refreshed.xlsx');
    await download.saveAs(saved);
    await page.waitForTimeout(300);
    const downloaded = await phase(page, d0, d1);
    const bytes = readFileSync(saved);
    // The download is a workbook with the Risks sheet the refresh wrote.
    const written = XlsxWorkbook.open(bytes, 'download');
    if (!written.model.sheets.some((s) => s.entry.name === 'Risks'))
      throw new Error('the downloaded workbook has no Risks sheet');
    rmSync(dir, { recursive: true, force: true });
    return { open, refresh, download: downloaded, downloadBytes: bytes.length };
  } finally {
    await page.close();
  }
}

function summarise(label: string, runs: PageRun[]): PageCase {
  const pick = (f: (r: PageRun) => number) => Math.round(median(runs.map(f)));
  return {
    label,
    runs,
    median: {
      openMs: pick((r) => r.open.ms),
      refreshMs: pick((r) => r.refresh.ms),
      downloadMs: pick((r) => r.download.ms),
      totalMs: pick((r) => r.open.ms + r.refresh.ms),
      longestTaskMs: pick((r) => Math.max(r.open.longestTaskMs, r.refresh.longestTaskMs, r.download.longestTaskMs)),
    },
  };
}

export interface PageBenchOptions {
  file?: string;
  base?: string;
  runs?: number;
  /** Use dist/ as it is when it holds a built page (the tree's own build is made fresh by default). */
  reuse?: boolean;
}

export async function benchPage(options: PageBenchOptions, log: (s: string) => void): Promise<PageCase[]> {
  let file = options.file ?? DEFAULT_FILE;
  let scratch: string | null = null;
  if (!existsSync(file)) {
    log(`  ${file} is missing: generating a 100k-row workbook…`);
    scratch = mkdtempSync(path.join(tmpdir(), 'throughline-page-'));
    file = path.join(scratch, 'bench100k.xlsx');
    writeFileSync(file, buildWorkbook(generateWorkbook(100_000).sheets));
  }
  const trees = [
    ...(options.base ? [{ label: 'before', root: path.resolve(options.base), reuse: true }] : []),
    { label: options.base ? 'after' : 'this tree', root: ROOT, reuse: options.reuse ?? false },
  ];
  const served = [];
  for (const t of trees) served.push({ ...t, server: await serve(built(t.root, t.reuse, log)) });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const runs = new Map<string, PageRun[]>(served.map((s) => [s.label, []]));
  try {
    for (let i = 0; i < (options.runs ?? 3); i++) {
      for (const s of served) {
        const r = await onePageRun(browser, s.server.url, file);
        log(
          `  ${s.label} run ${i + 1}: open ${r.open.ms} ms, refresh ${r.refresh.ms} ms, download ${r.download.ms} ms; ` +
            `longest task ${r.open.longestTaskMs} / ${r.refresh.longestTaskMs} / ${r.download.longestTaskMs} ms`,
        );
        runs.get(s.label)!.push(r);
      }
    }
  } finally {
    await browser.close();
    for (const s of served) await s.server.close();
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
  return served.map((s) => summarise(s.label, runs.get(s.label)!));
}

export function pageTable(cases: PageCase[], machine: string, file: string): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const longest = (c: PageCase, k: 'open' | 'refresh' | 'download') =>
    n(Math.round(median(c.runs.map((r) => r[k].longestTaskMs))));
  return [
    `Measured on ${machine}, headless Chromium (${CHROMIUM}), ${path.basename(file)}; medians of ` +
      `${cases[0]?.runs.length ?? 0} runs${cases.length > 1 ? ', the two pages alternating' : ''}.`,
    '',
    '| page | choose → opened | Refresh click → summary | Download click → file | ' +
      'longest main-thread task (open · refresh · download) |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...cases.map(
      (c) =>
        `| ${c.label} | ${n(c.median.openMs)} ms | ${n(c.median.refreshMs)} ms | ${n(c.median.downloadMs)} ms | ` +
        `${longest(c, 'open')} · ${longest(c, 'refresh')} · ${longest(c, 'download')} ms |`,
    ),
  ].join('\n');
}
