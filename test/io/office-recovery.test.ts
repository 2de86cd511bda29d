// The Office path as the Excel JavaScript API reference says Excel behaves (issue 18): a refresh that
// Excel interrupts leaves very hidden working sheets, which cannot be deleted as they are; a workbook
// keeps one visible sheet; references to the Risks sheet survive a refresh; no address depends on the
// locale's list separator; linked data types read as Excel shows them; the screen is suspended once.
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { refreshWorkbook } from '../../src/io/refresh';
import { PartialWriteError } from '../../src/io/errors';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { smallWorkbook } from '../support/workbooks';
import { day } from '../support/snapshot';
import { PALETTE, cssColour } from '../../src/engine';
import { fakeOfOneTable } from '../../scripts/bench/office';

const today = day('2026-06-30');
const later = day('2026-07-31');
/** A payload budget that splits the small workbook's write into several batches. */
const SMALL = 12_000;

const port = (excel: FakeExcel, budget?: number) =>
  new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements, budget });

/** Sheet names that are Throughline's working sheets. */
const working = (excel: FakeExcel) => excel.sheets.filter((s) => /\(writing/.test(s.name)).map((s) => s.name);

/** Refreshes with Excel refusing the write batch number `batch` (1-based, counting writes only), as a dropped connection would. */
async function interrupted(excel: FakeExcel, batch: number, when = today, budget = SMALL) {
  let writes = 0;
  excel.refuse = ({ writes: w }) => (w > 0 && ++writes === batch ? 'GeneralException' : null);
  try {
    return await refreshWorkbook(port(excel, budget), { today: when }).catch((e: unknown) => e);
  } finally {
    excel.refuse = null;
  }
}

/** How many write batches a refresh of this workbook takes at this budget. */
async function writeBatches(
  make: () => Promise<FakeExcel> = async () => fakeFromXlsx(smallWorkbook()),
  when = today,
): Promise<number> {
  const excel = await make();
  excel.resetCounters();
  await refreshWorkbook(port(excel, SMALL), { today: when });
  return excel.log.filter((l) => l.writes > 0).length;
}

describe('a refresh Excel interrupts is repaired by the next', () => {
  test('every write batch refused in turn: the working sheets are left, and the next refresh clears them and completes', async () => {
    const total = await writeBatches();
    expect(total).toBeGreaterThan(2);
    for (let batch = 1; batch <= total; batch++) {
      const excel = fakeFromXlsx(smallWorkbook());
      const failed = await interrupted(excel, batch);
      expect(failed).toBeInstanceOf(PartialWriteError);
      // Twice: the first retry must not trip over what the interrupted one left either.
      await refreshWorkbook(port(excel, SMALL), { today });
      await refreshWorkbook(port(excel, SMALL), { today });
      expect(working(excel)).toEqual([]);
      const clean = fakeFromXlsx(smallWorkbook());
      await refreshWorkbook(port(clean, SMALL), { today });
      await refreshWorkbook(port(clean, SMALL), { today });
      expect(excel.dump()).toEqual(clean.dump());
    }
  });

  test('a refresh refused in its first batch left nothing very hidden behind either', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    await refreshWorkbook(port(excel), { today });
    excel.sheets.push({
      name: 'Throughline Risks (writing)',
      cells: new Map(),
      frozenRows: 0,
      visibility: 'VeryHidden',
    });
    excel.sheets.push({
      name: 'Throughline Ledger (writing 2)',
      cells: new Map(),
      frozenRows: 0,
      visibility: 'Hidden',
    });
    await refreshWorkbook(port(excel), { today });
    expect(working(excel)).toEqual([]);
  });
});

describe('when the Risks sheet is the only visible sheet', () => {
  test('the refresh completes and leaves no working sheet behind', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    await refreshWorkbook(port(excel), { today });
    for (const s of excel.sheets) if (s.name !== 'Risks') s.visibility ??= 'Hidden';
    const result = await refreshWorkbook(port(excel), { today: later });
    expect(result.plan).not.toBeNull();
    expect(working(excel)).toEqual([]);
    expect(excel.sheet('Risks')?.visibility ?? 'Visible').toBe('Visible');
  });
});

describe('the Risks sheet stays the same worksheet', () => {
  async function referenced(): Promise<FakeExcel> {
    const excel = fakeFromXlsx(smallWorkbook());
    await refreshWorkbook(port(excel), { today });
    const risks = excel.sheet('Risks')!;
    risks.tabColor = '#7030A0';
    excel.moveSheet(risks, 0);
    excel.addSheet('Summary');
    await excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Summary').getRange('A1').formulas = [['=COUNTIF(Risks!A:A,"high")']];
      await ctx.sync();
    });
    return excel;
  }

  test('its id, name, position and tab colour survive a refresh, and so do formulas that refer to it', async () => {
    const excel = await referenced();
    const before = excel.sheet('Risks')!;
    const id = before.id;
    const rowsBefore = excel.dump((s) => s !== 'Risks');
    await refreshWorkbook(port(excel), { today: later });
    const after = excel.sheet('Risks')!;
    expect(after).toBe(before);
    expect([after.id, excel.sheets.indexOf(after), after.tabColor]).toEqual([id, 0, '#7030A0']);
    expect(excel.cellValue('Summary', 0, 0)).not.toEqual({ error: '#REF!' });
    // The cells were rewritten for the later date, and none of the old ones stayed below the new.
    expect(excel.dump((s) => s !== 'Risks')).not.toEqual(rowsBefore);
    const clean = fakeFromXlsx(smallWorkbook());
    await refreshWorkbook(port(clean), { today });
    await refreshWorkbook(port(clean), { today: later });
    expect(excel.dump((s) => s !== 'Risks')).toEqual(clean.dump((s) => s !== 'Risks'));
  });

  test('a refresh that fails in any batch leaves the old Risks sheet as it was; the next one writes the new', async () => {
    const total = await writeBatches(referenced, later);
    expect(total).toBeGreaterThan(2);
    for (let batch = 1; batch <= total; batch++) {
      const excel = await referenced();
      const risksBefore = excel.dump((s) => s !== 'Risks');
      const failed = await interrupted(excel, batch, later);
      expect(failed).toBeInstanceOf(PartialWriteError);
      expect(excel.dump((s) => s !== 'Risks')).toEqual(risksBefore);
      await refreshWorkbook(port(excel, SMALL), { today: later });
      expect(working(excel)).toEqual([]);
      expect(excel.cellValue('Summary', 0, 0)).not.toEqual({ error: '#REF!' });
    }
  });
});

describe('the locale', () => {
  test("with a ';' list separator the refresh works and every Health cell is filled as with ','", async () => {
    const fills = async (separator: ',' | ';') => {
      const excel = fakeFromXlsx(readFileSync(path.join(__dirname, '../../examples/rollout.xlsx')));
      excel.apiVersion = '1.13';
      excel.listSeparator = separator;
      await refreshWorkbook(port(excel), { today });
      return excel.dump();
    };
    expect(await fills(';')).toEqual(await fills(','));
  });
});

describe('the screen', () => {
  test('screen updating is suspended once per refresh, however many batches the write takes', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    excel.resetCounters();
    await refreshWorkbook(port(excel, SMALL), { today });
    expect(excel.log.filter((l) => l.writes > 0).length).toBeGreaterThan(2);
    expect(excel.screenSuspensions).toBe(1);
  });
});

describe('linked data types', () => {
  /** The small workbook with K2's Metric a Geography entity, as a user converts text with Data › Geography. */
  function withEntity(apiVersion: string): FakeExcel {
    const excel = fakeFromXlsx(smallWorkbook());
    excel.apiVersion = apiVersion;
    excel.sheet('Metrics')!.cells.set('4,2', { value: { entity: { text: 'Australia', linked: true } } });
    return excel;
  }
  const metricOfK2 = async (excel: FakeExcel) => {
    const snapshot = await port(excel).read();
    const metrics = snapshot.tables.find((t) => t.name === 'Metrics')!;
    return metrics.rows[1][metrics.headers.indexOf('Metric')];
  };

  test('with valuesAsJson (ExcelApi 1.16) an entity reads as the text Excel shows, and the refresh writes', async () => {
    const excel = withEntity('1.16');
    expect(await metricOfK2(excel)).toBe('Australia');
    const result = await refreshWorkbook(port(excel), { today });
    expect(result.plan).not.toBeNull();
    expect(result.snapshot.tables.find((t) => t.name === 'Metrics')!.rows[1]).toContain('Australia');
    expect(JSON.stringify(result.report)).not.toMatch(/#VALUE!/);
  });

  test('without it (ExcelApi 1.13) the cell reads as the #VALUE! error Excel gives through values, as before', async () => {
    expect(await metricOfK2(withEntity('1.13'))).toEqual({ error: '#VALUE!' });
  });

  test("a typed '#VALUE! stays text either way", async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    excel.apiVersion = '1.16';
    excel.sheet('Metrics')!.cells.set('4,2', { value: '#VALUE!' });
    expect(await metricOfK2(excel)).toBe('#VALUE!');
  });
});

describe('the ledger', () => {
  test('a weekly refresh sending only the changed ledger rows leaves the ledger a whole rewrite leaves', async () => {
    const ledgerOf = (excel: FakeExcel) => excel.dump((sheet) => sheet !== 'Throughline Ledger');
    const diffed = fakeFromXlsx(smallWorkbook());
    await refreshWorkbook(port(diffed), { today });
    diffed.sheet('Goals')!.cells.get('1,2')!.value = 2000;
    diffed.resetCounters();
    await refreshWorkbook(port(diffed), { today: later });
    // Without Range.copyFrom (ExcelApi 1.8) the ledger is rewritten in place, every row of it.
    const whole = fakeFromXlsx(smallWorkbook());
    whole.apiVersion = '1.8';
    await refreshWorkbook(port(whole), { today });
    whole.sheet('Goals')!.cells.get('1,2')!.value = 2000;
    await refreshWorkbook(port(whole), { today: later });
    expect(Object.keys(ledgerOf(diffed)).length).toBeGreaterThan(10);
    expect(ledgerOf(diffed)).toEqual(ledgerOf(whole));
    expect(diffed.sheet('Throughline Ledger')!.visibility).toBe('Hidden');
  });
});

describe('what the write sends', () => {
  test('one number format per column, no multi-area address, and fills within the budget (counts, not times)', async () => {
    const excel = fakeFromXlsx(readFileSync(path.join(__dirname, '../../examples/rollout.xlsx')));
    const requests: string[] = [];
    excel.refuse = ({ request, writes }) => {
      if (writes > 0) requests.push(request);
      return null;
    };
    await refreshWorkbook(port(excel), { today });
    const all = requests.join('\n');
    expect(all).toMatch(/"NumberFormat"/);
    expect(all).not.toMatch(/\["0%"\],\["0%"\]/);
    expect(all).not.toMatch(/"GetRanges"/);
    // A small workbook is one write batch, suspended once.
    expect(requests).toHaveLength(1);
    expect(excel.screenSuspensions).toBe(1);
  });
});

describe('fills', () => {
  test.each(['1.13', '1.8', '1.5'])(
    'ExcelApi %s: every owned cell shows the fill its plan gives it, whichever way the column was painted',
    async (apiVersion) => {
      const excel = fakeOfOneTable(400);
      excel.apiVersion = apiVersion;
      // Twice, on different days: the second paints over the first's fills.
      await refreshWorkbook(port(excel), { today: day('2026-03-31') });
      const requests: string[] = [];
      excel.refuse = ({ request }) => (requests.push(request), null);
      const result = await refreshWorkbook(port(excel), { today: day('2026-09-30') });
      expect(requests.some((r) => r.includes('"SetCellProperties"'))).toBe(apiVersion === '1.13');
      expect(result.plan).not.toBeNull();
      let checked = 0;
      for (const w of result.plan!.tables)
        for (const c of w.columns)
          c.styles?.forEach((style, i) => {
            // As Excel shows it: a conditional format's fill over the cell's own.
            const fill = excel.shownFill(w.sheet, w.headerRow + i, c.column - 1);
            expect([w.sheet, i, c.header, fill]).toEqual([
              w.sheet,
              i,
              c.header,
              style === null ? null : cssColour(PALETTE[style].fill),
            ]);
            checked++;
          });
      expect(checked).toBeGreaterThan(800);
    },
    60_000,
  );
});

describe('a working ledger an interrupted first refresh left', () => {
  test('is not read before a Risks sheet stands (it may be half written), and is read once one does', async () => {
    const excel = fakeFromXlsx(smallWorkbook());
    const total = await writeBatches();
    expect(await interrupted(excel, total)).toBeInstanceOf(PartialWriteError);
    expect(working(excel)).toContain('Throughline Ledger (writing)');
    expect((await port(excel).read()).ledger).toBeNull();

    const done = fakeFromXlsx(smallWorkbook());
    await refreshWorkbook(port(done), { today });
    const ledger = (await port(done).read()).ledger;
    // As if the last batch had named the Risks sheet and stopped before naming the ledger.
    Object.assign(done.sheet('Throughline Ledger')!, {
      name: 'Throughline Ledger (writing)',
      visibility: 'VeryHidden',
    });
    expect((await port(done).read()).ledger).toEqual(ledger);
  });
});
