// A dependency in words: its slack and push, and the promise behind it. The pane's Dependencies view
// and the board pack say them the same way.
import type { DependencyReport } from '../engine';
import { dayCount } from '../engine';

const plural = dayCount;

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

/** The promise in a few words for a narrow cell: the date promised (or needed), and the forecast against it. */
export function promiseShort(d: DependencyReport): string {
  if (d.status === 'Declined') return 'Declined';
  const asked = d.committed ? `committed ${d.committed}` : d.neededBy ? `needed by ${d.neededBy}` : (d.status ?? '');
  return [asked, d.upstreamForecast && asked ? `forecast ${d.upstreamForecast}` : ''].filter(Boolean).join(' · ');
}
