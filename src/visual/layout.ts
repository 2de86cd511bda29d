// Positions an impact map left to right with dagre's layered layout: dependencies flow from the
// start towards the objectives and revenue streams, crossings kept low by the library, not by hand.
import type { ImpactMap, MapEdge, MapNode } from '../engine/map/impact-map';
import { dagre } from './dagre';

export interface PlacedNode extends MapNode {
  /** Top-left corner and size, in SVG user units. */
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PlacedEdge extends MapEdge {
  points: { x: number; y: number }[];
  /** Centre of the label, when there is one. */
  labelAt: { x: number; y: number } | null;
}

export interface PlacedMap {
  width: number;
  height: number;
  nodes: PlacedNode[];
  edges: PlacedEdge[];
}

/** Longest label line drawn before it is cut with an ellipsis. */
export const MAX_LABEL_CHARS = 26;
const CHAR_WIDTH = 7;
const PAD = 12;
const NODE_HEIGHT = 40;
const MARGIN = 8;

export function clip(text: string, max = MAX_LABEL_CHARS): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

function nodeWidth(node: MapNode): number {
  const longest = Math.max(clip(node.label).length, clip(node.detail ?? '').length);
  return Math.round(Math.max(72, longest * CHAR_WIDTH + 2 * PAD));
}

export function layoutMap(map: ImpactMap): PlacedMap {
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({ rankdir: 'LR', nodesep: 14, ranksep: 34, edgesep: 8, marginx: MARGIN, marginy: MARGIN });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of map.nodes) g.setNode(node.key, { width: nodeWidth(node), height: NODE_HEIGHT });
  for (const edge of map.edges) {
    g.setEdge(edge.from, edge.to, edge.label ? { width: edge.label.length * CHAR_WIDTH + 8, height: 14, labelpos: 'c' } : {});
  }
  dagre.layout(g);
  const nodes = map.nodes.map((node): PlacedNode => {
    const n = g.node(node.key);
    return { ...node, x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height };
  });
  const edges = map.edges.map((edge): PlacedEdge => {
    const e = g.edge(edge.from, edge.to) as { points?: { x: number; y: number }[]; x?: number; y?: number };
    return { ...edge, points: e.points ?? [], labelAt: edge.label && e.x !== undefined && e.y !== undefined ? { x: e.x, y: e.y } : null };
  });
  const graph = g.graph() as { width?: number; height?: number };
  return { width: Math.ceil(graph.width ?? 0), height: Math.ceil(graph.height ?? 0), nodes, edges };
}
