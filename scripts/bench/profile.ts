// Profiles one engine refresh: `npx ts-node --transpile-only scripts/bench/profile.ts 100000`.
import { refresh } from '../../src/engine';
import { dayFromISO } from '../../src/engine/parse/values';
import type { CellValue, WorkbookSnapshot } from '../../src/engine/types';
import { BENCH_AS_OF, generateWorkbook } from './generate';

const rows = Number(process.argv[2] ?? 10_000);
const gen = generateWorkbook(rows);
const snapshot: WorkbookSnapshot = {
  date1904: false,
  sheetNames: gen.sheets.map((s) => s.sheet),
  sheets: [],
  tables: gen.sheets.map((s) => ({
    sheet: s.sheet,
    name: s.table!,
    headerRow: 1,
    firstColumn: 1,
    headers: s.headers,
    rows: s.rows.map((r) => s.headers.map((_, i) => (r[i] ?? null) as CellValue)),
    occupiedRight: [],
  })),
};
const today = dayFromISO(BENCH_AS_OF)!;
for (let i = 0; i < 3; i++) refresh(snapshot, { today });
const started = performance.now();
const r = refresh(snapshot, { today });
process.stdout.write(`${rows} rows: ${(performance.now() - started).toFixed(1)} ms ${JSON.stringify(r.stagesMs)}\n`);
