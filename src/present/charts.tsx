// Three charts a weekly review looks at: objectives by health, value at risk by revenue stream, and how
// the top slipping initiatives' finish moved. Plain SVG (a few bars and lines do not earn a charting
// library), rendered by the pane and to static markup by the report; text uses currentColor so it
// reads on light and dark themes.
import type { Health } from '../engine';
import type { StreamValue } from '../engine';
import type { SlipTrend } from '../engine';
import { compactNumber } from '../engine';
import { dayCount } from '../engine';
import { LIGHT_CHARTS, type ChartPalette } from './colours';
import { clip } from './layout';

export const FONT = 'Segoe UI, system-ui, sans-serif';
const HEALTH_ORDER: Health[] = ['Red', 'Amber', 'Green', 'Grey'];

export interface ChartStyle {
  width?: number;
  /** Colours for the theme the chart is drawn on (light by default). */
  palette?: ChartPalette;
}

export function HealthChart({
  counts,
  width = 300,
  palette = LIGHT_CHARTS,
}: { counts: Record<Health, number> } & ChartStyle) {
  const max = Math.max(1, ...HEALTH_ORDER.map((h) => counts[h]));
  const label = 52;
  const bar = width - label - 36;
  const rowH = 22;
  return (
    <svg
      role="img"
      aria-label={`Objectives by health: ${HEALTH_ORDER.map((h) => `${counts[h]} ${h}`).join(', ')}`}
      width={width}
      height={rowH * 4 + 4}
      fontFamily={FONT}
      fontSize={12}
      data-chart="health"
    >
      {HEALTH_ORDER.map((h, i) => (
        <g key={h} transform={`translate(0,${i * rowH + 2})`} data-bar={h}>
          <text x={0} y={14} fill="currentColor">
            {h}
          </text>
          <rect
            x={label}
            y={3}
            height={14}
            width={Math.max(counts[h] > 0 ? 2 : 0, (counts[h] / max) * bar)}
            rx={2}
            fill={palette.health[h]}
          />
          <text x={label + (counts[h] / max) * bar + 6} y={14} fill="currentColor">
            {counts[h]}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function StreamChart({
  rows,
  width = 300,
  palette = LIGHT_CHARTS,
  money = compactNumber,
}: {
  rows: StreamValue[];
  /** How money reads ("$4.5M"); plain "4.5M" by default. */ money?: (value: number) => string;
} & ChartStyle) {
  if (rows.length === 0) return <p>No objective carries a Value at Stake.</p>;
  const max = Math.max(1, ...rows.map((r) => r.atStake));
  const bar = width - 8;
  const rowH = 40;
  return (
    <svg
      role="img"
      aria-label={`Value at risk by revenue stream: ${rows.map((r) => `${r.stream} ${money(r.atRisk)} of ${money(r.atStake)}`).join('; ')}`}
      width={width}
      height={rows.length * rowH + 4}
      fontFamily={FONT}
      fontSize={12}
      data-chart="streams"
    >
      {rows.map((r, i) => (
        <g key={r.stream} transform={`translate(0,${i * rowH + 2})`} data-bar={r.stream}>
          <text x={0} y={12} fill="currentColor">
            {clip(r.stream, Math.max(12, Math.floor((width - 130) / 6.5)))} · {money(r.atRisk)} at risk of{' '}
            {money(r.atStake)}
          </text>
          {/* The whole value as an outline in the text colour (full contrast on any theme), the part at risk filled. */}
          <rect
            x={0.5}
            y={18.5}
            height={13}
            width={Math.max(1, (r.atStake / max) * bar - 1)}
            rx={2}
            fill="none"
            stroke="currentColor"
            strokeOpacity={0.7}
          />
          <rect x={0} y={18} height={14} width={(r.atRisk / max) * bar} rx={2} fill={palette.health.Red} />
        </g>
      ))}
    </svg>
  );
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** Each series has its own marker and dash as well as its own colour, so no one has to tell lines apart by hue alone. */
export const DASHES = [undefined, '6 3', '2 3', '8 3 2 3', '4 4'];
export type Shape = 'circle' | 'square' | 'triangle' | 'diamond' | 'cross';
export const SHAPES: Shape[] = ['circle', 'square', 'triangle', 'diamond', 'cross'];

export function Marker({
  shape,
  x,
  y,
  r,
  colour,
  hollow,
  children,
}: {
  shape: Shape;
  x: number;
  y: number;
  r: number;
  colour: string;
  hollow?: boolean;
  children?: React.ReactNode;
}) {
  const paint = hollow ? { fill: 'none', stroke: colour, strokeWidth: 1.5 } : { fill: colour };
  const pts = (list: [number, number][]) =>
    list.map(([a, b]) => `${(x + a).toFixed(1)},${(y + b).toFixed(1)}`).join(' ');
  if (shape === 'circle')
    return (
      <circle cx={x} cy={y} r={r} {...paint}>
        {children}
      </circle>
    );
  if (shape === 'square')
    return (
      <rect x={x - r} y={y - r} width={2 * r} height={2 * r} {...paint}>
        {children}
      </rect>
    );
  if (shape === 'triangle')
    return (
      <polygon
        points={pts([
          [0, -r * 1.2],
          [r * 1.1, r * 0.8],
          [-r * 1.1, r * 0.8],
        ])}
        {...paint}
      >
        {children}
      </polygon>
    );
  if (shape === 'diamond')
    return (
      <polygon
        points={pts([
          [0, -r * 1.3],
          [r * 1.3, 0],
          [0, r * 1.3],
          [-r * 1.3, 0],
        ])}
        {...paint}
      >
        {children}
      </polygon>
    );
  return (
    <path
      d={`M${x - r},${y - r} L${x + r},${y + r} M${x - r},${y + r} L${x + r},${y - r}`}
      stroke={colour}
      strokeWidth={hollow ? 1.5 : 2.5}
      fill="none"
    >
      {children}
    </path>
  );
}

export function SlipChart({
  trends,
  width = 300,
  height = 180,
  palette = LIGHT_CHARTS,
}: { trends: SlipTrend[]; height?: number } & ChartStyle) {
  if (trends.length === 0) return <p>No initiative is forecast to finish after its Due date.</p>;
  const all = trends.flatMap((t) => t.points);
  const x0 = Math.min(...all.map((p) => day(p.date)));
  const x1 = Math.max(x0 + 1, ...all.map((p) => day(p.date)));
  const y0 = Math.min(0, ...all.map((p) => p.slipDays));
  const y1 = Math.max(1, ...all.map((p) => p.slipDays));
  const left = 40;
  const right = 8;
  const top = 8;
  const plotH = height - top - 22;
  const X = (iso: string) => left + ((day(iso) - x0) / (x1 - x0)) * (width - left - right);
  const Y = (d: number) => top + ((y1 - d) / (y1 - y0)) * plotH;
  const first = new Date(x0 * 86_400_000).toISOString().slice(0, 10);
  const last = new Date(x1 * 86_400_000).toISOString().slice(0, 10);
  const legendH = trends.length * 16 + 4;
  const slipWords = trends
    .map((t) => `${t.id} now ${dayCount(t.points[t.points.length - 1].slipDays)} late`)
    .join('; ');
  return (
    <svg
      role="img"
      aria-label={`Forecast slip of the top slipping initiatives: ${slipWords}`}
      width={width}
      height={height + legendH}
      fontFamily={FONT}
      fontSize={11}
      data-chart="slip"
    >
      <line x1={left} x2={width - right} y1={Y(0)} y2={Y(0)} stroke="currentColor" strokeOpacity={0.5} />
      <text x={left - 4} y={Y(0) + 4} textAnchor="end" fill="currentColor">
        Due
      </text>
      <text x={left - 4} y={Y(y1) + 8} textAnchor="end" fill="currentColor">
        +{y1} d
      </text>
      <text x={left} y={height - 4} fill="currentColor">
        {first}
      </text>
      <text x={width - right} y={height - 4} textAnchor="end" fill="currentColor">
        {last}
      </text>
      {trends.map((t, i) => {
        const colour = palette.series[i % palette.series.length];
        const shape = SHAPES[i % SHAPES.length];
        const pts = t.points.map((p) => `${X(p.date).toFixed(1)},${Y(p.slipDays).toFixed(1)}`).join(' ');
        return (
          <g key={t.id} data-series={t.id}>
            <polyline
              points={pts}
              fill="none"
              stroke={colour}
              strokeWidth={2}
              strokeDasharray={DASHES[i % DASHES.length]}
            />
            {t.points.map((p) => (
              <Marker
                key={p.date + p.basis}
                shape={shape}
                x={X(p.date)}
                y={Y(p.slipDays)}
                r={p.basis === 'forecast' ? 5 : 3.5}
                colour={colour}
                hollow={p.basis === 'plan'}
              >
                <title>
                  {p.basis === 'forecast'
                    ? `${t.id} forecast today: ${dayCount(p.slipDays)} after Due ${t.due}`
                    : p.basis === 'plan'
                      ? `${t.id} planned on ${p.date} to finish on Due ${t.due}`
                      : `${t.id} at the pace of ${p.date}: ${dayCount(p.slipDays)} after Due ${t.due}`}
                </title>
              </Marker>
            ))}
          </g>
        );
      })}
      {trends.map((t, i) => (
        <LegendEntry key={`legend-${t.id}`} id={t.id} name={t.name} i={i} top={height} width={width} palette={palette}>
          {`: +${t.points[t.points.length - 1].slipDays} d`}
        </LegendEntry>
      ))}
    </svg>
  );
}

/** One legend line of a series chart: the series' dash and marker, its name cut to fit, then a figure. */
export function LegendEntry({
  id,
  name,
  i,
  top,
  width,
  palette,
  reserve = 80,
  r = 3.5,
  children,
}: {
  id: string;
  name: string;
  i: number;
  top: number;
  width: number;
  palette: ChartPalette;
  /** Room the figure after the name needs. */
  reserve?: number;
  r?: number;
  children: string;
}) {
  const colour = palette.series[i % palette.series.length];
  return (
    <g transform={`translate(0,${top + 4 + i * 16})`} data-legend={id}>
      <line x1={0} x2={22} y1={7} y2={7} stroke={colour} strokeWidth={2} strokeDasharray={DASHES[i % DASHES.length]} />
      <Marker shape={SHAPES[i % SHAPES.length]} x={11} y={7} r={r} colour={colour} />
      <text x={28} y={11} fill="currentColor">
        {clip(`${id} ${name}`, Math.max(14, Math.floor((width - reserve) / 6.2)))}
        {children}
      </text>
    </g>
  );
}
