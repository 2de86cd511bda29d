// `npm run bench -- --portfolio`: a portfolio of N member workbooks of 10,000 rows each, refreshed by
// the real command line in a fresh process (wall time and peak memory), for N = 10, 25, 50 and 100.
// Each member is the bench's generated workbook (its own objectives, KPIs, initiatives, dependencies
// and check-ins) plus 20 dependencies on the previous member's initiatives, written as TEAM:ID.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildWorkbook } from '../../src/io/xlsx/build';
import { generateWorkbook } from './generate';

const ROOT = path.join(__dirname, '../..');

export interface PortfolioCase {
  members: number;
  rows: number;
  seconds: number;
  peakRssMb: number;
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

function run(dir: string): { seconds: number; peakRssMb: number } {
  const bin = path.join(ROOT, 'bin/throughline.js');
  const script = `process.argv = [process.argv[0], ${JSON.stringify(bin)}, 'refresh', ${JSON.stringify(dir)}]; process.stdout.write = () => true; process.on('exit', (code) => process.stderr.write('\\n' + JSON.stringify({ code, rssKb: process.resourceUsage().maxRSS }))); require(${JSON.stringify(bin)});`;
  const started = performance.now();
  const child = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', maxBuffer: 64 << 20 });
  const seconds = (performance.now() - started) / 1000;
  const last = (child.stderr || '').trim().split('\n').pop() ?? '';
  const out = JSON.parse(last.startsWith('{') ? last : '{"code":-1,"rssKb":0}') as { code: number; rssKb: number };
  if (out.code !== 0) throw new Error(`the portfolio refresh failed: ${child.stderr.slice(-2000)}`);
  return { seconds, peakRssMb: out.rssKb / 1024 };
}

export function benchPortfolio(sizes: number[], log: (s: string) => void): PortfolioCase[] {
  return sizes.map((members) => {
    log(`portfolio of ${members} members: writing…`);
    const dir = writePortfolio(members);
    log('  refreshing…');
    const result = run(dir);
    rmSync(dir, { recursive: true, force: true });
    return { members, rows: members * 10_000, ...result };
  });
}

export function portfolioTable(cases: PortfolioCase[], machine: string): string {
  const lines = [
    `Measured on ${machine}: \`throughline refresh <folder>\` in a fresh process with Node's default flags, one run each.`,
    '',
    '| members | data rows | whole refresh | peak RSS |',
    '|---|---|---|---|',
    ...cases.map(
      (c) =>
        `| ${c.members} | ${c.rows.toLocaleString('en-US')} | ${c.seconds.toFixed(1)} s | ${Math.round(c.peakRssMb).toLocaleString('en-US')} MB |`,
    ),
  ];
  return lines.join('\n');
}
