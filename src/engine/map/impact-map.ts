// The impact map of one item: the chain from it through everything downstream of it, up to the
// objectives and revenue streams it reaches. Plain nodes and edges; a view lays them out.
import type { Health, ItemKind, ItemReport, SheetLink } from '../types';
import type { ItemLinks } from './link-index';
import { compactNumber, pct } from '../format';

export type MapNodeKind = ItemKind | 'stream' | 'more';

export interface MapNode {
  /** Item ID; `stream:<name>` for a revenue stream; `more:<id>` for a collapsed group. */
  key: string;
  kind: MapNodeKind;
  label: string;
  /** A second line: progress and slip, or value at stake. */
  detail: string | null;
  health: Health | null;
  /** Where its row is, for click-to-select; null for streams and collapsed groups. */
  target: SheetLink | null;
}

export type MapEdgeKind = 'dependency' | 'serves' | 'stream';

export interface MapEdge {
  from: string;
  to: string;
  kind: MapEdgeKind;
  /** "+24 d" on a slip, null when nothing slipped. */
  label: string | null;
}

export interface ImpactMap {
  start: string;
  nodes: MapNode[];
  edges: MapEdge[];
  /** Downstream items left out to keep the map readable (shown as one "more" node). */
  hidden: number;
}

export interface ImpactMapOptions {
  /** Most downstream items drawn; the rest collapse into one node. */
  maxDownstream?: number;
  /** How money reads on the nodes ("$4.5M"); plain "4.5M" by default. */
  money?: (value: number) => string;
}

const HEALTH_RANK: Readonly<Record<Health, number>> = { Red: 0, Amber: 1, Grey: 2, Green: 3 };
export const STREAM_PREFIX = 'stream:';

const days = (n: number) => `+${n} d`;

/** A dependency edge says how far it pushed and how much room it has ("+18 d · slack −18", "slack 15 d"). */
function dependencyLabel(pushed: number | null, slack: number | undefined): string | null {
  const room = slack === undefined ? null : `slack ${slack < 0 ? `−${-slack}` : slack}`;
  if (pushed !== null) return room ? `${days(pushed)} · ${room}` : days(pushed);
  return room ? `${room} d` : null;
}

function itemNode(item: ItemReport, links: ItemLinks, money: (value: number) => string = compactNumber): MapNode {
  const parts: string[] = [];
  if (item.kind === 'objective') {
    const value = links.objectives.get(item.id)?.valueAtStake ?? null;
    if (value !== null) parts.push(`${money(value)} at stake`);
  } else {
    if (item.progress !== null) parts.push(pct(item.progress));
    if (item.slipDays !== null && item.slipDays > 0) parts.push(`${days(item.slipDays)} late`);
  }
  return {
    key: item.id,
    kind: item.kind,
    label: `${item.id} ${item.name}`,
    detail: parts.length > 0 ? parts.join(' · ') : null,
    health: item.health,
    target: links.cells.get(item.id) ?? { sheet: item.sheet, cell: `A${item.row}` },
  };
}

/**
 * Returns null when the item is not in the report. Downstream items are found breadth first; when
 * there are more than `maxDownstream`, the nearest and worst are kept and the rest become one node.
 */
export function impactMap(
  items: Map<string, ItemReport>,
  links: ItemLinks,
  start: string,
  options: ImpactMapOptions = {},
): ImpactMap | null {
  const first = items.get(start);
  if (!first) return null;
  const max = options.maxDownstream ?? 20;

  // Everything downstream, with its distance from the start.
  const depth = new Map<string, number>([[start, 0]]);
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    for (const down of links.downstreamsOf.get(queue[q]) ?? []) {
      if (depth.has(down) || !items.has(down)) continue;
      depth.set(down, depth.get(queue[q])! + 1);
      queue.push(down);
    }
  }
  const downstream = queue.slice(1);
  const rank = (id: string) =>
    [depth.get(id)!, HEALTH_RANK[items.get(id)!.health], -items.get(id)!.impact.valueExposed] as const;
  const kept = [...downstream].sort((a, b) => {
    const [da, ha, va] = rank(a);
    const [db, hb, vb] = rank(b);
    return da - db || ha - hb || va - vb || (a < b ? -1 : 1);
  });
  const hidden = Math.max(0, kept.length - max);
  const work = new Set([start, ...kept.slice(0, max)]);

  const nodes = new Map<string, MapNode>();
  const edges: MapEdge[] = [];
  const edgeKeys = new Set<string>();
  const addEdge = (e: MapEdge) => {
    const k = `${e.from}\u0000${e.to}`;
    if (edgeKeys.has(k)) return;
    edgeKeys.add(k);
    edges.push(e);
  };

  for (const id of work) nodes.set(id, itemNode(items.get(id)!, links, options.money));
  for (const id of work) {
    for (const down of links.downstreamsOf.get(id) ?? []) {
      if (!work.has(down)) continue;
      const push = links.pushed.get(down);
      addEdge({
        from: id,
        to: down,
        kind: 'dependency',
        label: dependencyLabel(
          push && push.by === id ? push.days : null,
          links.slack?.get(edgeKey({ from: id, to: down })),
        ),
      });
    }
  }
  if (hidden > 0) {
    const key = `more:${start}`;
    nodes.set(key, {
      key,
      kind: 'more',
      label: `+${hidden} more downstream`,
      detail: null,
      health: null,
      target: null,
    });
    addEdge({ from: start, to: key, kind: 'dependency', label: null });
  }

  // Up from every drawn item to the top of its objective tree, then out to the revenue streams.
  for (const id of [...work]) {
    let child = id;
    const seen = new Set<string>([id]);
    for (
      let up = links.serves.get(child);
      up !== undefined && !seen.has(up) && items.has(up);
      up = links.serves.get(child)
    ) {
      seen.add(up);
      const childItem = items.get(child)!;
      const slip =
        child === id && childItem.slipDays !== null && childItem.slipDays > 0 ? days(childItem.slipDays) : null;
      addEdge({ from: child, to: up, kind: 'serves', label: slip });
      if (!nodes.has(up)) nodes.set(up, itemNode(items.get(up)!, links, options.money));
      child = up;
    }
  }
  for (const node of [...nodes.values()]) {
    if (node.kind !== 'objective') continue;
    const stream = links.objectives.get(node.key)?.revenueStream;
    if (!stream) continue;
    const key = `${STREAM_PREFIX}${stream}`;
    if (!nodes.has(key))
      nodes.set(key, { key, kind: 'stream', label: stream, detail: null, health: null, target: null });
    addEdge({ from: node.key, to: key, kind: 'stream', label: null });
  }
  const value = first.impact.valueExposed;
  for (const stream of first.impact.revenueStreams) {
    const node = nodes.get(`${STREAM_PREFIX}${stream}`);
    if (node) node.detail = 'revenue stream';
  }
  if (value > 0)
    nodes.get(start)!.detail = [nodes.get(start)!.detail, `${(options.money ?? compactNumber)(value)} exposed`]
      .filter(Boolean)
      .join(' · ');
  return { start, nodes: [...nodes.values()], edges, hidden };
}

/** The chain through `key`: every node and edge on a path from the start to it and from it onwards. What "focus" keeps lit. */
export function chainThrough(map: ImpactMap, key: string): { nodes: Set<string>; edges: Set<string> } {
  const nodes = new Set<string>([key]);
  const edges = new Set<string>();
  const walk = (next: (e: MapEdge) => string, along: (e: MapEdge) => string) => {
    const by = new Map<string, MapEdge[]>();
    for (const e of map.edges) by.set(along(e), [...(by.get(along(e)) ?? []), e]);
    const stack = [key];
    while (stack.length > 0) {
      for (const e of by.get(stack.pop()!) ?? []) {
        edges.add(edgeKey(e));
        if (!nodes.has(next(e))) {
          nodes.add(next(e));
          stack.push(next(e));
        }
      }
    }
  };
  walk(
    (e) => e.from,
    (e) => e.to,
  );
  walk(
    (e) => e.to,
    (e) => e.from,
  );
  return { nodes, edges };
}

/** The map cut down to the chain through `key`: for a big map, the one path someone is looking at. */
export function onlyChainThrough(map: ImpactMap, key: string): ImpactMap {
  const lit = chainThrough(map, key);
  return {
    ...map,
    nodes: map.nodes.filter((n) => lit.nodes.has(n.key)),
    edges: map.edges.filter((e) => lit.edges.has(edgeKey(e))),
  };
}

export const edgeKey = (e: Pick<MapEdge, 'from' | 'to'>) => `${e.from}->${e.to}`;

/** The items a review would start a map from: the worst first, then those exposing the most value. */
export function mapCandidates(items: ItemReport[]): ItemReport[] {
  return items
    .filter((i) => i.kind !== 'objective' && i.health !== 'Green' && i.impact.objectives.length > 0)
    .sort(
      (a, b) =>
        HEALTH_RANK[a.health] - HEALTH_RANK[b.health] ||
        b.impact.valueExposed - a.impact.valueExposed ||
        (a.id < b.id ? -1 : 1),
    );
}

/**
 * The risks a report maps: the worst first, skipping any already drawn on an earlier map, so three
 * maps show three different chains rather than one chain three times.
 */
export function distinctTopRisks(
  items: Map<string, ItemReport>,
  links: ItemLinks,
  count: number,
  options: ImpactMapOptions = {},
): ImpactMap[] {
  const maps: ImpactMap[] = [];
  const drawn = new Set<string>();
  for (const item of mapCandidates([...items.values()])) {
    if (maps.length >= count) break;
    if (drawn.has(item.id)) continue;
    const map = impactMap(items, links, item.id, options)!;
    for (const n of map.nodes) drawn.add(n.key);
    maps.push(map);
  }
  return maps;
}
