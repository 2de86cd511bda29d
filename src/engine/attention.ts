// What a PMO lead looks at first: the risks ranked by the money they put in doubt, and for each
// objective when any of its work last reported. Pure data for the pane, the report and the CLI.
import type { Day, DependencyReport, Health, ItemReport } from './types';
import type { ItemLinks } from './map/link-index';

const HEALTH_RANK: Readonly<Record<Health, number>> = { Red: 0, Amber: 1, Grey: 2, Green: 3 };

/** A KPI or initiative that is Red or Amber, or carries a high-severity flag. */
export function isRisk(item: ItemReport): boolean {
  return (
    item.kind !== 'objective' &&
    (item.health === 'Red' || item.health === 'Amber' || item.flags.some((f) => f.severity === 'high'))
  );
}

/**
 * Risks ordered by value exposed; among equal exposure the root cause comes first (an item Red or
 * Amber on its own data before the items that only inherit its trouble), then the worse health,
 * then the longer slip, then more high-severity flags, then sheet order.
 */
export function rankRisks(items: readonly ItemReport[]): ItemReport[] {
  const highFlags = (i: ItemReport) => i.flags.reduce((n, f) => n + (f.severity === 'high' ? 1 : 0), 0);
  return items
    .map((item, order) => ({ item, order }))
    .filter(({ item }) => isRisk(item))
    .sort(
      (a, b) =>
        b.item.impact.valueExposed - a.item.impact.valueExposed ||
        HEALTH_RANK[a.item.ownHealth] - HEALTH_RANK[b.item.ownHealth] ||
        HEALTH_RANK[a.item.health] - HEALTH_RANK[b.item.health] ||
        (b.item.slipDays ?? 0) - (a.item.slipDays ?? 0) ||
        highFlags(b.item) - highFlags(a.item) ||
        a.order - b.order,
    )
    .map((x) => x.item);
}

export function topRisks(items: readonly ItemReport[], count = 5): ItemReport[] {
  return rankRisks(items).slice(0, count);
}

/**
 * The latest Updated date among the KPIs and initiatives under each objective, directly or through
 * child objectives: when anyone last said how that objective's work is going.
 */
export function lastCheckIns(links: ItemLinks): Map<string, Day> {
  const latest = new Map<string, Day>();
  for (const [id, dates] of links.dates) {
    if (dates.updated === null || links.objectives.has(id)) continue;
    const seen = new Set<string>([id]);
    for (let up = links.serves.get(id); up !== undefined && !seen.has(up); up = links.serves.get(up)) {
      seen.add(up);
      if (!links.objectives.has(up)) continue;
      const was = latest.get(up);
      if (was === undefined || dates.updated > was) latest.set(up, dates.updated);
    }
  }
  return latest;
}

/**
 * Dependencies worst first, as the PMO reviews them: Red, then Amber, then the rest; within a health the
 * least slack first (a link without slack figures, a KPI downstream or a cycle, after those with them),
 * then the most value exposed. Sheet order breaks ties. The pane's view and the board pack share it.
 */
export function rankLinks<T extends { link: DependencyReport }>(rows: readonly T[]): T[] {
  const slack = (d: DependencyReport) => d.slackDays ?? Number.POSITIVE_INFINITY;
  return rows
    .map((row, order) => ({ row, order }))
    .sort(
      (a, b) =>
        HEALTH_RANK[a.row.link.health] - HEALTH_RANK[b.row.link.health] ||
        slack(a.row.link) - slack(b.row.link) ||
        b.row.link.valueExposed - a.row.link.valueExposed ||
        a.order - b.order,
    )
    .map(({ row }) => row);
}
