// What changed since the last refresh. The ledger keeps, per item, the health, progress and forecast
// the last refresh computed and the values before them. A refresh that computes anything different
// starts a new generation: the items it changed are "what changed", until a later refresh changes
// something else. A refresh that finds nothing new keeps the ledger as it was, so refreshing twice
// gives the same workbook and the same list.
import type { CellValue, Day, Health, ItemKind, Severity } from './types';
import type { ItemState } from './compute/state';
import { isoFromDay, parseNumber, parseText, readDay } from './parse/values';
import { pct } from './format';

/** One item as a refresh left it. */
export interface ItemMark {
  health: Health;
  /** Rounded to 4 decimals, so floating-point noise is not a change. */
  progress: number | null;
  forecast: Day | null;
}

export interface MarkEntry extends ItemMark {
  id: string;
  /** The generation (a count of refreshes that changed something) that last changed this item. */
  generation: number;
  /** The host date of that refresh. */
  seen: Day;
  /**
   * What the item was before that refresh, null for an item seen for the first time; `since` is the
   * date of the refresh that had computed those values last.
   */
  was: (ItemMark & { since: Day }) | null;
}

export const MARK_HEADERS = [
  'Item',
  'Health',
  'Progress',
  'Forecast',
  'Generation',
  'Seen',
  'Was health',
  'Was progress',
  'Was forecast',
  'Since',
];

export type ChangeDirection = 'worse' | 'better' | 'moved';

/** What made the difference: new data, a change of settings (the goalposts moved), or both. */
export type ChangeCause = 'data' | 'settings' | 'both';

export interface Change {
  id: string;
  kind: ItemKind;
  name: string;
  owner: string | null;
  sheet: string;
  row: number;
  from: Health;
  to: Health;
  progressFrom: number | null;
  progressTo: number | null;
  /** ISO dates, initiatives only. */
  forecastFrom: string | null;
  forecastTo: string | null;
  /** Days the forecast moved (later is positive); null when it did not move or one side is unknown. */
  forecastDays: number | null;
  direction: ChangeDirection;
  severity: Severity;
  cause: ChangeCause;
  /** One line a person reads: "Green → Red; forecast +24 d (2026-03-01 → 2026-03-25)". */
  summary: string;
}

export interface ChangeSet {
  /** ISO date of the refresh the changes are measured against, null when there is none yet. */
  since: string | null;
  /** ISO date of the refresh that found them. */
  at: string | null;
  changes: Change[];
  /** Settings that differ from the generation before ("Green threshold 95% → 80%"); absent or empty when none did. */
  settingsMoved?: string[];
}

const HEALTH_RANK: Readonly<Record<Health, number>> = { Green: 0, Grey: 1, Amber: 2, Red: 3 };
const HEALTHS = new Set<string>(['Green', 'Amber', 'Red', 'Grey']);

const round4 = (x: number | null) => (x === null ? null : Math.round(x * 10000) / 10000);

function healthOf(v: CellValue | undefined): Health | null {
  return typeof v === 'string' && HEALTHS.has(v) ? (v as Health) : null;
}

function numberOf(v: CellValue | undefined): number | null {
  const n = parseNumber(v ?? null);
  return n.ok ? n.value : null;
}

/**
 * Reads the marks block of a ledger written before the compact layout (columns `offset`…); rows it
 * cannot read are dropped. Its dates are serials in the workbook's own date system (or ISO text, after
 * another program re-typed them).
 */
export function readMarks(
  grid: CellValue[][] | null | undefined,
  offset: number,
  date1904: boolean,
): Map<string, MarkEntry> {
  const dayOf = (v: CellValue | undefined) => readDay(v, date1904);
  const marks = new Map<string, MarkEntry>();
  if (!grid || grid.length < 2 || grid[0]?.[offset] !== MARK_HEADERS[0]) return marks;
  for (const row of grid.slice(1)) {
    const at = (k: number) => row[offset + k];
    const id = parseText(at(0) ?? null);
    const health = healthOf(at(1));
    const generation = numberOf(at(4));
    const seen = dayOf(at(5));
    if (!id.ok || !id.value || health === null || generation === null || seen === null) continue;
    const wasHealth = healthOf(at(6));
    const since = dayOf(at(9));
    marks.set(id.value, {
      id: id.value,
      health,
      progress: round4(numberOf(at(2))),
      forecast: dayOf(at(3)),
      generation,
      seen,
      was:
        wasHealth === null || since === null
          ? null
          : { health: wasHealth, progress: round4(numberOf(at(7))), forecast: dayOf(at(8)), since },
    });
  }
  return marks;
}

/** The forecast a mark keeps: an initiative's; a KPI's mark keeps none. */
const markedForecast = (st: ItemState): Day | null => (st.kind === 'initiative' ? st.forecast : null);

export function markOf(st: ItemState): ItemMark {
  return { health: st.health, progress: round4(st.progress), forecast: markedForecast(st) };
}

export const sameMark = (a: ItemMark, b: ItemMark) =>
  a.health === b.health && a.progress === b.progress && a.forecast === b.forecast;

/** sameMark(mark, markOf(st)), without making the mark of the state. */
function sameAsState(mark: ItemMark, st: ItemState): boolean {
  return mark.health === st.health && mark.progress === round4(st.progress) && mark.forecast === markedForecast(st);
}

/**
 * The marks this refresh leaves and the changes of the latest generation. `today` is the host's date:
 * it stamps when a change was first seen, never the computation itself. `states` holds one state per ID (the
 * refresh passes its map of states), as `previous` holds one mark per ID.
 */
export function markItems(
  states: Iterable<ItemState>,
  previous: Map<string, MarkEntry>,
  today: Day,
): { marks: MarkEntry[]; changes: ChangeSet; advanced: boolean } {
  // One pass looks every item up in the marks before; the set of present IDs and the map of states by ID
  // that stood beside it are not needed: IDs are unique on both sides, so an earlier item is gone exactly
  // when fewer were found than were marked, and a changed mark's state is the one at its own index.
  const list: ItemState[] = [];
  const befores: (MarkEntry | undefined)[] = [];
  let found = 0;
  let differs = false;
  for (const st of states) {
    const before = previous.get(st.id);
    if (before !== undefined) found++;
    if (!differs && (before === undefined || !sameAsState(before, st))) differs = true;
    list.push(st);
    befores.push(before);
  }
  let latest = 0;
  for (const m of previous.values()) latest = Math.max(latest, m.generation);
  const vanished = found < previous.size;
  const generation = differs || vanished ? latest + 1 : latest;
  // The last refresh that changed anything computed what this one compares against.
  let lastDate: Day | null = null;
  for (const m of previous.values())
    if (m.generation === latest) lastDate = lastDate === null ? m.seen : Math.max(lastDate, m.seen);

  const marks = new Array<MarkEntry>(list.length);
  const changes: Change[] = [];
  let since: Day | null = null;
  for (let k = 0; k < list.length; k++) {
    const st = list[k];
    const before = befores[k];
    if (before !== undefined && sameAsState(before, st)) {
      marks[k] = before;
      continue;
    }
    // markOf's fields, written out (no object made to be copied), in the order the ledger and JSON read them.
    marks[k] = {
      id: st.id,
      health: st.health,
      progress: round4(st.progress),
      forecast: markedForecast(st),
      generation,
      seen: today,
      was: before
        ? { health: before.health, progress: before.progress, forecast: before.forecast, since: lastDate ?? today }
        : null,
    };
  }
  for (let k = 0; k < marks.length; k++) {
    const m = marks[k];
    if (m.generation !== generation || m.was === null) continue;
    since = since === null ? m.was.since : Math.max(since, m.was.since);
    changes.push(describeChange(list[k], m));
  }
  const order: Readonly<Record<Severity, number>> = { high: 0, warn: 1, info: 2 };
  changes.sort(
    (a, b) =>
      order[a.severity] - order[b.severity] ||
      Math.abs(b.forecastDays ?? 0) - Math.abs(a.forecastDays ?? 0) ||
      (a.id < b.id ? -1 : 1),
  );
  const at =
    changes.length > 0 ? isoFromDay(marks.find((m) => m.generation === generation && m.was !== null)!.seen) : null;
  return {
    marks,
    changes: { since: since === null ? null : isoFromDay(since), at, changes },
    advanced: generation !== latest,
  };
}

function describeChange(st: ItemState, m: MarkEntry): Change {
  const was = m.was!;
  const forecastDays =
    was.forecast !== null && m.forecast !== null && was.forecast !== m.forecast ? m.forecast - was.forecast : null;
  const worseHealth = HEALTH_RANK[m.health] > HEALTH_RANK[was.health];
  const betterHealth = HEALTH_RANK[m.health] < HEALTH_RANK[was.health];
  const direction: ChangeDirection =
    worseHealth || (!betterHealth && (forecastDays ?? 0) > 0)
      ? 'worse'
      : betterHealth || (forecastDays ?? 0) < 0
        ? 'better'
        : 'moved';
  const severity: Severity =
    m.health === 'Red' && was.health !== 'Red' ? 'high' : direction === 'worse' ? 'warn' : 'info';
  const parts: string[] = [];
  if (m.health !== was.health) {
    parts.push(
      m.health === 'Red'
        ? `turned Red (was ${was.health})`
        : betterHealth && m.health === 'Green'
          ? `recovered to Green (was ${was.health})`
          : `${was.health} → ${m.health}`,
    );
  }
  if (forecastDays !== null) {
    parts.push(
      `forecast ${forecastDays > 0 ? '+' : '−'}${Math.abs(forecastDays)} d (${isoFromDay(was.forecast!)} → ${isoFromDay(m.forecast!)})`,
    );
  } else if (was.forecast !== m.forecast) {
    parts.push(
      `forecast ${was.forecast === null ? 'none' : isoFromDay(was.forecast)} → ${m.forecast === null ? 'none' : isoFromDay(m.forecast)}`,
    );
  }
  if (was.progress !== m.progress) {
    parts.push(
      `progress ${was.progress === null ? 'unknown' : pct(was.progress)} → ${m.progress === null ? 'unknown' : pct(m.progress)}`,
    );
  }
  return {
    id: st.id,
    kind: st.kind,
    name: st.row.name,
    owner: st.row.owner,
    sheet: st.row.src.sheet,
    row: st.row.src.row,
    from: was.health,
    to: m.health,
    progressFrom: was.progress,
    progressTo: m.progress,
    forecastFrom: was.forecast === null ? null : isoFromDay(was.forecast),
    forecastTo: m.forecast === null ? null : isoFromDay(m.forecast),
    forecastDays,
    direction,
    severity,
    cause: 'data',
    summary: parts.join('; '),
  };
}

/** "3 items changed since the refresh of 2026-06-23 (2 got worse). ", or nothing when none did. */
export function changesSentence(changes: ChangeSet): string {
  const n = changes.changes.length;
  if (n === 0) return '';
  const worse = changes.changes.filter((c) => c.direction === 'worse' && c.cause !== 'settings').length;
  const bySettings = changes.changes.filter((c) => c.cause === 'settings').length;
  const notes = [
    worse > 0 ? `${worse} got worse` : '',
    bySettings > 0 ? `${bySettings} only because the settings changed` : '',
  ]
    .filter(Boolean)
    .join('; ');
  return `${n} item${n === 1 ? '' : 's'} changed since the refresh of ${changes.since}${notes ? ` (${notes})` : ''}. `;
}
