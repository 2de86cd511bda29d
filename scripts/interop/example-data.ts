// Writes a compact copy of the worked example (src/example/rollout.ts) as JSON for the interop
// corpus writers (python, node), which cannot import TypeScript. Dates become ISO strings
// ("2026-05-15"); every other value is kept as it is.
//
// Compact: all objectives, the first four KPIs and the first eight initiatives, and only the
// dependency and check-in rows whose items survive, so every reference still resolves.
//   npx ts-node --transpile-only scripts/interop/example-data.ts OUT.json
import * as fs from 'node:fs';
import { EXAMPLE_AS_OF, EXAMPLE_FORMATS, EXAMPLE_SHEETS } from '../../src/example/rollout';
import type { SheetSpec, SpecValue } from '../../src/example/sheet-spec';

const KEEP_ROWS: Record<string, number> = { KPIs: 4, Initiatives: 8 };

type JsonValue = string | number | null;
interface JsonSheet {
  sheet: string;
  table: string | null;
  title: string | null;
  headers: string[];
  /** Column index of each header that holds dates, so writers can format them. */
  dateColumns: number[];
  rows: JsonValue[][];
}

const iso = (v: SpecValue): JsonValue => (v instanceof Date ? v.toISOString().slice(0, 10) : v);

function compact(specs: SheetSpec[]): JsonSheet[] {
  const kept = specs.map((s) => ({ ...s, rows: s.rows.slice(0, KEEP_ROWS[s.sheet] ?? s.rows.length) }));
  const ids = new Set<string>();
  for (const s of kept)
    if (s.sheet === 'Objectives' || s.sheet === 'KPIs' || s.sheet === 'Initiatives')
      s.rows.forEach((r) => ids.add(String(r[0])));
  const survives = (s: SheetSpec, r: SpecValue[]): boolean => {
    if (s.sheet === 'Dependencies') return ids.has(String(r[0])) && ids.has(String(r[1]));
    if (s.sheet === 'Check-ins') return ids.has(String(r[0]));
    return true;
  };
  return kept.map((s) => ({
    sheet: s.sheet,
    table: s.table,
    title: s.title ?? null,
    headers: s.headers,
    dateColumns: s.headers.flatMap((_h, i) => (s.rows.some((r) => r[i] instanceof Date) ? [i] : [])),
    rows: s.rows.filter((r) => survives(s, r)).map((r) => r.map(iso)),
  }));
}

const out = process.argv[2];
if (!out) {
  process.stderr.write('usage: example-data.ts OUT.json\n');
  process.exit(2);
}
const data = { asOf: EXAMPLE_AS_OF, formats: EXAMPLE_FORMATS, sheets: compact(EXAMPLE_SHEETS) };
fs.writeFileSync(out, JSON.stringify(data, null, 1) + '\n');
