// The forward pass: slips travel downstream through dependencies, in topological order.
import type { Health, InitiativeRow, Settings } from '../types';
import type { LinkedModel } from '../graph/links';
import { isoFromDay } from '../parse/values';
import { worst } from './health';
import { slipHealth } from './work';
import { plus, type ItemState } from './state';
import { flat } from '../flat-text';
import { dayCount } from '../format';

/** 9999-12-31: chains of pushes stop at the last date a spreadsheet can hold. */
export const LAST_DAY = 2932896;

/** Whole days of work an initiative has left: (1 − % complete) × (Due − Start), rounded up; 0 without a Start. */
export function remainingDays(initiative: InitiativeRow, progress: number | null): number {
  const span = initiative.start === null ? 0 : Math.max(0, initiative.due - initiative.start);
  // The epsilon keeps float noise ((1 - 0.7) * 10 = 3.0000000000000004) from adding a day.
  return Math.ceil((1 - (progress ?? 0)) * span - 1e-9);
}

/**
 * An unfinished downstream initiative cannot finish its remaining work before its upstream finishes:
 * its forecast becomes at least upstream forecast + lag + remaining duration. Risk is inherited from
 * every upstream, capped at Amber; a push can still make the item Red through the slip rule.
 * KPIs inherit risk, never dates.
 */
export function forwardPass(model: LinkedModel, states: Map<string, ItemState>, s: Settings): void {
  // No cycle (nearly always): no look-up in the empty set per item and per edge.
  const cycled = model.dependencyCycled.size > 0 ? model.dependencyCycled : null;
  const order = model.workOrder;
  for (let w = 0; w < order.length; w++) {
    const id = order[w];
    const item = states.get(id)!;
    if (item.complete || (cycled !== null && cycled.has(id))) continue;
    const upstreams = model.upstreamsOf.get(id);
    if (upstreams === undefined || upstreams.length === 0) continue;

    // Made only when an upstream is at risk or pushes: most items have neither.
    let risky: { id: string; health: Health }[] | null = null;
    let pushBy: string | null = null;
    let pushFinish = 0;
    let pushHealth: Health = 'Grey';
    // The item's own row (model.initiatives holds the same row under its ID).
    const initiative = item.row.kind === 'initiative' ? item.row : null;
    let remaining: number | null = null;
    for (let u = 0; u < upstreams.length; u++) {
      const up = upstreams[u];
      if (cycled !== null && cycled.has(up.id)) continue;
      const upstream = states.get(up.id)!;
      if (upstream.health === 'Amber' || upstream.health === 'Red')
        (risky ??= []).push({ id: up.id, health: upstream.health });
      if (!initiative || upstream.kind !== 'initiative' || upstream.complete || upstream.forecast === null) continue;
      remaining ??= remainingDays(initiative, item.progress);
      const finish = Math.min(upstream.forecast + up.lagDays + remaining, LAST_DAY);
      if (pushBy === null || finish > pushFinish) {
        pushBy = up.id;
        pushFinish = finish;
        pushHealth = upstream.health;
      }
    }
    const push = pushBy === null ? null : { by: pushBy, finish: pushFinish, byHealth: pushHealth };

    if (risky !== null) {
      item.inheritedFrom = risky;
      // Any Amber or Red upstream is inherited as Amber: the cap keeps one late supplier from painting everything Red.
      item.health = worst(item.health, 'Amber');
      const text = `inherits Amber risk from ${risky.map((r) => `${r.id} (${r.health})`).join(', ')}`;
      item.drivers = plus(item.drivers, flat(text));
    }
    if (initiative && push !== null && item.forecast !== null && push.finish > item.forecast) {
      const days = push.finish - item.forecast;
      item.pushed = { by: push.by, days, byHealth: push.byHealth };
      item.forecast = push.finish;
      item.slipDays = item.forecast - initiative.due;
      const slip = slipHealth(item.slipDays, s);
      item.health = worst(item.health, slip);
      const text =
        `pushed ${dayCount(days)} by ${push.by} (${push.byHealth}): forecast now ${isoFromDay(item.forecast)}, ` +
        `${dayCount(item.slipDays)} after Due ${isoFromDay(initiative.due)}`;
      item.drivers = plus(item.drivers, flat(text));
    }
  }
}
