// Scenario 1: cells right of a table, with and without ExcelApi 1.13 (Table.resize).
import { OfficeWorkbook, type ExcelRun } from '../../src/io/office/port';
import { refreshWorkbook } from '../../src/io/refresh';
import { FakeExcel } from '../support/excel-fake';
import { fakeFromXlsx } from '../support/fake-from-xlsx';
import { smallWorkbook } from '../support/workbooks';
import { day } from '../support/snapshot';

const today = day('2026-06-30');
const port = (excel: FakeExcel) =>
  new OfficeWorkbook(excel.run as unknown as ExcelRun, { requirements: excel.requirements });

// Metrics is a table at B3:J5 (0-based rows 2..4, columns 1..9); its owned columns go into K:O.
function small(api: string): FakeExcel {
  const excel = fakeFromXlsx(smallWorkbook());
  excel.apiVersion = api;
  return excel;
}

async function attempt(excel: FakeExcel) {
  try {
    return { result: await refreshWorkbook(port(excel), { today }), error: null as unknown };
  } catch (e) {
    return { result: null, error: e };
  }
}

describe.each(['1.13', '1.12'])('ExcelApi %s', (api) => {
  test('an empty table (header above Metrics, empty body in its rows) right of Metrics: refused with no-room, nothing written into it', async () => {
    const excel = small(api);
    // Side: header in K1:L1, three empty data rows K2:L4 -> its body reaches Metrics' rows 3 and 4.
    excel.addTable(
      'Metrics',
      'Side',
      ['Owner', 'Note'],
      [
        [null, null],
        [null, null],
        [null, null],
      ],
      0,
      10,
    );
    const before = excel.dump();
    const { result, error } = await attempt(excel);
    // Expected: Metrics refused (no-room naming a cell of Side), other tables refreshed, Side untouched.
    expect(error).toBeNull();
    expect(result!.report.errors).toContainEqual(expect.objectContaining({ code: 'no-room', sheet: 'Metrics' }));
    expect(excel.tables.find((t) => t.name === 'Side')).toMatchObject({ top: 0, left: 10, columns: 2, dataRows: 3 });
    for (const [k, v] of Object.entries(before)) if (k.startsWith('Metrics!')) expect(excel.dump()[k]).toBe(v);
    expect(excel.cellValue('Metrics', 2, 10)).toBeNull(); // K3 is a cell of Side
  });
});

test('ExcelApi 1.13: a merged area that starts left of the table and reaches over it into the band (impossible in Excel) is refused', async () => {
  // control: merged area in band header row, entering from above
  const excel = small('1.13');
  excel.mergeCells('Metrics', 'K1:K3');
  const result = await refreshWorkbook(port(excel), { today });
  expect(result.report.errors).toContainEqual(
    expect.objectContaining({ code: 'no-room', sheet: 'Metrics', cell: 'K3' }),
  );
});

test('a table whose band runs past column XFD is refused before writing, not half-written', async () => {
  const excel = new FakeExcel();
  excel.apiVersion = '1.13';
  excel.addTable('Goals', 'Goals', ['ID', 'Name'], [['O1', 'Grow']], 0, 16_384 - 2);
  excel.addTable('KPIs', 'KPIs', ['ID', 'Name', 'Objective', 'Target', 'Actual'], [['K1', 'Bookings', 'O1', 100, 40]]);
  excel.addTable(
    'Initiatives',
    'Initiatives',
    ['ID', 'Name', 'Objective', 'Start', 'Due', '% Complete'],
    [['I1', 'Do it', 'K1', 46023, 46300, 0.5]],
  );
  const { result, error } = await attempt(excel);
  expect(error).toBeNull();
  expect(result!.report.errors).toContainEqual(expect.objectContaining({ code: 'no-room', sheet: 'Goals' }));
});

test('ExcelApi 1.13, empty table Side beside Metrics: Side never takes owned headers, and the next refresh goes through too', async () => {
  const excel = small('1.13');
  excel.addTable(
    'Metrics',
    'Side',
    ['Owner', 'Note'],
    [
      [null, null],
      [null, null],
      [null, null],
    ],
    0,
    10,
  );
  expect((await attempt(excel)).error).toBeNull();
  // Side's own data cells K3:L3 now hold Throughline's headers.
  const polluted = [excel.cellValue('Metrics', 2, 10), excel.cellValue('Metrics', 2, 11)];
  const second = await attempt(excel);
  expect({ polluted, second: second.error === null ? null : String(second.error) }).toEqual({
    polluted: [null, null],
    second: null,
  });
});
