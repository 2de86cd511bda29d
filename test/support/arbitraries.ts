// fast-check generators of workbooks, valid and junk, as an adapter would hand them to the engine.
import fc from 'fast-check';
import type { CellValue, RawTable, WorkbookSnapshot } from '../../src/engine/types';
import { table, snapshot, OBJECTIVE_HEADERS, KPI_HEADERS, INITIATIVE_HEADERS } from './snapshot';

const junk: fc.Arbitrary<CellValue> = fc.oneof(
  fc.constant(null),
  fc.constantFrom(
    'n/a',
    'TBD',
    '#N/A',
    '=SUM(A1)',
    '-',
    '2026-02-30',
    '13/13/2026',
    'Purple',
    '',
    '   ',
    '1e309',
    'x'.repeat(300),
  ),
  fc.constantFrom({ error: '#N/A' }, { error: '#REF!' }, { error: '#DIV/0!' }),
  fc.boolean(),
  fc.double({ noNaN: false }),
  fc.string({ maxLength: 12 }),
);

const isoDate = fc
  .integer({ min: 0, max: 730 })
  .map((d) => new Date(Date.UTC(2025, 6, 1) + d * 86_400_000).toISOString().slice(0, 10));
const dateCell: fc.Arbitrary<CellValue> = fc.oneof(
  isoDate,
  isoDate.map((s) => new Date(`${s}T00:00:00Z`)),
  fc.integer({ min: 45800, max: 46500 }),
  fc.constant(null),
);
const numberCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.integer({ min: -50, max: 500 }),
  fc.double({ min: 0, max: 2, noNaN: true }),
  fc.constant(null),
);
const pctCell: fc.Arbitrary<CellValue> = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.integer({ min: 0, max: 100 }),
  fc.constantFrom('45%', '100%', '0.9'),
  fc.constant(null),
);
const statusCell: fc.Arbitrary<CellValue> = fc.constantFrom('Green', 'Amber', 'Red', 'On track', 'At risk', 'G', null);

/** A cell that is usually well-formed and sometimes junk. */
const maybe = (good: fc.Arbitrary<CellValue>, junkWeight: number) =>
  fc.oneof({ arbitrary: good, weight: 10 }, { arbitrary: junk, weight: junkWeight });

export interface GenOptions {
  /** Relative weight of junk cells against 10 good ones: 0 for clean workbooks. */
  junk: number;
}

export function workbookArbitrary({ junk: j }: GenOptions = { junk: 1 }): fc.Arbitrary<WorkbookSnapshot> {
  return fc
    .record({
      nObj: fc.integer({ min: 1, max: 6 }),
      nKpi: fc.integer({ min: 0, max: 8 }),
      nIni: fc.integer({ min: 1, max: 8 }),
    })
    .chain(({ nObj, nKpi, nIni }) => {
      const objIds = Array.from({ length: nObj }, (_, i) => `O${i + 1}`);
      const kpiIds = Array.from({ length: nKpi }, (_, i) => `K${i + 1}`);
      const iniIds = Array.from({ length: nIni }, (_, i) => `I${i + 1}`);
      const ref = (ids: string[]) => maybe(ids.length ? fc.constantFrom(...ids) : fc.constant(null), j);
      const work = [...kpiIds, ...iniIds];
      const objRow = (id: string, i: number) =>
        fc.tuple(
          maybe(fc.constant(id), j),
          maybe(fc.constant(`Objective ${id}`), j),
          i === 0
            ? fc.constant(null)
            : fc.oneof(ref(objIds.slice(0, i)), fc.constant(null), { arbitrary: ref(objIds), weight: 1 }),
          fc.constantFrom('Ana', 'Raj', null),
          maybe(fc.integer({ min: 0, max: 5 }), j),
          maybe(fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 9_000_000 })), j),
          fc.constantFrom('EMEA', 'APAC', null),
        );
      const kpiRow = (id: string) =>
        fc.tuple(
          maybe(fc.constant(id), j),
          fc.constant(`KPI ${id}`),
          ref(objIds),
          maybe(fc.constantFrom('Increase', 'Decrease', 'lower is better', null), j),
          maybe(numberCell, j),
          maybe(fc.integer({ min: 1, max: 500 }), j),
          maybe(numberCell, j),
          maybe(dateCell, j),
          maybe(dateCell, j),
          maybe(fc.integer({ min: 0, max: 3 }), j),
          maybe(dateCell, j),
          maybe(statusCell, j),
          maybe(fc.constantFrom('weekly', 'monthly', 'quarterly', 10, null), j),
        );
      const iniRow = (id: string) =>
        fc.tuple(
          maybe(fc.constant(id), j),
          fc.constant(`Initiative ${id}`),
          ref([...objIds, ...kpiIds]),
          maybe(dateCell, j),
          maybe(isoDate, j),
          maybe(dateCell, j),
          maybe(pctCell, j),
          maybe(statusCell, j),
          maybe(dateCell, j),
          maybe(fc.integer({ min: 0, max: 3 }), j),
        );
      const depRow = fc.tuple(ref(work), ref(work), maybe(fc.integer({ min: 0, max: 10 }), j));
      const histRow = fc.tuple(ref(work), maybe(isoDate, j), maybe(pctCell, j), maybe(statusCell, j));
      return fc
        .tuple(
          fc.tuple(...objIds.map(objRow)),
          fc.tuple(...kpiIds.map(kpiRow)),
          fc.tuple(...iniIds.map(iniRow)),
          fc.array(depRow, { maxLength: 8 }),
          fc.array(histRow, { maxLength: 12 }),
          fc.boolean(),
        )
        .map(([objectives, kpis, initiatives, deps, history, kpiTable]) => {
          const tables: RawTable[] = [
            table({ name: 'Objectives', headers: OBJECTIVE_HEADERS, rows: objectives as CellValue[][] }),
            table({ name: 'Initiatives', headers: INITIATIVE_HEADERS, rows: initiatives as CellValue[][] }),
            table({ name: 'Dependencies', headers: ['Upstream', 'Downstream', 'Lag'], rows: deps as CellValue[][] }),
            table({ name: 'History', headers: ['ID', 'Date', 'Value', 'Status'], rows: history as CellValue[][] }),
          ];
          if (kpiTable || kpis.length > 0)
            tables.push(table({ name: 'KPIs', headers: KPI_HEADERS, rows: kpis as CellValue[][] }));
          return snapshot(tables);
        });
    });
}
