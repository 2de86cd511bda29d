// `npm run bench -- --deck`: the board pack of the generated bench workbooks. Two figures per size: the
// deck made from a refresh result already in memory (median of 3 after a warm-up), and the whole
// `throughline report <file> --out deck.pptx` in a fresh process (read, compute, deck, write). The
// budget (issue 22): the 100,000-row deck made in at most 5 s and at most 2 MB, because it shows the top
// items only; the command's own time is mostly reading and computing the workbook, which `refresh` does too.
import { spawnSync } from 'node:child_process';
import { commandLineProcess } from './cli-process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { refresh } from '../../src/engine';
import { dayFromISO } from '../../src/engine';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { nodeCodec } from '../../src/io/node/codec';
import { buildWorkbook } from '../../src/io/xlsx/build';
import { boardPackPptx } from '../../src/present/deck';
import { BENCH_AS_OF, generateWorkbook } from './generate';

const ROOT = path.join(__dirname, '../..');

export interface DeckCase {
  rows: number;
  slides: number;
  deckMs: number;
  deckBytes: number;
  /** `throughline report … --out deck.pptx`, the whole command in a fresh process. */
  cliSeconds: number;
  cliPeakRssMb: number;
  /** `throughline refresh` of the same file just after: what reading and computing cost on the machine then. */
  refreshSeconds: number;
}

export const DECK_BUDGET = { rows: 100_000, seconds: 5, bytes: 2 * 1024 * 1024 };

/** The command line in a fresh process: `command` on the file, written to `out`. */
function cliRun(command: 'report' | 'refresh', file: string, out: string): { seconds: number; rssMb: number } {
  const bin = path.join(ROOT, 'bin/throughline.js');
  const argv = [bin, command, file, '--out', out, '--as-of', BENCH_AS_OF];
  const script = `process.argv = [process.argv[0], ...${JSON.stringify(argv)}]; process.stdout.write = () => true; process.on('exit', (code) => process.stderr.write('\\n' + JSON.stringify({ code, rssKb: process.resourceUsage().maxRSS }))); require(${JSON.stringify(bin)});`;
  const started = performance.now();
  const { flags, env } = commandLineProcess(bin, argv.slice(1));
  const child = spawnSync(process.execPath, [...flags, '-e', script], { encoding: 'utf8', maxBuffer: 1 << 20, env });
  const seconds = (performance.now() - started) / 1000;
  const last = (child.stderr || '').trim().split('\n').pop() ?? '';
  const result = JSON.parse(last.startsWith('{') ? last : '{"code":-1,"rssKb":0}') as { code: number; rssKb: number };
  if (result.code !== 0) throw new Error(`throughline ${command} failed on ${path.basename(file)}: ${child.stderr}`);
  return { seconds, rssMb: result.rssKb / 1024 };
}

export async function benchDeck(sizes: number[], log: (s: string) => void): Promise<DeckCase[]> {
  const cases: DeckCase[] = [];
  for (const rows of sizes) {
    log(`board pack, ${rows.toLocaleString('en-US')} rows: generating…`);
    const data = buildWorkbook(generateWorkbook(rows).sheets);
    const port = await XlsxWorkbook.fromBuffer(data, 'bench', nodeCodec);
    const result = refresh(await port.read(), { today: dayFromISO(BENCH_AS_OF)! });
    const make = () => boardPackPptx(result, { source: `bench-${rows}.xlsx`, generated: BENCH_AS_OF, locale: 'en-US' });
    log('  the deck from the result…');
    let deck = await make();
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      deck = await make();
      times.push(performance.now() - started);
    }
    log('  throughline report --out deck.pptx…');
    const dir = mkdtempSync(path.join(tmpdir(), 'throughline-deck-bench-'));
    const file = path.join(dir, `bench-${rows}.xlsx`);
    writeFileSync(file, data);
    const cli = cliRun('report', file, path.join(dir, 'deck.pptx'));
    const written = statSync(path.join(dir, 'deck.pptx')).size;
    const refreshed = cliRun('refresh', file, path.join(dir, 'refreshed.xlsx'));
    rmSync(dir, { recursive: true, force: true });
    cases.push({
      rows,
      slides: deck.slides,
      deckMs: Math.round(times.sort((a, b) => a - b)[1]),
      deckBytes: written,
      cliSeconds: Math.round(cli.seconds * 100) / 100,
      cliPeakRssMb: Math.round(cli.rssMb),
      refreshSeconds: Math.round(refreshed.seconds * 100) / 100,
    });
  }
  return cases;
}

/** Problems with the budget, for the bench to fail on; none when it is met (or the size was not run). */
export function deckOverBudget(cases: DeckCase[]): string[] {
  const c = cases.find((x) => x.rows === DECK_BUDGET.rows);
  if (!c) return [];
  const problems: string[] = [];
  if (c.deckMs > DECK_BUDGET.seconds * 1000)
    problems.push(`the ${c.rows}-row deck took ${c.deckMs} ms to make (budget ${DECK_BUDGET.seconds} s)`);
  if (c.deckBytes > DECK_BUDGET.bytes) problems.push(`the ${c.rows}-row deck is ${c.deckBytes} bytes (budget 2 MB)`);
  return problems;
}

export function deckTable(cases: DeckCase[], machine: string): string {
  const kb = (b: number) => `${Math.round(b / 1024).toLocaleString('en-US')} KB`;
  return [
    `Measured on ${machine}. The deck from a result in memory: median of 3 after a warm-up; the command: one run in a fresh process.`,
    '',
    '| data rows | slides | deck from the result | `throughline report --out deck.pptx` (peak RSS) | `throughline refresh`, just after | deck size |',
    '|---|---|---|---|---|---|',
    ...cases.map(
      (c) =>
        `| ${c.rows.toLocaleString('en-US')} | ${c.slides} | ${c.deckMs.toLocaleString('en-US')} ms | ${c.cliSeconds.toFixed(2)} s (${c.cliPeakRssMb.toLocaleString('en-US')} MB) | ${c.refreshSeconds.toFixed(2)} s | ${kb(c.deckBytes)} |`,
    ),
  ].join('\n');
}
