// The pane's review list: what needs attention, grouped the way a PMO lead works through it.
import type { FlagCode, Health, Report, Severity, SheetLink, WritePlan } from '../engine/types';

export type GroupKey = 'off-track' | 'dependency' | 'sanitized' | 'stale' | 'errors';

export interface ReviewEntry {
  key: string;
  itemId: string | null;
  title: string;
  detail: string;
  severity: Severity;
  health: Health | null;
  target: SheetLink;
}

export interface ReviewGroup {
  key: GroupKey;
  title: string;
  entries: ReviewEntry[];
}

const GROUP_OF: Readonly<Partial<Record<FlagCode, GroupKey>>> = {
  'masked-dependency-risk': 'dependency',
  'dependency-risk': 'dependency',
  'status-contradicts-data': 'sanitized',
  flatline: 'sanitized',
  'stuck-near-done': 'sanitized',
  'exactly-on-plan': 'sanitized',
  'status-cliff': 'sanitized',
  'revised-history': 'sanitized',
  stale: 'stale',
  'no-update-date': 'stale',
};

export const GROUP_TITLES: Readonly<Record<GroupKey, string>> = {
  'off-track': 'Off track',
  dependency: 'Dependency risks',
  sanitized: 'Sanitized',
  stale: 'Stale',
  errors: 'Data errors',
};

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 0, warn: 1, info: 2 };

/**
 * Groups flags by what to do about them, plus the items whose own data is Red or Amber ("Off track").
 * Each entry points at the item's ID cell (from the plan's links) or at the bad cell.
 */
export function reviewGroups(report: Report, plan: WritePlan | null): ReviewGroup[] {
  const targets = new Map<string, SheetLink>();
  plan?.risks.rows.forEach((row, i) => {
    const link = plan.risks.links[i];
    if (typeof row[1] === 'string' && link) targets.set(row[1], link.target);
  });
  const groups = new Map<GroupKey, ReviewEntry[]>((Object.keys(GROUP_TITLES) as GroupKey[]).map((k) => [k, []]));
  for (const item of report.items) {
    const target = targets.get(item.id) ?? { sheet: item.sheet, cell: `A${item.row}` };
    const title = `${item.id} · ${item.name}`;
    if (item.kind !== 'objective' && (item.ownHealth === 'Red' || item.ownHealth === 'Amber')) {
      groups.get('off-track')!.push({
        key: `${item.id}:health`,
        itemId: item.id,
        title,
        detail: item.drivers[0] ?? `${item.ownHealth} health`,
        severity: item.ownHealth === 'Red' ? 'high' : 'warn',
        health: item.health,
        target,
      });
    }
    for (const flag of item.flags) {
      const group = GROUP_OF[flag.code];
      if (!group) continue;
      groups.get(group)!.push({ key: `${item.id}:${flag.code}`, itemId: item.id, title, detail: flag.message, severity: flag.severity, health: item.health, target });
    }
  }
  report.errors.forEach((e, i) =>
    groups.get('errors')!.push({
      key: `error:${i}`,
      itemId: null,
      title: `${e.sheet}!${e.cell} · ${e.code}`,
      detail: e.message,
      severity: 'warn',
      health: null,
      target: { sheet: e.sheet, cell: e.cell },
    }),
  );
  return [...groups].map(([key, entries]) => ({
    key,
    title: GROUP_TITLES[key],
    entries: entries.map((e, order) => ({ e, order })).sort((a, b) => SEVERITY_RANK[a.e.severity] - SEVERITY_RANK[b.e.severity] || a.order - b.order).map((x) => x.e),
  }));
}
