// `npm run bench`: how Throughline's cost grows with the workbook, side by side with formulas.
//   npm run bench                      human table
//   npm run bench -- --json            exactly one JSON object on stdout
//   npm run bench -- --docs            also rewrites docs/benchmarks.md and docs/benchmarks.svg
//   npm run bench -- --sizes 1000,10000
//   npm run bench -- --office [--docs] only the Office.js round trips and payloads (scripts/bench/office.ts)
//   npm run bench -- --deck [--docs]   only the board pack (scripts/bench/deck.ts); it fails over its budget
//   npm run bench -- --portfolio [--members 10,100] [--base DIR --runs K] [--docs]  (scripts/bench/portfolio.ts)
//   npm run bench -- --links [--runs 9] [--docs]  what the Dependencies link columns add (scripts/bench/links.ts)
//   npm run bench -- --year [--rows 100000] [--docs]  a year of weekly refreshes, with and without baselines (scripts/bench/year.ts)
//   npm run bench -- --floor [--base DIR] [--rows 100000] [--runs 5] [--docs]  the refresh against the floor (scripts/bench/floor.ts)
//   npm run bench -- --live [--docs]   only live updates in Excel (scripts/bench/live.ts), 10k and 100k rows
//   npm run bench -- --page [--file F] [--base DIR] [--runs N] [--reuse] [--docs]  the browser page in Chromium (scripts/bench/page.ts)
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import * as path from 'node:path';
import { refresh, type RefreshResult, type Stage } from '../../src/engine';
import { dayFromISO, serialFromDay } from '../../src/engine/parse/values';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { nodeCodec } from '../../src/io/node/codec';
import { buildWorkbook } from '../../src/io/xlsx/build';
import { applyPlan } from '../../test/support/apply-plan';
import { officeCases, officeMarkdown, type OfficeCase } from './office';
import { BENCH_AS_OF, generateWorkbook, snapshotOf, type GeneratedWorkbook } from './generate';
import { formulaSheets, timeFormulas } from './formulas';
import { chart, markdown } from './report';
import { benchPortfolio, portfolioTable } from './portfolio';
import { benchDeck, deckOverBudget, deckTable, type DeckCase } from './deck';
import { benchLinks, linksMarkdown } from './links';
import { linksOffTree } from './links-off';
import { benchYear, yearMarkdown } from './year';
import { liveCases, liveTable } from './live';
import { benchFloor, floorMarkdown } from './floor';
import { commandLineProcess } from './cli-process';
import { benchPage, pageTable } from './page';
import { median, round } from './stats';

const ROOT = path.join(__dirname, '../..');
const args = process.argv.slice(2);
const json = args.includes('--json');
const docs = args.includes('--docs');
const officeOnly = args.includes('--office');
const sizesArg = args[args.indexOf('--sizes') + 1];
const SIZES = args.includes('--sizes') && sizesArg ? sizesArg.split(',').map(Number) : [1_000, 10_000, 100_000];
const today = dayFromISO(BENCH_AS_OF)!;
const log = (s: string) => process.stderr.write(`${s}\n`);

export interface BenchCase {
  rows: number;
  counts: GeneratedWorkbook['counts'];
  engineMs: number;
  /** The same refresh on the workbook it has just written: owned columns and the ledger present. */
  engineAgainMs: number;
  stagesMs: Record<Stage, number>;
  peakRssMb: number;
  /** The whole `throughline refresh` in a fresh process, and again on the workbook it wrote. */
  cliMs: number;
  cliAgainMs: number;
  cliAgainRssMb: number;
  xlsxReadMs: number;
  xlsxWriteMs: number;
  formulaMs: number;
  rollupMs: number;
  formulaRatio: number;
}

/** Runs `f` once to warm up (unless `warm` is false), then `runs` times; the median duration and the last result. */
async function timed<T>(runs: number, f: () => Promise<T> | T, warm = true): Promise<{ ms: number; result: T }> {
  let result = warm ? await f() : (undefined as T);
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    result = await f();
    times.push(performance.now() - started);
  }
  return { ms: median(times), result };
}

/** The real command line (bin/throughline.js) refreshing the file in a fresh process: its wall time and peak resident memory. */
function cliRun(file: string, out: string): { ms: number; rssMb: number } {
  const bin = path.join(ROOT, 'bin/throughline.js');
  const script = `process.argv = [process.argv[0], ${JSON.stringify(bin)}, 'refresh', ${JSON.stringify(file)}, '--out', ${JSON.stringify(out)}]; process.stdout.write = () => true; process.on('exit', (code) => process.stderr.write('\\n' + JSON.stringify({ code, rssKb: process.resourceUsage().maxRSS }))); require(${JSON.stringify(bin)});`;
  const started = performance.now();
  const { flags, env } = commandLineProcess(bin, ['refresh', file, '--out', out]);
  const child = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20, env });
  const ms = performance.now() - started;
  const last = (child.stderr || '').trim().split('\n').pop() ?? '';
  const result = JSON.parse(last.startsWith('{') ? last : '{"code":-1,"rssKb":0}') as { code: number; rssKb: number };
  if (result.code !== 0)
    throw new Error(`the CLI failed on the ${path.basename(file)} benchmark workbook: ${child.stderr}`);
  return { ms, rssMb: result.rssKb / 1024 };
}

async function benchCase(rows: number): Promise<BenchCase> {
  const runs = rows >= 100_000 ? 3 : 5;
  log(`\n${rows.toLocaleString('en-US')} rows: generating…`);
  const gen = generateWorkbook(rows);
  const snapshot = snapshotOf(gen);

  log('  engine…');
  const engine = await timed(runs, () => refresh(snapshot, { today }));
  const stageRuns: RefreshResult['stagesMs'][] = [];
  for (let i = 0; i < runs; i++) stageRuns.push(refresh(snapshot, { today }).stagesMs);
  const stagesMs = Object.fromEntries(
    (Object.keys(stageRuns[0]) as Stage[]).map((k) => [k, round(median(stageRuns.map((s) => s[k])), 2)]),
  ) as Record<Stage, number>;
  const refreshed = applyPlan(snapshot, engine.result.plan!);
  const again = await timed(runs, () => refresh(refreshed, { today }));
  const rollupMs = stagesMs.recognise + stagesMs.parse + stagesMs.link + stagesMs.evaluate;

  log('  .xlsx through the package layer…');
  const data = buildWorkbook(gen.sheets);
  const fileRuns = rows >= 100_000 ? 1 : 3;
  // Node's zlib, as the command line reads and writes.
  const read = await timed(fileRuns, async () => {
    const port = await XlsxWorkbook.fromBuffer(data, 'bench', nodeCodec);
    await port.read();
    return port;
  });
  const plan = engine.result.plan!;
  const write = await timed(fileRuns, async () => {
    const port = await XlsxWorkbook.fromBuffer(data, 'bench', nodeCodec);
    const started = performance.now();
    await port.apply(plan);
    await port.toBuffer();
    return performance.now() - started;
  });

  log('  formulas in HyperFormula…');
  const sheets = formulaSheets(gen.sheets, serialFromDay(today, false));
  // At 100k rows one evaluation takes minutes: measured once, without a warm-up.
  const formulas = await timed(rows >= 100_000 ? 1 : 3, () => timeFormulas(sheets), rows < 100_000);

  log('  the command line, twice…');
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-bench-'));
  const file = path.join(dir, `bench-${rows}.xlsx`);
  writeFileSync(file, data);
  const cli = cliRun(file, `${file}.out.xlsx`);
  const cliAgain = cliRun(`${file}.out.xlsx`, `${file}.again.xlsx`);
  rmSync(dir, { recursive: true, force: true });

  return {
    rows,
    counts: gen.counts,
    engineMs: round(engine.ms),
    engineAgainMs: round(again.ms),
    stagesMs,
    peakRssMb: round(cli.rssMb),
    cliMs: round(cli.ms),
    cliAgainMs: round(cliAgain.ms),
    cliAgainRssMb: round(cliAgain.rssMb),
    xlsxReadMs: round(read.ms),
    xlsxWriteMs: round(write.result),
    formulaMs: round(formulas.result.ms),
    // The same judgement in the engine: reading the tables, linking them, health and rollups.
    rollupMs: round(rollupMs, 2),
    formulaRatio: round(formulas.result.ms / rollupMs, 1),
  };
}

function writeSection(marker: string, body: string): void {
  const md = path.join(ROOT, 'docs/benchmarks.md');
  const pattern = new RegExp(`<!-- ${marker} -->[\\s\\S]*<!-- /${marker} -->`);
  const before = readFileSync(md, 'utf8');
  if (!pattern.test(before)) throw new Error(`docs/benchmarks.md has no <!-- ${marker} --> section`);
  writeFileSync(md, before.replace(pattern, `<!-- ${marker} -->\n${body}\n<!-- /${marker} -->`));
}

async function main(): Promise<void> {
  const machine = `${cpus().length} × ${cpus()[0]?.model.trim() ?? 'CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
  if (args.includes('--links')) {
    const runs = args.includes('--runs') ? Number(args[args.indexOf('--runs') + 1]) : 9;
    const base = linksOffTree(ROOT);
    const results = [];
    const loads: number[] = [];
    try {
      for (const commitments of [false, true]) {
        log(commitments ? 'every dependency a commitment…' : 'dependencies as generated…');
        loads.push(loadavg()[0]);
        results.push(await benchLinks(base.dir, SIZES[SIZES.length - 1], runs, log, commitments));
        loads.push(loadavg()[0]);
      }
    } finally {
      base.dispose();
    }
    const table = linksMarkdown(results, machine, `${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}`);
    process.stdout.write(json ? `${JSON.stringify({ links: results })}\n` : `${table}\n`);
    if (docs) {
      writeSection('links-results', table);
      log('wrote docs/benchmarks.md');
    }
    return;
  }
  if (args.includes('--floor')) {
    await floorSection(machine);
    return;
  }
  if (args.includes('--year')) {
    const rowsArg = args[args.indexOf('--rows') + 1];
    const c = benchYear(args.includes('--rows') && rowsArg ? Number(rowsArg) : 100_000, log);
    const table = yearMarkdown(c, machine);
    process.stdout.write(json ? `${JSON.stringify({ year: c })}\n` : `${table}\n`);
    if (docs) {
      writeSection('year-results', table);
      writeFileSync(path.join(ROOT, 'docs/benchmark-year.json'), `${JSON.stringify({ machine, year: c }, null, 2)}\n`);
      log('wrote docs/benchmarks.md and docs/benchmark-year.json');
    }
    return;
  }
  if (args.includes('--portfolio')) {
    const sizesArg = args[args.indexOf('--members') + 1];
    const members = args.includes('--members') && sizesArg ? sizesArg.split(',').map(Number) : [10, 25, 50, 100];
    const runsArg = args[args.indexOf('--runs') + 1];
    const cases = benchPortfolio(members, log, {
      base: args.includes('--base') ? args[args.indexOf('--base') + 1] : null,
      runs: args.includes('--runs') && runsArg ? Number(runsArg) : 1,
    });
    const table = portfolioTable(cases, machine);
    process.stdout.write(json ? `${JSON.stringify({ portfolio: cases })}\n` : `${table}\n`);
    if (docs) {
      writeSection('portfolio-results', table);
      writeFileSync(
        path.join(ROOT, 'docs/benchmark-portfolio.json'),
        `${JSON.stringify({ machine, portfolio: cases }, null, 2)}\n`,
      );
      log('wrote docs/benchmarks.md and docs/benchmark-portfolio.json');
    }
    return;
  }
  if (args.includes('--page')) {
    const value = (flag: string) => (args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined);
    const file = value('--file') ?? '/tmp/bench100k.xlsx';
    const cases = await benchPage(
      { file, base: value('--base'), runs: Number(value('--runs') ?? 3), reuse: args.includes('--reuse') },
      log,
    );
    const table = pageTable(cases, machine, file);
    process.stdout.write(json ? `${JSON.stringify({ page: cases })}\n` : `${table}\n`);
    if (docs) writeSection('page-results', table);
    return;
  }
  if (args.includes('--live')) {
    const live = await liveCases(args.includes('--sizes') ? SIZES : [10_000, 100_000], log);
    process.stdout.write(json ? `${JSON.stringify({ live })}\n` : `${liveTable(live, machine)}\n`);
    if (docs) writeSection('live-results', liveTable(live, machine));
    return;
  }
  const deckOnly = args.includes('--deck');
  if (deckOnly) {
    const decks = await benchDeck(SIZES, log);
    reportDecks(decks, machine);
    return;
  }
  const cases: BenchCase[] = [];
  if (!officeOnly) for (const rows of SIZES) cases.push(await benchCase(rows));
  log('\nOffice.js round trips and payloads…');
  const office: OfficeCase[] = await officeCases(SIZES, log);
  const decks = officeOnly ? [] : await benchDeck(SIZES, log);
  if (json) process.stdout.write(`${JSON.stringify({ cases, office, decks })}\n`);
  else process.stdout.write(`${officeOnly ? '' : `${markdown(cases, machine).table}\n\n`}${officeMarkdown(office)}\n`);
  if (docs) {
    if (!officeOnly) {
      writeSection('results', markdown(cases, machine).table);
      writeFileSync(path.join(ROOT, 'docs/benchmarks.svg'), chart(cases));
      writeFileSync(path.join(ROOT, 'docs/benchmark-results.json'), `${JSON.stringify({ machine, cases }, null, 2)}\n`);
    }
    writeSection('office-results', officeMarkdown(office));
    if (!officeOnly) writeSection('deck-results', deckTable(decks, machine));
    writeFileSync(path.join(ROOT, 'docs/benchmark-office.json'), `${JSON.stringify({ office }, null, 2)}\n`);
    log(
      `wrote docs/benchmarks.md${officeOnly ? '' : ', docs/benchmarks.svg, docs/benchmark-results.json'} and docs/benchmark-office.json`,
    );
  }
  if (!json && !officeOnly) process.stdout.write(`\n${deckTable(decks, machine)}\n`);
  failOverBudget(decks);
}

/** `--floor`: this tree (and --base DIR, the commit before) against the floor, in one run. */
async function floorSection(machine: string): Promise<void> {
  const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
  const rows = Number(option('--rows') ?? 100_000);
  const runs = Number(option('--runs') ?? 5);
  const base = option('--base');
  const trees = [
    ...(base ? [{ label: `before (${path.basename(base)})`, root: base }] : []),
    { label: 'this tree', root: ROOT },
  ];
  const cases = benchFloor(rows, runs, trees, log);
  const table = floorMarkdown(cases, machine, runs);
  process.stdout.write(json ? `${JSON.stringify({ floor: cases })}\n` : `${table}\n`);
  if (docs) {
    writeSection('floor-results', table);
    writeFileSync(
      path.join(ROOT, 'docs/benchmark-floor.json'),
      `${JSON.stringify({ machine, floor: cases }, null, 2)}\n`,
    );
    log('wrote docs/benchmarks.md and docs/benchmark-floor.json');
  }
}

/** The board pack's section alone: its table, the docs on --docs, and a failure over budget. */
function reportDecks(decks: DeckCase[], machine: string): void {
  process.stdout.write(json ? `${JSON.stringify({ decks })}\n` : `${deckTable(decks, machine)}\n`);
  if (docs) {
    writeSection('deck-results', deckTable(decks, machine));
    log('wrote docs/benchmarks.md');
  }
  failOverBudget(decks);
}

function failOverBudget(decks: DeckCase[]): void {
  const problems = deckOverBudget(decks);
  for (const p of problems) log(`OVER BUDGET: ${p}`);
  if (problems.length > 0) process.exitCode = 1;
}

main().catch((e) => {
  log(e instanceof Error ? (e.stack ?? e.message) : String(e));
  process.exit(1);
});
