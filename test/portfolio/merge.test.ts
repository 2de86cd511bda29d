// The portfolio's identity rules and the split of the plan, on small hand-made members.
import { refresh } from '../../src/engine';
import type { CellValue, WorkbookSnapshot } from '../../src/engine/types';
import { mergeMembers, type MemberRead } from '../../src/portfolio/merge';
import { splitPlan } from '../../src/portfolio/split';
import { keyFromFileName, splitQualified } from '../../src/portfolio/identity';
import { INITIATIVE_HEADERS, KPI_HEADERS, OBJECTIVE_HEADERS, day, snapshot, table } from '../support/snapshot';

const today = day('2026-06-30');
const objectives = (rows: CellValue[][]) => table({ name: 'Objectives', headers: OBJECTIVE_HEADERS, rows });
const kpis = (rows: CellValue[][]) => table({ name: 'KPIs', headers: KPI_HEADERS, rows });
const initiatives = (rows: CellValue[][]) => table({ name: 'Initiatives', headers: INITIATIVE_HEADERS, rows });
const dependencies = (rows: CellValue[][]) =>
  table({ name: 'Dependencies', headers: ['Upstream', 'Downstream', 'Lag'], rows });
const member = (key: string, snap: WorkbookSnapshot): MemberRead => ({
  info: { key, label: `${key.toLowerCase()}.xlsx` },
  snapshot: snap,
});
const K = (id: string, objective: string): CellValue[] => [
  id,
  `KPI ${id}`,
  objective,
  'Increase',
  0,
  100,
  50,
  '2026-01-01',
  '2026-12-31',
  1,
  '2026-06-20',
  'Green',
  'monthly',
];
const I = (id: string, supports: string, due = '2026-05-31', complete = 0.5): CellValue[] => [
  id,
  `Initiative ${id}`,
  supports,
  '2026-01-01',
  due,
  null,
  complete,
  'Green',
  '2026-06-20',
  1,
];

describe('identity across workbooks', () => {
  // A new snapshot each time: merging rewrites the members' rows in place.
  const hub = () =>
    member('HUB', snapshot([objectives([['OBJ-1', 'Grow', null, 'CEO', 1, 1_000_000, 'Subscriptions']])]));

  test('a plain ID in the member itself stays its own; one found in exactly one other member resolves to it, noted once', () => {
    const it = member(
      'IT',
      snapshot([initiatives([I('INI-1', 'OBJ-1'), I('INI-2', 'OBJ-1')]), dependencies([['INI-1', 'INI-2', 0]])]),
    );
    const merged = mergeMembers([hub(), it]);
    const t = merged.snapshot.tables.find((x) => x.sheet === '[it.xlsx]Initiatives')!;
    expect(t.rows.map((r) => [r[0], r[2]])).toEqual([
      ['IT:INI-1', 'HUB:OBJ-1'],
      ['IT:INI-2', 'HUB:OBJ-1'],
    ]);
    expect(merged.snapshot.tables.find((x) => x.sheet === '[it.xlsx]Dependencies')!.rows[0].slice(0, 2)).toEqual([
      'IT:INI-1',
      'IT:INI-2',
    ]);
    expect(merged.notes).toEqual([
      'OBJ-1 in it.xlsx, Initiatives!C2, is HUB:OBJ-1 in hub.xlsx: resolved across workbooks',
    ]);
  });

  test('teams may number alike: INI-1 in two workbooks are two items, each found from its own team first', () => {
    const a = member('A', snapshot([initiatives([I('INI-1', 'OBJ-1')]), dependencies([['INI-1', 'B:INI-1', 3]])]));
    const b = member('B', snapshot([initiatives([I('INI-1', 'OBJ-1', '2026-12-31', 0.2)])]));
    const result = refresh(mergeMembers([hub(), a, b]).snapshot, { today });
    expect(result.report.items.filter((i) => i.kind === 'initiative').map((i) => i.id)).toEqual(['A:INI-1', 'B:INI-1']);
    expect(result.report.errors).toEqual([]);
    // A:INI-1 is late: it pushes B's INI-1.
    expect(result.report.items.find((i) => i.id === 'B:INI-1')!.drivers.join(' ')).toMatch(
      /pushed \d+ days by A:INI-1/,
    );
  });

  test('a plain ID two other workbooks have is ambiguous: one error naming every candidate with workbook, sheet and cell', () => {
    const a = member('A', snapshot([initiatives([I('INI-7', 'OBJ-1')])]));
    const b = member('B', snapshot([initiatives([I('INI-7', 'OBJ-1')])]));
    const c = member('C', snapshot([initiatives([I('INI-9', 'OBJ-1')]), dependencies([['INI-7', 'INI-9', 0]])]));
    const result = refresh(mergeMembers([hub(), a, b, c]).snapshot, { today });
    const errors = result.report.errors.filter((e) => e.sheet === '[c.xlsx]Dependencies');
    expect(errors).toEqual([
      {
        sheet: '[c.xlsx]Dependencies',
        cell: 'A2',
        code: 'ambiguous-reference',
        message:
          '"INI-7" is not in c.xlsx and is in more than one other workbook (A:INI-7 in a.xlsx, Initiatives!A2; B:INI-7 in b.xlsx, Initiatives!A2); write the one meant as TEAM:ID. The dependency is ignored.',
      },
    ]);
  });

  test('an ID no workbook has is a dangling reference at its own workbook, sheet and cell', () => {
    const it = member('IT', snapshot([kpis([K('KPI-1', 'OBJ-9')])]));
    const result = refresh(mergeMembers([hub(), it]).snapshot, { today });
    expect(result.report.errors).toEqual([
      expect.objectContaining({ sheet: '[it.xlsx]KPIs', cell: 'C2', code: 'dangling-reference' }),
    ]);
  });

  test('team keys come from file names, unique, and qualify only when they name a member', () => {
    const taken = new Set(['EMEA']);
    expect(keyFromFileName('/x/emea.xlsx', taken)).toBe('EMEA2');
    expect(keyFromFileName('Sales Plan 2026.xlsm', taken)).toBe('SALES-PLAN-2026');
    expect(splitQualified('PROC:INI-1', new Set(['PROC']))).toEqual({ key: 'PROC', id: 'INI-1' });
    expect(splitQualified('OKR:1', new Set(['PROC']))).toBeNull();
  });

  test('a 1904 member: date serials move to the merged 1900 system', () => {
    const mac = member('MAC', {
      ...snapshot([initiatives([[...I('INI-1', 'OBJ-1')].map((v, i) => (i === 4 ? 44_680 : v))])]),
      date1904: true,
    });
    const merged = mergeMembers([hub(), mac]);
    // 44,680 in the 1904 system is 2026-04-30; the merged snapshot holds it as 46,142 (1900).
    expect(merged.snapshot.tables.find((t) => t.sheet === '[mac.xlsx]Initiatives')!.rows[0][4]).toBe(44_680 + 1_462);
  });
});

describe('a member that could not be read', () => {
  test('references to it are reported without skipping the referring rows, which say what is unknown', () => {
    const hubRead: MemberRead = {
      info: { key: 'HUB', label: 'hub.xlsx' },
      unavailable: 'the file is locked by another program',
    };
    const it = member(
      'IT',
      snapshot([
        objectives([['OBJ-9', 'Local', null, null, 1, null, null]]),
        kpis([K('KPI-1', 'HUB:OBJ-1')]),
        initiatives([I('INI-1', 'HUB:OBJ-7')]),
      ]),
    );
    const result = refresh(mergeMembers([hubRead, it]).snapshot, { today });
    expect(result.report.errors.map((e) => [e.sheet, e.cell, e.code])).toEqual([
      ['[it.xlsx]KPIs', 'C2', 'source-unavailable'],
      ['[it.xlsx]Initiatives', 'C2', 'source-unavailable'],
    ]);
    const kpi = result.report.items.find((i) => i.id === 'IT:KPI-1')!;
    expect(kpi.health).not.toBe('Grey');
    expect(kpi.drivers.join(' ')).toContain(
      'it serves HUB:OBJ-1, whose workbook could not be read (hub.xlsx: the file is locked by another program)',
    );
    expect(result.report.items.map((i) => i.id)).toContain('IT:INI-1');
  });

  // Members HUB (readable), MISS (could not be read) and IT, whose Dependencies refer in every way there is.
  function withMissing(links: CellValue[][]) {
    const hubRead = member('HUB', snapshot([objectives([['OBJ-1', 'Grow', null, null, 1, null, null]])]));
    const missing: MemberRead = { info: { key: 'MISS', label: 'missing.xlsx' }, unavailable: 'no such file' };
    const it = member(
      'IT',
      snapshot([initiatives([I('INI-1', 'OBJ-1'), I('INI-9', 'OBJ-1', '2026-12-31')]), dependencies(links)]),
    );
    return refresh(mergeMembers([hubRead, missing, it]).snapshot, { today });
  }

  test('a plain ID in no workbook read is a dangling reference that names the workbooks read and those that could not be', () => {
    const result = withMissing([['INI-404', 'INI-9', 0]]);
    expect(result.report.errors).toEqual([
      {
        sheet: '[it.xlsx]Dependencies',
        cell: 'A2',
        code: 'dangling-reference',
        message:
          'Upstream "INI-404" matches no KPI or initiative ID in the workbooks read (hub.xlsx, it.xlsx); missing.xlsx could not be read, and it may be there. The dependency is ignored.',
      },
    ]);
    expect(JSON.stringify(result.report)).not.toContain('MISS:INI-404');
  });

  test('a plain objective ID in no workbook read: the KPI row is skipped, as a dangling reference in one workbook is', () => {
    const hubRead = member('HUB', snapshot([objectives([['OBJ-1', 'Grow', null, null, 1, null, null]])]));
    const missing: MemberRead = { info: { key: 'MISS', label: 'missing.xlsx' }, unavailable: 'no such file' };
    const it = member('IT', snapshot([kpis([K('KPI-1', 'OBJ-404')])]));
    const result = refresh(mergeMembers([hubRead, missing, it]).snapshot, { today });
    expect(result.report.errors).toEqual([
      expect.objectContaining({
        sheet: '[it.xlsx]KPIs',
        cell: 'C2',
        code: 'dangling-reference',
        message: expect.stringContaining('Objective "OBJ-404" matches no objective ID in the workbooks read'),
      }),
    ]);
    expect(result.report.items.map((i) => i.id)).not.toContain('IT:KPI-1');
  });

  test('a qualified reference to the member that could not be read stays source-unavailable', () => {
    const result = withMissing([['MISS:INI-3', 'INI-9', 0]]);
    expect(result.report.errors.map((e) => [e.cell, e.code, e.message])).toEqual([
      [
        'A2',
        'source-unavailable',
        expect.stringContaining('"MISS:INI-3" is in a workbook that could not be read (missing.xlsx: no such file)'),
      ],
    ]);
  });

  test('a team key is matched whatever its case: alpha:INI-1 is ALPHA:INI-1', () => {
    const result = withMissing([
      ['it:INI-1', 'INI-9', 0],
      ['miss:INI-3', 'INI-9', 0],
    ]);
    expect(result.report.errors.map((e) => [e.cell, e.code])).toEqual([['A3', 'source-unavailable']]);
    expect(result.report.items.find((i) => i.id === 'IT:INI-9')!.drivers.join(' ')).toContain(
      'inherits Amber risk from IT:INI-1 (Red)',
    );
    expect(splitQualified('proc:INI-1', new Set(['PROC']))).toEqual({ key: 'PROC', id: 'INI-1' });
  });

  test('a qualified reference to a key no member has names the cell and lists the keys', () => {
    const result = withMissing([['NOPE:INI-3', 'INI-9', 0]]);
    expect(result.report.errors).toEqual([
      {
        sheet: '[it.xlsx]Dependencies',
        cell: 'A2',
        code: 'dangling-reference',
        message:
          'Upstream "NOPE:INI-3" names the team key NOPE, but no workbook in the portfolio has that key (the keys are HUB, IT, MISS); the dependency is ignored.',
      },
    ]);
  });
});

describe('references without a member that could not be read', () => {
  test('a key no member has is reported whether or not every member was read; an ID like OKR:1 that a member has stays an ID', () => {
    const hubRead = member(
      'HUB',
      snapshot([
        objectives([
          ['OBJ-1', 'Grow', null, null, 1, null, null],
          ['OKR:1', 'Key result', 'OBJ-1', null, 1, null, null],
        ]),
      ]),
    );
    const it = member(
      'IT',
      snapshot([initiatives([I('INI-1', 'OKR:1'), I('INI-2', 'OBJ-1')]), dependencies([['nope:INI-1', 'INI-2', 0]])]),
    );
    const result = refresh(mergeMembers([hubRead, it]).snapshot, { today });
    expect(result.report.errors.map((e) => [e.sheet, e.cell, e.code, e.message])).toEqual([
      [
        '[it.xlsx]Dependencies',
        'A2',
        'dangling-reference',
        expect.stringContaining(
          'names the team key NOPE, but no workbook in the portfolio has that key (the keys are HUB, IT)',
        ),
      ],
    ]);
    expect(result.report.items.map((i) => i.id)).toEqual(expect.arrayContaining(['HUB:OKR:1', 'IT:INI-1']));
  });
});

describe('the plan taken apart per member', () => {
  test('owned columns, Risks rows and ledger rows go to their own workbook, IDs and sheets as that workbook knows them', () => {
    const hub = member('HUB', snapshot([objectives([['OBJ-1', 'Grow', null, 'CEO', 1, 1_000_000, 'Subscriptions']])]));
    const proc = member('PROC', snapshot([initiatives([I('INI-1', 'OBJ-1', '2026-05-15', 0.8)])]));
    const it = member(
      'IT',
      snapshot([initiatives([I('INI-3', 'OBJ-1', '2026-07-31', 0.7)]), dependencies([['PROC:INI-1', 'INI-3', 5]])]),
    );
    const merged = mergeMembers([hub, proc, it]);
    const result = refresh(merged.snapshot, { today });
    const snapshots = new Map<string, WorkbookSnapshot>(
      [hub, proc, it].map((m) => [m.info.key, (m as { snapshot: WorkbookSnapshot }).snapshot]),
    );
    const { plans, locked } = splitPlan(result.plan!, merged, snapshots);
    expect(locked).toEqual([]);
    const of = (key: string) => plans.find((p) => p.key === key)!.plan;
    // IT's Dependencies sheet gets the link columns too (issue 20); a link at risk would get its own Risks row.
    expect(of('IT').tables.map((t) => t.sheet)).toEqual(['Initiatives', 'Dependencies']);
    expect(of('HUB').tables.map((t) => t.sheet)).toEqual(['Objectives']);
    const itRisks = of('IT').risks;
    expect(itRisks.rows.every((r) => r[1] === 'INI-3' || r[1] === 'PROC:INI-1 → INI-3')).toBe(true);
    expect(itRisks.links.map((l) => l!.target.sheet)).toEqual(
      itRisks.rows.map((r) => (r[1] === 'INI-3' ? 'Initiatives' : 'Dependencies')),
    );
    expect(itRisks.rows.map((r) => r[6]).join(' ')).toContain('PROC:INI-1');
    const marks = of('PROC').ledger.blocks.find((b) => b.headers[0] === 'Item')!;
    expect(marks.rows.map((r) => r[0])).toEqual(['INI-1']);
    expect(of('PROC').ledger.blocks.find((b) => b.headers[0] === 'Owned sheet')!.rows).toEqual([
      ['Risks'],
      ['Throughline Ledger'],
    ]);
  });

  test('a protected sheet a member would be written to stops every member', () => {
    const hub = member('HUB', {
      ...snapshot([objectives([['OBJ-1', 'Grow', null, null, 1, null, null]])]),
      protectedSheets: ['Risks'],
      sheetNames: ['Objectives', 'Risks'],
    });
    const it = member('IT', snapshot([initiatives([I('INI-3', 'OBJ-1')])]));
    const merged = mergeMembers([hub, it]);
    const result = refresh(merged.snapshot, { today });
    const snapshots = new Map<string, WorkbookSnapshot>(
      [hub, it].map((m) => [m.info.key, (m as { snapshot: WorkbookSnapshot }).snapshot]),
    );
    const hubSnapshot = snapshots.get('HUB')!;
    // The hub's Risks sheet is a user's (no ledger), so its Risks sheet is Throughline Risks: only a protected one stops it.
    expect(splitPlan(result.plan!, merged, snapshots).locked).toEqual([]);
    snapshots.set('HUB', { ...hubSnapshot, protectedSheets: ['Objectives'] });
    expect(splitPlan(result.plan!, merged, snapshots).locked).toEqual([
      expect.objectContaining({ code: 'protected-sheet', sheet: '[hub.xlsx]Objectives' }),
    ]);
  });
});
