// Positions an impact map left to right with dagre's layered layout: dependencies flow from the
// start towards the objectives and revenue streams, crossings kept low by the library, not by hand.
import type { ImpactMap, MapEdge, MapNode } from '../engine';
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

/** Most lines a box's label wraps onto before the rest is cut. */
export const MAX_LABEL_LINES = 3;
export const LINE_HEIGHT = 14;

/**
 * A label wrapped at word boundaries into lines of at most MAX_LABEL_CHARS, so a box shows the
 * whole name (and its accessible name contains what it shows); only a very long name is cut.
 */
export function labelLines(text: string, max = MAX_LABEL_CHARS, most = MAX_LABEL_LINES): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const next = line ? `${line} ${word}` : word;
    if (next.length <= max) line = next;
    else {
      if (line) lines.push(line);
      line = word.length > max ? clip(word, max) : word;
    }
  }
  if (line) lines.push(line);
  if (lines.length <= most) return lines;
  const kept = lines.slice(0, most);
  kept[most - 1] = clip(`${kept[most - 1]} ${lines[most]}`, max);
  if (!kept[most - 1].endsWith('…')) kept[most - 1] = `${kept[most - 1].slice(0, max - 1)}…`;
  return kept;
}

function nodeSize(node: MapNode): { width: number; height: number } {
  const lines = labelLines(node.label);
  const longest = Math.max(...lines.map((l) => l.length), clip(node.detail ?? '').length);
  return {
    width: Math.round(Math.max(72, longest * CHAR_WIDTH + 2 * PAD)),
    height: Math.max(NODE_HEIGHT, 12 + LINE_HEIGHT * (lines.length + (node.detail ? 1 : 0))),
  };
}

/** Left to right where there is room; top to bottom in a narrow pane, where a chain reads down the page. */
export type MapDirection = 'LR' | 'TB';

export function layoutMap(map: ImpactMap, direction: MapDirection = 'LR'): PlacedMap {
  const g = new dagre.graphlib.Graph({ multigraph: false });
  g.setGraph({
    rankdir: direction,
    nodesep: 14,
    ranksep: direction === 'LR' ? 34 : 28,
    edgesep: 8,
    marginx: MARGIN,
    marginy: MARGIN,
  });
  g.setDefaultEdgeLabel(() => ({}));
  for (const node of map.nodes) g.setNode(node.key, nodeSize(node));
  for (const edge of map.edges) {
    g.setEdge(
      edge.from,
      edge.to,
      edge.label ? { width: edge.label.length * CHAR_WIDTH + 8, height: 14, labelpos: 'c' } : {},
    );
  }
  dagre.layout(g);
  const nodes = map.nodes.map((node): PlacedNode => {
    const n = g.node(node.key);
    return { ...node, x: n.x - n.width / 2, y: n.y - n.height / 2, width: n.width, height: n.height };
  });
  const edges = map.edges.map((edge): PlacedEdge => {
    const e = g.edge(edge.from, edge.to) as { points?: { x: number; y: number }[]; x?: number; y?: number };
    return {
      ...edge,
      points: e.points ?? [],
      labelAt: edge.label && e.x !== undefined && e.y !== undefined ? { x: e.x, y: e.y } : null,
    };
  });
  const graph = g.graph() as { width?: number; height?: number };
  return { width: Math.ceil(graph.width ?? 0), height: Math.ceil(graph.height ?? 0), nodes, edges };
}
