// Owned columns for each item table: where they go, what they hold, how they are coloured.
import type {
  CellStyle,
  ColumnWrite,
  Flag,
  Impact,
  OccupiedCell,
  OutValue,
  Severity,
  TableWrite,
  ValidationError,
} from '../types';
import type { ItemState } from '../compute/state';
import { impactOfItem, type ImpactIndex, type ImpactOutline } from '../compute/impact';
import type { LocatedTable } from '../recognise/locate';
import { a1 } from '../recognise/locate';
import { OWNED_COLUMNS_BY_KIND, OWNED_HEADERS, type OwnedColumn } from '../recognise/names';
import { HEALTH_STYLE, SEVERITY_STYLE } from '../palette';
import { messages } from '../messages';
import { grouped } from '../format';
import { day, linkCellStyle, linkCellValue, type LinkRow } from './link-columns';
import { fitOwned } from './cells';

/** Excel's last column, XFD. */
const LAST_SHEET_COLUMN = 16_384;

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { info: 0, warn: 1, high: 2 };

export function worstSeverity(flags: readonly { severity: Severity }[]): Severity | null {
  let result: Severity | null = null;
  for (const f of flags) if (result === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[result]) result = f.severity;
  return result;
}

export function formatMoney(value: number): string {
  return grouped(value, 0);
}

/** A cell is a summary: long lists are cut, and the report and the Risks sheet carry the rest. */
function shortList(items: readonly string[], max: number): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} +${items.length - max} more`;
}

/**
 * Items and links that reach the same objectives share one Impact object (see impact.ts): one text each,
 * kept on it under a symbol (not enumerable, so JSON, structured clone and test equality never see it).
 * A property read is a few instructions; the WeakMap it replaces was a hash look-up per cell.
 */
const IMPACT_TEXT = Symbol('Impact (auto) text');
type WithText = Impact & { [IMPACT_TEXT]?: string };

/** The Impact (auto) text of an item: the first objectives it reaches, without listing them all. */
export function impactText(index: ImpactIndex, id: string, known?: Impact): string {
  const impact: WithText = known ?? index.impactOf(id);
  let text = impact[IMPACT_TEXT];
  if (text === undefined) {
    text = composeImpactText(impact, index.outline(impact, 6));
    Object.defineProperty(impact, IMPACT_TEXT, { value: text });
  }
  return text;
}

/** A cell is a summary: long lists are cut, and the report and the Risks sheet carry the rest. */
function cutList(first: string[], count: number, max: number): string {
  return count <= max ? first.join(', ') : `${first.slice(0, max).join(', ')} +${count - max} more`;
}

function composeImpactText(impact: Impact, reach: ImpactOutline): string {
  if (reach.count === 0) return 'not linked to an objective';
  const parts = [cutList(reach.first, reach.count, 6)];
  if (reach.streams.length > 0) parts.push(shortList(reach.streams, 4));
  if (impact.valueExposed > 0) parts.push(`${formatMoney(impact.valueExposed)} exposed`);
  return parts.join(' · ');
}

/** A trie of flag codes in order: the text of each list of codes items share, made once (bounded, see below). */
interface CodesNode {
  text: string | undefined;
  next: Map<Flag['code'], CodesNode> | undefined;
}
const CODES_ROOT: CodesNode = { text: undefined, next: undefined };
let codesTexts = 0;

/** The codes joined with "; ", one string for every item with the same list (most flagged items name nobody). */
function codesText(flags: readonly Flag[]): string {
  let node = CODES_ROOT;
  for (const f of flags) {
    const next = (node.next ??= new Map<Flag['code'], CodesNode>());
    let child = next.get(f.code);
    if (child === undefined) {
      // A long-lived pane refreshes for weeks: the lists are a few dozen, but keep the trie bounded anyway.
      if (codesTexts >= 10_000) return flags.map((g) => g.code).join('; ');
      next.set(f.code, (child = { text: undefined, next: undefined }));
    }
    node = child;
  }
  if (node.text === undefined) {
    node.text = flags.map((f) => f.code).join('; ');
    codesTexts++;
  }
  return node.text;
}

const NO_IDS: readonly string[] = [];

/** The Red upstreams an item inherits from, by ID. */
function redIds(st: ItemState): readonly string[] {
  let ids: string[] | null = null;
  for (const u of st.inheritedFrom) if (u.health === 'Red') (ids ??= []).push(u.id);
  return ids ?? NO_IDS;
}

/** The upstreams holding an item back: the one that pushed it (when it did), then those it inherits from, each once. */
function behindIds(st: ItemState): readonly string[] {
  const ids: string[] = [];
  if (st.pushed && st.pushed.days > 0) ids.push(st.pushed.by);
  for (const u of st.inheritedFrom) if (!ids.includes(u.id)) ids.push(u.id);
  return ids;
}

/**
 * The flag codes; a dependency flag names the upstream items behind it, so a team's own sheet says
 * which other team's item holds it up ("dependency-risk (PROC:INI-1)"). Plain loops and one array of
 * parts: the filter, map, sets and spreads this was made of were about 10 MB of garbage at 100k rows.
 */
export function flagsText(st: ItemState): string | null {
  const flags = st.flags;
  if (flags.length === 0) return null;
  // Most items name nobody: their codes alone, without the lists below.
  if (st.inheritedFrom.length === 0 && st.pushed === null && st.linkFlagsTo === undefined) {
    if (flags.length === 1) return flags[0].code;
    return codesText(flags);
  }
  const parts: string[] = [];
  // A link flag names the downstreams waiting on this item ("commitment-at-risk (INI-3)"), once per code.
  let said: Flag['code'][] | null = null;
  for (const f of flags) {
    const linked = st.linkFlagsTo?.[f.code];
    if (linked) {
      if (said !== null && said.includes(f.code)) continue;
      (said ??= []).push(f.code);
    }
    const ids =
      f.code === 'masked-dependency-risk'
        ? redIds(st)
        : f.code === 'dependency-risk'
          ? behindIds(st)
          : (linked ?? NO_IDS);
    parts.push(ids.length > 0 ? `${f.code} (${shortList(ids, 3)})` : f.code);
  }
  return parts.join('; ');
}

const NUMBER_FORMATS: Readonly<Partial<Record<OwnedColumn, string>>> = {
  progress: '0%',
  expected: '0%',
  confidence: '0%',
  forecast: 'yyyy-mm-dd',
  slack: '0',
  push: '0',
  latestFinish: 'yyyy-mm-dd',
  upstreamForecast: 'yyyy-mm-dd',
};

// Fractions rounded to four decimals take at most 10,001 values between 0 and 1, and each one not a whole
// number is a heap object: one kept per value, so a column of them allocates nothing per cell.
// Filled with undefined first, so the array holds references (the same object each time) rather than
// unboxed doubles, which would be boxed anew on every read.
const FRACTIONS: (number | undefined)[] = new Array<number | undefined>(10_001).fill(undefined);

/** Shown as whole percents: four decimals keep every cell exact to the display and the files small. */
function fraction(x: number | null): number | null {
  if (x === null) return null;
  const k = Math.round(x * 10_000);
  // Zero (either sign) and values outside 0..1 as they come: -0 stays -0.
  if (k <= 0 || k > 10_000) return k / 10_000;
  return (FRACTIONS[k] ??= k / 10_000);
}

function cellValue(column: OwnedColumn, st: ItemState, index: ImpactIndex): OutValue {
  switch (column) {
    case 'health':
      return st.health;
    case 'progress':
      return fraction(st.progress);
    case 'expected':
      return fraction(st.expected);
    case 'forecast':
      return day(st.forecast);
    case 'confidence':
      return fraction(st.confidence);
    case 'flags':
      return flagsText(st);
    case 'impact':
      return impactText(index, st.id, impactOfItem(index, st));
    case 'slipVsBaseline':
      return st.slipVsBaselineDays;
    default:
      return null;
  }
}

/**
 * The write for one input table, or a no-room error when a cell beside the table would be
 * overwritten by a new owned column, or moved by the insert that adds it where the host can only
 * insert: then nothing is written to that table.
 */
export function tableWrite(
  table: LocatedTable,
  /** The state of each data row by its index (none for a row that is not an item). */
  statesAt: readonly (ItemState | undefined)[],
  rowErrors: (sheetRow: number) => ValidationError[],
  index: ImpactIndex,
  /** Dependencies tables: the link computed for each data row by its index. */
  linksAt: readonly (LinkRow | undefined)[] = [],
): TableWrite | ValidationError | null {
  const owned = OWNED_COLUMNS_BY_KIND[table.kind];
  if (!owned) return null;
  const lastColumn = table.firstColumn + table.headers.length - 1;
  const missing = owned.filter((c) => !table.match.owned.has(c));
  // A header a refresh that failed half-way left where it was about to grow the table is its own, not a blocker.
  const leftover = (p: OccupiedCell) =>
    p.row === table.headerRow && p.text !== undefined && p.text === OWNED_HEADERS[missing[p.column - lastColumn - 1]];
  const blocker = table.occupiedRight
    .filter((p) => p.column > lastColumn && p.column <= lastColumn + missing.length && !leftover(p))
    .sort((a, b) => a.row - b.row || a.column - b.column)[0];
  const where = table.tableName ? `Table ${table.tableName} on ${table.sheet}` : `Sheet ${table.sheet}`;
  if (lastColumn + missing.length > LAST_SHEET_COLUMN) {
    return {
      sheet: table.sheet,
      cell: a1(table.headerRow, lastColumn),
      code: 'no-room',
      message: messages.noRoomAtEdge(where, missing.length),
    };
  }
  if (blocker) {
    const cell = a1(blocker.row, blocker.column);
    const message = blocker.table
      ? messages.noRoomTable(where, cell, missing.length, blocker.table)
      : blocker.merged
        ? messages.noRoomMerged(where, cell, missing.length, blocker.merged, table.tableName !== null)
        : messages.noRoom(where, cell, missing.length);
    return { sheet: table.sheet, cell, code: 'no-room', message };
  }
  if (missing.length > 0 && table.shiftBlocker) {
    const cell = a1(table.shiftBlocker.row, table.shiftBlocker.column);
    return { sheet: table.sheet, cell, code: 'no-room', message: messages.noRoomToInsert(where, cell, missing.length) };
  }
  let appended = 0;
  const columns: ColumnWrite[] = owned.map((column) => {
    const existing = table.match.owned.get(column);
    const at = existing !== undefined ? table.firstColumn + existing : lastColumn + ++appended;
    // Sized once: a column of 100,000 cells grown a push at a time is copied over and over. Only the
    // Health and Flags cells are filled, so only they get styles.
    const filled = column === 'health' || column === 'flags';
    const values: OutValue[] = new Array<OutValue>(table.rowCount);
    const styles: ReturnType<typeof styleOf>[] = filled ? new Array<ReturnType<typeof styleOf>>(table.rowCount) : [];
    fillColumn(column, table, { statesAt, linksAt, rowErrors, index }, values, filled ? styles : null);
    return {
      header: OWNED_HEADERS[column],
      column: at,
      append: existing === undefined,
      numFmt: NUMBER_FORMATS[column] ?? null,
      values,
      styles: filled ? styles : null,
    };
  });
  return {
    sheet: table.sheet,
    tableName: table.tableName,
    headerRow: table.headerRow,
    firstColumn: table.firstColumn,
    rowCount: table.rowCount,
    columns,
  };
}

interface RowSources {
  statesAt: readonly (ItemState | undefined)[];
  linksAt: readonly (LinkRow | undefined)[];
  rowErrors: (sheetRow: number) => ValidationError[];
  index: ImpactIndex;
}

/** One owned column's cells (and styles, for Health and Flags), row by row: an item's, a link's, or a row's errors. */
function fillColumn(
  column: OwnedColumn,
  table: LocatedTable,
  { statesAt, linksAt, rowErrors, index }: RowSources,
  values: OutValue[],
  styles: (CellStyle | null)[] | null,
): void {
  const impactOfLink = (row: LinkRow) => impactText(index, row.link.row.downstream, row.impact);
  for (let i = 0; i < table.rowCount; i++) {
    const st = statesAt[i];
    if (st !== undefined) {
      values[i] = fitOwned(cellValue(column, st, index));
      if (styles !== null) styles[i] = styleOf(column, st);
      continue;
    }
    const link = linksAt[i];
    if (link !== undefined) {
      values[i] = fitOwned(linkCellValue(column, link, impactOfLink));
      if (styles !== null) styles[i] = linkCellStyle(column, link);
    } else if (column !== 'flags') {
      values[i] = null;
      if (styles !== null) styles[i] = null;
    } else {
      const errors = rowErrors(table.headerRow + 1 + i);
      values[i] =
        errors.length > 0 ? fitOwned(`data error: ${errors.map((e) => `${e.code} at ${e.cell}`).join('; ')}`) : null;
      styles![i] = errors.length > 0 ? 'bad' : null;
    }
  }
}

function styleOf(column: OwnedColumn, st: ItemState) {
  if (column === 'health') return HEALTH_STYLE[st.health];
  if (column === 'flags') {
    const severity = worstSeverity(st.flags);
    return severity === null ? null : SEVERITY_STYLE[severity];
  }
  return null;
}
