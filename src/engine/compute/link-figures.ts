// Each dependency as a commitment (SPEC §2 Links, §3 link flags): how late its upstream may finish,
// how much room is left, how far it pushes, whether the promise holds. Runs after the forward pass,
// on the states it left, so the figures agree with the forecasts the Initiatives sheet shows.
import type { DependencyRow, Day, Flag, Health, InitiativeRow, Settings, ValidationError } from '../types';
import type { LinkedModel } from '../graph/links';
import { isoFromDay } from '../parse/values';
import { messages } from '../messages';
import { dayCount, pct } from '../format';
import { LAST_DAY, remainingDays } from './dependencies';
import { plus, type ItemState } from './state';

export interface LinkFigures {
  health: Health;
  /** Latest day the upstream may finish without moving the downstream; null for a KPI, done or cycled downstream. */
  latestFinish: Day | null;
  /** Latest finish − upstream forecast (negative: the link pushes); null where either is unknown. */
  slack: number | null;
  /** Days this link moves the downstream's forecast; 0 when another link pushes further; null for a KPI downstream. */
  push: number | null;
  /** The upstream initiative's forecast finish while it is open; null for a KPI or a complete upstream. */
  upstreamForecast: Day | null;
  /** It would push the downstream past Due by more than Slip Red Days on its own. */
  red: boolean;
}

export interface LinkState extends LinkFigures {
  row: DependencyRow;
  flags: Flag[];
  /** Each flag's message after its "INI-1 → INI-2: " lead, in the same order: the link's Risks row shows these. */
  said: string[];
}

const NO_FIGURES: LinkFigures = {
  health: 'Grey',
  latestFinish: null,
  slack: null,
  push: null,
  upstreamForecast: null,
  red: false,
};

const risk = (h: Health): Health => (h === 'Red' || h === 'Amber' ? 'Amber' : 'Green');

// A link's dates repeat across thousands of links (a few hundred distinct days in a plan): each text
// is made once, not once per message, Risks row and report entry. Bounded, as a long-lived pane refreshes for weeks.
const ISO_CACHE = new Map<Day, string>();

/** isoFromDay, remembered: the link texts ask for the same few days again and again. */
export function linkIso(d: Day): string {
  let iso = ISO_CACHE.get(d);
  if (iso === undefined) {
    if (ISO_CACHE.size >= 20_000) ISO_CACHE.clear();
    ISO_CACHE.set(d, (iso = isoFromDay(d)));
  }
  return iso;
}

/** The figures of one link; `cycled` links have none (the cycle is reported as an error and its items go Grey). */
export function linkFigures(
  d: DependencyRow,
  up: ItemState,
  down: ItemState,
  downRow: InitiativeRow | null,
  cycled: boolean,
  s: Settings,
): LinkFigures {
  if (cycled) return NO_FIGURES;
  const upstreamForecast = up.kind === 'initiative' && !up.complete ? up.forecast : null;
  // A KPI moves in no time: nothing to push, the link is as healthy as what it waits on.
  if (downRow === null) return { ...NO_FIGURES, health: up.complete ? 'Green' : up.health, upstreamForecast };
  // Nobody waits on a finished downstream, and a finished upstream can push nothing.
  if (down.complete) return { ...NO_FIGURES, health: 'Green', push: 0, upstreamForecast };
  const remaining = remainingDays(downRow, down.progress);
  const latestFinish = downRow.due - remaining - d.lagDays;
  if (up.complete) return { ...NO_FIGURES, health: 'Green', latestFinish, push: 0 };
  if (upstreamForecast === null) return { ...NO_FIGURES, health: risk(up.health), latestFinish, push: 0 };
  const slack = latestFinish - upstreamForecast;
  const implied = Math.min(upstreamForecast + d.lagDays + remaining, LAST_DAY);
  const pushed = down.pushed;
  const push = pushed !== null && pushed.by === d.upstream && implied === down.forecast ? pushed.days : 0;
  // Red judges the link on its own: it would move the downstream's own forecast, and past Due by more
  // than Slip Red Days, whether or not another link pushes further still.
  const ownForecast = (down.forecast ?? downRow.due) - (pushed?.days ?? 0);
  const red = implied > ownForecast && implied - downRow.due > s.slipRedDays;
  const health: Health = red ? 'Red' : slack < 0 ? 'Amber' : risk(up.health);
  return { health, latestFinish, slack, push, upstreamForecast, red };
}

/** A link's flags, and what each says after its "INI-1 → INI-2: " lead (the link's Risks row shows that). */
export interface CommitmentFlags {
  flags: Flag[];
  said: string[];
}

// Only `said` is shared: `flags` reaches the report, where each link has its own array.
const NOTHING_SAID: string[] = [];

/**
 * The link flags of SPEC §3, each message naming the link and both dates. The message is its lead and
 * its text joined, never cut apart again: cutting a built string makes V8 copy it whole, once a link.
 */
export function commitmentFlags(d: DependencyRow, f: LinkFigures, done: boolean, downDue: Day | null): CommitmentFlags {
  if (done) return { flags: [], said: NOTHING_SAID };
  const label = `${d.upstream} → ${d.downstream}`;
  const flags: Flag[] = [];
  const said: string[] = [];
  const add = (code: Flag['code'], severity: Flag['severity'], text: string) => {
    flags.push({ code, severity, message: messages.linkFlagMessage(label, text) });
    said.push(text);
  };
  const forecast = f.upstreamForecast;
  if (d.commitment === 'Declined') add('declined-dependency', 'high', messages.declined(d.upstream));
  if (d.committed !== null && forecast !== null && forecast > d.committed) {
    const text = messages.commitmentAtRisk(d.upstream, linkIso(forecast), linkIso(d.committed), forecast - d.committed);
    add('commitment-at-risk', 'high', text);
  }
  if (d.neededBy !== null && forecast !== null && forecast > d.neededBy) {
    const past = f.red && f.slack !== null && downDue !== null ? -f.slack : null;
    const pushes =
      past === null ? '' : ` and pushes ${d.downstream} ${dayCount(past)} past its Due ${linkIso(downDue!)}`;
    const text = messages.needNotMet(d.upstream, linkIso(forecast), linkIso(d.neededBy), forecast - d.neededBy, pushes);
    add('need-not-met', f.red ? 'high' : 'warn', text);
  }
  const promised = d.commitment === 'Committed' || d.commitment === 'Delivered';
  if (d.neededBy !== null && d.committed === null && !promised)
    add('uncommitted-dependency', 'warn', messages.uncommitted(d.upstream, linkIso(d.neededBy)));
  return { flags, said: flags.length > 0 ? said : NOTHING_SAID };
}

/** Upstream finished (an initiative complete, a KPI at its target): what Delivered claims. */
const finished = (st: ItemState) => st.complete || (st.kind === 'kpi' && (st.progress ?? 0) >= 1);

/**
 * Every linked dependency's figures and flags. Link flags are also added to the upstream item (its
 * owner is the one to chase); Delivered while the upstream is still open is a data warning at the
 * Status cell, and the link is computed as open.
 */
export function linkStates(
  model: LinkedModel,
  states: Map<string, ItemState>,
  s: Settings,
  address: (d: DependencyRow, field: string) => string,
  warnings: ValidationError[],
): LinkState[] {
  return model.dependencies.map((d) => {
    const up = states.get(d.upstream)!;
    const down = states.get(d.downstream)!;
    const downRow = model.initiatives.get(d.downstream) ?? null;
    const cycled = model.dependencyCycled.has(d.upstream) || model.dependencyCycled.has(d.downstream);
    const figures = linkFigures(d, up, down, downRow, cycled, s);
    const { flags, said } = commitmentFlags(d, figures, up.complete || down.complete, downRow?.due ?? null);
    if (d.commitment === 'Delivered' && !finished(up)) {
      warnings.push({
        sheet: d.src.sheet,
        cell: address(d, 'commitment'),
        code: 'delivered-not-complete',
        message: messages.deliveredNotComplete(d.upstream, up.progress === null ? 'not reported' : pct(up.progress)),
      });
    }
    for (const f of flags) {
      up.flags = plus(up.flags, f);
      ((up.linkFlagsTo ??= {})[f.code] ??= []).push(d.downstream);
    }
    // One object of one shape per link (a spread copies the figures into a second one).
    return {
      health: figures.health,
      latestFinish: figures.latestFinish,
      slack: figures.slack,
      push: figures.push,
      upstreamForecast: figures.upstreamForecast,
      red: figures.red,
      row: d,
      flags,
      said,
    };
  });
}
