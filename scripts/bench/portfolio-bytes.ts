// Checks that two builds of the command line refresh a portfolio to the same files: every member's
// refreshed copy byte for byte, the portfolio workbook (--portfolio-out) part for part but its creation
// time, and the same summary and --json. Used for the portfolio's speed work (docs/benchmarks.md):
//
//   ts-node --transpile-only scripts/bench/portfolio-bytes.ts <other build's bin/throughline.js> [folder…]
//
// With no folder it checks examples/portfolio (a hub and five teams). Each folder is refreshed four
// times: beside itself, then in place, then in place again (the weekly refresh), then with --json.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync } from 'fflate';

const ROOT = path.join(__dirname, '../..');
const OURS = path.join(ROOT, 'bin/throughline.js');

function refresh(bin: string, dir: string, extra: string[]): string {
  const args = [bin, 'refresh', dir, '--as-of', '2026-06-30', '--portfolio-out', path.join(dir, 'all.xlsx'), ...extra];
  return execFileSync(process.execPath, args, {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
    .split(dir)
    .join('<dir>');
}

function sameWorkbook(a: Uint8Array, b: Uint8Array): boolean {
  const x = unzipSync(a);
  const y = unzipSync(b);
  const names = Object.keys(x);
  if (names.join('\n') !== Object.keys(y).join('\n')) return false;
  // The portfolio workbook is new each time: its creation time is the only part allowed to differ.
  return names.every((n) => n === 'docProps/core.xml' || Buffer.from(x[n]).equals(Buffer.from(y[n])));
}

/** Differences between the two builds' outputs for one folder; none when the lists are empty. */
function compare(folder: string, other: string): string[] {
  const problems: string[] = [];
  const dirs = [other, OURS].map((bin) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-bytes-'));
    cpSync(folder, dir, { recursive: true, filter: (f) => !/\.refreshed\.|all\.xlsx$/.test(f) });
    return { bin, dir };
  });
  for (const [round, extra] of [
    ['first, beside', []],
    ['first, in place', ['--in-place']],
    ['again', ['--in-place']],
    ['again, --json', ['--in-place', '--json']],
  ] as const) {
    const outs = dirs.map(({ bin, dir }) => refresh(bin, dir, [...extra]));
    if (outs[0] !== outs[1]) problems.push(`${round}: the command's output differs`);
    const files = readdirSync(dirs[0].dir).sort();
    if (files.join() !== readdirSync(dirs[1].dir).sort().join()) problems.push(`${round}: different files written`);
    for (const f of files) {
      const [a, b] = dirs.map(({ dir }) => readFileSync(path.join(dir, f)));
      const same = f === 'all.xlsx' ? sameWorkbook(a, b) : a.equals(b);
      if (!same) problems.push(`${round}: ${f} differs`);
    }
    process.stderr.write(`${path.basename(folder)} ${round}: ${files.length} files compared\n`);
  }
  for (const { dir } of dirs) rmSync(dir, { recursive: true, force: true });
  return problems;
}

if (require.main === module) {
  const [other, ...folders] = process.argv.slice(2);
  if (!other) throw new Error('usage: portfolio-bytes.ts <other bin/throughline.js> [folder…]');
  const problems = (folders.length > 0 ? folders : [path.join(ROOT, 'examples/portfolio')]).flatMap((f) =>
    compare(f, other).map((p) => `${f}: ${p}`),
  );
  process.stdout.write(problems.length === 0 ? 'same bytes\n' : problems.join('\n') + '\n');
  process.exitCode = problems.length === 0 ? 0 : 1;
}
