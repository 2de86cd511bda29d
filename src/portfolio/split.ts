// The engine's one plan for the portfolio, taken apart into each member's own plan: its owned
// columns, its own Risks sheet (the rows about its items and its data errors, linking to its own
// sheets), and its own ledger (its check-ins and item marks, IDs without its team key).
import type { LedgerBlock, OutValue, RisksPlan, ValidationError, WorkbookSnapshot, WritePlan } from '../engine';
import { MARKS_OFFSET, SETTINGS_OFFSET, keptPlanBlocks } from '../engine';
import { risksSheetName, OWNED_OFFSET, OWNED_SHEETS_HEADERS } from '../engine';
import { RISKS_HEADERS } from '../engine';
import { LEDGER_SHEET } from '../engine';
import { messages } from '../engine';
import { localId, splitQualified } from './identity';
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
function localText(key: string): (v: OutValue) => OutValue {
  const own = `${key}:`;
  const pattern = new RegExp(`(^|[^A-Za-z0-9_:.-])${key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:(?=[^\\s:])`, 'g');
  return (v) => (typeof v === 'string' && v.includes(own) ? v.replace(pattern, '$1') : v);
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
    if (b.column !== 0 && b.column !== MARKS_OFFSET) return;
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

/** A member's own Risks plan: its rows with its own IDs plain and "Go to" naming its own sheet. */
function memberRisks(plan: RisksPlan, merge: MergeResult, key: string, sheetName: string, rows: number[]): RisksPlan {
  const own: RisksPlan = { sheetName, headers: plan.headers, rows: [], links: [], styles: [] };
  const local = localText(key);
  for (const r of rows) {
    const link = plan.links[r]!;
    const where = merge.sheetOf.get(link.target.sheet)!;
    const cells = plan.rows[r].map(local);
    cells[ITEM] = localValue(cells[ITEM], key);
    cells[GO_TO] = `${where.sheet}!${link.target.cell}`;
    own.rows.push(cells);
    own.links.push({ column: link.column, target: { sheet: where.sheet, cell: link.target.cell } });
    own.styles.push(plan.styles[r]);
  }
  return own;
}

/** A member's ledger rows by block column, IDs without its key. */
function memberLedgerRows(blocks: LedgerBlock[], pairs: Map<number, number[]> | undefined, keys: ReadonlySet<string>) {
  const out = new Map<number, OutValue[][]>();
  for (const [column, at] of pairs ?? []) {
    const rows: OutValue[][] = [];
    for (let k = 0; k < at.length; k += 2) {
      const row = blocks[at[k]].rows[at[k + 1]];
      rows.push([splitQualified(row[0] as string, keys)!.id, ...row.slice(1)]);
    }
    out.set(column, rows);
  }
  return out;
}

function memberLedger(
  blocks: LedgerBlock[],
  rows: Map<number, OutValue[][]>,
  risksSheet: string,
  extraOwned: string[],
): LedgerBlock[] {
  const out: LedgerBlock[] = [];
  for (const b of blocks) {
    if (b.column === 0 || b.column === MARKS_OFFSET) out.push({ ...b, rows: rows.get(b.column) ?? [] });
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
  const planOf = (key: string): WritePlan => {
    const snapshot = snapshots.get(key)!;
    const risksSheet = risksSheets.get(key)!;
    const own = rowsOf.get(key);
    const local = localText(key);
    const tag = `${key}:`;
    // Only a column that names the member's own items is copied: a million rows' worth of text is not.
    const names = (values: OutValue[]) => values.some((v) => typeof v === 'string' && v.includes(tag));
    const tables = (tablesOf.get(key) ?? []).map((t) => ({
      ...t,
      sheet: merge.sheetOf.get(t.sheet)!.sheet,
      columns: t.columns.map((c) => (names(c.values) ? { ...c, values: c.values.map(local) } : c)),
    }));
    const memberPlan: WritePlan = {
      tables,
      risks: memberRisks(plan.risks, merge, key, risksSheet, own?.risks ?? []),
      ledger: {
        sheetName: plan.ledger.sheetName,
        blocks: [
          ...memberLedger(
            plan.ledger.blocks,
            memberLedgerRows(plan.ledger.blocks, own?.ledger, keys),
            risksSheet,
            extraOwned.get(key) ?? [],
          ),
          ...keptPlanBlocks(snapshot.ledger, snapshot.date1904),
        ],
      },
    };
    if (consume) release(plan, own);
    return memberPlan;
  };
  return { keys: members.map((m) => m.key), locked, planOf };
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
