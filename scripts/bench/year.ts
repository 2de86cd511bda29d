// A year of weekly refreshes on the generated workbook, with and without the plan over time (issue 19):
// what baselines and forecast history add to the refresh time and to the ledger. Both runs see the same
// workbook each week, interleaved so that a busy machine slows both alike. The week's edits are what
// teams do: a quarter of the KPIs and initiatives report a check-in (History grows, Actual and %
// Complete move), one initiative in twenty pushes its Forecast a week; a baseline is set in the first
// week and a replan in week 27.
import { deflateRawSync } from 'node:zlib';
import { refresh } from '../../src/engine';
import type { CellValue, LedgerPlan, OutValue, RawTable, WorkbookSnapshot } from '../../src/engine/types';
import { dayFromISO, isoFromDay, serialFromDay } from '../../src/engine/parse/values';
import { cellXml } from '../../src/io/ooxml/cell-xml';
import { columnLetters } from '../../src/cells';
import { LEGACY_LEDGER_HEADERS, LEGACY_MARKS_OFFSET, readLedger, readLedgerMarks } from '../../src/engine/flags/ledger';
import { MARK_HEADERS } from '../../src/engine/changes';
import { applyPlan } from '../../test/support/apply-plan';
import { generateWorkbook, snapshotOf } from './generate';
import { median } from './stats';

export interface YearCase {
  rows: number;
  weeks: number;
  /** Median engine refresh of the 52 weeks, with and without the plan over time. */
  medianMs: number;
  medianWithoutMs: number;
  totalMs: number;
  totalWithoutMs: number;
  /** The ledger sheet after the year, as worksheet XML, and deflated as in the .xlsx. */
  ledgerBytes: number;
  ledgerWithoutBytes: number;
  ledgerZipBytes: number;
  ledgerZipWithoutBytes: number;
  /**
   * The ledger the version before issue 19 would have written after the same year (before the compact
   * ledger of issue 23: a row of five cells per check-in, ten cells per item mark; no plan blocks).
   */
  ledgerBeforeBytes: number;
  ledgerZipBeforeBytes: number;
  /** Bytes of the plan blocks alone (plans and forecast history, baselines, removed, as-of dates). */
  planBlocksBytes: number;
  historyRows: number;
}

const WEEKS = 52;
const FIRST_AS_OF = dayFromISO('2026-01-05')!;

/** The ledger grid an adapter reads back after writing the plan (dates as JS dates, as Excel hands them). */
function ledgerGrid(plan: LedgerPlan): CellValue[][] {
  const height = Math.max(...plan.blocks.map((b) => b.rows.length + 1));
  const width = Math.max(...plan.blocks.map((b) => b.column + b.headers.length));
  const grid: CellValue[][] = Array.from({ length: height }, () => new Array<CellValue>(width).fill(null));
  const cell = (v: OutValue): CellValue => (v !== null && typeof v === 'object' ? new Date(v.day * 86_400_000) : v);
  for (const b of plan.blocks)
    [b.headers, ...b.rows].forEach((row, r) => row.forEach((v, c) => (grid[r][b.column + c] = cell(v as OutValue))));
  return grid;
}

/** The ledger as the worksheet XML the .xlsx writer makes of it: its cells, with rows as the writer groups them. */
function ledgerXml(plan: LedgerPlan, only?: (column: number) => boolean): string {
  const height = Math.max(...plan.blocks.map((b) => b.rows.length + 1));
  const parts: string[] = [];
  for (let r = 0; r < height; r++) {
    const cells: string[] = [];
    for (const b of plan.blocks) {
      if (only && !only(b.column)) continue;
      const values = r === 0 ? b.headers : b.rows[r - 1];
      if (!values) continue;
      values.forEach((v, c) => {
        const value = v !== null && typeof v === 'object' ? serialFromDay(v.day, false) : v;
        const x = cellXml('c', `${columnLetters(b.column + c + 1)}${r + 1}`, value, typeof v === 'object' && v ? 2 : 0);
        if (x) cells.push(x);
      });
    }
    if (cells.length > 0) parts.push(`<row r="${r + 1}">${cells.join('')}</row>`);
  }
  return parts.join('');
}

/**
 * The same ledger in the layout before issue 23, as that version's writer laid it out: the check-ins a
 * row each (ID, ISO date, value, status, ISO recorded) at A:E, the item marks at G:P (dates as date
 * cells), the blocks from the settings on as they are. Only the plan blocks' absence makes it the
 * ledger of before issue 19.
 */
function legacyLedger(plan: LedgerPlan): LedgerPlan {
  const grid = ledgerGrid(plan);
  const checkIns: OutValue[][] = [];
  const read = readLedger(grid, false);
  for (const id of [...read.byId.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)))
    for (const e of [...read.byId.get(id)!.values()].sort((a, b) => a.date - b.date))
      checkIns.push([id, isoFromDay(e.date), e.value, e.status, isoFromDay(e.recorded)]);
  const day = (d: number | null) => (d === null ? null : { day: d });
  const marks: OutValue[][] = [...readLedgerMarks(grid, false).values()]
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .map((m) => [
      m.id,
      m.health,
      m.progress,
      day(m.forecast),
      m.generation,
      { day: m.seen },
      m.was?.health ?? null,
      m.was?.progress ?? null,
      day(m.was?.forecast ?? null),
      m.was ? { day: m.was.since } : null,
    ]);
  return {
    sheetName: plan.sheetName,
    blocks: [
      { column: 0, headers: LEGACY_LEDGER_HEADERS, rows: checkIns },
      { column: LEGACY_MARKS_OFFSET, headers: MARK_HEADERS, rows: marks },
      ...plan.blocks.filter((b) => b.column > LEGACY_MARKS_OFFSET),
    ],
  };
}

/** This week's edits, in place: check-ins for a quarter of the items, a pushed Forecast for one initiative in twenty. */
function editWeek(snapshot: WorkbookSnapshot, week: number, asOf: number): void {
  const table = (name: string) => snapshot.tables.find((t) => t.name === name)!;
  const kpis = table('KPIs');
  const inis = table('Initiatives');
  const history = table('History');
  const col = (t: RawTable, h: string) => t.headers.indexOf(h);
  const date = new Date(asOf * 86_400_000);
  kpis.rows.forEach((row, i) => {
    if (i % 4 !== week % 4) return;
    const actual = (row[col(kpis, 'Actual')] as number) + 1;
    row[col(kpis, 'Actual')] = actual;
    history.rows.push([row[0], date, actual, 'Green']);
  });
  inis.rows.forEach((row, i) => {
    if (i % 4 === week % 4) {
      const done = Math.min(1, Math.round(((row[col(inis, '% Complete')] as number) + 0.02) * 100) / 100);
      row[col(inis, '% Complete')] = done;
      history.rows.push([row[0], date, done, 'Green']);
    }
    if (i % 20 === week % 20) {
      const f = (row[col(inis, 'Forecast')] ?? row[col(inis, 'Due')]) as Date;
      row[col(inis, 'Forecast')] = new Date(f.getTime() + 7 * 86_400_000);
    }
  });
}

export function benchYear(rows: number, log: (s: string) => void): YearCase {
  log(`\nA year of weekly refreshes on ${rows.toLocaleString('en-US')} rows…`);
  let data = snapshotOf(generateWorkbook(rows));
  let withLedger: CellValue[][] | null = null;
  let withoutLedger: CellValue[][] | null = null;
  const times: number[] = [];
  const timesWithout: number[] = [];
  let lastWith: LedgerPlan | null = null;
  let lastWithout: LedgerPlan | null = null;
  for (let week = 0; week < WEEKS; week++) {
    const asOf = FIRST_AS_OF + 7 * week;
    editWeek(data, week, asOf);
    const options = { today: asOf, settings: { asOf } };
    const setBaseline = week === 0 ? 'FY26 plan' : week === 26 ? 'H2 replan' : null;
    // Alternate which runs first, so neither always meets a colder cache.
    const runWith = () => {
      const t = performance.now();
      const r = refresh({ ...data, ledger: withLedger }, { ...options, setBaseline });
      times.push(performance.now() - t);
      return r;
    };
    const runWithout = () => {
      const t = performance.now();
      const r = refresh({ ...data, ledger: withoutLedger }, { ...options, planOverTime: false });
      timesWithout.push(performance.now() - t);
      return r;
    };
    const [a, b] = week % 2 ? [runWithout(), runWith()] : [runWith(), runWithout()];
    const r = week % 2 ? b : a;
    const w = week % 2 ? a : b;
    if (!r.plan || !w.plan) throw new Error(`week ${week}: the refresh stopped`);
    if (week === 0) data = { ...applyPlan(data, r.plan), ledger: null };
    withLedger = ledgerGrid(r.plan.ledger);
    withoutLedger = ledgerGrid(w.plan.ledger);
    lastWith = r.plan.ledger;
    lastWithout = w.plan.ledger;
    if (week % 13 === 12)
      log(
        `  week ${week + 1} (${isoFromDay(asOf)}): ${Math.round(times[week])} ms with, ${Math.round(timesWithout[week])} ms without`,
      );
  }
  const xmlWith = ledgerXml(lastWith!);
  // Today's ledger: the same refreshes without the plan over time (its plan blocks are empty).
  const xmlWithout = ledgerXml(lastWithout!);
  const planOnly = ledgerXml(lastWith!, (column) => column >= 23);
  const xmlBefore = ledgerXml(legacyLedger(lastWithout!));
  const zip = (s: string) => deflateRawSync(Buffer.from(s, 'utf8'), { level: 6 }).length;
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    rows,
    weeks: WEEKS,
    medianMs: Math.round(median(times)),
    medianWithoutMs: Math.round(median(timesWithout)),
    totalMs: Math.round(sum(times)),
    totalWithoutMs: Math.round(sum(timesWithout)),
    ledgerBytes: Buffer.byteLength(xmlWith),
    ledgerWithoutBytes: Buffer.byteLength(xmlWithout),
    ledgerZipBytes: zip(xmlWith),
    ledgerZipWithoutBytes: zip(xmlWithout),
    ledgerBeforeBytes: Buffer.byteLength(xmlBefore),
    ledgerZipBeforeBytes: zip(xmlBefore),
    planBlocksBytes: Buffer.byteLength(planOnly),
    historyRows: data.tables.find((t) => t.name === 'History')!.rows.length,
  };
}

export function yearMarkdown(c: YearCase, machine: string): string {
  const pct = (a: number, b: number) => `${a >= b ? '+' : ''}${(((a - b) / b) * 100).toFixed(1)} %`;
  const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;
  const n = (x: number) => x.toLocaleString('en-US');
  const row = (what: string, a: string, b: string, d: string) => `| ${what} | ${a} | ${b} | ${d} |`;
  return [
    `Measured on ${machine}: ${c.weeks} weekly refreshes of the ${n(c.rows)}-row workbook ` +
      `(History grew to ${n(c.historyRows)} rows).`,
    '',
    '| | with baselines and history | without (today) | difference |',
    '|---|---|---|---|',
    row(
      'engine refresh, median of the weeks',
      `${c.medianMs} ms`,
      `${c.medianWithoutMs} ms`,
      pct(c.medianMs, c.medianWithoutMs),
    ),
    row(
      'engine refresh, the whole year',
      `${(c.totalMs / 1000).toFixed(1)} s`,
      `${(c.totalWithoutMs / 1000).toFixed(1)} s`,
      pct(c.totalMs, c.totalWithoutMs),
    ),
    row(
      'ledger sheet XML after the year',
      mb(c.ledgerBytes),
      mb(c.ledgerWithoutBytes),
      pct(c.ledgerBytes, c.ledgerWithoutBytes),
    ),
    row(
      'ledger sheet deflated (as in the .xlsx)',
      mb(c.ledgerZipBytes),
      mb(c.ledgerZipWithoutBytes),
      pct(c.ledgerZipBytes, c.ledgerZipWithoutBytes),
    ),
    '',
    `Against the ledger of before issue 19 (the same year in that layout: a row per check-in, no plan ` +
      `blocks; issue 19's target is ≤ +15 %): ${mb(c.ledgerBytes)} / ${mb(c.ledgerBeforeBytes)} of XML ` +
      `(${pct(c.ledgerBytes, c.ledgerBeforeBytes)}), ${mb(c.ledgerZipBytes)} / ${mb(c.ledgerZipBeforeBytes)} ` +
      `deflated (${pct(c.ledgerZipBytes, c.ledgerZipBeforeBytes)}).`,
    '',
    `The plan blocks alone (each item's plans and forecast history, the baselines, the as-of dates) are ` +
      `${mb(c.planBlocksBytes)} of XML.`,
  ].join('\n');
}
