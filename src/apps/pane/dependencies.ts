// The Dependencies view's model: links worst first (Red, then least slack, then most value exposed),
// each with both ends' names and owners and where its row is. Plain data, tested without React.
import type { DependencyReport, Health, ItemReport, SheetLink } from '../../engine';

export interface DependencyRowView {
  link: DependencyReport;
  upstreamName: string;
  upstreamOwner: string | null;
  downstreamName: string;
  downstreamOwner: string | null;
  target: SheetLink | null;
}

const RANK: Readonly<Record<Health, number>> = { Red: 0, Amber: 1, Grey: 2, Green: 3 };

export function dependencyRows(
  dependencies: DependencyReport[],
  items: ItemReport[],
  cells: SheetLink[] | undefined,
): DependencyRowView[] {
  const byId = new Map(items.map((i) => [i.id, i]));
  const rows = dependencies.map((link, i) => ({
    link,
    upstreamName: byId.get(link.upstream)?.name ?? link.upstream,
    upstreamOwner: byId.get(link.upstream)?.owner ?? null,
    downstreamName: byId.get(link.downstream)?.name ?? link.downstream,
    downstreamOwner: byId.get(link.downstream)?.owner ?? null,
    target: cells?.[i] ?? null,
  }));
  // A link without slack (a KPI downstream, a cycle) sorts after those with figures of its health.
  const slack = (d: DependencyReport) => d.slackDays ?? Number.POSITIVE_INFINITY;
  return rows.sort(
    (a, b) =>
      RANK[a.link.health] - RANK[b.link.health] ||
      slack(a.link) - slack(b.link) ||
      b.link.valueExposed - a.link.valueExposed,
  );
}

const plural = (n: number) => `${n} day${Math.abs(n) === 1 ? '' : 's'}`;

/** "slack −18 days · pushes INI-3 18 days", or why there is no figure. */
export function slackText(d: DependencyReport): string {
  if (d.slackDays === null) {
    if (d.health === 'Grey') return 'on a dependency cycle: no figures until it is broken';
    if (d.pushDays === null) return `${d.downstream} is a KPI: it moves in no time`;
    return d.upstreamForecast === null ? `${d.upstream} is done or has no dates: nothing to push` : 'no slack figure';
  }
  const parts = [`slack ${d.slackDays < 0 ? '−' : ''}${plural(Math.abs(d.slackDays))}`];
  if (d.pushDays) parts.push(`pushes ${d.downstream} ${plural(d.pushDays)}`);
  if (d.latestFinish) parts.push(`latest finish ${d.latestFinish}`);
  return parts.join(' · ');
}

/** The promise: what was asked, what was committed, what the forecast says. */
export function promiseText(d: DependencyReport): string {
  const parts: string[] = [];
  if (d.status) parts.push(d.status);
  if (d.neededBy) parts.push(`needed by ${d.neededBy}`);
  if (d.committed) parts.push(`committed ${d.committed}`);
  if (d.upstreamForecast) parts.push(`forecast ${d.upstreamForecast}`);
  return parts.length > 0 ? parts.join(' · ') : 'no promise recorded';
}
