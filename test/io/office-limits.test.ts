// Excel on the web's limits, measured in office.js's own request format by the fake: no request or
// response over the 4.5 MB budget at any size, reads that Excel refuses are read again in smaller
// blocks, and a refresh that would break a limit writes nothing. When Excel refuses a batch anyway,
// the error says which and what was written, and the next refresh repairs it.
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { refreshWorkbook } from '../../src/io/refresh';
import { readWorkbook, toSnapshot } from '../../src/io/office/read';
import { recheck } from '../../src/io/office/check';
import { planBatches, sendBatches } from '../../src/io/office/write';
import type { HostSupport } from '../../src/io/office/batches';
import { PAYLOAD_BUDGET } from '../../src/io/office/wire';
import { PartialWriteError, WorkbookWriteError } from '../../src/io/errors';
import { refresh } from '../../src/engine';
import type { WritePlan } from '../../src/engine/types';
import { FakeExcel, type FakeValue } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { smallWorkbook } from '../support/workbooks';
import { day } from '../support/snapshot';

const today = day('2026-06-30');
const EXAMPLE = path.join(__dirname, '../../examples/rollout.xlsx');
const port = (excel: FakeExcel, budget?: number) =>
  new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements, budget });
const run = (excel: FakeExcel) =>
  excel.run as unknown as <T>(f: (ctx: Excel.RequestContext) => Promise<T>) => Promise<T>;

/** `rows` data rows: 2 % objectives, KPIs and initiatives in equal numbers, one dependency per initiative. */
function bigWorkbook(rows: number): FakeExcel {
  const excel = new FakeExcel();
  const n = Math.round(rows * 0.49);
  const objectives: FakeValue[][] = Array.from({ length: rows - 2 * n }, (_, i) => [
    `O${i}`,
    `Objective ${i}`,
    i === 0 ? null : `O${Math.floor((i - 1) / 10)}`,
    1_000 * i,
  ]);
  excel.addTable('Objectives', 'Objectives', ['ID', 'Name', 'Parent', 'Value at Stake'], objectives);
  const start = 46023; // 2026-01-01
  const kpis: FakeValue[][] = Array.from({ length: n }, (_, i) => [
    `K${i}`,
    `Metric number ${i} =looks like a formula`,
    `O${i % objectives.length}`,
    100,
    i % 120,
    start,
    start + 364,
    start + 170,
    i % 3 ? 'Green' : 'Amber',
  ]);
  excel.addTable(
    'KPIs',
    'KPIs',
    ['ID', 'Name', 'Objective', 'Target', 'Actual', 'Start', 'Due', 'Updated', 'Status'],
    kpis,
  );
  const initiatives: FakeValue[][] = Array.from({ length: n }, (_, i) => [
    `I${i}`,
    `Initiative ${i}`,
    `K${i}`,
    start,
    start + 200 + (i % 50),
    (i % 100) / 100,
    start + 150,
  ]);
  excel.addTable(
    'Initiatives',
    'Initiatives',
    ['ID', 'Name', 'Objective', 'Start', 'Due', '% Complete', 'Updated'],
    initiatives,
  );
  return excel;
}

describe("within Excel on the web's payload limit at any size", () => {
  test("a 50,000-row workbook: every request and every response under 4.5 MB in office.js's format, twice", async () => {
    const excel = bigWorkbook(50_000);
    const first = await refreshWorkbook(port(excel), { today });
    expect(first.fatal).toEqual([]);
    expect(excel.log.every((l) => l.refused === null)).toBe(true);
    expect(Math.max(...excel.batchBytes)).toBeLessThanOrEqual(PAYLOAD_BUDGET);
    expect(Math.max(...excel.responseBytes)).toBeLessThanOrEqual(PAYLOAD_BUDGET);
    // A few round trips to read, one to check, and as many writes as the bytes need, each well filled.
    const written = excel.log.filter((l) => l.writes > 0);
    expect(written.reduce((a, l) => a + l.request, 0) / written.length).toBeGreaterThan(0.6 * PAYLOAD_BUDGET);
    expect(excel.syncs - written.length).toBeLessThanOrEqual(7);
    expect(excel.tables.find((t) => t.name === 'KPIs')!.columns).toBe(9 + 5);
    const syncs = excel.syncs;
    excel.resetCounters();
    await refreshWorkbook(port(excel), { today });
    expect(Math.max(...excel.batchBytes, ...excel.responseBytes)).toBeLessThanOrEqual(PAYLOAD_BUDGET);
    expect(excel.syncs).toBeLessThanOrEqual(syncs + 2);
  }, 120_000);

  test('the adapter never counts a write batch smaller than office.js sends it', async () => {
    const excel = bigWorkbook(6_000);
    const support: HostSupport = { resize: true, v19: true, budget: 400_000 };
    await run(excel)(async (context) => {
      const sync = async () => {
        await context.sync();
      };
      const read = await readWorkbook(context, sync, support.resize, support.budget);
      const plan = refresh(toSnapshot(read), { today }).plan!;
      const sheets = await recheck(context, sync, read.state, plan, support);
      const batches = planBatches(plan, read.state, support, sheets);
      expect(batches.length).toBeGreaterThan(2);
      excel.resetCounters();
      await sendBatches(context, batches, support);
      excel.log.forEach((l, i) => {
        expect(l.request).toBeLessThanOrEqual(batches[i].cost.request);
        expect(l.response).toBeLessThanOrEqual(batches[i].cost.response);
        // …and not so much larger that batches go out half empty.
        expect(l.request).toBeGreaterThan(0.5 * batches[i].cost.request);
      });
    });
  }, 60_000);

  test('a response Excel refuses is read again in smaller blocks, and the read is the same', async () => {
    const excel = bigWorkbook(8_000);
    const whole = await port(excel).read();
    excel.resetCounters();
    excel.payloadLimit = 120_000;
    const pieces = await port(excel).read();
    expect(pieces).toEqual(whole);
    expect(excel.log.some((l) => l.refused === 'ResponsePayloadSizeLimitExceeded')).toBe(true);
    expect(Math.max(...excel.responseBytes.filter((b) => b <= 120_000))).toBeLessThanOrEqual(120_000);
  }, 60_000);
});

describe('a refresh that would break a limit writes nothing', () => {
  test('a text over 32,767 characters, or a plan that does not fit what was read, is refused before the first write', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    const p = port(excel);
    const plan = refresh(await p.read(), { today }).plan!;
    const syncs = excel.syncs;
    const long: WritePlan = {
      ...plan,
      risks: {
        ...plan.risks,
        rows: plan.risks.rows.map((r, i) => (i === 0 ? r.map((v, c) => (c === 6 ? 'x'.repeat(32_768) : v)) : r)),
      },
    };
    await expect(p.apply(long)).rejects.toThrow(/32,767|32767/);
    const short: WritePlan = { ...plan, tables: plan.tables.map((t) => ({ ...t, rowCount: t.rowCount + 1 })) };
    await expect(p.apply(short)).rejects.toBeInstanceOf(WorkbookWriteError);
    expect(excel.syncs).toBe(syncs);
    expect(excel.writes).toBe(0);
  });

  test('a first batch Excel refuses leaves the workbook as it was', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    const before = excel.dump();
    excel.refuse = ({ writes }) => (writes > 0 ? 'RequestPayloadSizeLimitExceeded' : null);
    const failure = await refreshWorkbook(port(excel), { today }).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(PartialWriteError);
    expect((failure as PartialWriteError).message).toMatch(
      /^Excel refused part 1 of \d+ of the write .*No earlier part was written/,
    );
    expect(excel.dump()).toEqual(before);
    expect(excel.sheets.map((s) => s.name)).toEqual(['Goals', 'Metrics', 'Projects']);
  });
});

describe('when Excel refuses a batch half-way', () => {
  async function refreshed(budget: number): Promise<FakeExcel> {
    const excel = fakeFromXlsx(readFileSync(EXAMPLE));
    await refreshWorkbook(port(excel, budget), { today });
    return excel;
  }

  test('the error says which batch and what was written; the old Risks sheet stands; the next refresh repairs it all', async () => {
    const budget = 10_000;
    const clean = await refreshed(budget);
    const excel = await refreshed(budget);
    // Something new to write, so a half-done refresh differs from the last one.
    const kpis = excel.sheet('KPIs')!;
    const [actual] = [...kpis.cells].find(([, c]) => c.value === 'Actual')!;
    const column = Number(actual.split(',')[1]);
    kpis.cells.set(`1,${column}`, { value: 1 });
    clean.sheet('KPIs')!.cells.set(`1,${column}`, { value: 1 });
    await refreshWorkbook(port(clean, budget), { today });

    const risksBefore = excel.dump((sheet) => sheet !== 'Risks');
    let writeBatches = 0;
    excel.refuse = ({ writes }) => (writes > 0 && ++writeBatches === 3 ? 'GeneralException' : null);
    const failure = (await refreshWorkbook(port(excel, budget), { today }).catch(
      (e: unknown) => e,
    )) as PartialWriteError;
    expect(failure).toBeInstanceOf(PartialWriteError);
    expect(failure.batch).toBe(3);
    expect(failure.batches).toBeGreaterThan(3);
    expect(failure.message).toMatch(
      /^Excel refused part 3 of \d+ of the write \(GeneralException: .*\)\. Written before it: .*computed columns of .*rows 2–/,
    );
    expect(excel.dump((sheet) => sheet !== 'Risks')).toEqual(risksBefore);
    expect(
      excel.sheets.some((s) => s.name.startsWith('Throughline Risks (writing') && s.visibility === 'VeryHidden'),
    ).toBe(true);

    excel.refuse = null;
    await refreshWorkbook(port(excel, budget), { today });
    expect(excel.dump()).toEqual(clean.dump());
    expect(excel.sheets.map((s) => [s.name, s.visibility ?? 'Visible'])).toEqual(
      clean.sheets.map((s) => [s.name, s.visibility ?? 'Visible']),
    );
  }, 60_000);

  test('headers left beside a table by a refused resize are taken back by the next refresh', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    let refused = false;
    excel.refuse = ({ writes, request }) => {
      if (refused || writes === 0 || !request.includes('"Resize"')) return null;
      refused = true;
      // As if Excel ran the batch up to the resize and failed there: the headers are in the band, the table is as it was.
      const metrics = excel.sheet('Metrics')!;
      ['Health (auto)', 'Progress (auto)', 'Expected (auto)', 'Flags (auto)', 'Impact (auto)'].forEach((h, i) =>
        metrics.cells.set(`2,${10 + i}`, { value: h }),
      );
      return 'GeneralException';
    };
    await expect(refreshWorkbook(port(excel), { today })).rejects.toBeInstanceOf(PartialWriteError);
    const result = await refreshWorkbook(port(excel), { today });
    expect(result.report.errors.filter((e) => e.code === 'no-room')).toEqual([]);
    expect(excel.tables.find((t) => t.name === 'Metrics')!.columns).toBe(9 + 5);
    const clean = fakeFromXlsx(smallWorkbook());
    await refreshWorkbook(port(clean), { today });
    expect(excel.dump()).toEqual(clean.dump());
  });
});
