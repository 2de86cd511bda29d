// A portfolio's members, one engine run: every member's tables go into one snapshot, their IDs
// qualified with the team key, references resolved across members, sheets named [file]Sheet, the
// ledgers joined. The engine then sees one workbook; split.ts takes its plan apart again.
import type { CellValue, RawSheet, RawTable, TableKind, ValidationError, WorkbookSnapshot } from '../engine';
import { locateTables, a1, type LocatedTable } from '../engine';
import { parseText } from '../engine';
import { joinLedgers } from '../engine';
import { DATE_FIELDS } from '../engine';
import { compositeSheet, keyShaped, qualify, splitQualified, type MemberInfo } from './identity';

/** What a member gave: its snapshot, or why it could not be read. */
export type MemberRead = { info: MemberInfo; snapshot: WorkbookSnapshot } | { info: MemberInfo; unavailable: string };

export interface MergeResult {
  snapshot: WorkbookSnapshot;
  members: MemberInfo[];
  /** Composite sheet name -> the member and its own sheet name. */
  sheetOf: Map<string, { key: string; sheet: string }>;
  /** "INI-1 in it.xlsx, Dependencies!A4, is PROC:INI-1: resolved across workbooks" and the like. */
  notes: string[];
  /** The member whose Settings table (and settings in the ledger) applies to the portfolio. */
  settingsFrom: string | null;
  unavailable: Map<string, string>;
}

type ItemKind = 'objective' | 'kpi' | 'initiative';

/** Fields holding an item's own ID, and fields referring to other items (with the kinds they may name). */
const ID_FIELDS: Partial<Record<TableKind, string>> = { objectives: 'id', kpis: 'id', initiatives: 'id' };
const REFERENCES: Partial<Record<TableKind, [string, ItemKind[]][]>> = {
  objectives: [['parent', ['objective']]],
  kpis: [['objective', ['objective']]],
  initiatives: [['supports', ['objective', 'kpi']]],
  dependencies: [
    ['upstream', ['kpi', 'initiative']],
    ['downstream', ['kpi', 'initiative']],
  ],
  history: [['id', ['kpi', 'initiative']]],
};
const KIND_OF_TABLE: Partial<Record<TableKind, ItemKind>> = {
  objectives: 'objective',
  kpis: 'kpi',
  initiatives: 'initiative',
};
const DAYS_1904 = 1462;

/** How the engine names a reference field and what it does when the reference matches nothing (as in engine/messages). */
const FIELD_TITLES: Record<string, string> = {
  parent: 'Parent',
  objective: 'Objective',
  supports: 'Objective',
  upstream: 'Upstream',
  downstream: 'Downstream',
  id: 'History ID',
};
const CONSEQUENCE: Partial<Record<TableKind, string>> = {
  dependencies: 'the dependency is ignored',
  history: 'the entry is ignored',
};
const KIND_WORDS = (kinds: ItemKind[]) => kinds.map((k) => (k === 'kpi' ? 'KPI' : k)).join(' or ') + ' ID';
const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** Names in a message: all of a few, else how many. */
function listOf(names: string[], noun: string): string {
  return names.length <= 5 ? names.join(', ') : `${names.length} ${noun}`;
}

/** TEAM:ID, one string per distinct ID: a member's history names each item many times, a million rows' worth. */
type Qualify = (key: string, id: string) => string;

function sharedNames(): Qualify {
  const byKey = new Map<string, Map<string, string>>();
  return (key, id) => {
    let ids = byKey.get(key);
    if (!ids) byKey.set(key, (ids = new Map()));
    let name = ids.get(id);
    if (name === undefined) ids.set(id, (name = qualify(key, id)));
    return name;
  };
}

interface Where {
  key: string;
  label: string;
  sheet: string;
  cell: string;
}

const text = (v: CellValue | undefined): string | null => {
  const t = parseText(v ?? null);
  return t.ok && t.value ? t.value : null;
};

/** Every ID of every readable member, by kind, then by ID, then by member, with where it is. */
function indexIds(
  located: Map<string, LocatedTable[]>,
  infos: Map<string, MemberInfo>,
): Map<ItemKind, Map<string, Map<string, Where>>> {
  const index = new Map<ItemKind, Map<string, Map<string, Where>>>([
    ['objective', new Map()],
    ['kpi', new Map()],
    ['initiative', new Map()],
  ]);
  for (const [key, tables] of located) {
    for (const t of tables) {
      const kind = KIND_OF_TABLE[t.kind];
      const column = t.match.fields.get('id');
      if (!kind || column === undefined) continue;
      t.rows.forEach((row, i) => {
        const id = text(row[column]);
        if (!id) return;
        const byKind = index.get(kind)!;
        let byMember = byKind.get(id);
        if (!byMember) byKind.set(id, (byMember = new Map()));
        if (!byMember.has(key))
          byMember.set(key, {
            key,
            label: infos.get(key)!.label,
            sheet: t.sheet,
            cell: a1(t.headerRow + 1 + i, t.firstColumn + column),
          });
      });
    }
  }
  return index;
}

/** What resolving a member's references needs to know of the whole portfolio, and where it reports. */
interface ResolveContext {
  info: MemberInfo;
  keys: ReadonlySet<string>;
  index: ReturnType<typeof indexIds>;
  unavailable: ReadonlyMap<string, string>;
  readLabels: string;
  unreadLabels: string;
  hostErrors: ValidationError[];
  notes: string[];
  resolvedOnce: Set<string>;
  name: Qualify;
}

type Resolve = (
  raw: CellValue,
  kinds: ItemKind[],
  sheet: string,
  cell: string,
  title: string,
  consequence: string,
) => CellValue;

/** A reference as the portfolio reads it: qualified, resolved in the member first, then across members. */
function referenceResolver(c: ResolveContext): Resolve {
  const { info, keys, index, unavailable, hostErrors, name } = c;
  const own = info.key;
  const composite = (sheet: string) => compositeSheet(info.label, sheet);
  return (raw, kinds, sheet, cell, title, consequence) => {
    const value = text(raw);
    if (value === null) return raw;
    const qualified = splitQualified(value, keys);
    if (qualified) return name(qualified.key, qualified.id);
    if (kinds.some((k) => index.get(k)!.get(value)?.has(own))) return name(own, value);
    const elsewhere = [
      ...new Map(
        kinds
          .flatMap((k) => [...(index.get(k)!.get(value)?.values() ?? [])])
          .filter((w) => w.key !== own)
          .map((w) => [w.key, w]),
      ).values(),
    ];
    if (elsewhere.length === 1) {
      const [w] = elsewhere;
      const note =
        `${value} in ${info.label}, ${sheet}!${cell}, is ${qualify(w.key, value)} in ${w.label}: ` +
        'resolved across workbooks';
      if (!c.resolvedOnce.has(`${own}\u0000${value}`)) c.notes.push(note);
      c.resolvedOnce.add(`${own}\u0000${value}`);
      return name(w.key, value);
    }
    if (elsewhere.length > 1) {
      const where = elsewhere.map((w) => `${qualify(w.key, value)} in ${w.label}, ${w.sheet}!${w.cell}`).join('; ');
      hostErrors.push({
        sheet: composite(sheet),
        cell,
        code: 'ambiguous-reference',
        message:
          `"${value}" is not in ${info.label} and is in more than one other workbook (${where}); ` +
          `write the one meant as TEAM:ID. ${capitalise(consequence)}.`,
      });
      return name(own, value);
    }
    const shaped = keyShaped(value);
    if (shaped !== null) {
      hostErrors.push({
        sheet: composite(sheet),
        cell,
        code: 'dangling-reference',
        message:
          `${title} "${value}" names the team key ${shaped}, but no workbook in the portfolio has that key ` +
          `(the keys are ${[...keys].sort().join(', ')}); ${consequence}.`,
      });
      return name(own, value);
    }
    // Nowhere readable while some member could not be read: it may be there, but no one can say which
    // member, so it is a dangling reference (the engine skips as it always does) that says so.
    if (unavailable.size > 0) {
      hostErrors.push({
        sheet: composite(sheet),
        cell,
        code: 'dangling-reference',
        message:
          `${title} "${value}" matches no ${KIND_WORDS(kinds)} in the workbooks read (${c.readLabels}); ` +
          `${c.unreadLabels} could not be read, and it may be there. ${capitalise(consequence)}.`,
      });
    }
    return name(own, value);
  };
}

/** Qualifies a table's IDs and references with the member's key, and moves 1904 dates to the 1900 system. */
function rewriteRows(
  t: LocatedTable,
  own: string,
  date1904: boolean,
  resolve: Resolve,
  name: Qualify,
  set: (rowIndex: number, column: number, value: CellValue) => void,
  get: (rowIndex: number, column: number) => CellValue,
): void {
  const idField = ID_FIELDS[t.kind];
  const idColumn = idField === undefined ? undefined : t.match.fields.get(idField);
  t.rows.forEach((_row, i) => {
    const sheetRow = t.headerRow + 1 + i;
    if (idColumn !== undefined) {
      const id = text(get(i, idColumn));
      if (id) set(i, idColumn, name(own, id));
    }
    for (const [field, kinds] of REFERENCES[t.kind] ?? []) {
      const column = t.match.fields.get(field);
      if (column === undefined) continue;
      const title = FIELD_TITLES[field] ?? field;
      const cell = a1(sheetRow, t.firstColumn + column);
      set(i, column, resolve(get(i, column), kinds, t.sheet, cell, title, CONSEQUENCE[t.kind] ?? 'the row is skipped'));
    }
    if (date1904) {
      // Date serials move by 1,462 days between the 1904 and the 1900 date systems.
      for (const field of DATE_FIELDS[t.kind] ?? []) {
        const column = t.match.fields.get(field);
        const v = column === undefined ? null : get(i, column);
        if (column !== undefined && typeof v === 'number') set(i, column, v + DAYS_1904);
      }
    }
  });
}

/** Merges the members' snapshots, rewriting their rows in place: pass snapshots nothing else still needs. */
export function mergeMembers(reads: MemberRead[], hub: string | null = null): MergeResult {
  const infos = new Map(reads.map((r) => [r.info.key, r.info]));
  const keys = new Set(infos.keys());
  const unavailable = new Map(reads.flatMap((r) => ('unavailable' in r ? [[r.info.key, r.unavailable] as const] : [])));
  const readable = reads.filter((r): r is { info: MemberInfo; snapshot: WorkbookSnapshot } => 'snapshot' in r);
  const located = new Map(readable.map((r) => [r.info.key, locateTables(r.snapshot)]));
  const index = indexIds(located, infos);
  const settingsFrom =
    (hub && located.get(hub)?.some((t) => t.kind === 'settings') ? hub : null) ??
    readable.find((r) => located.get(r.info.key)!.some((t) => t.kind === 'settings'))?.info.key ??
    null;

  const readLabels = listOf(
    readable.map((r) => r.info.label),
    'workbooks',
  );
  const unreadLabels = listOf(
    [...unavailable.keys()].map((k) => infos.get(k)!.label),
    'workbooks',
  );

  const tables: RawTable[] = [];
  const sheets: RawSheet[] = [];
  const sheetNames: string[] = [];
  const protectedSheets: string[] = [];
  const sheetOf = new Map<string, { key: string; sheet: string }>();
  const hostErrors: ValidationError[] = [];
  const notes: string[] = [];
  const resolvedOnce = new Set<string>();
  const name = sharedNames();

  for (const { info, snapshot } of readable) {
    const own = info.key;
    const composite = (sheet: string) => compositeSheet(info.label, sheet);
    for (const name of snapshot.sheetNames) {
      sheetNames.push(composite(name));
      sheetOf.set(composite(name), { key: own, sheet: name });
    }
    for (const name of snapshot.protectedSheets ?? []) protectedSheets.push(composite(name));

    const resolve = referenceResolver({
      info,
      keys,
      index,
      unavailable,
      readLabels,
      unreadLabels,
      hostErrors,
      notes,
      resolvedOnce,
      name,
    });
    const rewrite = (
      t: LocatedTable,
      set: (rowIndex: number, column: number, value: CellValue) => void,
      get: (rowIndex: number, column: number) => CellValue,
    ) => rewriteRows(t, own, snapshot.date1904, resolve, name, set, get);

    const memberLocated = located.get(own)!;
    for (const raw of snapshot.tables) {
      const t = memberLocated.find((l) => l.tableName === raw.name && l.sheet === raw.sheet);
      if (t?.kind === 'settings' && own !== settingsFrom) continue;
      // Rewritten in place: the members' snapshots are the merge's to change (a portfolio can hold a million rows).
      const rows = raw.rows;
      if (t)
        rewrite(
          t,
          (i, c, v) => (rows[i][c] = v),
          (i, c) => rows[i][c],
        );
      tables.push({ ...raw, sheet: composite(raw.sheet), rows, occupiedRight: raw.occupiedRight });
    }
    for (const grid of snapshot.sheets) {
      const t = memberLocated.find((l) => l.tableName === null && l.sheet === grid.sheet);
      if (t?.kind === 'settings' && own !== settingsFrom) continue;
      const values = grid.values;
      if (t) {
        const top = t.headerRow - grid.originRow + 1;
        const left = t.firstColumn - grid.originColumn;
        const cell = (i: number, c: number) => ((values[top + i] ??= [])[left + c] ?? null) as CellValue;
        rewrite(t, (i, c, v) => ((values[top + i] ??= [])[left + c] = v), cell);
      }
      sheets.push({ ...grid, sheet: composite(grid.sheet), values });
    }
  }

  const ledger = mergeLedgers(readable, settingsFrom, name);
  const snapshot: WorkbookSnapshot = {
    date1904: false,
    sheetNames,
    tables,
    sheets,
    protectedSheets,
    ledger,
    hostErrors,
    unavailable: Object.fromEntries(
      [...unavailable].map(([key, reason]) => [qualify(key, ''), `${infos.get(key)!.label}: ${reason}`]),
    ),
  };
  return { snapshot, members: reads.map((r) => r.info), sheetOf, notes, settingsFrom, unavailable };
}

/**
 * One ledger for the portfolio (the engine joins them, whatever layout each member's was written in):
 * each member's check-ins and item marks with their IDs qualified; the settings of the member whose
 * settings apply. The owned-sheets block is per member and is left out (split.ts writes each member's own).
 */
function mergeLedgers(
  readable: { info: MemberInfo; snapshot: WorkbookSnapshot }[],
  settingsFrom: string | null,
  name: Qualify,
): CellValue[][] | null {
  return joinLedgers(
    readable.map(({ info, snapshot }) => ({
      grid: snapshot.ledger,
      date1904: snapshot.date1904,
      qualify: (id: string) => name(info.key, id),
      settings: info.key === settingsFrom,
    })),
  );
}
