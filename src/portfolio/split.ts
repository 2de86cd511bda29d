// The engine's one plan for the portfolio, taken apart into each member's own plan: its owned
// columns, its own Risks sheet (the rows about its items and its data errors, linking to its own
// sheets), and its own ledger (its check-ins and item marks, IDs without its team key).
import type { LedgerBlock, OutValue, RisksPlan, ValidationError, WorkbookSnapshot, WritePlan } from '../engine/types';
import { MARKS_OFFSET, SETTINGS_OFFSET } from '../engine/flags/ledger';
import { risksSheetName, OWNED_OFFSET, OWNED_HEADERS } from '../engine/plan/owned-sheets';
import { RISKS_HEADERS } from '../engine/plan/risks';
import { LEDGER_SHEET } from '../engine/recognise/names';
import { messages } from '../engine/messages';
import { localId } from './identity';
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

function memberRisks(plan: RisksPlan, merge: MergeResult, key: string, sheetName: string): RisksPlan {
  const out: RisksPlan = { sheetName, headers: plan.headers, rows: [], links: [], styles: [] };
  plan.rows.forEach((row, r) => {
    const link = plan.links[r];
    const where = link ? merge.sheetOf.get(link.target.sheet) : undefined;
    if (!link || !where || where.key !== key) return;
    const cells = [...row];
    cells[ITEM] = localValue(cells[ITEM], key);
    cells[GO_TO] = `${where.sheet}!${link.target.cell}`;
    out.rows.push(cells);
    out.links.push({ column: link.column, target: { sheet: where.sheet, cell: link.target.cell } });
    out.styles.push(plan.styles[r]);
  });
  return out;
}

function memberLedger(blocks: LedgerBlock[], key: string, risksSheet: string, extraOwned: string[]): LedgerBlock[] {
  const prefix = `${key}:`;
  const own = (rows: OutValue[][]) =>
    rows.filter((r) => typeof r[0] === 'string' && r[0].startsWith(prefix)).map((r) => [(r[0] as string).slice(prefix.length), ...r.slice(1)]);
  const out: LedgerBlock[] = [];
  for (const b of blocks) {
    if (b.column === 0 || b.column === MARKS_OFFSET) out.push({ ...b, rows: own(b.rows) });
    else if (b.column === SETTINGS_OFFSET) out.push(b);
  }
  out.push({ column: OWNED_OFFSET, headers: OWNED_HEADERS, rows: [[risksSheet], [LEDGER_SHEET], ...extraOwned.map((s) => [s])] });
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
export function splitPlan(plan: WritePlan, merge: MergeResult, snapshots: Map<string, WorkbookSnapshot>, extraOwned: Map<string, string[]> = new Map()): SplitResult {
  const plans: MemberPlan[] = [];
  const locked: ValidationError[] = [];
  for (const info of merge.members) {
    const snapshot = snapshots.get(info.key);
    if (!snapshot) continue;
    const risksSheet = risksSheetName(snapshot);
    const tables = plan.tables.flatMap((t) => {
      const where = merge.sheetOf.get(t.sheet);
      return where && where.key === info.key ? [{ ...t, sheet: where.sheet }] : [];
    });
    const memberPlan: WritePlan = {
      tables,
      risks: memberRisks(plan.risks, merge, info.key, risksSheet),
      ledger: { sheetName: plan.ledger.sheetName, blocks: memberLedger(plan.ledger.blocks, info.key, risksSheet, extraOwned.get(info.key) ?? []) },
    };
    const lockedSheets = new Set(snapshot.protectedSheets ?? []);
    for (const sheet of new Set([...tables.map((t) => t.sheet), risksSheet, LEDGER_SHEET, ...(extraOwned.get(info.key) ?? [])])) {
      if (lockedSheets.has(sheet)) locked.push({ sheet: `[${info.label}]${sheet}`, cell: 'A1', code: 'protected-sheet', message: messages.protectedSheet(`${sheet} in ${info.label}`) });
    }
    plans.push({ key: info.key, plan: memberPlan });
  }
  return { plans, locked };
}
