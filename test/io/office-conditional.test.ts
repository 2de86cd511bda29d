// Health and Flags coloured by conditional formats (ExcelApi 1.6) rather than a fill per cell (issue 18,
// the one 100k-row table): which texts get a rule, what the fake does with the rules as Excel would,
// and what the refresh sends.
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { conditionalPlan, pairFormula, ruleFormula } from '../../src/io/office/conditional';
import { refreshWorkbook } from '../../src/io/refresh';
import { FakeExcel } from '../support/excel-fake';
import { day } from '../support/snapshot';
import { PALETTE, cssColour, type CellStyle, type OutValue, type WritePlan } from '../../src/engine';
import { fakeOfOneTable } from '../../scripts/bench/office';

const port = (excel: FakeExcel) =>
  new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements });
const run = (excel: FakeExcel) => excel.run as unknown as ExcelRun;
const colour = (style: CellStyle) => cssColour(PALETTE[style].fill);
/** Every owned cell Excel shows in the colour the plan gave it (by fill or by rule). */
const expectShownAsPlanned = (excel: FakeExcel, plan: WritePlan) => {
  for (const w of plan.tables)
    for (const c of w.columns)
      c.styles?.forEach((st, i) =>
        expect([w.sheet, c.header, i, excel.shownFill(w.sheet, w.headerRow + i, c.column - 1)]).toEqual([
          w.sheet,
          c.header,
          i,
          st === null ? null : colour(st),
        ]),
      );
};

describe('which texts get a rule', () => {
  const cases: {
    name: string;
    values: OutValue[];
    styles: (CellStyle | null)[];
    rules: [string, CellStyle, number][] | null;
    residual?: (CellStyle | null | undefined)[];
  }[] = [
    {
      name: 'each text that always takes one style, most rows first; texts compared without case, as Excel does',
      values: ['Green', 'Red', 'red', 'Amber', null, 5, 'none'],
      styles: ['good', 'bad', 'bad', 'neutral', null, 'grey', null],
      // Red has two rows; Green and Amber one each, in the order met.
      rules: [
        ['Red', 'bad', 2],
        ['Green', 'good', 1],
        ['Amber', 'neutral', 1],
      ],
      // A rule covers rows 0-3 (any static fill will do there); the blank and the unfilled text need
      // none; the number, which no rule compares, keeps its own fill.
      residual: [undefined, undefined, undefined, undefined, null, 'grey', null],
    },
    {
      name: 'a text whose rows take different styles gets none: its rows keep static fills',
      values: ['stale', 'status-contradicts-data', 'status-contradicts-data', 'stale'],
      styles: ['neutral', 'bad', 'neutral', 'neutral'],
      rules: [['stale', 'neutral', 2]],
      residual: [undefined, 'bad', 'neutral', undefined],
    },
    {
      name: '"Red" and "red" in different styles are one text to Excel: no rule',
      values: ['Red', 'red'],
      styles: ['bad', 'good'],
      rules: null,
    },
    {
      name: 'a text Excel would read as a formula is written escaped, so it gets no rule',
      values: ['=1+1', '=1+1'],
      styles: ['bad', 'bad'],
      rules: null,
    },
  ];
  test.each(cases)('$name', ({ values, styles, rules, residual }) => {
    const plan = conditionalPlan(values, styles);
    expect(plan && plan.rules.map((r) => [r.text, r.style, r.rows])).toEqual(rules);
    if (residual) expect(plan?.residual).toEqual(residual);
  });

  test("a text whose style follows a partner column's text gets a rule per pair", () => {
    const values: OutValue[] = ['stale', 'contradicts', 'contradicts', 'contradicts', 'contradicts'];
    const health: OutValue[] = ['Green', 'Red', 'Amber', 'red', 5];
    const styles: (CellStyle | null)[] = ['neutral', 'bad', 'neutral', 'bad', 'grey'];
    const plan = conditionalPlan(values, styles, health)!;
    expect(plan.rules.map((r) => [r.text, r.partnerText ?? null, r.style, r.rows])).toEqual([
      ['contradicts', 'Red', 'bad', 2],
      ['stale', null, 'neutral', 1],
      ['contradicts', 'Amber', 'neutral', 1],
    ]);
    // The last row's partner is a number, which no rule compares: it keeps its fill.
    expect(plan.residual).toEqual([undefined, undefined, undefined, undefined, 'grey']);
    expect(pairFormula('contradicts', 'R2', 'Red', 'O2')).toBe('=AND(R2="contradicts",O2="Red")');
  });

  test('a rule is a text constant with its quotes doubled', () => {
    expect(ruleFormula('Red')).toBe('="Red"');
    expect(ruleFormula('say "hi"')).toBe('="say ""hi"""');
  });
});

describe('the fake, as Excel treats conditional formats', () => {
  async function sheetWithRule(excel: FakeExcel) {
    excel.addTable('S', 'T', ['Health'], [['Red'], ['green'], ['RED'], ['Amber']]);
    await run(excel)(async (context) => {
      const range = context.workbook.worksheets.getItem('S').getRange('A2:A5');
      const format = range.conditionalFormats.add('CellValue');
      format.cellValue.rule = { formula1: '="red"', operator: 'EqualTo' };
      format.cellValue.format.fill.color = '#FFC7CE';
      range.format.fill.color = '#EEEEEE';
      await context.sync();
    });
  }

  test("a rule's fill shows over the cell's own where it holds, ignoring case", async () => {
    const excel = new FakeExcel();
    await sheetWithRule(excel);
    expect([1, 2, 3, 4].map((r) => excel.shownFill('S', r, 0))).toEqual(['#FFC7CE', '#EEEEEE', '#FFC7CE', '#EEEEEE']);
  });

  test('clearAll on part of the range leaves the rule on the rest; Range.clear takes it too', async () => {
    const excel = new FakeExcel();
    await sheetWithRule(excel);
    await run(excel)(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A2:A2').conditionalFormats.clearAll();
      await context.sync();
    });
    expect(excel.shownFill('S', 1, 0)).toBe('#EEEEEE');
    expect(excel.shownFill('S', 3, 0)).toBe('#FFC7CE');
    await run(excel)(async (context) => {
      context.workbook.worksheets.getItem('S').getRange('A3:A5').clear();
      await context.sync();
    });
    expect(excel.conditionalFormats('S')).toEqual([]);
  });

  test("a Custom rule's references are relative to the range's first cell", async () => {
    const excel = new FakeExcel();
    excel.addTable(
      'S',
      'T',
      ['Health', 'Flags'],
      [
        ['Red', 'late'],
        ['Amber', 'late'],
        ['red', 'LATE'],
      ],
    );
    await run(excel)(async (context) => {
      const format = context.workbook.worksheets.getItem('S').getRange('B2:B4').conditionalFormats.add('Custom');
      format.custom.rule.formula = '=AND(B2="late",A2="Red")';
      format.custom.format.fill.color = '#FFC7CE';
      await context.sync();
    });
    expect([1, 2, 3].map((r) => excel.shownFill('S', r, 1))).toEqual(['#FFC7CE', null, '#FFC7CE']);
  });

  test('before ExcelApi 1.6 there are none', async () => {
    const excel = new FakeExcel();
    excel.apiVersion = '1.5';
    excel.addTable('S', 'T', ['Health'], [['Red']]);
    await expect(
      run(excel)(async (context) => {
        context.workbook.worksheets.getItem('S').getRange('A2').conditionalFormats.add('CellValue');
        await context.sync();
      }),
    ).rejects.toThrow(/ExcelApi 1.6/);
  });
});

describe('what a refresh sends', () => {
  /** The rules on a sheet as [column, text, fill], sorted. */
  const rulesOf = (excel: FakeExcel, sheet: string) =>
    excel
      .conditionalFormats(sheet)
      .map((cf) => [cf.areas.map((a) => a.c0).join(), cf.rule?.formula1, cf.fill])
      .sort((a, b) => String(a).localeCompare(String(b)));

  test('Health and Flags changing colour row to row are a few rules, not a fill per cell; Health stays three rules', async () => {
    const excel = fakeOfOneTable(1_000);
    const fills: number[] = [];
    // Cells given a fill of their own through Range.setCellProperties.
    excel.refuse = ({ request }) => {
      const message = JSON.parse(request) as { Actions: { Name: string; ArgumentInfo?: { Arguments: unknown[] } }[] };
      for (const a of message.Actions)
        if (a.Name === 'SetCellProperties') fills.push((a.ArgumentInfo!.Arguments[0] as unknown[]).length);
      return null;
    };
    const first = await refreshWorkbook(port(excel), { today: day('2026-06-30') });
    const health = first
      .plan!.tables.find((t) => t.sheet === 'KPIs')!
      .columns.find((c) => c.header === 'Health (auto)')!;
    const kpiRules = () => rulesOf(excel, 'KPIs').filter(([c]) => c === String(health.column - 1));
    expect(kpiRules()).toEqual([
      [String(health.column - 1), '="Amber"', colour('neutral')],
      [String(health.column - 1), '="Green"', colour('good')],
      [String(health.column - 1), '="Red"', colour('bad')],
    ]);
    // Every cell of the column shows its plan's colour.
    health.styles!.forEach((st, i) =>
      expect(excel.shownFill('KPIs', 1 + i, health.column - 1)).toBe(st === null ? null : colour(st)),
    );
    // Flags: "stale" always the same colour, "status-contradicts-data" by the row's Health: no fill per
    // cell on the 1,000 KPIs; the 100 objectives' Health is cheaper as fills per cell than as rules.
    expect(fills).toEqual([100]);
    expectShownAsPlanned(excel, first.plan!);
    // The weekly refresh clears the rules it put there before adding them again.
    await refreshWorkbook(port(excel), { today: day('2026-07-31') });
    expect(kpiRules()).toHaveLength(3);
  });

  test('rules an earlier refresh left go when the column is painted by fills instead', async () => {
    const excel = fakeOfOneTable(1_000);
    await refreshWorkbook(port(excel), { today: day('2026-06-30') });
    expect(excel.conditionalFormats('KPIs').length).toBeGreaterThan(0);
    // Every KPI on target: Health is one colour down the column, a single fill cheaper than rules.
    const kpis = excel.sheet('KPIs')!;
    for (let r = 1; r <= 1_000; r++) kpis.cells.get(`${r},6`)!.value = kpis.cells.get(`${r},5`)!.value;
    const again = await refreshWorkbook(port(excel), { today: day('2026-06-30') });
    expectShownAsPlanned(excel, again.plan!);
  });
});

describe('a fresh working sheet written by runs', () => {
  /** Every stored cell of a sheet as "row,column=value", sorted. */
  const cellsOf = (excel: FakeExcel, sheet: string) =>
    [...(excel.sheet(sheet)?.cells ?? new Map())]
      .filter(([, c]) => c.value !== null || c.formula)
      .map(([k, c]) => `${k}=${JSON.stringify(c.formula ?? c.value)}`)
      .sort();

  test('the Risks sheet and the ledger hold what arrays would write, fewer cells sent (ExcelApi 1.9 against 1.8)', async () => {
    const refresh = async (apiVersion: string) => {
      const excel = fakeOfOneTable(3_000);
      excel.apiVersion = apiVersion;
      let sent = 0;
      let autoFills = 0;
      let copies = 0;
      excel.refuse = ({ request }) => {
        const message = JSON.parse(request) as { Actions: { Name: string; ArgumentInfo?: { Arguments: unknown[] } }[] };
        for (const a of message.Actions) {
          if (a.Name === 'AutoFill') autoFills++;
          if (a.Name === 'CopyFrom') copies++;
          if (a.Name === 'Values' || a.Name === 'Formulas')
            sent += (a.ArgumentInfo!.Arguments[0] as unknown[][]).reduce((n, row) => n + row.length, 0);
        }
        return null;
      };
      await refreshWorkbook(port(excel), { today: day('2026-06-30') });
      return { excel, sent, autoFills, copies };
    };
    const runs = await refresh('1.9');
    const arrays = await refresh('1.8');
    for (const sheet of ['Risks', 'Throughline Ledger'])
      expect([sheet, cellsOf(runs.excel, sheet)]).toEqual([sheet, cellsOf(arrays.excel, sheet)]);
    expect(cellsOf(runs.excel, 'Risks').length).toBeGreaterThan(3_000);
    // Severity, Kind and Value exposed run down the Risks sheet; the ledger has blank and constant columns.
    expect(arrays.autoFills).toBe(0);
    expect(runs.autoFills).toBeGreaterThan(3);
    // The ledger's plan block repeats the item ids of its state block: copied, not sent again.
    expect([arrays.copies, runs.copies]).toEqual([0, 1]);
    expect(runs.sent).toBeLessThan(arrays.sent * 0.8);
  }, 60_000);
});

describe('a weekly refresh and the owned cells Excel already holds', () => {
  type Message = {
    Actions: { Name: string; ObjectPathId: number; ArgumentInfo?: { Arguments: unknown[] } }[];
    ObjectPaths: Record<string, { Name: string; ParentObjectPathId?: number; ArgumentInfo?: { Arguments: unknown[] } }>;
  };
  /** Cells sent through Range.values to a sheet, over a refresh. */
  const sentTo = (excel: FakeExcel, sheet: string) => {
    const sent = { cells: 0 };
    excel.refuse = ({ request }) => {
      const message = JSON.parse(request) as Message;
      const onSheet = (id: number | undefined): boolean => {
        const p = id === undefined ? undefined : message.ObjectPaths[id];
        if (!p) return false;
        return (p.Name === 'GetItem' && p.ArgumentInfo?.Arguments[0] === sheet) || onSheet(p.ParentObjectPathId);
      };
      for (const a of message.Actions)
        if (a.Name === 'Values' && onSheet(a.ObjectPathId))
          sent.cells += (a.ArgumentInfo!.Arguments[0] as unknown[][]).reduce((k, row) => k + row.length, 0);
      return null;
    };
    return sent;
  };

  test('the check before writing reads the owned columns it has room for; only the cells that differ are sent', async () => {
    const excel = fakeOfOneTable(1_000);
    const first = sentTo(excel, 'KPIs');
    await refreshWorkbook(port(excel), { today: day('2026-06-30') });
    // The owned columns' headers and 1,000 rows of five columns.
    expect(first.cells).toBe(5 + 5_000);
    const plan = (await refreshWorkbook(port(excel), { today: day('2026-06-30') })).plan!;
    const kpis = plan.tables.find((t) => t.sheet === 'KPIs')!;
    const impact = kpis.columns.find((c) => c.header === 'Impact (auto)')!;
    const health = kpis.columns.find((c) => c.header === 'Health (auto)')!;
    // Someone typed over one Impact cell and one Health cell since.
    excel.sheet('KPIs')!.cells.get(`10,${impact.column - 1}`)!.value = 'typed over';
    excel.sheet('KPIs')!.cells.get(`11,${health.column - 1}`)!.value = 'Blue';
    const again = sentTo(excel, 'KPIs');
    await refreshWorkbook(port(excel), { today: day('2026-06-30') });
    // Only those two cells were sent, and both are back as the plan has them.
    expect(again.cells).toBe(2);
    expect(excel.cellValue('KPIs', 10, impact.column - 1)).toBe(impact.values[9]);
    expect(excel.cellValue('KPIs', 11, health.column - 1)).toBe(health.values[10]);
  });
});
