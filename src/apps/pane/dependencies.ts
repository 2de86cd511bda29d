// The Dependencies view's model: links worst first (Red, then least slack, then most value exposed),
// each with both ends' names and owners and where its row is. Plain data, tested without React.
import { rankLinks, type DependencyReport, type ItemReport, type SheetLink } from '../../engine';

export interface DependencyRowView {
  link: DependencyReport;
  upstreamName: string;
  upstreamOwner: string | null;
  downstreamName: string;
  downstreamOwner: string | null;
  target: SheetLink | null;
}

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
  return rankLinks(rows);
}
