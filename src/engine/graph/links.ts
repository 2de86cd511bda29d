// The link graph: which objective every KPI and initiative serves, the objective tree, and the
// dependency graph. Lookups are by ID through maps, so linking is linear in rows.
import type {
  DependencyRow,
  HistoryRow,
  InitiativeRow,
  KpiRow,
  ObjectiveRow,
  SourceRef,
  ValidationError,
} from '../types';
import type { ParsedRows } from '../parse/rows';
import { messages } from '../messages';
import { findCycles } from './cycles';

export type ItemRow = ObjectiveRow | KpiRow | InitiativeRow;
export type WorkRow = KpiRow | InitiativeRow;

export interface Upstream {
  id: string;
  lagDays: number;
}

export interface LinkedModel {
  objectives: Map<string, ObjectiveRow>;
  kpis: Map<string, KpiRow>;
  initiatives: Map<string, InitiativeRow>;
  /** The objective a KPI or initiative serves (an initiative linked to a KPI serves that KPI's objective). */
  objectiveOf: Map<string, string>;
  /** Parent objective of an objective. */
  parentOf: Map<string, string>;
  /** Direct children of an objective: KPIs, initiatives and child objectives, in sheet order. */
  childrenOf: Map<string, ItemRow[]>;
  /** Objectives ordered children before parents; objectives on a parent cycle are left out. */
  objectiveOrder: string[];
  objectiveCycled: Set<string>;
  upstreamsOf: Map<string, Upstream[]>;
  downstreamsOf: Map<string, string[]>;
  /** KPIs and initiatives ordered upstream before downstream. */
  workOrder: string[];
  dependencyCycled: Set<string>;
  /** The cycle each cycled item sits on, for its drivers. */
  cycleOf: Map<string, string[]>;
  /** History per item, sorted by date, one entry per date (the last row for a date wins). */
  historyOf: Map<string, HistoryRow[]>;
  /** What an item cannot know because a source it refers to could not be read, for its drivers. */
  unknownLinks: Map<string, string[]>;
  /** The dependency rows that link two known items, in sheet order: each gets its own figures. */
  dependencies: DependencyRow[];
}

/** The targets of an item nothing depends on (most of them): one shared empty list. */
const NO_TARGETS: readonly string[] = [];

function addTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Each known item's check-ins in date order; of two on one date, the later row wins. */
function historyByItem(history: HistoryRow[], known: (id: string) => boolean): Map<string, HistoryRow[]> {
  const historyOf = new Map<string, HistoryRow[]>();
  // An item's first check-in asks whether the item is known; the rest find its list. Indexed loops and
  // forEach, not for-of: in a fresh process this runs before it is optimised, where every step of an
  // iterator is an object (72,000 check-ins: 4.8 MB of garbage at 100k rows, docs/benchmarks.md).
  for (let k = 0; k < history.length; k++) {
    const h = history[k];
    const list = historyOf.get(h.id);
    if (list !== undefined) list.push(h);
    else if (known(h.id)) historyOf.set(h.id, [h]);
  }
  let unordered: string[] | null = null;
  historyOf.forEach((list, id) => {
    // Check-ins are mostly listed in date order, one a date: then the list is already the answer.
    for (let i = 1; i < list.length; i++) if (list[i - 1].date >= list[i].date) return void (unordered ??= []).push(id);
  });
  if (unordered === null) return historyOf;
  for (const id of unordered as string[]) {
    const byDate = new Map<number, HistoryRow>();
    for (const h of historyOf.get(id)!) byDate.set(h.date, h);
    historyOf.set(
      id,
      [...byDate.values()].sort((a, b) => a.date - b.date),
    );
  }
  return historyOf;
}

/**
 * The row of a cycle's first edge (the last listed, when a pair is listed twice): looked up only for a
 * cycle, rather than a key string kept for every dependency.
 */
function cycleEdge(dependencies: DependencyRow[], path: string[]): DependencyRow {
  for (let k = dependencies.length - 1; k >= 0; k--) {
    const edge = dependencies[k];
    if (edge.upstream === path[0] && edge.downstream === path[1]) return edge;
  }
  return dependencies[0];
}

/**
 * Links rows by ID. A row whose reference matches nothing is skipped with a dangling-reference error;
 * a reference to a row that was itself skipped for bad data is left unlinked without a second error.
 * `address` gives the A1 address of a field's cell for error messages.
 */
export function linkRows(
  parsed: ParsedRows,
  address: (src: SourceRef, field: string) => string,
  errors: ValidationError[],
  /** Why an ID's source could not be read, or null when it could (a portfolio member that failed). */
  unavailable: (id: string) => string | null = () => null,
): LinkedModel {
  const fail = (src: SourceRef, field: string, code: ValidationError['code'], message: string) =>
    errors.push({ sheet: src.sheet, cell: address(src, field), code, message });
  const skipped = parsed.skippedIds;
  const unknownLinks = new Map<string, string[]>();
  /** A reference into an unreadable source: reported, and the referring row is kept, unlinked. */
  const unreadable = (src: SourceRef, field: string, item: string | null, what: string, target: string): boolean => {
    const reason = unavailable(target);
    if (reason === null) return false;
    fail(src, field, 'source-unavailable', messages.sourceUnavailable(target, reason));
    if (item !== null)
      addTo(
        unknownLinks,
        item,
        `${what} ${target}, whose workbook could not be read (${reason}): its effect here is unknown`,
      );
    return true;
  };

  const objectives = new Map<string, ObjectiveRow>(parsed.objectives.map((o) => [o.id, o]));
  const parentOf = new Map<string, string>();
  for (const o of parsed.objectives) {
    if (o.parent === null || o.parent === o.id) {
      if (o.parent === o.id) parentOf.set(o.id, o.id);
      continue;
    }
    if (objectives.has(o.parent)) parentOf.set(o.id, o.parent);
    else if (unreadable(o.src, 'parent', o.id, 'its parent is', o.parent)) continue;
    else if (!skipped.has(o.parent)) {
      fail(o.src, 'parent', 'dangling-reference', messages.dangling('Parent', o.parent, 'objective'));
      objectives.delete(o.id);
      skipped.add(o.id);
    }
  }
  // Parents removed above may have been someone's parent: drop those links rather than cascade skips.
  for (const [child, parent] of parentOf) if (!objectives.has(parent) || !objectives.has(child)) parentOf.delete(child);

  const objectiveCycles = findCycles([...objectives.keys()], (id) => {
    const p = parentOf.get(id);
    return p === undefined ? [] : [p];
  });
  for (const { path } of objectiveCycles.cycles) {
    fail(objectives.get(path[0])!.src, 'parent', 'parent-cycle', messages.parentCycle(path));
  }

  // Each objective's children: its child objectives, then its KPIs, then its initiatives, each in sheet
  // order; a KPI or initiative is added as it is linked (IDs are unique across kinds: parseRows).
  const childrenOf = new Map<string, ItemRow[]>();
  for (const o of objectives.values()) {
    const p = parentOf.get(o.id);
    if (p !== undefined && p !== o.id) addTo(childrenOf, p, o);
  }

  const kpis = new Map<string, KpiRow>();
  const objectiveOf = new Map<string, string>();
  for (let n = 0; n < parsed.kpis.length; n++) {
    const k = parsed.kpis[n];
    const served = objectives.has(k.objective);
    if (served) objectiveOf.set(k.id, k.objective);
    else if (!unreadable(k.src, 'objective', k.id, 'it serves', k.objective) && !skipped.has(k.objective)) {
      fail(k.src, 'objective', 'dangling-reference', messages.dangling('Objective', k.objective, 'objective'));
      skipped.add(k.id);
      continue;
    }
    kpis.set(k.id, k);
    if (served) addTo(childrenOf, k.objective, k);
  }

  const initiatives = new Map<string, InitiativeRow>();
  for (let n = 0; n < parsed.initiatives.length; n++) {
    const i = parsed.initiatives[n];
    const target = i.supports;
    let served: string | undefined;
    if (target !== null) {
      if (objectives.has(target)) objectiveOf.set(i.id, (served = target));
      else if (kpis.has(target)) {
        served = objectiveOf.get(target);
        if (served !== undefined) objectiveOf.set(i.id, served);
      } else if (!unreadable(i.src, 'supports', i.id, 'it serves', target) && !skipped.has(target)) {
        fail(i.src, 'supports', 'dangling-reference', messages.dangling('Objective', target, 'objective or KPI'));
        skipped.add(i.id);
        continue;
      }
    }
    initiatives.set(i.id, i);
    if (served !== undefined) addTo(childrenOf, served, i);
  }

  // Edges run child -> parent, so the topological order already lists children first.
  const objectiveOrder = objectiveCycles.order.filter((id) => !objectiveCycles.onCycle.has(id));

  const isWork = (id: string) => kpis.has(id) || initiatives.has(id);
  const upstreamsOf = new Map<string, Upstream[]>();
  const downstreamsOf = new Map<string, string[]>();
  const dependencies: DependencyRow[] = [];
  /** An end of a dependency that names no KPI or initiative: reported (unless skipped), the row dropped. */
  const badEnd = (d: DependencyRow, end: string, field: 'upstream' | 'downstream', title: string): void => {
    const other = end === d.upstream ? d.downstream : null;
    if (unreadable(d.src, field, other !== null && isWork(other) ? other : null, 'it depends on', end)) return;
    if (!skipped.has(end)) fail(d.src, field, 'dangling-reference', messages.danglingDependency(title, end));
  };
  for (let n = 0; n < parsed.dependencies.length; n++) {
    const d = parsed.dependencies[n];
    // Both ends checked in turn, as before, without a list of the two made per row.
    const upOk = isWork(d.upstream);
    if (!upOk) badEnd(d, d.upstream, 'upstream', 'Upstream');
    const downOk = isWork(d.downstream);
    if (!downOk) badEnd(d, d.downstream, 'downstream', 'Downstream');
    if (!upOk || !downOk) continue;
    addTo(upstreamsOf, d.downstream, { id: d.upstream, lagDays: d.lagDays });
    addTo(downstreamsOf, d.upstream, d.downstream);
    dependencies.push(d);
  }
  const workIds = [...kpis.keys(), ...initiatives.keys()];
  const deps = findCycles(workIds, (id) => downstreamsOf.get(id) ?? NO_TARGETS);
  const cycleOf = new Map<string, string[]>();
  for (const { path, members } of deps.cycles) {
    fail(cycleEdge(dependencies, path).src, 'upstream', 'dependency-cycle', messages.dependencyCycle(path));
    for (const id of members) cycleOf.set(id, path);
  }
  for (const { path, members } of objectiveCycles.cycles) for (const id of members) cycleOf.set(id, path);

  const historyOf = historyByItem(parsed.history, isWork);

  return {
    objectives,
    kpis,
    initiatives,
    objectiveOf,
    parentOf,
    childrenOf,
    objectiveOrder,
    objectiveCycled: objectiveCycles.onCycle,
    upstreamsOf,
    downstreamsOf,
    workOrder: deps.order,
    dependencyCycled: deps.onCycle,
    cycleOf,
    historyOf,
    unknownLinks,
    dependencies,
  };
}
