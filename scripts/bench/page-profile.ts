// `ts-node --transpile-only scripts/bench/page-profile.ts [DIST] [FILE]`: where the page's Refresh click
// to summary goes, on a built page (dist/ by default) and the 100k-row workbook. The main thread's CPU
// profile (CDP Profiler, 1 ms samples) over the refresh, its heaviest functions by self time, the
// main thread's long tasks, and the worker's stages as the page heard them (when each was shown). Writes
// the profile to /tmp/page-refresh.cpuprofile for DevTools. A tool for finding what to change, not a bench.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { chromium } from 'playwright-core';
import { serve } from '../../test/e2e/serve';

const ROOT = path.join(__dirname, '../..');
const dist = path.resolve(process.argv[2] ?? path.join(ROOT, 'dist'));
const file = process.argv[3] ?? '/tmp/bench100k.xlsx';
const OFFICE_DIST = path.join(ROOT, 'node_modules/@microsoft/office-js/dist');

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time per function (ms) within the profile's samples. */
function heaviest(profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] }, top = 25): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${path.basename(f.url)}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${k}`);
}

/** When (ms from the profile's start) the marker function was first sampled. */
function markTime(profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] }): number {
  const marker = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '__h4mark__').map((n) => n.id));
  let t = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    t += (profile.timeDeltas[i] ?? 0) / 1000;
    if (marker.has(profile.samples[i])) return t;
  }
  return 0;
}

/** Inclusive time per function for samples between `from` and `to` ms after the profile's start. */
function inclusive(
  profile: { nodes: (Node & { callFrame: { columnNumber: number } })[]; samples: number[]; timeDeltas: number[] },
  from: number,
  to: number,
  dist: string,
  top = 30,
): string[] {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const time = new Map<string, number>();
  let t = 0;
  profile.samples.forEach((id, i) => {
    t += (profile.timeDeltas[i] ?? 0) / 1000;
    if (t < from || t > to) return;
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
      const f = byId.get(n)!.callFrame;
      let key = `${f.functionName || '(anon)'} ${path.basename(f.url)}:${f.lineNumber}:${f.columnNumber}`;
      // Minified: show the code there.
      if (f.url.endsWith('.js')) {
        const file = path.join(dist, path.basename(f.url));
        if (existsSync(file)) {
          const line = readFileSync(file, 'utf8').split('\n')[f.lineNumber] ?? '';
          key += `  «${line.slice(f.columnNumber, f.columnNumber + 90)}»`;
        }
      }
      if (seen.has(key)) continue;
      seen.add(key);
      time.set(key, (time.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    }
  });
  return [...time.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([k, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${k}`);
}

async function main() {
  const server = await serve(dist);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(`
      window.__long = [];
      new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__long.push([e.startTime, e.duration]); })
        .observe({ type: 'longtask', buffered: true });
    `);
    await page.route('**/*', (r) => (r.request().url().startsWith(server.url) ? r.continue() : r.abort()));
    await page.route('https://appsforoffice.microsoft.com/lib/1/hosted/**', (r) => {
      const f = path.join(OFFICE_DIST, new URL(r.request().url()).pathname.replace('/lib/1/hosted/', ''));
      return existsSync(f)
        ? r.fulfill({ status: 200, contentType: 'text/javascript', body: readFileSync(f, 'utf8') })
        : r.fulfill({ status: 404, body: '' });
    });
    await page.goto(`${server.url}taskpane.html`);
    await page.getByRole('button', { name: 'Open the example' }).waitFor();
    await page.getByLabel('Workbook files', { exact: true }).setInputFiles(file);
    await page.waitForFunction(
      () =>
        [...document.querySelectorAll('button')].some(
          (b) => b.textContent === 'Refresh' && !b.disabled && b.getAttribute('aria-disabled') !== 'true',
        ),
      undefined,
      { timeout: 300_000, polling: 'raf' },
    );
    await page.waitForTimeout(1000);
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
    // A named busy function the profile will show, at a known page time: the two clocks' offset.
    const markAt = await page.evaluate(
      '(function __h4mark__() { const t = performance.now(); while (performance.now() - t < 20) {} return t; })()',
    );
    const r0 = await page.evaluate(() => performance.now());
    await page.evaluate(() =>
      [...document.querySelectorAll('button')].find((b) => b.textContent === 'Refresh')!.click(),
    );
    await page.waitForFunction(() => document.querySelector('section[aria-label="Summary"]') !== null, undefined, {
      timeout: 300_000,
      polling: 'raf',
    });
    const r1 = await page.evaluate(() => performance.now());
    await page.waitForTimeout(300);
    const { profile } = await cdp.send('Profiler.stop');
    writeFileSync('/tmp/page-refresh.cpuprofile', JSON.stringify(profile));
    const { long, seen } = await page.evaluate(() => ({
      long: (window as unknown as { __long: [number, number][] }).__long,
      seen: performance
        .getEntriesByType('mark')
        .filter((m) => m.name.startsWith('throughline:'))
        .map((m) => [m.name, m.startTime] as [string, number]),
    }));
    console.log(`Refresh click → summary: ${Math.round(r1 - r0)} ms`);
    for (const [s, t] of seen) if (t >= r0) console.log(`  +${Math.round(t - r0)} ms  ${s}`);
    console.log('long tasks in the refresh (start after click, ms):');
    for (const [s, d] of long.filter(([s, d]) => s + d > r0 && s < r1 + 300))
      console.log(`  +${Math.round(s - r0)}  ${Math.round(d)} ms`);
    console.log('main thread, self time:');
    for (const line of heaviest(profile as never)) console.log(line);
    // The longest task's own samples: profile time is µs from its start, close to the click (r0).
    const at = markTime(profile as never);
    const toProfile = (pageTime: number) => pageTime - (markAt as number) + at;
    const longest = long.filter(([s2]) => s2 >= r0).sort((x, y) => y[1] - x[1]);
    for (const [ls, ld] of longest.slice(0, 3)) {
      console.log(`in the task at +${Math.round(ls - r0)} (${Math.round(ld)} ms), inclusive time:`);
      for (const line of inclusive(profile as never, toProfile(ls), toProfile(ls + ld), dist, 14)) console.log(line);
    }
  } finally {
    await browser.close();
    await server.close();
  }
}

void main();
