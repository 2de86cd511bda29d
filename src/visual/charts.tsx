// Three charts a weekly review looks at: objectives by health, value at risk by revenue stream, and how
// the top slipping initiatives' finish moved. Plain SVG (a few bars and lines do not earn a charting
// library), rendered by the pane and to static markup by the report; text uses currentColor so it
// reads on light and dark themes.
import type { Health } from '../engine/types';
import type { StreamValue } from '../engine/map/breakdown';
import type { SlipTrend } from '../engine/map/trends';
import { compactNumber } from '../engine/format';
import { HEALTH_STRONG, SERIES } from './colours';
import { clip } from './layout';

const FONT = 'Segoe UI, system-ui, sans-serif';
const HEALTH_ORDER: Health[] = ['Red', 'Amber', 'Green', 'Grey'];

export function HealthChart({ counts, width = 300 }: { counts: Record<Health, number>; width?: number }) {
  const max = Math.max(1, ...HEALTH_ORDER.map((h) => counts[h]));
  const label = 52;
  const bar = width - label - 36;
  const rowH = 22;
  return (
    <svg role="img" aria-label={`Objectives by health: ${HEALTH_ORDER.map((h) => `${counts[h]} ${h}`).join(', ')}`} width={width} height={rowH * 4 + 4} fontFamily={FONT} fontSize={12} data-chart="health">
      {HEALTH_ORDER.map((h, i) => (
        <g key={h} transform={`translate(0,${i * rowH + 2})`} data-bar={h}>
          <text x={0} y={14} fill="currentColor">
            {h}
          </text>
          <rect x={label} y={3} height={14} width={Math.max(counts[h] > 0 ? 2 : 0, (counts[h] / max) * bar)} rx={2} fill={HEALTH_STRONG[h]} />
          <text x={label + (counts[h] / max) * bar + 6} y={14} fill="currentColor">
            {counts[h]}
          </text>
        </g>
      ))}
    </svg>
  );
}

export function StreamChart({ rows, width = 300 }: { rows: StreamValue[]; width?: number }) {
  if (rows.length === 0) return <p>No objective carries a Value at Stake.</p>;
  const max = Math.max(1, ...rows.map((r) => r.atStake));
  const bar = width - 8;
  const rowH = 40;
  return (
    <svg
      role="img"
      aria-label={`Value at risk by revenue stream: ${rows.map((r) => `${r.stream} ${compactNumber(r.atRisk)} of ${compactNumber(r.atStake)}`).join('; ')}`}
      width={width}
      height={rows.length * rowH + 4}
      fontFamily={FONT}
      fontSize={12}
      data-chart="streams"
    >
      {rows.map((r, i) => (
        <g key={r.stream} transform={`translate(0,${i * rowH + 2})`} data-bar={r.stream}>
          <text x={0} y={12} fill="currentColor">
            {clip(r.stream, 24)} · {compactNumber(r.atRisk)} at risk of {compactNumber(r.atStake)}
          </text>
          <rect x={0} y={18} height={14} width={(r.atStake / max) * bar} rx={2} fill="#C8C6C4" />
          <rect x={0} y={18} height={14} width={(r.atRisk / max) * bar} rx={2} fill={HEALTH_STRONG.Red} />
        </g>
      ))}
    </svg>
  );
}

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

export function SlipChart({ trends, width = 300, height = 180 }: { trends: SlipTrend[]; width?: number; height?: number }) {
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
  return (
    <svg
      role="img"
      aria-label={`Forecast slip of the top slipping initiatives: ${trends.map((t) => `${t.id} now ${t.points[t.points.length - 1].slipDays} days late`).join('; ')}`}
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
        const colour = SERIES[i % SERIES.length];
        const pts = t.points.map((p) => `${X(p.date).toFixed(1)},${Y(p.slipDays).toFixed(1)}`).join(' ');
        return (
          <g key={t.id} data-series={t.id}>
            <polyline points={pts} fill="none" stroke={colour} strokeWidth={2} />
            {t.points.map((p) =>
              p.basis === 'forecast' ? (
                <rect key={p.date + p.basis} x={X(p.date) - 4} y={Y(p.slipDays) - 4} width={8} height={8} fill={colour}>
                  <title>{`${t.id} forecast today: ${p.slipDays} days after Due ${t.due}`}</title>
                </rect>
              ) : p.basis === 'plan' ? (
                <circle key={p.date + p.basis} cx={X(p.date)} cy={Y(p.slipDays)} r={3} fill="none" stroke={colour} strokeWidth={1.5}>
                  <title>{`${t.id} planned on ${p.date} to finish on Due ${t.due}`}</title>
                </circle>
              ) : (
                <circle key={p.date + p.basis} cx={X(p.date)} cy={Y(p.slipDays)} r={3} fill={colour}>
                  <title>{`${t.id} at the pace of ${p.date}: ${p.slipDays} days after Due ${t.due}`}</title>
                </circle>
              ),
            )}
          </g>
        );
      })}
      {trends.map((t, i) => (
        <g key={`legend-${t.id}`} transform={`translate(0,${height + 4 + i * 16})`}>
          <rect x={0} y={2} width={10} height={10} fill={SERIES[i % SERIES.length]} />
          <text x={16} y={11} fill="currentColor">
            {clip(`${t.id} ${t.name}`, 36)}: +{t.points[t.points.length - 1].slipDays} d
          </text>
        </g>
      ))}
    </svg>
  );
}
