// The Office.js path at scale, measured on the Excel fake, which encodes every batch in office.js's
// own request format (its RichApi message: actions and object paths) and every response as Excel
// returns it, and counts their UTF-8 bytes. Excel on the web refuses either above 5 MB; the adapter's
// budget is 4.5 MB. Two workbooks: the bench's generated workbook at each size, and one KPI table of
// 100,000 rows (the case where a single range is the whole problem). Each is refreshed twice: the first
// refresh adds the owned columns, the Risks sheet and the ledger; the second is the weekly one.
import { refreshWorkbook } from '../../src/io/refresh';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { PAYLOAD_BUDGET } from '../../src/io/office/wire';
import { dayFromISO, serialFromDay } from '../../src/engine/parse/values';
import { FakeExcel, type FakeValue } from '../../test/support/excel-fake';
import { BENCH_AS_OF, generateWorkbook } from './generate';

const today = dayFromISO(BENCH_AS_OF)!;

export interface OfficeRefresh {
  /** context.sync() round trips: reading, the check before writing, writing. */
  roundTrips: number;
  reads: number;
  checks: number;
  writes: number;
  /** Largest request and response of any round trip, and all of them together, in bytes. */
  maxRequest: number;
  maxResponse: number;
  totalRequest: number;
  totalResponse: number;
}

export interface OfficeCase {
  name: string;
  rows: number;
  first: OfficeRefresh;
  again: OfficeRefresh;
}

/** The bench's generated workbook in the fake: each table a formal table at A1 of its own sheet. */
export function fakeOfGenerated(rows: number): FakeExcel {
  const excel = new FakeExcel();
  for (const s of generateWorkbook(rows).sheets) {
    const values = s.rows.map((r) =>
      s.headers.map((_, i): FakeValue => {
        const v = r[i] ?? null;
        return v instanceof Date ? serialFromDay(Math.floor(v.getTime() / 86_400_000), false) : (v as FakeValue);
      }),
    );
    excel.addTable(s.sheet, s.table!, s.headers, values);
  }
  return excel;
}

/** One KPI table of `rows` rows, under 100 objectives: the largest single range a team might keep. */
export function fakeOfOneTable(rows: number): FakeExcel {
  const excel = new FakeExcel();
  const start = serialFromDay(dayFromISO('2026-01-01')!, false);
  const objectives: FakeValue[][] = Array.from({ length: 100 }, (_, i) => [
    `O${i}`,
    `Objective ${i}`,
    i === 0 ? null : 'O0',
    `Owner ${i % 17}`,
    1_000_000,
  ]);
  excel.addTable('Objectives', 'Objectives', ['ID', 'Name', 'Parent', 'Owner', 'Value at Stake'], objectives);
  const statuses = ['Green', 'Green', 'Green', 'Amber', 'Red'];
  const kpis: FakeValue[][] = Array.from({ length: rows }, (_, i) => {
    const baseline = i % 50;
    const target = baseline + 10 + (i % 200);
    return [
      `KPI-${i}`,
      `Key result ${i} for region ${i % 12}`,
      `O${1 + (i % 99)}`,
      i % 5 ? 'Increase' : 'Decrease',
      baseline,
      target,
      baseline + ((i * 7) % (target - baseline)),
      start,
      start + 364,
      1 + (i % 2),
      `Owner ${i % 53}`,
      ['monthly', 'weekly', 'quarterly'][i % 3],
      start + 100 + (i % 80),
      statuses[i % 5],
    ];
  });
  excel.addTable(
    'KPIs',
    'KPIs',
    [
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
    kpis,
  );
  return excel;
}

/** Refreshes through the Office adapter on the fake and measures every round trip. */
async function measure(excel: FakeExcel): Promise<OfficeRefresh> {
  excel.resetCounters();
  const perRun: number[] = [];
  const run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const before = excel.syncs;
    try {
      return await (excel.run as unknown as ExcelRun)(batch);
    } finally {
      perRun.push(excel.syncs - before);
    }
  };
  const result = await refreshWorkbook(new OfficeWorkbook(run, { requirements: excel.requirements }), { today });
  if (result.plan === null)
    throw new Error(`the benchmark workbook did not refresh: ${result.fatal.map((e) => e.message).join(' ')}`);
  const refused = excel.log.filter((l) => l.refused);
  if (refused.length > 0)
    throw new Error(`Excel refused ${refused.length} round trips: ${refused.map((l) => l.refused).join(', ')}`);
  const writes = excel.log.filter((l) => l.writes > 0).length;
  return {
    roundTrips: excel.syncs,
    reads: perRun[0],
    checks: perRun[1] - writes,
    writes,
    maxRequest: Math.max(...excel.batchBytes),
    maxResponse: Math.max(...excel.responseBytes),
    totalRequest: excel.batchBytes.reduce((a, b) => a + b, 0),
    totalResponse: excel.responseBytes.reduce((a, b) => a + b, 0),
  };
}

export async function officeCase(name: string, rows: number, excel: FakeExcel): Promise<OfficeCase> {
  const first = await measure(excel);
  const again = await measure(excel);
  return { name, rows, first, again };
}

const mb = (b: number) => `${(b / 1e6).toFixed(2)} MB`;

export function officeMarkdown(cases: OfficeCase[]): string {
  const lines = [
    `Excel on the web refuses a request or a response over 5 MB; the adapter's budget is ${mb(PAYLOAD_BUDGET)}. Bytes are UTF-8 bytes of office.js's request JSON and of Excel's response JSON, as the fake encodes them; round trips are \`context.sync()\` calls.`,
    '',
    '| workbook | data rows | refresh | round trips (read · check · write) | largest request | largest response | all requests | all responses |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const c of cases) {
    for (const [label, r] of [
      ['first', c.first],
      ['again', c.again],
    ] as const) {
      lines.push(
        `| ${c.name} | ${c.rows.toLocaleString('en-US')} | ${label} | ${r.roundTrips} (${r.reads} · ${r.checks} · ${r.writes}) | ${mb(r.maxRequest)} | ${mb(r.maxResponse)} | ${mb(r.totalRequest)} | ${mb(r.totalResponse)} |`,
      );
    }
  }
  return lines.join('\n');
}

/** The Office section for each size, and the single 100,000-row table. */
export async function officeCases(sizes: number[], log: (s: string) => void): Promise<OfficeCase[]> {
  const cases: OfficeCase[] = [];
  for (const rows of sizes) {
    log(`  Office.js on the fake, generated workbook of ${rows.toLocaleString('en-US')} rows…`);
    cases.push(await officeCase('generated', rows, fakeOfGenerated(rows)));
  }
  log('  Office.js on the fake, one KPI table of 100,000 rows…');
  cases.push(await officeCase('one KPI table', 100_100, fakeOfOneTable(100_000)));
  return cases;
}
