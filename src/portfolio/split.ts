// The engine's one plan for the portfolio, taken apart into each member's own plan: its owned
// columns, its own Risks sheet (the rows about its items and its data errors, linking to its own
// sheets), and its own ledger (its check-ins and item marks, IDs without its team key).
import type { LedgerBlock, OutValue, RisksPlan, ValidationError, WorkbookSnapshot, WritePlan } from '../engine';
import { SETTINGS_OFFSET, keptPlanBlocks } from '../engine';
import { risksSheetName, OWNED_OFFSET, OWNED_SHEETS_HEADERS } from '../engine';
import { RISKS_HEADERS } from '../engine';
import { LEDGER_SHEET } from '../engine';
import { messages } from '../engine';
import { localId, splitQualified } from './identity';
import type { MergeResult } from './merge';

const ITEM = RISKS_HEADERS.indexOf('Item');
const GO_TO = RISKS_HEADERS.indexOf('Go to');

export interface MemberPlan {
  key: string;
  plan: WritePlan;
}

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

/** The Risks rows of every member, in one pass: a row belongs to the member whose sheet it links to. */
function risksByMember(plan: RisksPlan, merge: MergeResult, sheetNames: Map<string, string>): Map<string, RisksPlan> {
  const out = new Map<string, RisksPlan>();
  const locals = new Map<string, (v: OutValue) => OutValue>();
  plan.rows.forEach((row, r) => {
    const link = plan.links[r];
    const where = link ? merge.sheetOf.get(link.target.sheet) : undefined;
    if (!link || !where) return;
    let own = out.get(where.key);
    if (!own)
      out.set(
        where.key,
        (own = {
          sheetName: sheetNames.get(where.key) ?? plan.sheetName,
          headers: plan.headers,
          rows: [],
          links: [],
          styles: [],
        }),
      );
    let local = locals.get(where.key);
    if (!local) locals.set(where.key, (local = localText(where.key)));
    const cells = row.map(local);
    cells[ITEM] = localValue(cells[ITEM], where.key);
    cells[GO_TO] = `${where.sheet}!${link.target.cell}`;
    own.rows.push(cells);
    own.links.push({ column: link.column, target: { sheet: where.sheet, cell: link.target.cell } });
    own.styles.push(plan.styles[r]);
  });
  return out;
}

/** Ledger item rows (check-ins and item marks) of every member, in one pass, IDs without the member's key. */
function ledgerRowsByMember(blocks: LedgerBlock[], keys: ReadonlySet<string>): Map<string, Map<number, OutValue[][]>> {
  const out = new Map<string, Map<number, OutValue[][]>>();
  for (const b of blocks) {
    if (b.column !== 0) continue;
    for (const row of b.rows) {
      const id = row[0];
      if (typeof id !== 'string') continue;
      const q = splitQualified(id, keys);
      if (!q) continue;
      let byBlock = out.get(q.key);
      if (!byBlock) out.set(q.key, (byBlock = new Map()));
      let rows = byBlock.get(b.column);
      if (!rows) byBlock.set(b.column, (rows = []));
      rows.push([q.id, ...row.slice(1)]);
    }
  }
  return out;
}

function memberLedger(
  blocks: LedgerBlock[],
  rows: Map<number, OutValue[][]> | undefined,
  risksSheet: string,
  extraOwned: string[],
): LedgerBlock[] {
  const out: LedgerBlock[] = [];
  for (const b of blocks) {
    if (b.column === 0) out.push({ ...b, rows: rows?.get(b.column) ?? [] });
    else if (b.column === SETTINGS_OFFSET) out.push(b);
  }
  out.push({
    column: OWNED_OFFSET,
    headers: OWNED_SHEETS_HEADERS,
    rows: [[risksSheet], [LEDGER_SHEET], ...extraOwned.map((s) => [s])],
  });
  return out;
}

export interface SplitResult {
  plans: MemberPlan[];
  /** Protected sheets a member's plan would write to: the refresh must stop, as for one workbook. */
  locked: ValidationError[];
}

/**
 * Each writable member's plan. `snapshots` holds the members' own snapshots (for each one's Risks
 * sheet name and protection); `extraOwned` names more owned sheets per member (the hub's portfolio sheets).
 */
export function splitPlan(
  plan: WritePlan,
  merge: MergeResult,
  snapshots: Map<string, WorkbookSnapshot>,
  extraOwned: Map<string, string[]> = new Map(),
): SplitResult {
  const plans: MemberPlan[] = [];
  const locked: ValidationError[] = [];
  const keys = new Set(merge.members.map((m) => m.key));
  const risksSheets = new Map([...snapshots].map(([key, snapshot]) => [key, risksSheetName(snapshot)]));
  const risks = risksByMember(plan.risks, merge, risksSheets);
  const ledgerRows = ledgerRowsByMember(plan.ledger.blocks, keys);
  const tablesOf = new Map<string, WritePlan['tables']>();
  for (const t of plan.tables) {
    const where = merge.sheetOf.get(t.sheet);
    if (!where) continue;
    const list = tablesOf.get(where.key) ?? [];
    const local = localText(where.key);
    const own = `${where.key}:`;
    // Only a column that names the member's own items is copied: a million rows' worth of text is not.
    const names = (values: OutValue[]) => values.some((v) => typeof v === 'string' && v.includes(own));
    list.push({
      ...t,
      sheet: where.sheet,
      columns: t.columns.map((c) => (names(c.values) ? { ...c, values: c.values.map(local) } : c)),
    });
    tablesOf.set(where.key, list);
  }
  for (const info of merge.members) {
    const snapshot = snapshots.get(info.key);
    if (!snapshot) continue;
    const risksSheet = risksSheets.get(info.key)!;
    const tables = tablesOf.get(info.key) ?? [];
    const extra = extraOwned.get(info.key) ?? [];
    const memberPlan: WritePlan = {
      tables,
      risks: risks.get(info.key) ?? {
        sheetName: risksSheet,
        headers: plan.risks.headers,
        rows: [],
        links: [],
        styles: [],
      },
      ledger: {
        sheetName: plan.ledger.sheetName,
        blocks: [
          ...memberLedger(plan.ledger.blocks, ledgerRows.get(info.key), risksSheet, extra),
          ...keptPlanBlocks(snapshot.ledger, snapshot.date1904),
        ],
      },
    };
    const lockedSheets = new Set(snapshot.protectedSheets ?? []);
    for (const sheet of new Set([...tables.map((t) => t.sheet), risksSheet, LEDGER_SHEET, ...extra])) {
      if (lockedSheets.has(sheet))
        locked.push({
          sheet: `[${info.label}]${sheet}`,
          cell: 'A1',
          code: 'protected-sheet',
          message: messages.protectedSheet(`${sheet} in ${info.label}`),
        });
    }
    plans.push({ key: info.key, plan: memberPlan });
  }
  return { plans, locked };
}
