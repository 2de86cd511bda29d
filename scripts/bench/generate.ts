// Deterministic, realistic workbooks at any size: a four-level objective tree, KPIs and initiatives
// under it, about 1.5 dependencies per initiative and about 5 History entries per item.
import type { SheetSpec, SpecValue } from '../../src/example/sheet-spec';
import type { CellValue, RawTable, WorkbookSnapshot } from '../../src/engine/types';

/** A small, fast, seeded generator (mulberry32): the same seed gives the same workbook. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const day = (iso: string) => new Date(`${iso}T00:00:00Z`);
const plus = (d: Date, days: number) => new Date(d.getTime() + days * 86_400_000);
const START = day('2026-01-01');
export const BENCH_AS_OF = '2026-06-30';

export interface GeneratedWorkbook {
  sheets: SheetSpec[];
  counts: {
    objectives: number;
    kpis: number;
    initiatives: number;
    dependencies: number;
    history: number;
    total: number;
  };
}

/**
 * `rows` data rows in all: 2 % objectives, and KPIs and initiatives in equal numbers with 1.5
 * dependencies per initiative and 5 check-ins per item making up the rest.
 */
export interface WorkbookShape {
  objectives: number;
  kpis: number;
  initiatives: number;
}

/** `shape` fixes the counts instead (the pane's large-workbook check: 200 objectives, 3,000 KPIs, 6,000 initiatives). */
export function generateWorkbook(rows: number, seed = 42, shape?: WorkbookShape): GeneratedWorkbook {
  const rnd = random(seed);
  const pick = <T>(xs: T[]): T => xs[Math.floor(rnd() * xs.length)];
  const objectives = shape ? Math.max(21, shape.objectives) : Math.max(21, Math.round(rows * 0.02));
  const kpiCount = shape ? shape.kpis : Math.max(2, Math.round((rows - objectives) / 13.5));
  const iniCount = shape ? shape.initiatives : kpiCount;
  const items = Math.max(kpiCount, iniCount);

  // Four levels: 1 root, 4 pillars, 16 programmes, the rest outcomes.
  const objRows: SpecValue[][] = [];
  for (let i = 0; i < objectives; i++) {
    const parent = i === 0 ? null : i <= 4 ? 0 : i <= 20 ? 1 + ((i - 5) % 4) : 5 + ((i - 21) % 16);
    const value =
      i >= 1 && i <= 4 ? 1_000_000 * (2 + (i % 3)) : i > 20 && rnd() < 0.3 ? Math.round(rnd() * 500_000) : null;
    objRows.push([
      `O${i}`,
      `Objective ${i}`,
      parent === null ? null : `O${parent}`,
      `Owner ${i % 37}`,
      pick(['Sales', 'IT', 'Finance', 'Ops']),
      1 + (i % 3),
      value,
      i >= 1 && i <= 4 ? `Stream ${i}` : null,
      plus(START, 364),
    ]);
  }
  const leaf = (i: number) => `O${objectives > 21 ? 21 + (i % (objectives - 21)) : 5 + (i % 16)}`;

  const kpiRows: SpecValue[][] = [];
  const iniRows: SpecValue[][] = [];
  const history: SpecValue[][] = [];
  const statuses = ['Green', 'Green', 'Green', 'Amber', 'Red'];
  for (let i = 0; i < items; i++) {
    const baseline = Math.round(rnd() * 50);
    const target = baseline + 10 + Math.round(rnd() * 200);
    const actual = baseline + Math.round(rnd() * (target - baseline) * 0.9);
    const updated = plus(START, 100 + Math.floor(rnd() * 80));
    if (i < kpiCount)
      kpiRows.push([
        `K${i}`,
        `KPI ${i}`,
        leaf(i),
        rnd() < 0.8 ? 'Increase' : 'Decrease',
        baseline,
        target,
        actual,
        START,
        plus(START, 364),
        1 + (i % 2),
        `Owner ${i % 53}`,
        pick(['monthly', 'weekly', 'quarterly']),
        updated,
        pick(statuses),
      ]);
    const start = plus(START, Math.floor(rnd() * 120));
    const due = plus(start, 60 + Math.floor(rnd() * 200));
    const complete = Math.round(rnd() * 100) / 100;
    if (i < iniCount)
      iniRows.push([
        `I${i}`,
        `Initiative ${i}`,
        rnd() < 0.5 ? `K${i}` : leaf(i + 7),
        start,
        due,
        rnd() < 0.3 ? plus(due, Math.floor(rnd() * 40) - 10) : null,
        complete,
        pick(statuses),
        updated,
        `Owner ${i % 41}`,
      ]);
    for (let h = 0; h < 5; h++) {
      const date = plus(START, 30 * (h + 1));
      const kpiValue = Math.round(baseline + (actual - baseline) * ((h + 1) / 5));
      const iniValue = Math.min(1, Math.round(complete * ((h + 1) / 5) * 100) / 100);
      const status = pick(statuses);
      if (i < kpiCount) history.push([`K${i}`, date, kpiValue, status]);
      if (i < iniCount) history.push([`I${i}`, date, iniValue, pick(statuses)]);
    }
  }
  // Dependencies only point forward (to a later initiative), so the graph has no cycles, as in a plan.
  const deps: SpecValue[][] = [];
  for (let i = 0; i < iniCount && deps.length < Math.round(iniCount * 1.5); i++) {
    const n = rnd() < 0.5 ? 1 : 2;
    for (let k = 0; k < n; k++) {
      const to = i + 1 + Math.floor(rnd() * 25);
      if (to >= items) continue;
      const toKpi = rnd() >= 0.9;
      if (to < (toKpi ? kpiCount : iniCount)) deps.push([`I${i}`, toKpi ? `K${to}` : `I${to}`, Math.floor(rnd() * 5)]);
    }
  }

  const sheets: SheetSpec[] = [
    {
      sheet: 'Objectives',
      table: 'Objectives',
      headers: ['ID', 'Name', 'Parent', 'Owner', 'Function', 'Weight', 'Value at Stake', 'Revenue Stream', 'Due'],
      rows: objRows,
    },
    {
      sheet: 'KPIs',
      table: 'KPIs',
      headers: [
        'ID',
        'Name',
        'Objective',
        'Direction',
        'Baseline',
        'Target',
        'Actual',
        'Start',
        'Due',
        'Weight',
        'Owner',
        'Cadence',
        'Updated',
        'Status',
      ],
      rows: kpiRows,
    },
    {
      sheet: 'Initiatives',
      table: 'Initiatives',
      headers: ['ID', 'Name', 'Objective', 'Start', 'Due', 'Forecast', '% Complete', 'Status', 'Updated', 'Owner'],
      rows: iniRows,
    },
    { sheet: 'Dependencies', table: 'Dependencies', headers: ['Upstream', 'Downstream', 'Lag'], rows: deps },
    { sheet: 'Check-ins', table: 'History', headers: ['ID', 'Date', 'Value', 'Status'], rows: history },
    { sheet: 'Settings', table: 'Settings', headers: ['Setting', 'Value'], rows: [['As Of', day(BENCH_AS_OF)]] },
  ];
  const counts = {
    objectives,
    kpis: kpiCount,
    initiatives: iniCount,
    dependencies: deps.length,
    history: history.length,
    total: 0,
  };
  counts.total = counts.objectives + counts.kpis + counts.initiatives + counts.dependencies + counts.history;
  return { sheets, counts };
}

/** The generated workbook as the engine reads it: each table at A1 of its own sheet. */
export function snapshotOf(gen: GeneratedWorkbook): WorkbookSnapshot {
  const tables: RawTable[] = gen.sheets.map((s) => ({
    sheet: s.sheet,
    name: s.table!,
    headerRow: 1,
    firstColumn: 1,
    headers: s.headers,
    rows: s.rows.map((r) => s.headers.map((_, i) => (r[i] ?? null) as CellValue)),
    occupiedRight: [],
  }));
  return { date1904: false, sheetNames: gen.sheets.map((s) => s.sheet), tables, sheets: [] };
}
