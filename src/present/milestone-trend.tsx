// The milestone trend chart (SPEC §2a): reporting date across, forecast finish up, one line per top
// slipping initiative, and the diagonal where the two meet. A line that stays flat is a date that
// holds; one that climbs with the reporting date is an "on track" that has been drifting for months;
// a milestone is done where its line reaches the diagonal. Plain SVG like the other charts.
import type { MilestoneTrend } from '../engine';
import { dayCount } from '../engine';
import { DASHES, FONT, LegendEntry, Marker, SHAPES, type ChartStyle } from './charts';
import { LIGHT_CHARTS } from './colours';

const day = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const iso = (d: number) => new Date(Math.round(d) * 86_400_000).toISOString().slice(0, 10);

export function MilestoneTrendChart({
  trends,
  width = 300,
  height = 200,
  palette = LIGHT_CHARTS,
}: { trends: MilestoneTrend[]; height?: number } & ChartStyle) {
  if (trends.length === 0)
    return <p>No initiative is forecast after its baseline Due, so there is no milestone trend to draw.</p>;
  const asOfs = trends.flatMap((t) => t.points.map((p) => day(p.asOf)));
  const finishes = trends.flatMap((t) => [
    ...t.points.map((p) => day(p.forecast)),
    ...(t.baselineDue ? [day(t.baselineDue)] : []),
  ]);
  const x0 = Math.min(...asOfs);
  const x1 = Math.max(x0 + 7, ...asOfs);
  const y0 = Math.min(...finishes, x0);
  const y1 = Math.max(y0 + 7, ...finishes);
  const left = 70;
  const right = 10;
  const top = 10;
  const plotH = height - top - 24;
  const X = (d: number) => left + ((d - x0) / (x1 - x0)) * (width - left - right);
  const Y = (d: number) => top + ((y1 - d) / (y1 - y0)) * plotH;
  // The diagonal: the days that are both a reporting date and a forecast finish in view.
  const d0 = Math.max(x0, y0);
  const d1 = Math.min(x1, y1);
  const legendH = trends.length * 16 + 4;
  const last = (t: MilestoneTrend) => t.points[t.points.length - 1];
  return (
    <svg
      role="img"
      aria-label={`Milestone trend of the top slipping initiatives: ${trends
        .map(
          (t) =>
            `${t.id} forecast ${t.points[0].forecast} on ${t.points[0].asOf}, ` +
            `${last(t).forecast} on ${last(t).asOf}, ${dayCount(t.slipVsBaselineDays)} after its baseline Due`,
        )
        .join('; ')}`}
      width={width}
      height={height + legendH}
      fontFamily={FONT}
      fontSize={11}
      data-chart="milestone-trend"
    >
      <line x1={left} x2={left} y1={top} y2={top + plotH} stroke="currentColor" strokeOpacity={0.4} />
      <line x1={left} x2={width - right} y1={top + plotH} y2={top + plotH} stroke="currentColor" strokeOpacity={0.4} />
      {d1 >= d0 && (
        <line
          data-diagonal=""
          x1={X(d0)}
          y1={Y(d0)}
          x2={X(d1)}
          y2={Y(d1)}
          stroke="currentColor"
          strokeOpacity={0.5}
          strokeDasharray="3 3"
        >
          <title>Forecast finish = reporting date: a milestone is done where its line meets this diagonal</title>
        </line>
      )}
      <text x={left - 4} y={top + 8} textAnchor="end" fill="currentColor">
        {iso(y1)}
      </text>
      <text x={left - 4} y={top + plotH} textAnchor="end" fill="currentColor">
        {iso(y0)}
      </text>
      <text x={left} y={height - 4} fill="currentColor">
        {iso(x0)}
      </text>
      <text x={width - right} y={height - 4} textAnchor="end" fill="currentColor">
        {iso(x1)}
      </text>
      {trends.map((t, i) => {
        const colour = palette.series[i % palette.series.length];
        const shape = SHAPES[i % SHAPES.length];
        const pts = t.points.map((p) => `${X(day(p.asOf)).toFixed(1)},${Y(day(p.forecast)).toFixed(1)}`).join(' ');
        return (
          <g key={t.id} data-series={t.id}>
            {t.baselineDue && (
              <line
                data-baseline-due={t.baselineDue}
                x1={left}
                x2={left + 8}
                y1={Y(day(t.baselineDue))}
                y2={Y(day(t.baselineDue))}
                stroke={colour}
                strokeWidth={3}
              >
                <title>{`${t.id} baseline Due ${t.baselineDue}`}</title>
              </line>
            )}
            <polyline
              points={pts}
              fill="none"
              stroke={colour}
              strokeWidth={2}
              strokeDasharray={DASHES[i % DASHES.length]}
            />
            {t.points.map((p) => (
              <Marker key={p.asOf} shape={shape} x={X(day(p.asOf))} y={Y(day(p.forecast))} r={3} colour={colour}>
                <title>{`${t.id} as of ${p.asOf}: forecast finish ${p.forecast}`}</title>
              </Marker>
            ))}
          </g>
        );
      })}
      {trends.map((t, i) => (
        <LegendEntry
          key={`legend-${t.id}`}
          id={t.id}
          name={t.name}
          i={i}
          top={height}
          width={width}
          palette={palette}
          reserve={90}
          r={3}
        >
          {`: +${t.slipVsBaselineDays} d vs baseline`}
        </LegendEntry>
      ))}
    </svg>
  );
}
