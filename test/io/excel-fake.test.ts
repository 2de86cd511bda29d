// The Excel fake is as strict as the Excel JavaScript API reference on what Throughline depends on:
// loads before reads, table column inserts that move cells, Table.resize that moves none, 1904
// serials, Excel's reading of typed text, 32,767 characters a cell, and request and response sizes
// counted in office.js's own request format. If the fake were lax here, the adapter's tests would
// prove nothing.
import fc from 'fast-check';
import { FakeExcel, OfficeError, PAYLOAD_LIMIT, PropertyNotLoaded, type FakeContext } from '../support/excel-fake';
import { asOfficeValue, needsTextPrefix } from '../../src/io/office/cells';

const run = <T>(excel: FakeExcel, f: (ctx: FakeContext) => Promise<T>) => excel.run(f);

async function write(excel: FakeExcel, values: unknown[][], at = 'A1'): Promise<void> {
  await run(excel, async (ctx) => {
    const start = ctx.workbook.worksheets.getItem('A').getRange(at);
    start.getResizedRange(values.length - 1, values[0].length - 1).values = values;
    await ctx.sync();
  });
}

describe('loads, syncs and the order of writes', () => {
  test('a property read before load and sync throws', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A', [[1]]);
    await run(excel, async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('A').getRange('A1');
      expect(() => range.values).toThrow(PropertyNotLoaded);
      range.load('values');
      expect(() => range.values).toThrow(PropertyNotLoaded);
      await ctx.sync();
      expect(range.values).toEqual([[1]]);
    });
  });

  test('writes happen at sync; a sheet that does not exist fails the sync, not the call', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    await run(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem('A').getRange('A1:B1').values = [["'=1+1", '=1+1']];
      expect(excel.cellValue('A', 0, 0)).toBeNull();
      const missing = ctx.workbook.worksheets.getItem('Nope').getRange('A1').load('values');
      void missing;
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ItemNotFound' });
    });
    // Excel runs a batch's actions in order: the write before the failing read happened.
    expect(excel.cell('A', 0, 0)).toEqual({ value: '=1+1' });
    expect(excel.cell('A', 0, 1)?.formula).toBe('=1+1');
  });
});

describe('tables grow as Excel grows them', () => {
  function withNote(): FakeExcel {
    const excel = new FakeExcel();
    excel.addTable(
      'A',
      'T',
      ['ID', 'Name'],
      [
        ['K1', 'x'],
        ['K2', 'y'],
      ],
    );
    const sheet = excel.sheet('A')!;
    sheet.cells.set('1,6', { value: 'Owner notes', fill: '#FFFF00' });
    sheet.cells.set('5,2', { value: 'below the table' });
    return excel;
  }

  test('adding a table column inserts cells: what lies right of the table in its rows moves one column right', async () => {
    const excel = withNote();
    await run(excel, async (ctx) => {
      ctx.workbook.tables.getItem('T').columns.add(undefined, undefined, 'Health (auto)');
      await ctx.sync();
    });
    expect(excel.cell('A', 1, 6)).toBeUndefined();
    expect(excel.cell('A', 1, 7)).toEqual({ value: 'Owner notes', fill: '#FFFF00' });
    expect(excel.cellValue('A', 5, 2)).toBe('below the table');
    expect(excel.cellValue('A', 0, 2)).toBe('Health (auto)');
    expect(excel.tables[0].columns).toBe(3);
  });

  test('the insert fails when it would move part of another table', async () => {
    const excel = withNote();
    excel.addTable('A', 'Other', ['X'], [[1]], 2, 9);
    await run(excel, async (ctx) => {
      ctx.workbook.tables.getItem('T').columns.add(undefined, undefined, 'Health (auto)');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    });
    expect(excel.tables[0].columns).toBe(2);
  });

  test('Table.resize (ExcelApi 1.13) takes cells in without moving any; below 1.13 it does not exist', async () => {
    const excel = withNote();
    await run(excel, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('A');
      sheet.getRange('C1').values = [['Health (auto)']];
      ctx.workbook.tables.getItem('T').resize(sheet.getRange('A1:D3'));
      await ctx.sync();
    });
    expect(excel.tables[0]).toMatchObject({ left: 0, columns: 4, dataRows: 2 });
    expect(excel.cellValue('A', 0, 2)).toBe('Health (auto)');
    expect(excel.cellValue('A', 0, 3)).toBe('Column1');
    expect(excel.cell('A', 1, 6)).toEqual({ value: 'Owner notes', fill: '#FFFF00' });

    excel.apiVersion = '1.12';
    await run(excel, async (ctx) => {
      expect(() => ctx.workbook.tables.getItem('T').resize('A1:E3')).toThrow(/ApiNotFound/);
    });
  });
});

describe('Excel reads written text the way it reads typing', () => {
  const cases: [unknown, unknown][] = [
    ['plain', 'plain'],
    ["'=1+1", '=1+1'],
    ['45%', 0.45],
    ['1,234.5', 1234.5],
    ['$1,200', 1200],
    ['TRUE', true],
    ['#N/A', { error: '#N/A' }],
    ['+Contract', { error: '#NAME?' }],
    ["'2026-03-31", '2026-03-31'],
  ];
  test.each(cases)('%j is stored as %j', async (typed, stored) => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    await write(excel, [[typed]]);
    expect(excel.cellValue('A', 0, 0)).toEqual(stored);
  });

  test("an ISO date becomes a serial of the workbook's own date system", async () => {
    for (const [date1904, serial] of [
      [false, 46112],
      [true, 46112 - 1462],
    ] as const) {
      const excel = new FakeExcel();
      excel.date1904 = date1904;
      excel.addSheet('A');
      await write(excel, [['2026-03-31']]);
      expect(excel.cellValue('A', 0, 0)).toBe(serial);
      await run(excel, async (ctx) => {
        const probe = ctx.workbook.functions.date(2000, 1, 1).load('value');
        await ctx.sync();
        expect(probe.value).toBe(date1904 ? 35064 : 36526);
      });
    }
  });

  test('what the adapter writes as text reads back as the same text, whatever it looks like', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    const words = fc.constantFrom(
      '2026-03-31',
      '45%',
      '3/4/2026',
      'Mar 31, 2026',
      'March 2026',
      '12:30',
      'true',
      '#REF!',
      '-',
      '+1',
      '(1)',
      '1e5',
      '.5',
      '€3',
      ' 7 ',
      '=A1',
      '@x',
      "'q",
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.string(),
          words,
          fc.tuple(words, fc.string()).map(([a, b]) => a + b),
        ),
        async (s) => {
          await write(excel, [[asOfficeValue(s, false)]]);
          const stored = excel.cellValue('A', 0, 0);
          expect(stored).toEqual(s === '' ? null : s);
        },
      ),
      { numRuns: 300 },
    );
    expect(needsTextPrefix(' -')).toBe(true);
    expect(needsTextPrefix('  =1+1')).toBe(true);
    expect(needsTextPrefix('Red')).toBe(false);
    expect(needsTextPrefix('O1, O2 · EMEA')).toBe(false);
  });

  test('a formula over 8,192 characters, or with a text constant over 255, is refused', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    await expect(write(excel, [[`=LEN("${'x'.repeat(256)}")`]])).rejects.toMatchObject({ code: 'InvalidArgument' });
    await expect(write(excel, [[`=${'1+'.repeat(4100)}1`]])).rejects.toMatchObject({ code: 'InvalidArgument' });
    await write(excel, [[`=LEN("${'x'.repeat(255)}")`]]);
    expect(excel.cell('A', 0, 0)?.formula).toHaveLength(263);
  });

  test('a cell holds at most 32,767 characters (an apostrophe in front does not count)', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    await expect(write(excel, [['x'.repeat(32_768)]])).rejects.toMatchObject({ code: 'InvalidArgument' });
    expect(excel.cellValue('A', 0, 0)).toBeNull();
    await write(excel, [[`'${'=' + 'x'.repeat(32_766)}`]]);
    expect(String(excel.cellValue('A', 0, 0))).toHaveLength(32_767);
  });
});

describe('requests and responses are counted as office.js sends them', () => {
  test('a batch travels as a RichApi message: actions on object paths, every range kept by reference', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A', [[1, 2]]);
    let sent = '';
    excel.refuse = ({ request }) => {
      sent = request;
      return null;
    };
    await run(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem('A').getRangeByIndexes(0, 0, 1, 2).load('values');
      await ctx.sync();
    });
    const message = JSON.parse(sent) as {
      Actions: { ActionType: number; Name: string; ObjectPathId: number; L?: number[] }[];
      ObjectPaths: Record<string, { Name: string }>;
    };
    // Instantiate the workbook, its worksheets, the sheet and the range; keep the range; load it.
    expect(message.Actions.map((a) => [a.ActionType, a.Name])).toEqual([
      [1, ''],
      [1, ''],
      [1, ''],
      [1, ''],
      [3, '_KeepReference'],
      [1, ''],
      [2, ''],
    ]);
    expect(Object.values(message.ObjectPaths).map((p) => p.Name)).toEqual([
      '',
      'Worksheets',
      'GetItem',
      'GetRangeByIndexes',
    ]);
    expect(message.Actions.flatMap((a) => a.L ?? []).sort()).toEqual(
      Object.keys(message.ObjectPaths).map(Number).sort(),
    );
    expect(excel.log[0].request).toBe(Buffer.byteLength(sent));
    expect(excel.responseBytes[0]).toBeGreaterThan(0);
  });

  test('an array of more than 1,500 cells goes in pieces, each with its own ranges, as office.js splits it', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    let sent = '';
    excel.refuse = ({ request }) => {
      sent = request;
      return null;
    };
    await write(
      excel,
      Array.from({ length: 4000 }, (_, i) => [i]),
    );
    const message = JSON.parse(sent) as {
      Actions: { ActionType: number; Name: string }[];
      ObjectPaths: Record<string, { Name: string; D?: boolean }>;
    };
    expect(message.Actions.filter((a) => a.ActionType === 4 && a.Name === 'Values')).toHaveLength(3);
    expect(Object.values(message.ObjectPaths).filter((p) => p.Name === 'GetBoundingRect' && p.D)).toHaveLength(3);
    expect(excel.cellValue('A', 3999, 0)).toBe(3999);
  });

  test('a request over 5 MB is refused whole; a response over 5 MB is refused too', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    const big = Array.from({ length: 60_000 }, () => ['x'.repeat(90)]);
    await expect(write(excel, big)).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(excel.writes).toBe(0);
    expect(excel.log[0].request).toBeGreaterThan(PAYLOAD_LIMIT);
    excel.payloadLimit = 10_000_000;
    await write(excel, big);
    excel.payloadLimit = PAYLOAD_LIMIT;
    await run(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem('A').getRange('A1:A60000').load('values');
      const failure = await ctx.sync().catch((e: OfficeError) => e);
      expect(failure).toMatchObject({ code: 'ResponsePayloadSizeLimitExceeded' });
    });
  });
});

describe('worksheets as the Excel JavaScript API reference describes them (issue 18)', () => {
  test('a VeryHidden sheet cannot be deleted; made Hidden first, it can (Excel.Worksheet.delete)', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    excel.addSheet('W').visibility = 'VeryHidden';
    await run(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem('W').delete();
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
    });
    expect(excel.sheet('W')).toBeDefined();
    await run(excel, async (ctx) => {
      const w = ctx.workbook.worksheets.getItem('W');
      w.visibility = 'Hidden';
      w.delete();
      await ctx.sync();
    });
    expect(excel.sheet('W')).toBeUndefined();
  });

  test('the last visible sheet can be neither deleted nor hidden', async () => {
    const excel = new FakeExcel();
    excel.addSheet('Inputs').visibility = 'Hidden';
    excel.addSheet('Risks');
    for (const act of [
      (ws: ReturnType<FakeContext['workbook']['worksheets']['getItem']>) => ws.delete(),
      (ws: ReturnType<FakeContext['workbook']['worksheets']['getItem']>) => (ws.visibility = 'Hidden'),
    ]) {
      await run(excel, async (ctx) => {
        act(ctx.workbook.worksheets.getItem('Risks'));
        await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidOperation' });
      });
    }
    expect(excel.sheet('Risks')?.visibility).toBeUndefined();
  });

  test('deleting a sheet turns the formulas that refer to it into #REF!; a string that names it is no reference', async () => {
    const excel = new FakeExcel();
    const risks = excel.addSheet('Risks', [['high'], ['warn']]);
    excel.addSheet('Summary');
    await run(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem('Summary').getRange('A1:B1').formulas = [
        ['=COUNTIF(Risks!A:A,"high")', '=HYPERLINK("#Risks!A1","go")'],
      ];
      await ctx.sync();
    });
    expect(excel.cellValue('Summary', 0, 0)).toBeNull();
    await run(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem('Risks').delete();
      await ctx.sync();
    });
    expect(excel.sheets).not.toContain(risks);
    expect(excel.cellValue('Summary', 0, 0)).toEqual({ error: '#REF!' });
    expect(excel.cellValue('Summary', 0, 1)).toBe('go');
  });

  test('a sheet keeps its id through a rename and a move; its tab colour stays', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    const b = excel.addSheet('B');
    b.tabColor = '#FF0000';
    await run(excel, async (ctx) => {
      const ws = ctx.workbook.worksheets.getItem('B').load('id');
      await ctx.sync();
      const id = ws.id;
      ws.name = 'C';
      ws.position = 0;
      const again = ctx.workbook.worksheets.getItem('C').load('id,tabColor,position');
      await ctx.sync();
      expect([again.id, again.tabColor, again.position]).toEqual([id, '#FF0000', 0]);
    });
  });
});

describe('ranges as the reference describes them (issue 18)', () => {
  test('numberFormat set to a 1×1 array applies it to every cell; values of the wrong shape are refused', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    await run(excel, async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('A').getRangeByIndexes(0, 0, 3, 2);
      range.numberFormat = [['0%']];
      await ctx.sync();
    });
    expect([0, 1, 2].flatMap((r) => [0, 1].map((c) => excel.cell('A', r, c)?.numberFormat))).toEqual(
      new Array(6).fill('0%'),
    );
    await run(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem('A').getRangeByIndexes(0, 0, 3, 2).values = [[1]];
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
    });
  });

  test('getRanges takes the areas joined by the locale list separator: a comma-joined address fails where it is ";"', async () => {
    const excel = new FakeExcel();
    excel.addSheet('A');
    excel.listSeparator = ';';
    await run(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem('A').getRanges('A1:A2, A5').format.fill.color = '#FFC7CE';
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'InvalidArgument' });
      ctx.workbook.worksheets.getItem('A').getRanges('A1:A2; A5').format.fill.color = '#FFC7CE';
      await ctx.sync();
    });
    expect([0, 1, 2, 4].map((r) => excel.cell('A', r, 0)?.fill ?? null)).toEqual([
      '#FFC7CE',
      '#FFC7CE',
      null,
      '#FFC7CE',
    ]);
  });

  test('copyFrom copies values, formulas and fills, and blanks clear; clear() empties a range', async () => {
    const excel = new FakeExcel();
    excel.addSheet('S', [
      ['h', 1],
      [null, 2],
    ]);
    excel.sheet('S')!.cells.get('0,0')!.fill = '#C6EFCE';
    excel.addSheet('T', [['old', 'old', 'old'], ['old', 'old', 'old'], ['old']]);
    await run(excel, async (ctx) => {
      const s = ctx.workbook.worksheets.getItem('S');
      const t = ctx.workbook.worksheets.getItem('T');
      t.getRangeByIndexes(0, 0, 2, 2).copyFrom(s.getRangeByIndexes(0, 0, 2, 2));
      t.getRangeByIndexes(2, 0, 1, 3).clear();
      await ctx.sync();
    });
    expect(excel.cell('T', 0, 0)).toEqual({ value: 'h', fill: '#C6EFCE' });
    expect(excel.cell('T', 1, 0)).toBeUndefined();
    expect(excel.cellValue('T', 1, 1)).toBe(2);
    expect(excel.cellValue('T', 0, 2)).toBe('old');
    expect(excel.cell('T', 2, 0)).toBeUndefined();
  });

  test('getIntersectionOrNullObject is the rectangle both ranges cover, or a null object (ExcelApi 1.4)', async () => {
    const excel = new FakeExcel();
    excel.addTable(
      'A',
      'T',
      ['ID', 'Name'],
      [
        ['K1', 'x'],
        ['K2', 'y'],
        ['K3', 'z'],
      ],
      2,
      1,
    );
    excel.addSheet('B');
    await run(excel, async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('A');
      const table = ctx.workbook.tables.getItem('T').getRange();
      // The table is B3:C6; rows 1 to 4 of the sheet meet it in B3:C4.
      const top = table.getIntersectionOrNullObject(sheet.getRangeByIndexes(0, 0, 4, 16_384)).load('address,values');
      const none = table.getIntersectionOrNullObject(sheet.getRange('A1:A100')).load('isNullObject');
      const elsewhere = table
        .getIntersectionOrNullObject(ctx.workbook.worksheets.getItem('B').getRange('B3:C6'))
        .load('isNullObject');
      await ctx.sync();
      expect(top.address).toBe('A!B3:C4');
      expect(top.values).toEqual([
        ['ID', 'Name'],
        ['K1', 'x'],
      ]);
      expect(none.isNullObject).toBe(true);
      expect(elsewhere.isNullObject).toBe(true);
    });
  });

  test('an entity reads as #VALUE! through values and as the text Excel shows through valuesAsJson (ExcelApi 1.16)', async () => {
    const excel = new FakeExcel();
    excel.apiVersion = '1.16';
    excel.addSheet('A', [[{ entity: { text: 'Microsoft Corporation', linked: true } }, 5]]);
    await run(excel, async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('A').getRange('A1:B1').load('values,valueTypes,valuesAsJson');
      await ctx.sync();
      expect(range.values).toEqual([['#VALUE!', 5]]);
      expect(range.valueTypes[0][0]).toBe('Error');
      expect(range.valuesAsJson[0]).toEqual([
        expect.objectContaining({ type: 'LinkedEntity', text: 'Microsoft Corporation', basicValue: '#VALUE!' }),
        expect.objectContaining({ type: 'Double', basicValue: 5 }),
      ]);
    });
    excel.apiVersion = '1.13';
    await run(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem('A').getRange('A1').load('valuesAsJson');
      await expect(ctx.sync()).rejects.toMatchObject({ code: 'ApiNotFound' });
    });
  });
});

describe('change events (Worksheet.onChanged, Table.onChanged: ExcelApi 1.7; Runtime.enableEvents: 1.8)', () => {
  type Args = import('../support/excel-fake').FakeChangedArgs;
  function withTable(): FakeExcel {
    const excel = new FakeExcel();
    excel.addTable(
      'Plan',
      'Initiatives',
      ['ID', 'Due'],
      [
        ['INI-1', 1],
        ['INI-2', 2],
      ],
      1,
      1,
    );
    return excel;
  }

  test("the add-in's own write raises both events after the sync, with the reference's arguments", async () => {
    const excel = withTable();
    const heard: Args[] = [];
    await run(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').onChanged.add(async (a) => void heard.push(a));
      ctx.workbook.tables.getItem('Initiatives').onChanged.add(async (a) => void heard.push(a));
      await ctx.sync();
      ctx.workbook.worksheets.getItem('Plan').getRange('C3:D3').values = [[5, 'x']];
      await ctx.sync();
      expect(heard).toEqual([]); // never inside the sync that made the change
    });
    await excel.eventsSettled();
    const sheetId = excel.sheet('Plan')!.id;
    expect(heard).toEqual([
      { type: 'WorksheetChanged', changeType: 'RangeEdited', source: 'Local', address: 'C3:D3', worksheetId: sheetId },
      {
        type: 'TableChanged',
        changeType: 'RangeEdited',
        source: 'Local',
        address: 'C3',
        worksheetId: sheetId,
        tableId: '1',
      },
    ]);
    expect(excel.eventsFired).toBe(2);
  });

  test("a co-author's edit comes as source Remote; a number format change raises nothing", async () => {
    const excel = withTable();
    const heard: Args[] = [];
    await run(excel, async (ctx) => {
      ctx.workbook.tables.getItem('Initiatives').onChanged.add((a) => void heard.push(a));
      ctx.workbook.worksheets.getItem('Plan').getRange('C3').numberFormat = [['0.0']];
      await ctx.sync();
    });
    await excel.eventsSettled();
    expect(heard).toEqual([]);
    await excel.edit('Plan', 'C4', [['2026-03-31']], { source: 'Remote' });
    expect(heard).toEqual([expect.objectContaining({ type: 'TableChanged', source: 'Remote', address: 'C4' })]);
    expect(typeof excel.cellValue('Plan', 3, 2)).toBe('number'); // typed as Excel reads typing: a date serial
    await excel.edit('Plan', 'H9', [[1]]); // outside the table: the table's handler does not hear it
    expect(heard).toHaveLength(1);
  });

  test('remove() takes the handler away at the next sync of the context that added it', async () => {
    const excel = withTable();
    let calls = 0;
    const result = await run(excel, async (ctx) => {
      const r = ctx.workbook.worksheets.getItem('Plan').onChanged.add(() => void calls++);
      await ctx.sync();
      return r;
    });
    await excel.edit('Plan', 'B3', [['INI-9']]);
    expect(calls).toBe(1);
    result.remove();
    await excel.edit('Plan', 'B3', [['INI-8']]);
    expect(calls).toBe(2); // not yet synced
    await result.context.sync();
    await excel.edit('Plan', 'B3', [['INI-7']]);
    expect(calls).toBe(2);
    expect(excel.changeHandlers).toHaveLength(0);
  });

  test('runtime.enableEvents = false (ExcelApi 1.8) silences the handlers, and is no write', async () => {
    const excel = withTable();
    let calls = 0;
    await run(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').onChanged.add(() => void calls++);
      ctx.runtime.enableEvents = false;
      await ctx.sync();
      const writes = excel.writes;
      ctx.workbook.worksheets.getItem('Plan').getRange('C3').values = [[9]];
      await ctx.sync();
      expect(excel.writes).toBe(writes + 1);
      ctx.runtime.enableEvents = true;
      ctx.runtime.load('enableEvents');
      await ctx.sync();
      expect(ctx.runtime.enableEvents).toBe(true);
    });
    await excel.eventsSettled();
    expect(calls).toBe(0);
    await excel.edit('Plan', 'C3', [[10]]);
    expect(calls).toBe(1);
  });

  test('below ExcelApi 1.7 there is no onChanged; below 1.8 no enableEvents', async () => {
    const excel = withTable();
    excel.apiVersion = '1.6';
    await run(excel, async (ctx) => {
      expect(() => ctx.workbook.worksheets.getItem('Plan').onChanged).toThrow(/ApiNotFound/);
      expect(() => ctx.workbook.tables.getItem('Initiatives').onChanged).toThrow(/ApiNotFound/);
    });
    excel.apiVersion = '1.7';
    await run(excel, async (ctx) => {
      expect(() => (ctx.runtime.enableEvents = false)).toThrow(/ApiNotFound/);
    });
  });

  test('from ExcelApi 1.14 the arguments say whether this add-in made the change (triggerSource)', async () => {
    const excel = withTable();
    excel.apiVersion = '1.14';
    const heard: Args[] = [];
    await run(excel, async (ctx) => {
      ctx.workbook.worksheets.getItem('Plan').onChanged.add((a) => void heard.push(a));
      await ctx.sync();
      ctx.workbook.worksheets.getItem('Plan').getRange('C3').values = [[1]];
      await ctx.sync();
    });
    await excel.edit('Plan', 'C4', [[1]], { source: 'Remote' });
    expect(heard.map((a) => [a.source, a.triggerSource])).toEqual([
      ['Local', 'ThisLocalAddin'],
      ['Remote', 'Unknown'],
    ]);
  });
});
