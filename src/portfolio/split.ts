// The engine's one plan for the portfolio, taken apart into each member's own plan: its owned
// columns, its own Risks sheet (the rows about its items and its data errors, linking to its own
// sheets), and its own ledger (its check-ins and item marks, IDs without its team key).
import type { LedgerBlock, OutValue, OwnedSheetPlan, RisksPlan, TableWrite } from '../engine';
import type { ValidationError, WorkbookSnapshot, WritePlan } from '../engine';
import { SETTINGS_OFFSET, keptPlanBlocks } from '../engine';
import { risksSheetName, OWNED_OFFSET, OWNED_SHEETS_HEADERS } from '../engine';
import { RISKS_HEADERS } from '../engine';
import { LEDGER_SHEET } from '../engine';
import { messages } from '../engine';
import { compositeSheet, localId, splitQualified } from './identity';
import type { MergeResult } from './merge';

const ITEM = RISKS_HEADERS.indexOf('Item');
const GO_TO = RISKS_HEADERS.indexOf('Go to');

/** Text values carrying the member's own key lose it: inside its own workbook an item is its plain ID. */
function localValue(v: OutValue, key: string): OutValue {
  return typeof v === 'string' ? localId(v, key) : v;
}

/**
 * Free text (Flags, Impact, a Risks row's details) written into a member names that member's own items
 * by their plain IDs, as its people know them; other teams' items keep their key.
 */
export function localText(key: string): (v: OutValue) => OutValue {
  const own = `${key}:`;
  const pattern = new RegExp(`(^|[^A-Za-z0-9_:.-])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(?=[^\\s:])`, 'g');
  return (v) => {
    if (typeof v !== 'string' || !v.includes(own)) return v;
    // An ID alone ("PROC:INI-7", a Risks row's Item): the one place the key can be is the start, as a key
    // holds no colon, so the pattern would only strip it; a third of a member's Risks cells, ten times faster.
    if (v.startsWith(own) && alphanumeric(v.charCodeAt(own.length)) && v.indexOf(own, own.length) < 0)
      return v.slice(own.length);
    return v.replace(pattern, '$1');
  };
}

/** 0-9, A-Z, a-z (NaN past the end is none). */
function alphanumeric(code: number): boolean {
  return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

/** Where one member's rows are in the portfolio's plan: Risks rows, and ledger rows as (block, row) pairs. */
interface MemberRows {
  risks: number[];
  ledger: Map<number, number[]>;
}

/**
 * One pass over the portfolio's Risks rows and ledger blocks, noting which member each row belongs to:
 * a Risks row to the member whose sheet it links to, a ledger row (check-ins and item marks) to the
 * member whose key its ID carries. Nothing is copied yet.
 */
function rowsByMember(plan: WritePlan, merge: MergeResult, keys: ReadonlySet<string>): Map<string, MemberRows> {
  const out = new Map<string, MemberRows>();
  const of = (key: string) => {
    let rows = out.get(key);
    if (!rows) out.set(key, (rows = { risks: [], ledger: new Map() }));
    return rows;
  };
  plan.risks.rows.forEach((_row, r) => {
    const link = plan.risks.links[r];
    const where = link ? merge.sheetOf.get(link.target.sheet) : undefined;
    if (link && where) of(where.key).risks.push(r);
  });
  plan.ledger.blocks.forEach((b, block) => {
    if (b.column !== 0) return;
    b.rows.forEach((row, r) => {
      const id = row[0];
      const q = typeof id === 'string' ? splitQualified(id, keys) : null;
      if (!q) return;
      const ledger = of(q.key).ledger;
      let pairs = ledger.get(b.column);
      if (!pairs) ledger.set(b.column, (pairs = []));
      pairs.push(block, r);
    });
  });
  return out;
}

/**
 * A member's part of the portfolio's plan before it is made the member's own: its rows as the portfolio
 * has them (IDs with team keys, sheets named [file]Sheet), not yet copied. localPlan() makes it the
 * member's plan; a host writing in a worker sends this and lets the worker do that copying.
 */
export interface SharedPlan {
  key: string;
  /** Every member's key, to read the team key off a ledger row's ID. */
  keys: string[];
  /** The portfolio's name of each of the member's sheets ([file]Sheet) -> its own name. */
  sheets: Record<string, string>;
  tables: TableWrite[];
  /** The member's Risks sheet, its rows and links as the portfolio's. */
  risks: RisksPlan;
  ledger: { sheetName: string; blocks: (LedgerBlock & { qualified?: boolean })[] };
  extraSheets?: OwnedSheetPlan[];
}

/**
 * The member's own plan from its part of the portfolio's (see SharedPlan). `owned`: the shared plan is
 * this caller's alone (a structured clone a worker received), so its Risks rows are made local where
 * they are instead of copied: 5,000 rows of ten cells a member, about a third of the time localPlan took.
 */
export function localPlan(shared: SharedPlan, owned = false): WritePlan {
  const { key, sheets } = shared;
  const keys = new Set(shared.keys);
  const local = localText(key);
  const tag = `${key}:`;
  // Only a column that names the member's own items is copied: a million rows' worth of text is not.
  const names = (values: OutValue[]) => values.some((v) => typeof v === 'string' && v.includes(tag));
  const tables = shared.tables.map((t) => ({
    ...t,
    sheet: sheets[t.sheet],
    columns: t.columns.map((c) => (names(c.values) ? { ...c, values: c.values.map(local) } : c)),
  }));
  const from = shared.risks;
  const risks: RisksPlan = { ...from, rows: owned ? from.rows : [], links: [] };
  for (let r = 0; r < from.rows.length; r++) {
    const link = from.links[r]!;
    const sheet = sheets[link.target.sheet];
    const row = from.rows[r];
    const cells = owned ? row : row.slice();
    for (let c = 0; c < cells.length; c++) cells[c] = local(cells[c]);
    cells[ITEM] = localValue(cells[ITEM], key);
    cells[GO_TO] = `${sheet}!${link.target.cell}`;
    if (!owned) risks.rows.push(cells);
    // A new link each: the engine gives every row of an item one link object, which a clone keeps shared.
    risks.links.push({ column: link.column, target: { sheet, cell: link.target.cell } });
  }
  const unqualified = (row: OutValue[]) => {
    const id = splitQualified(row[0] as string, keys)!.id;
    if (!owned) return [id, ...row.slice(1)];
    row[0] = id;
    return row;
  };
  const blocks = shared.ledger.blocks.map(({ qualified, ...b }) =>
    qualified ? { ...b, rows: b.rows.map(unqualified) } : b,
  );
  const plan: WritePlan = { tables, risks, ledger: { sheetName: shared.ledger.sheetName, blocks } };
  return shared.extraSheets === undefined ? plan : { ...plan, extraSheets: shared.extraSheets };
}

/** The member's ledger rows of one block column, as the portfolio has them (from (block, row) pairs). */
function ledgerRowsAt(blocks: LedgerBlock[], at: number[] | undefined): OutValue[][] {
  const rows: OutValue[][] = [];
  for (let k = 0; k < (at?.length ?? 0); k += 2) rows.push(blocks[at![k]].rows[at![k + 1]]);
  return rows;
}

function memberLedger(
  blocks: LedgerBlock[],
  rows: Map<number, number[]> | undefined,
  risksSheet: string,
  extraOwned: string[],
): SharedPlan['ledger']['blocks'] {
  const out: SharedPlan['ledger']['blocks'] = [];
  for (const b of blocks) {
    if (b.column === 0) out.push({ ...b, rows: ledgerRowsAt(blocks, rows?.get(b.column)), qualified: true });
    else if (b.column === SETTINGS_OFFSET) out.push(b);
  }
  out.push({
    column: OWNED_OFFSET,
    headers: OWNED_SHEETS_HEADERS,
    rows: [[risksSheet], [LEDGER_SHEET], ...extraOwned.map((s) => [s])],
  });
  return out;
}

export interface MemberPlan {
  key: string;
  plan: WritePlan;
}

export interface SplitResult {
  plans: MemberPlan[];
  /** Protected sheets a member's plan would write to: the refresh must stop, as for one workbook. */
  locked: ValidationError[];
}

/** The portfolio's plan taken apart lazily: which members get a plan, and each one's plan when asked. */
export interface PlanSplit {
  /** The members that get a plan (those read), in the portfolio's order. */
  keys: string[];
  /** Protected sheets a member's plan would write to: the refresh must stop, as for one workbook. */
  locked: ValidationError[];
  /**
   * The member's plan, made when asked (each member once). With `consume`, the rows of the portfolio's
   * plan it was made from are let go: nothing may read that plan's Risks and ledger rows afterwards.
   */
  planOf(key: string): WritePlan;
  /** The member's part of the plan, not yet copied (localPlan makes it its plan); let go of as planOf is. */
  sharedOf(key: string): SharedPlan;
}

/**
 * Each writable member's plan, made one member at a time. `snapshots` holds the members' own snapshots
 * (for each one's Risks sheet name and protection); `extraOwned` names more owned sheets per member
 * (the hub's portfolio sheets).
 */
export function planSplitter(
  plan: WritePlan,
  merge: MergeResult,
  snapshots: Map<string, WorkbookSnapshot>,
  extraOwned: Map<string, string[]> = new Map(),
  consume = false,
): PlanSplit {
  const keys = new Set(merge.members.map((m) => m.key));
  const risksSheets = new Map([...snapshots].map(([key, snapshot]) => [key, risksSheetName(snapshot)]));
  const rowsOf = rowsByMember(plan, merge, keys);
  const tablesOf = new Map<string, WritePlan['tables']>();
  for (const t of plan.tables) {
    const where = merge.sheetOf.get(t.sheet);
    if (!where) continue;
    const list = tablesOf.get(where.key) ?? [];
    list.push(t);
    tablesOf.set(where.key, list);
  }
  const members = merge.members.filter((info) => snapshots.has(info.key));
  const labels = new Map(merge.members.map((m) => [m.key, m.label]));
  const locked: ValidationError[] = [];
  for (const info of members) {
    const snapshot = snapshots.get(info.key)!;
    const lockedSheets = new Set(snapshot.protectedSheets ?? []);
    const sheets = (tablesOf.get(info.key) ?? []).map((t) => merge.sheetOf.get(t.sheet)!.sheet);
    const extra = extraOwned.get(info.key) ?? [];
    for (const sheet of new Set([...sheets, risksSheets.get(info.key)!, LEDGER_SHEET, ...extra])) {
      if (lockedSheets.has(sheet))
        locked.push({
          sheet: `[${info.label}]${sheet}`,
          cell: 'A1',
          code: 'protected-sheet',
          message: messages.protectedSheet(`${sheet} in ${info.label}`),
        });
    }
  }
  const sharedOf = (key: string): SharedPlan => {
    const snapshot = snapshots.get(key)!;
    const risksSheet = risksSheets.get(key)!;
    const own = rowsOf.get(key);
    const sheets: Record<string, string> = {};
    for (const name of snapshot.sheetNames) sheets[compositeSheet(labels.get(key)!, name)] = name;
    const risks: RisksPlan = { sheetName: risksSheet, headers: plan.risks.headers, rows: [], links: [], styles: [] };
    for (const r of own?.risks ?? []) {
      risks.rows.push(plan.risks.rows[r]);
      risks.links.push(plan.risks.links[r]);
      risks.styles.push(plan.risks.styles[r]);
    }
    const shared: SharedPlan = {
      key,
      keys: [...keys],
      sheets,
      tables: tablesOf.get(key) ?? [],
      risks,
      ledger: {
        sheetName: plan.ledger.sheetName,
        blocks: [
          ...memberLedger(plan.ledger.blocks, own?.ledger, risksSheet, extraOwned.get(key) ?? []),
          ...keptPlanBlocks(snapshot.ledger, snapshot.date1904),
        ],
      },
    };
    if (consume) release(plan, own);
    return shared;
  };
  return { keys: members.map((m) => m.key), locked, planOf: (key) => localPlan(sharedOf(key)), sharedOf };
}

/** Lets go of a member's rows in the portfolio's plan once its own plan holds copies of them. */
function release(plan: WritePlan, own: MemberRows | undefined): void {
  if (!own) return;
  const risks = plan.risks.rows as (OutValue[] | null)[];
  for (const r of own.risks) {
    risks[r] = null;
    plan.risks.links[r] = null;
  }
  for (const at of own.ledger.values())
    for (let k = 0; k < at.length; k += 2) (plan.ledger.blocks[at[k]].rows as (OutValue[] | null)[])[at[k + 1]] = null;
}

/** Every writable member's plan at once (see planSplitter). */
export function splitPlan(
  plan: WritePlan,
  merge: MergeResult,
  snapshots: Map<string, WorkbookSnapshot>,
  extraOwned: Map<string, string[]> = new Map(),
): SplitResult {
  const split = planSplitter(plan, merge, snapshots, extraOwned);
  return { plans: split.keys.map((key) => ({ key, plan: split.planOf(key) })), locked: split.locked };
}
