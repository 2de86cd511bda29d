// `npm run bench -- --portfolio`: a portfolio of N member workbooks of 10,000 rows each, refreshed by
// the real command line in a fresh process (wall time, CPU time and peak memory), for N = 10, 25, 50
// and 100. `--base DIR --runs K` also refreshes each portfolio with the build in DIR, the two alternated.
// Each member is the bench's generated workbook (its own objectives, KPIs, initiatives, dependencies
// and check-ins) plus 20 dependencies on the previous member's initiatives, written as TEAM:ID.
import { spawnSync } from 'node:child_process';
import { commandLineProcess } from './cli-process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildWorkbook } from '../../src/io/xlsx/build';
import { generateWorkbook } from './generate';
import { median } from './stats';

const ROOT = path.join(__dirname, '../..');

/** One build's figures on one portfolio: medians over its runs. */
export interface PortfolioFigures {
  /** Wall time of the whole command. */
  seconds: number;
  /** CPU time of the process, every thread (the workers are threads): steadier than wall time on a shared machine. */
  cpuSeconds: number;
  /** Peak resident memory of the process, which holds the workers (threads, not child processes). */
  peakRssMb: number;
}

export interface PortfolioCase extends PortfolioFigures {
  members: number;
  rows: number;
  runs: number;
  /** The same portfolio refreshed by another build (--base), its runs alternated with this one's. */
  before?: PortfolioFigures;
}

const key = (i: number) => `M${String(i).padStart(3, '0')}`;

/** Writes `members` workbooks into a new folder; returns the folder. */
export function writePortfolio(members: number, rowsEach = 10_000): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-portfolio-bench-'));
  for (let i = 0; i < members; i++) {
    const gen = generateWorkbook(rowsEach, 1000 + i);
    if (i > 0) {
      const deps = gen.sheets.find((s) => s.sheet === 'Dependencies')!;
      for (let k = 0; k < 20; k++) deps.rows.push([`${key(i - 1)}:I${k * 7}`, `I${k * 11 + 3}`, k % 3]);
    }
    writeFileSync(path.join(dir, `${key(i).toLowerCase()}.xlsx`), buildWorkbook(gen.sheets));
  }
  return dir;
}

function run(dir: string, bin: string): PortfolioFigures {
  // The child reports how it ended, its peak memory and its CPU time (every thread) as its last stderr line.
  const script = [
    `process.argv = [process.argv[0], ${JSON.stringify(bin)}, 'refresh', ${JSON.stringify(dir)}];`,
    'process.stdout.write = () => true;',
    "process.on('exit', (code) => { const u = process.resourceUsage();",
    "process.stderr.write('\\n' + JSON.stringify({ code, rssKb: u.maxRSS, cpuUs: u.userCPUTime + u.systemCPUTime })); });",
    `require(${JSON.stringify(bin)});`,
  ].join(' ');
  // Each run starts from the same files: no refreshed copies of an earlier run beside them.
  for (const f of readdirSync(dir)) if (/\.refreshed\.xlsx$/.test(f)) rmSync(path.join(dir, f));
  const started = performance.now();
  const { flags, env } = commandLineProcess(bin, ['refresh', dir]);
  const child = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8', maxBuffer: 64 << 20, env });
  const seconds = (performance.now() - started) / 1000;
  const last = (child.stderr || '').trim().split('\n').pop() ?? '';
  const out = JSON.parse(last.startsWith('{') ? last : '{"code":-1,"rssKb":0,"cpuUs":0}') as {
    code: number;
    rssKb: number;
    cpuUs: number;
  };
  if (out.code !== 0) throw new Error(`the portfolio refresh failed: ${child.stderr.slice(-2000)}`);
  return { seconds, cpuSeconds: out.cpuUs / 1e6, peakRssMb: out.rssKb / 1024 };
}

const medians = (runs: PortfolioFigures[]): PortfolioFigures => ({
  seconds: median(runs.map((r) => r.seconds)),
  cpuSeconds: median(runs.map((r) => r.cpuSeconds)),
  peakRssMb: median(runs.map((r) => r.peakRssMb)),
});

export interface PortfolioBenchOptions {
  /** Another tree holding a built bin/throughline.js (the commit before): measured alternately with this one. */
  base?: string | null;
  /** Runs of each build per size (medians reported). */
  runs?: number;
}

export function benchPortfolio(
  sizes: number[],
  log: (s: string) => void,
  options: PortfolioBenchOptions = {},
): PortfolioCase[] {
  const ours = path.join(ROOT, 'bin/throughline.js');
  const base = options.base ? path.join(path.resolve(options.base), 'bin/throughline.js') : null;
  const runs = Math.max(1, options.runs ?? 1);
  return sizes.map((members) => {
    log(`portfolio of ${members} members: writing…`);
    const dir = writePortfolio(members);
    const after: PortfolioFigures[] = [];
    const before: PortfolioFigures[] = [];
    for (let r = 0; r < runs; r++) {
      // A B, B A, A B…: neither build always runs first while the machine's load drifts.
      const order = base === null ? ['ours'] : r % 2 === 0 ? ['base', 'ours'] : ['ours', 'base'];
      for (const which of order) {
        log(`  refreshing with ${which === 'ours' ? 'this build' : options.base} (run ${r + 1} of ${runs})…`);
        const figures = run(dir, which === 'ours' ? ours : base!);
        (which === 'ours' ? after : before).push(figures);
        log(
          `    ${figures.seconds.toFixed(1)} s, ${figures.cpuSeconds.toFixed(1)} s CPU, ${Math.round(figures.peakRssMb)} MB`,
        );
      }
    }
    rmSync(dir, { recursive: true, force: true });
    return {
      members,
      rows: members * 10_000,
      runs,
      ...medians(after),
      ...(before.length > 0 ? { before: medians(before) } : {}),
    };
  });
}

const mb = (x: number) => `${Math.round(x).toLocaleString('en-US')} MB`;
const figures = (f: PortfolioFigures) =>
  `${f.seconds.toFixed(1)} s | ${f.cpuSeconds.toFixed(1)} s | ${mb(f.peakRssMb)}`;

export function portfolioTable(cases: PortfolioCase[], machine: string): string {
  const runs = Math.max(...cases.map((c) => c.runs));
  const withBefore = cases.some((c) => c.before);
  const how =
    `Measured on ${machine}: \`throughline refresh <folder>\` in a fresh process ` +
    `with the flags the command line picks itself (heap, inlining budget), ` +
    (runs > 1 ? `medians of ${runs} runs` : 'one run each') +
    (withBefore ? ', the build before and this one alternated' : '') +
    '. CPU is every thread of the process (user + system); peak RSS is the whole process, its worker threads included.';
  const head = withBefore
    ? [
        '| members | data rows | before: whole refresh | CPU | peak RSS | after: whole refresh | CPU | peak RSS |',
        '|---|---|---|---|---|---|---|---|',
      ]
    : ['| members | data rows | whole refresh | CPU | peak RSS |', '|---|---|---|---|---|'];
  const rows = cases.map(
    (c) =>
      `| ${c.members} | ${c.rows.toLocaleString('en-US')} | ` +
      (withBefore ? `${c.before ? figures(c.before) : '– | – | –'} | ` : '') +
      `${figures(c)} |`,
  );
  return [how, '', ...head, ...rows].join('\n');
}
