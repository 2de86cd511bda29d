// SPEC §5: every kind of bad input has its own code, names its cell, and skips only its row.
import { refresh } from '../../src/engine';
import type { CellValue, WorkbookSnapshot } from '../../src/engine/types';
import { dayFromSerial, isoFromDay } from '../../src/engine/parse/values';
import { fitCell, OWNED_CELL_TAIL } from '../../src/engine/plan/cells';
import { day, snapshot, table, workbook, KPI_HEADERS } from '../support/snapshot';

const run = (wb: WorkbookSnapshot) => refresh(wb, { today: day('2026-01-06') });
const O1 = ['O1', 'Grow', null, 'Ana', 1, null, null];
const K = (over: Record<number, unknown> = {}) => {
  const row: unknown[] = [
    'K1',
    'Revenue',
    'O1',
    'Increase',
    0,
    100,
    50,
    '2026-01-01',
    '2026-01-11',
    1,
    '2026-01-05',
    'Green',
    'monthly',
  ];
  for (const [i, v] of Object.entries(over)) row[Number(i)] = v;
  return row as never[];
};

describe('row errors: named code, sheet and cell; the row is skipped, the rest computed', () => {
  // KPI columns: A ID, B Name, C Objective, D Direction, E Baseline, F Target, G Actual, H Start, I Due,
  // J Weight, K Updated, L Status, M Cadence. Data starts on row 2.
  test.each([
    ['missing-value', { 0: null }, 'A2'],
    ['missing-value', { 5: null }, 'F2'],
    ['invalid-number', { 6: 'lots' }, 'G2'],
    ['invalid-number', { 6: 1e309 }, 'G2'],
    ['excel-error', { 6: { error: '#N/A' } }, 'G2'],
    ['excel-error', { 2: { error: '#REF!' } }, 'C2'],
    ['invalid-date', { 8: '2026-02-30' }, 'I2'],
    ['invalid-status', { 11: 'Purple' }, 'L2'],
    ['invalid-cadence', { 12: 'whenever' }, 'M2'],
    ['invalid-direction', { 3: 'sideways' }, 'D2'],
    ['target-equals-baseline', { 4: 100 }, 'F2'],
    ['negative-weight', { 9: -1 }, 'J2'],
    ['dangling-reference', { 2: 'O9' }, 'C2'],
  ])('%s at %s', (code, over, cell) => {
    const wb = workbook({ objectives: [O1], kpis: [K(over as Record<number, unknown>), K({ 0: 'K2' })] });
    const { report, plan } = run(wb);
    expect(report.errors).toContainEqual(expect.objectContaining({ sheet: 'KPIs', cell, code }));
    expect(report.errors.every((e) => e.message.length > 10)).toBe(true);
    expect(report.items.map((i) => i.id)).toEqual(['O1', 'K2']);
    expect(plan).not.toBeNull();
  });

  test('tables of one kind are read together, and an ID in two of them is a duplicate', () => {
    // Excel table names are unique, so regional tables carry a qualifier after the kind.
    const wb = snapshot([
      table({ name: 'Objectives', headers: ['ID', 'Name'], rows: [['O1', 'Grow']] }),
      table({ name: 'KPIs_EMEA', sheet: 'EMEA', headers: KPI_HEADERS, rows: [K(), K({ 0: 'K2' })] }),
      table({ name: 'KPIs_APAC', sheet: 'APAC', headers: KPI_HEADERS, rows: [K(), K({ 0: 'K3' })] }),
    ]);
    const { report } = run(wb);
    expect(report.errors).toEqual([expect.objectContaining({ sheet: 'APAC', cell: 'A2', code: 'duplicate-id' })]);
    expect(report.errors[0].message).toContain('EMEA!A2');
    expect(report.items.map((i) => i.id)).toEqual(['O1', 'K1', 'K2', 'K3']);
  });

  test('a sheet whose name only starts with a table word is ignored unless it has the columns', () => {
    const wb = snapshot(
      [
        table({ name: 'Objectives', headers: ['ID', 'Name'], rows: [['O1', 'Grow']] }),
        table({ name: 'KPIs', headers: KPI_HEADERS, rows: [K()] }),
      ],
      [
        {
          sheet: 'Strategy notes',
          originRow: 1,
          originColumn: 1,
          values: [['Our strategy is to grow.'], ['More prose.']],
        },
      ],
    );
    const { report, fatal } = run(wb);
    expect(fatal).toEqual([]);
    expect(report.items.map((i) => i.id)).toEqual(['O1', 'K1']);
  });

  test('negative Value at Stake and bad percentages', () => {
    const wb = workbook({
      objectives: [O1, ['O2', 'Bad', null, null, 1, -5, null]],
      initiatives: [['I1', 'Build', 'O1', '2026-01-01', '2026-01-11', null, '-10%', null, '2026-01-05', 1]],
    });
    const codes = run(wb).report.errors.map((e) => [e.code, e.sheet, e.cell]);
    expect(codes).toEqual(
      expect.arrayContaining([
        ['negative-value', 'Objectives', 'F3'],
        ['invalid-percent', 'Initiatives', 'G2'],
      ]),
    );
  });

  test('a bad setting is reported and its default used', () => {
    const wb = workbook({
      objectives: [O1],
      kpis: [K()],
      settings: [
        ['Green Threshold', 'high'],
        ['Rollup', 'avg'],
        ['Colour', 'blue'],
      ],
    });
    const { report, settings } = run(wb);
    expect(report.errors.map((e) => [e.code, e.cell])).toEqual([
      ['invalid-setting', 'B2'],
      ['invalid-setting', 'B3'],
      ['invalid-setting', 'A4'],
    ]);
    expect(settings.greenThreshold).toBe(0.95);
    expect(settings.rollup).toBe('weighted');
  });

  test('a number in a date-formatted Value column arrives as a date and still counts as its number', () => {
    // Excel shows 3 as 1900-01-03 when the column carries As Of's date format; the cell still holds 3.
    const serialDate = (serial: number, date1904: boolean) => new Date(dayFromSerial(serial, date1904)! * 86_400_000);
    for (const date1904 of [false, true]) {
      const settings = [
        ['As Of', serialDate(date1904 ? 44741 : 46203, date1904)],
        ['Grace Days', serialDate(3, date1904)],
        ['Slip Red Days', serialDate(21, date1904)],
        ['Default Cadence', serialDate(14, date1904)],
      ];
      const { report, settings: s } = run({ ...workbook({ objectives: [O1], kpis: [K()], settings }), date1904 });
      expect(report.errors).toEqual([]);
      expect([s.graceDays, s.slipRedDays, s.defaultCadence]).toEqual([3, 21, { unit: 'days', count: 14 }]);
      expect(report.asOf).toBe('2026-06-30');
    }
  });
});

describe('cycles', () => {
  test('a dependency cycle is reported with its whole path and its items go Grey', () => {
    const wb = workbook({
      objectives: [O1],
      initiatives: ['A', 'B', 'C', 'D'].map((id) => [
        id,
        id,
        'O1',
        '2026-01-01',
        '2026-01-11',
        null,
        0.5,
        null,
        '2026-01-05',
        1,
      ]),
      dependencies: [
        ['A', 'B', 0],
        ['B', 'C', 0],
        ['C', 'A', 0],
        ['C', 'D', 0],
      ],
    });
    const { report } = run(wb);
    const cycle = report.errors.find((e) => e.code === 'dependency-cycle')!;
    expect(cycle.message).toContain('A → B → C → A');
    expect(cycle).toMatchObject({ sheet: 'Dependencies', cell: 'A2' });
    const health = Object.fromEntries(report.items.map((i) => [i.id, i.health]));
    expect(health).toMatchObject({ A: 'Grey', B: 'Grey', C: 'Grey', D: 'Green' });
  });

  // Issue 20: an item waiting on itself is a bad row, not a cycle: it is skipped and the item computed as usual.
  test('a self-dependency is an error and its row is skipped', () => {
    const wb = workbook({
      objectives: [O1],
      initiatives: [['A', 'A', 'O1', '2026-01-01', '2026-01-11', null, 0.5, null, '2026-01-05', 1]],
      dependencies: [['A', 'A', 0]],
    });
    const { report } = run(wb);
    expect(report.errors).toEqual([
      expect.objectContaining({
        sheet: 'Dependencies',
        cell: 'B2',
        code: 'self-dependency',
        message: expect.stringContaining('"A"'),
      }),
    ]);
    expect(report.items.find((i) => i.id === 'A')!.health).not.toBe('Grey');
  });

  test('a parent cycle is reported with its path and the objectives on it go Grey', () => {
    const wb = workbook({
      objectives: [
        ['O1', 'One', 'O3', null, 1, null, null],
        ['O2', 'Two', 'O1', null, 1, null, null],
        ['O3', 'Three', 'O2', null, 1, null, null],
        ['O4', 'Four', 'O1', null, 1, null, null],
      ],
      kpis: [K({ 2: 'O4' })],
    });
    const { report } = run(wb);
    expect(report.errors).toEqual([
      expect.objectContaining({ code: 'parent-cycle', message: expect.stringContaining('O1 → O3 → O2 → O1') }),
    ]);
    const health = Object.fromEntries(report.items.map((i) => [i.id, i.health]));
    expect(health).toMatchObject({ O1: 'Grey', O2: 'Grey', O3: 'Grey', O4: 'Green' });
  });
});

describe('stopping errors', () => {
  test('a missing Objectives table stops with one message naming its other names', () => {
    const wb = snapshot([table({ name: 'KPIs', headers: KPI_HEADERS, rows: [K()] })]);
    const result = run(wb);
    expect(result.plan).toBeNull();
    expect(result.fatal).toHaveLength(1);
    expect(result.fatal[0].code).toBe('missing-table');
    expect(result.fatal[0].message).toMatch(/Objectives.*Goals.*Strategy/);
    expect(result.fatal[0].message).not.toContain('Metrics');
    expect(result.fatal[0].message).toContain('Sheets found: KPIs; tables found: KPIs.');
  });

  test('neither KPIs nor Initiatives stops the refresh', () => {
    const result = run(snapshot([table({ name: 'Goals', headers: ['ID', 'Name'], rows: [['O1', 'x']] })]));
    expect(result.fatal.map((e) => e.code)).toEqual(['missing-table']);
    expect(result.fatal[0].message).toContain('KPIs');
  });

  test('a missing required column names the table, the column and its aliases', () => {
    const wb = snapshot([
      table({ name: 'Objectives', headers: ['ID', 'Name'], rows: [['O1', 'x']] }),
      table({ name: 'KPIs', headers: ['ID', 'Name', 'Objective', 'Actual'], rows: [['K1', 'k', 'O1', 3]] }),
    ]);
    const result = run(wb);
    expect(result.plan).toBeNull();
    expect(result.fatal).toEqual([expect.objectContaining({ code: 'missing-column', sheet: 'KPIs', cell: 'E1' })]);
    expect(result.fatal[0].message).toContain('"Target"');
  });
});

describe('no room beside a table', () => {
  test('a note right of the table refuses that table only, naming the blocking cell', () => {
    const wb = snapshot([
      table({
        name: 'Objectives',
        headers: ['ID', 'Name'],
        rows: [['O1', 'x']],
        occupiedRight: [{ row: 2, column: 5 }],
      }),
      table({ name: 'KPIs', headers: KPI_HEADERS, rows: [K()] }),
    ]);
    const { plan, report } = run(wb);
    expect(report.errors).toEqual([expect.objectContaining({ code: 'no-room', sheet: 'Objectives', cell: 'E2' })]);
    expect(plan!.tables.map((t) => t.sheet)).toEqual(['KPIs']);
  });

  test('a merged area in the band refuses the table, saying it is merged', () => {
    const wb = snapshot([
      table({
        name: 'Objectives',
        headers: ['ID', 'Name'],
        rows: [['O1', 'x']],
        occupiedRight: [{ row: 1, column: 4, merged: 'D1:E2' }],
      }),
      table({ name: 'KPIs', headers: KPI_HEADERS, rows: [K()] }),
    ]);
    const { plan, report } = run(wb);
    expect(report.errors).toEqual([expect.objectContaining({ code: 'no-room', sheet: 'Objectives', cell: 'D1' })]);
    expect(report.errors[0].message).toContain('D1 is part of the merged cells D1:E2');
    expect(plan!.tables.map((t) => t.sheet)).toEqual(['KPIs']);
  });

  test('a note beyond the columns needed does not block', () => {
    const wb = snapshot([
      // Objectives need 6 owned columns: C..H; a note in I is fine.
      table({
        name: 'Objectives',
        headers: ['ID', 'Name'],
        rows: [['O1', 'x']],
        occupiedRight: [{ row: 2, column: 9 }],
      }),
      table({ name: 'KPIs', headers: KPI_HEADERS, rows: [K()] }),
    ]);
    expect(run(wb).plan!.tables).toHaveLength(2);
  });

  test('where growing the table would insert cells, anything right of it in its rows refuses it, naming the cell', () => {
    const objectives = {
      ...table({ name: 'Objectives', headers: ['ID', 'Name'], rows: [['O1', 'x']] }),
      shiftBlocker: { row: 2, column: 19 },
    };
    const { plan, report } = run(snapshot([objectives, table({ name: 'KPIs', headers: KPI_HEADERS, rows: [K()] })]));
    expect(report.errors).toEqual([expect.objectContaining({ code: 'no-room', sheet: 'Objectives', cell: 'S2' })]);
    expect(report.errors[0].message).toContain('inserting cells, which would move S2');
    expect(plan!.tables.map((t) => t.sheet)).toEqual(['KPIs']);
  });

  test('once the owned columns are in the table, nothing is inserted, so nothing beside it blocks', () => {
    const owned = [
      'Health (auto)',
      'Progress (auto)',
      'Expected (auto)',
      'Confidence (auto)',
      'Flags (auto)',
      'Impact (auto)',
    ];
    const objectives = {
      ...table({ name: 'Objectives', headers: ['ID', 'Name', ...owned], rows: [['O1', 'x']] }),
      shiftBlocker: { row: 2, column: 19 },
    };
    expect(
      run(snapshot([objectives, table({ name: 'KPIs', headers: KPI_HEADERS, rows: [K()] })])).plan!.tables,
    ).toHaveLength(2);
  });

  test('owned headers a failed refresh left beside the table are taken back, anything else still blocks', () => {
    const leftover = [
      { row: 1, column: 3, text: 'Health (auto)' },
      { row: 1, column: 4, text: 'Progress (auto)' },
    ];
    const ok = table({ name: 'Objectives', headers: ['ID', 'Name'], rows: [['O1', 'x']], occupiedRight: leftover });
    expect(run(snapshot([ok, table({ name: 'KPIs', headers: KPI_HEADERS, rows: [K()] })])).plan!.tables).toHaveLength(
      2,
    );
    const swapped = table({
      name: 'Objectives',
      headers: ['ID', 'Name'],
      rows: [['O1', 'x']],
      occupiedRight: [{ row: 1, column: 3, text: 'Progress (auto)' }],
    });
    expect(run(snapshot([swapped, table({ name: 'KPIs', headers: KPI_HEADERS, rows: [K()] })])).report.errors).toEqual([
      expect.objectContaining({ code: 'no-room', cell: 'C1' }),
    ]);
  });
});

describe("Excel's 32,767 characters a cell", () => {
  test('a Risks cell too long for Excel is cut, saying where the whole text is; nothing written is longer', () => {
    // 400 past check-ins, each rewritten since the ledger first saw it: one revised-history message lists them all.
    const dates = Array.from({ length: 400 }, (_, i) => isoFromDay(day('2025-01-01') + i));
    const history = dates.map((d, i): CellValue[] => ['K1', d, i, null]);
    const ledger: CellValue[][] = [
      ['ID', 'Date', 'Value', 'Status', 'Recorded'],
      ...dates.map((d, i): CellValue[] => ['K1', d, i + 1, null, '2026-01-01']),
    ];
    const wb = {
      ...snapshot([
        table({ name: 'Objectives', headers: ['ID', 'Name'], rows: [['O1', 'x']] }),
        table({ name: 'KPIs', headers: KPI_HEADERS, rows: [K()] }),
        table({ name: 'History', headers: ['ID', 'Date', 'Value', 'Status'], rows: history }),
      ]),
      ledger,
    };
    const { plan, report } = run(wb);
    const message = report.items.find((i) => i.id === 'K1')!.flags.find((f) => f.code === 'revised-history')!.message;
    expect(message.length).toBeGreaterThan(32_767);
    const details = plan!.risks.rows
      .map((r) => r[6])
      .find((v) => typeof v === 'string' && v.startsWith('the check-in for'))!;
    expect(details).toHaveLength(32_767);
    expect(details).toMatch(/… \(cut at Excel’s cell limit; the task pane and the JSON report have all of it\)$/);
    expect(message.startsWith(String(details).slice(0, 32_000))).toBe(true);
    const texts = [
      ...plan!.risks.rows.flat(),
      ...plan!.tables.flatMap((t) => t.columns.flatMap((c) => c.values)),
      ...plan!.ledger.blocks.flatMap((b) => b.rows.flat()),
    ];
    expect(texts.filter((v) => typeof v === 'string' && v.length > 32_767)).toEqual([]);
  });

  test('an owned cell too long for Excel is cut as it is made, saying the Risks sheet has the rest', () => {
    // Two objectives with 20,000-character IDs, one the other's parent: the KPI under the child reaches
    // both, and its Impact (auto) text names both (40,002 characters before the cut).
    const parent = 'P'.repeat(20_000);
    const child = 'C'.repeat(20_000);
    const wb = workbook({
      objectives: [
        [parent, 'Parent', null, 'Ana', 1, null, null],
        [child, 'Child', parent, 'Ana', 1, null, null],
      ],
      kpis: [K({ 2: child })],
    });
    const { plan } = run(wb);
    const kpis = plan!.tables.find((t) => t.sheet === 'KPIs')!;
    const impact = kpis.columns.find((c) => c.header === 'Impact (auto)')!.values[0] as string;
    expect(impact).toHaveLength(32_767);
    expect(impact.startsWith(`${parent}, ${child.slice(0, 100)}`)).toBe(true);
    expect(impact.endsWith(OWNED_CELL_TAIL)).toBe(true);
    const texts = [...plan!.risks.rows.flat(), ...plan!.tables.flatMap((t) => t.columns.flatMap((c) => c.values))];
    expect(texts.filter((v) => typeof v === 'string' && v.length > 32_767)).toEqual([]);
  });

  test('a cut never splits a character in two', () => {
    const text = `${'a'.repeat(32_767 - 22)}😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀😀`;
    const cut = fitCell(text, OWNED_CELL_TAIL);
    expect(cut.length).toBeLessThanOrEqual(32_767);
    expect(cut.endsWith(OWNED_CELL_TAIL)).toBe(true);
    expect(cut.slice(0, -OWNED_CELL_TAIL.length)).toBe(text.slice(0, cut.length - OWNED_CELL_TAIL.length));
    expect(/[\ud800-\udbff]$/.test(cut.slice(0, -OWNED_CELL_TAIL.length))).toBe(false);
    expect(fitCell('short', OWNED_CELL_TAIL)).toBe('short');
  });
});
