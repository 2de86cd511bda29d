// The impact map as SVG. The pane passes onSelect to make nodes buttons that go to their row; the
// report renders the same component to static markup, with no script at all.
import type { KeyboardEvent } from 'react';
import type { PlacedMap, PlacedNode } from './layout';
import { LINE_HEIGHT, clip, labelLines } from './layout';
import { healthFill, healthInk } from './colours';
import { chainThrough, edgeKey, type ImpactMap } from '../engine';

export interface ImpactMapSvgProps {
  map: ImpactMap;
  placed: PlacedMap;
  /** Unique within the page: marker IDs hang off it. */
  idPrefix: string;
  /** Light only the chain through this node. */
  focus?: string | null;
  onSelect?: (node: PlacedNode) => void;
  /**
   * Shrink towards the container's width, but not below this share of the natural size (so text
   * stays legible; wider maps scroll). Absent: natural size.
   */
  fit?: number;
}

// Arrows take the text colour of wherever the map is drawn, so they read on light and dark themes alike.
const EDGE_STYLE = {
  dependency: { opacity: 0.85, dash: undefined },
  serves: { opacity: 0.6, dash: undefined },
  stream: { opacity: 0.6, dash: '4 3' },
} as const;

function path(points: { x: number; y: number }[]): string {
  return points.map((p, i) => `${i === 0 ? 'M' : 'L'}${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ');
}

/** A label in red says the link pushes or has no room left; "slack 15 d" is drawn in grey. */
const late = (label: string) => label.startsWith('+') || label.includes('−');

/** The full text of a box, in the order it is drawn: label, detail, then its health (the tooltip). */
function describe(node: PlacedNode): string {
  return [node.label, node.detail, node.health ? `${node.health} health` : null].filter(Boolean).join(', ');
}

/**
 * A name that starts with what the box shows, word for word and in the same order (WCAG 2.5.3, axe's
 * label-content-name-mismatch), then its health; where the box cuts its text, the whole text follows.
 */
function buttonName(node: PlacedNode): string {
  if (node.kind === 'more') return `Show ${node.label}`;
  const label = labelLines(node.label).join(' ');
  const shown = [label, node.detail ? clip(node.detail) : null].filter(Boolean).join(', ');
  const cut =
    label !== node.label.split(/\s+/).filter(Boolean).join(' ') ||
    (node.detail !== null && clip(node.detail) !== node.detail);
  const whole = cut ? `. In full: ${[node.label, node.detail].filter(Boolean).join(', ')}` : '';
  return `${shown}${node.health ? `, ${node.health} health` : ''}${whole}. Go to its row`;
}

export function ImpactMapSvg({ map, placed, idPrefix, focus = null, onSelect, fit }: ImpactMapSvgProps) {
  const lit = focus ? chainThrough(map, focus) : null;
  const arrow = `${idPrefix}-arrow`;
  const start = map.nodes.find((n) => n.key === map.start);
  const keyDown = (node: PlacedNode) => (e: KeyboardEvent) => {
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      onSelect?.(node);
    }
  };
  return (
    <svg
      xmlns="http://www.w3.org/2000/svg"
      role="group"
      aria-label={`Impact map of ${start?.label ?? map.start}`}
      viewBox={`0 0 ${placed.width} ${placed.height}`}
      width={fit !== undefined ? '100%' : placed.width}
      height={fit !== undefined ? undefined : placed.height}
      style={
        fit !== undefined
          ? { maxWidth: `${placed.width}px`, minWidth: `${Math.round(placed.width * fit)}px`, height: 'auto' }
          : undefined
      }
      fontFamily="Segoe UI, system-ui, sans-serif"
      fontSize={11}
      data-map={map.start}
    >
      <defs>
        <marker
          id={arrow}
          viewBox="0 0 10 10"
          refX="9"
          refY="5"
          markerWidth="7"
          markerHeight="7"
          orient="auto-start-reverse"
        >
          <path d="M0,0 L10,5 L0,10 z" fill="currentColor" />
        </marker>
      </defs>
      {placed.edges.map((e) => {
        const style = EDGE_STYLE[e.kind];
        const dim = lit !== null && !lit.edges.has(edgeKey(e));
        return (
          <g key={edgeKey(e)} data-edge={edgeKey(e)} opacity={dim ? 0.2 : 1}>
            <path
              d={path(e.points)}
              fill="none"
              stroke="currentColor"
              strokeOpacity={style.opacity}
              strokeWidth={e.kind === 'dependency' ? 1.6 : 1.1}
              strokeDasharray={style.dash}
              markerEnd={`url(#${arrow})`}
            />
            {e.label && e.labelAt && (
              <g>
                <rect
                  x={e.labelAt.x - e.label.length * 3.3 - 4}
                  y={e.labelAt.y - 8}
                  width={e.label.length * 6.6 + 8}
                  height={15}
                  rx={3}
                  fill="#FFFFFF"
                  stroke={late(e.label) ? '#C50F1F' : '#8A8886'}
                  strokeWidth={0.8}
                />
                <text
                  x={e.labelAt.x}
                  y={e.labelAt.y + 3.5}
                  textAnchor="middle"
                  fill={late(e.label) ? '#A4262C' : '#484644'}
                  fontWeight={600}
                >
                  {e.label}
                </text>
              </g>
            )}
          </g>
        );
      })}
      {placed.nodes.map((n) => {
        const dim = lit !== null && !lit.nodes.has(n.key);
        // Rows go to their row; the collapsed group opens up.
        const clickable = Boolean(onSelect && (n.target || n.kind === 'more'));
        const isStart = n.key === map.start;
        return (
          <g
            key={n.key}
            data-node={n.key}
            data-health={n.health ?? undefined}
            transform={`translate(${n.x.toFixed(1)},${n.y.toFixed(1)})`}
            opacity={dim ? 0.3 : 1}
            role={clickable ? 'button' : undefined}
            tabIndex={clickable ? 0 : undefined}
            aria-label={clickable ? buttonName(n) : undefined}

            onClick={clickable ? () => onSelect!(n) : undefined}
            onKeyDown={clickable ? keyDown(n) : undefined}
            style={clickable ? { cursor: 'pointer' } : undefined}
          >
            <title>{describe(n)}</title>
            <rect
              width={n.width}
              height={n.height}
              rx={n.kind === 'stream' ? n.height / 2 : n.kind === 'objective' ? 2 : 7}
              fill={n.kind === 'more' ? '#F3F2F1' : healthFill(n.health)}
              stroke={isStart ? '#201F1E' : healthInk(n.health)}
              strokeWidth={isStart ? 2.4 : 1}
              strokeDasharray={n.kind === 'more' ? '4 3' : undefined}
            />
            {labelLines(n.label).map((line, i, lines) => (
              <text
                key={i}
                x={n.width / 2}
                y={(n.height - LINE_HEIGHT * (lines.length + (n.detail ? 1 : 0))) / 2 + LINE_HEIGHT * (i + 1) - 3}
                textAnchor="middle"
                fill={healthInk(n.health)}
                fontWeight={n.kind === 'objective' || isStart ? 600 : 400}
              >
                {line}
                {/* Read aloud, the lines run on: a space keeps "billing" and "integration" apart (it draws as nothing). */}
                {i < lines.length - 1 || n.detail ? ' ' : null}
              </text>
            ))}
            {n.detail && (
              <text
                x={n.width / 2}
                y={
                  (n.height - LINE_HEIGHT * (labelLines(n.label).length + 1)) / 2 +
                  LINE_HEIGHT * (labelLines(n.label).length + 1) -
                  3
                }
                textAnchor="middle"
                fill={healthInk(n.health)}
                fontSize={11}
              >
                {clip(n.detail)}
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
