// RefreshOptions.consume (issue 23, the portfolio's memory): a caller that keeps nothing lets the engine
// drop the rows it read once parsed. The result must be the very one a refresh that keeps them gives,
// on formal tables and on plain header-row sheets, first and weekly (ledger present).
import { refresh, type RefreshResult } from '../../src/engine';
import type { CellValue, RawSheet, WorkbookSnapshot } from '../../src/engine/types';
import { dayFromISO } from '../../src/engine/parse/values';
import { applyPlan } from '../support/apply-plan';
import { BENCH_AS_OF, generateWorkbook, snapshotOf } from '../../scripts/bench/generate';

const today = dayFromISO(BENCH_AS_OF)!;

/** What a host reads of a result, lazy fields expanded (JSON reads them). */
const seen = (r: RefreshResult) =>
  JSON.stringify({ ...r, stagesMs: null }, (_k, v: unknown) =>
    v instanceof Map ? [...v] : v instanceof Set ? [...v] : v,
  );

/** The same workbook with its Dependencies and History as plain sheets (no formal table). */
function withPlainSheets(s: WorkbookSnapshot): WorkbookSnapshot {
  const plain = new Set(['Dependencies', 'Check-ins']);
  const sheets: RawSheet[] = s.tables
    .filter((t) => plain.has(t.sheet))
    .map((t) => ({ sheet: t.sheet, originRow: 1, originColumn: 1, values: [t.headers, ...t.rows] }));
  return { ...s, tables: s.tables.filter((t) => !plain.has(t.sheet)), sheets };
}

// By hand: jest's structuredClone makes Dates of another realm, which the engine does not take for dates.
const grid = (rows: CellValue[][]) => rows.map((r) => r.map((v) => (v instanceof Date ? new Date(v.getTime()) : v)));
const copy = (s: WorkbookSnapshot): WorkbookSnapshot => ({
  ...s,
  tables: s.tables.map((t) => ({ ...t, rows: grid(t.rows) })),
  sheets: s.sheets.map((x) => ({ ...x, values: grid(x.values) })),
  ledger: s.ledger ? grid(s.ledger) : s.ledger,
});

describe('refresh with consume', () => {
  const first = snapshotOf(generateWorkbook(1_000));
  const weekly = applyPlan(first, refresh(copy(first), { today }).plan!);
  test.each([
    ['formal tables, first refresh', first],
    ['formal tables, weekly refresh', weekly],
    ['plain sheets, first refresh', withPlainSheets(first)],
    ['plain sheets, weekly refresh', withPlainSheets(weekly)],
  ])('%s: the same result, and the rows read are let go of', (_name, snapshot) => {
    const kept = copy(snapshot);
    const consumed = copy(snapshot);
    const expected = seen(refresh(kept, { today }));
    const got = refresh(consumed, { today, consume: true });
    expect(seen(got)).toBe(expected);
    // The plain sheets were read as the tables they name: their rows were parsed, then let go of.
    expect(got.report.dependencies.length).toBeGreaterThan(90);
    expect(got.report.errors).toEqual([]);
    expect(got.report.items.some((i) => (i.forecastHistory?.length ?? 0) > 0)).toBe(true);
    expect(got.plan!.tables.map((t) => t.rowCount)).toEqual(
      refresh(copy(snapshot), { today }).plan!.tables.map((t) => t.rowCount),
    );
    expect(consumed.tables.every((t) => t.rows.length === 0)).toBe(true);
    expect(consumed.sheets.every((s) => s.values.length === 0)).toBe(true);
    // Without consume the caller's rows are untouched.
    expect(kept).toEqual(snapshot);
    expect(consumed.ledger).toEqual(snapshot.ledger);
  });
});
