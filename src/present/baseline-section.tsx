// The report's "What moved since the baseline" section, beside "What changed since the last refresh":
// goalposts moved, items gone, initiatives now forecast after their baseline Due, and the milestone trend.
import type { SinceBaseline } from '../engine';
import { MilestoneTrendChart } from './milestone-trend';

const MOST = 25;

export function BaselineSection({ since }: { since: SinceBaseline }) {
  const quiet = since.moved.length === 0 && since.removed.length === 0 && since.slipping.length === 0;
  return (
    <section aria-labelledby="since-baseline">
      <h2 id="since-baseline">What moved {since.title}</h2>
      {quiet && <p>No goalpost moved, nothing was removed, and no initiative is forecast after its baseline Due.</p>}
      {since.moved.length > 0 && (
        <>
          <h3>Goalposts moved</h3>
          <ul data-moved="">
            {since.moved.slice(0, MOST).map((m) => (
              <li key={m.id}>
                <b>
                  {m.id} {m.name}
                </b>{' '}
                ({m.severity}): {m.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {since.removed.length > 0 && (
        <>
          <h3>Removed from the workbook</h3>
          <ul data-removed="">
            {since.removed.map((r) => (
              <li key={r.id}>
                <b>
                  {r.id} {r.name}
                </b>
                : {r.message}
              </li>
            ))}
          </ul>
        </>
      )}
      {since.slipping.length > 0 && (
        <p>
          {since.slipping.length} initiative{since.slipping.length === 1 ? ' is' : 's are'} forecast after the baseline
          Due:{' '}
          {since.slipping
            .slice(0, 8)
            .map((s) => `${s.id} +${s.days} d`)
            .join(', ')}
          {since.slipping.length > 8 ? ', …' : ''}.
        </p>
      )}
      {since.milestones.length > 0 && (
        <div className="chart">
          <h3>Milestone trend of the top slipping initiatives</h3>
          <MilestoneTrendChart trends={since.milestones} width={420} />
          <p className="sub">
            Reporting date across, forecast finish up, one point per refresh. A flat line is a date that holds; a line
            climbing with the reporting date is a finish that keeps moving; the dashed diagonal is where a milestone is
            done. The tick on the left is the baseline Due.
          </p>
        </div>
      )}
    </section>
  );
}
