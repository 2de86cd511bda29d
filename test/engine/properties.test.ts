// Properties over generated workbooks, clean and junk: the engine never throws, every error names a
// cell, the plan writes only owned columns, and a second refresh changes nothing.
import fc from 'fast-check';
import { refresh } from '../../src/engine';
import { OWNED_HEADER_SET } from '../../src/engine/recognise/names';
import type { WorkbookSnapshot } from '../../src/engine/types';
import { workbookArbitrary } from '../support/arbitraries';
import { applyPlan } from '../support/apply-plan';
import { day } from '../support/snapshot';
import { impactMap } from '../../src/engine/map/impact-map';
import type { CellValue } from '../../src/engine/types';

const today = day('2026-03-15');
const RUNS = Number(process.env.PROPERTY_RUNS ?? 300);

const withoutAppend = (snap: WorkbookSnapshot) => {
  const r = refresh(snap, { today });
  return {
    plan: r.plan && {
      ...r.plan,
      tables: r.plan.tables.map((t) => ({ ...t, columns: t.columns.map(({ append: _a, ...c }) => c) })),
    },
    report: r.report,
  };
};

describe.each([
  ['clean', 0],
  ['junk', 2],
])('%s workbooks', (_label, junk) => {
  const arb = workbookArbitrary({ junk });

  test('refresh never throws and every error carries a sheet and an A1 cell', () => {
    fc.assert(
      fc.property(arb, (snap) => {
        const { report } = refresh(snap, { today });
        for (const e of report.errors) {
          expect(e.sheet).not.toBe('');
          expect(e.cell).toMatch(/^[A-Z]{1,3}[1-9][0-9]*$/);
          expect(e.message.length).toBeGreaterThan(10);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('the plan writes only owned columns, beside the table or over their own earlier selves', () => {
    fc.assert(
      fc.property(arb, (snap) => {
        const { plan } = refresh(snap, { today });
        for (const write of plan?.tables ?? []) {
          const source = snap.tables.find((t) => t.name === write.tableName)!;
          const lastInput = source.firstColumn + source.headers.length - 1;
          for (const c of write.columns) {
            expect(OWNED_HEADER_SET.has(c.header)).toBe(true);
            if (c.append) expect(c.column).toBeGreaterThan(lastInput);
            else expect(source.headers[c.column - source.firstColumn]).toBe(c.header);
            expect(c.values).toHaveLength(source.rows.length);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('refreshing the refreshed workbook gives the same plan and report', () => {
    fc.assert(
      fc.property(arb, (snap) => {
        const first = refresh(snap, { today });
        fc.pre(first.plan !== null);
        const again = applyPlan(snap, first.plan!);
        const a = withoutAppend(snap);
        const b = withoutAppend(again);
        expect(b.plan).toEqual(a.plan);
        expect(b.report).toEqual(a.report);
        // And the third time appends nothing new.
        expect(
          refresh(again, { today })
            .plan!.tables.flatMap((t) => t.columns)
            .some((c) => c.append),
        ).toBe(false);
      }),
      { numRuns: RUNS },
    );
  });

  test('the report has every field, with null where it does not apply', () => {
    fc.assert(
      fc.property(arb, (snap) => {
        const { report } = refresh(snap, { today });
        for (const item of report.items) {
          for (const key of [
            'id',
            'kind',
            'name',
            'sheet',
            'row',
            'health',
            'ownHealth',
            'reportedStatus',
            'progress',
            'expected',
            'forecastFinish',
            'slipDays',
            'confidence',
            'flags',
            'drivers',
            'impact',
          ]) {
            expect(item).toHaveProperty(key);
            expect((item as unknown as Record<string, unknown>)[key]).not.toBeUndefined();
          }
          if (item.progress !== null) expect(item.progress).toBeGreaterThanOrEqual(0);
          if (item.progress !== null) expect(item.progress).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: RUNS },
    );
  });

  test('a what-if on any item never throws and never changes the refresh itself', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 1, max: 60 }), (snap, days) => {
        const base = refresh(snap, { today });
        const ids = base.report.items.filter((i) => i.kind !== 'objective').map((i) => i.id);
        fc.pre(ids.length > 0);
        const withDelay = refresh(snap, { today, delays: [{ id: ids[0], days }] });
        expect(withDelay.report.items).toEqual(base.report.items);
        expect(Number.isFinite(withDelay.report.whatIf[0].valueNewlyAtRisk)).toBe(true);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  test('a second refresh of the refreshed workbook finds nothing changed', () => {
    fc.assert(
      fc.property(arb, (snap) => {
        const first = refresh(snap, { today });
        fc.pre(first.plan !== null);
        expect(first.changes.changes).toEqual([]);
        const again = applyPlan(snap, first.plan!);
        expect(refresh(again, { today }).changes.changes).toEqual([]);
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });

  test('an impact map from any item never throws, draws its start, and joins only drawn nodes', () => {
    fc.assert(
      fc.property(arb, fc.integer({ min: 0, max: 30 }), (snap, cap) => {
        const r = refresh(snap, { today });
        const items = new Map(r.report.items.map((i) => [i.id, i]));
        for (const id of items.keys()) {
          const map = impactMap(items, r.links, id, { maxDownstream: cap })!;
          const keys = new Set(map.nodes.map((n) => n.key));
          expect(keys.has(id)).toBe(true);
          expect(keys.size).toBe(map.nodes.length);
          for (const e of map.edges) expect(keys.has(e.from) && keys.has(e.to)).toBe(true);
        }
      }),
      { numRuns: Math.ceil(RUNS / 3) },
    );
  });
});

test('a ledger of junk never stops a refresh', () => {
  const cell: fc.Arbitrary<CellValue> = fc.oneof(
    fc.constant(null),
    fc.string(),
    fc.double(),
    fc.boolean(),
    fc.constantFrom('Item', 'Red', 'K1', '2026-01-01'),
  );
  fc.assert(
    fc.property(
      workbookArbitrary({ junk: 0 }),
      fc.array(fc.array(cell, { maxLength: 18 }), { maxLength: 12 }),
      (snap, rows) => {
        const header = [
          'ID',
          'Date',
          'Value',
          'Status',
          'Recorded',
          null,
          'Item',
          'Health',
          'Progress',
          'Forecast',
          'Generation',
          'Seen',
        ];
        const r = refresh({ ...snap, ledger: [header, ...rows] }, { today });
        expect(Array.isArray(r.changes.changes)).toBe(true);
      },
    ),
    { numRuns: Math.ceil(RUNS / 3) },
  );
});
