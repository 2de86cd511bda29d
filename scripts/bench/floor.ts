// `npm run bench -- --floor [--base DIR] [--rows 100000] [--runs 5] [--docs]`: the whole command-line
// refresh measured against the floor, in one run on one machine (issue 23). Machines differ (the same
// commit takes 3.5 s on one and 5.3 s on another), so every figure is also given as a ratio to the
// floor measured in the same run on the same workbook: fflate unzip plus one saxes pass over every
// worksheet (scripts/bench/floor-pass.js), in a fresh process like the command line.
//
// Two workbooks: one from our generator (written by src/io/xlsx/build.ts: inline strings) and the same
// data written by openpyxl (shared strings, another writer's habits). Each is refreshed (the first
// refresh) and its output refreshed again (the weekly refresh), by this tree and, with --base DIR, by
// DIR: a built checkout of the commit before (`bash scripts/bench/base.sh <commit> DIR`). Runs
// alternate between the trees so both see the same load; medians are reported.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { buildWorkbook } from '../../src/io/xlsx/build';
import type { SheetSpec } from '../../src/example/sheet-spec';
import { generateWorkbook } from './generate';
import { median, round } from './stats';

export interface Measure {
  ms: number;
  rssMb: number;
}
export interface FloorTree {
  label: string;
  first: Measure;
  weekly: Measure;
}
export interface FloorCase {
  workbook: string;
  rows: number;
  bytes: number;
  cells: number;
  floor: Measure;
  trees: FloorTree[];
}

/** A fresh `node` process: its wall time, its peak RSS (from the kernel, via /usr/bin/time when present) and its stdout. */
function processRun(args: string[]): Measure & { stdout: string } {
  const timeBin = existsSync('/usr/bin/time');
  const cmd = timeBin ? '/usr/bin/time' : process.execPath;
  const argv = timeBin ? ['-f', '%M', process.execPath, ...args] : args;
  const started = performance.now();
  const child = spawnSync(cmd, argv, { encoding: 'utf8', maxBuffer: 64 << 20 });
  const ms = performance.now() - started;
  if (child.status !== 0) throw new Error(`node ${args.join(' ')} failed: ${child.stderr}`);
  const kb = timeBin ? Number((child.stderr.trim().split('\n').pop() ?? '0').trim()) : 0;
  return { ms, rssMb: kb / 1024, stdout: child.stdout };
}

function floorRun(file: string): Measure & { cells: number } {
  const run = processRun([path.join(__dirname, 'floor-pass.js'), file]);
  return { ...run, cells: (JSON.parse(run.stdout) as { cells: number }).cells };
}

const cliRun = (root: string, file: string, out: string) =>
  processRun([path.join(root, 'bin/throughline.js'), 'refresh', file, '--out', out]);

function writeWithOpenpyxl(sheets: SheetSpec[], out: string, dir: string): void {
  // Dates travel as {"date": "YYYY-MM-DD"}: JSON has no date of its own.
  const json = path.join(dir, 'sheets.json');
  const plain = sheets.map((s) => ({
    ...s,
    rows: s.rows.map((r) => r.map((v) => (v instanceof Date ? { date: v.toISOString().slice(0, 10) } : v))),
  }));
  writeFileSync(json, JSON.stringify(plain));
  const py = spawnSync('/usr/bin/python3', [path.join(__dirname, 'write_openpyxl.py'), json, out], {
    encoding: 'utf8',
  });
  if (py.status !== 0) throw new Error(`openpyxl could not write the bench workbook: ${py.stderr}`);
}

/** Both workbooks for `rows`, cached under the system's temp folder (openpyxl takes a while at 100k rows). */
export function floorWorkbooks(rows: number, log: (s: string) => void): { label: string; file: string }[] {
  const dir = path.join(tmpdir(), `throughline-floor-${rows}`);
  mkdirSync(dir, { recursive: true });
  const generated = path.join(dir, 'generated.xlsx');
  const openpyxl = path.join(dir, 'openpyxl.xlsx');
  const gen = existsSync(generated) && existsSync(openpyxl) ? null : generateWorkbook(rows);
  if (gen && !existsSync(generated)) writeFileSync(generated, buildWorkbook(gen.sheets));
  if (gen && !existsSync(openpyxl)) {
    log(`  writing the ${rows.toLocaleString('en-US')}-row workbook with openpyxl…`);
    writeWithOpenpyxl(gen.sheets, openpyxl, dir);
  }
  return [
    { label: 'generator', file: generated },
    { label: 'openpyxl', file: openpyxl },
  ];
}

export function benchFloor(
  rows: number,
  runs: number,
  trees: { label: string; root: string }[],
  log: (s: string) => void,
): FloorCase[] {
  const work = path.join(tmpdir(), `throughline-floor-out-${process.pid}`);
  mkdirSync(work, { recursive: true });
  try {
    return floorWorkbooks(rows, log).map(({ label, file }) => {
      log(`${label} workbook, ${runs} rounds…`);
      const floors: (Measure & { cells: number })[] = [];
      const firsts = trees.map(() => [] as Measure[]);
      const weeklies = trees.map(() => [] as Measure[]);
      for (let round = 0; round < runs; round++) {
        floors.push(floorRun(file));
        trees.forEach((tree, t) => {
          const out = path.join(work, `${tree.label}-first.xlsx`);
          firsts[t].push(cliRun(tree.root, file, out));
          weeklies[t].push(cliRun(tree.root, out, path.join(work, `${tree.label}-weekly.xlsx`)));
        });
        log(`  round ${round + 1}: floor ${Math.round(floors[round].ms)} ms`);
      }
      const med = (ms: Measure[]): Measure => ({
        ms: round(median(ms.map((m) => m.ms)), 0),
        rssMb: round(median(ms.map((m) => m.rssMb)), 0),
      });
      return {
        workbook: label,
        rows,
        bytes: statSync(file).size,
        cells: floors[0].cells,
        floor: med(floors),
        trees: trees.map((tree, t) => ({ label: tree.label, first: med(firsts[t]), weekly: med(weeklies[t]) })),
      };
    });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

const ratio = (m: Measure, floor: Measure) =>
  `${(m.ms / floor.ms).toFixed(1)}× · ${(m.rssMb / floor.rssMb).toFixed(1)}×`;

export function floorMarkdown(cases: FloorCase[], machine: string, runs: number): string {
  const lines = [
    `Measured on ${machine}. Medians of ${runs} alternated rounds; each figure is a fresh process's wall time and peak RSS.`,
    '',
    '| workbook | tree | first refresh s (MB) | ÷ floor (time · RSS) | weekly refresh s (MB) | ÷ floor (time · RSS) |',
    '|---|---|---|---|---|---|',
  ];
  for (const c of cases) {
    const mb = (c.bytes / 2 ** 20).toFixed(1);
    const floor = `${(c.floor.ms / 1000).toFixed(2)} s (${c.floor.rssMb} MB)`;
    lines.push(`| ${c.workbook} (${mb} MB, ${c.cells.toLocaleString('en-US')} cells) | floor | ${floor} | 1× | | |`);
    for (const t of c.trees)
      lines.push(
        `| | ${t.label} | ${(t.first.ms / 1000).toFixed(2)} (${t.first.rssMb}) | ${ratio(t.first, c.floor)} | ` +
          `${(t.weekly.ms / 1000).toFixed(2)} (${t.weekly.rssMb}) | ${ratio(t.weekly, c.floor)} |`,
      );
  }
  return lines.join('\n');
}
