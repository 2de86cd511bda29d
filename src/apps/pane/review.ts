// The pane's review list: one entry per item that needs attention, with what is wrong with it as short
// chips, its owner and the value it puts at risk, most exposure first. Filters narrow it to the groups a
// PMO lead works through; the counts on the filters, the cards and the headline all come from here, so
// they always agree.
import type {
  FlagCode,
  Health,
  ItemReport,
  RemovedItem,
  Report,
  Severity,
  SheetLink,
  ValidationError,
} from '../../engine';
import { RISKS_SHEET } from '../../engine';
import type { ItemLinks } from '../../engine';
import { dayFromISO } from '../../engine';
import { splitComposite } from '../../portfolio';

export type GroupKey = 'off-track' | 'dependency' | 'sanitized' | 'stale' | 'errors';
export type FilterKey = 'all' | GroupKey;

export interface Chip {
  label: string;
  severity: Severity;
}

export interface ReviewEntry {
  key: string;
  itemId: string | null;
  title: string;
  owner: string | null;
  health: Health | null;
  /** Value exposed (items) or 0 (data errors). */
  value: number;
  chips: Chip[];
  /** What to read first: the item's first driver, or the error's message. */
  detail: string;
  groups: GroupKey[];
  severity: Severity;
  target: SheetLink;
  /** Lower-case text the search box matches: ID, name, owner (and, in a portfolio, the workbook). */
  search: string;
}

export interface ReviewModel {
  entries: ReviewEntry[];
  counts: Record<FilterKey, number>;
}

export const FILTER_TITLES: Readonly<Record<FilterKey, string>> = {
  all: 'All',
  'off-track': 'Off track',
  dependency: 'Dependency risks',
  sanitized: 'Sanitized',
  stale: 'Stale or undated',
  errors: 'Data errors',
};

const GROUP_OF: Readonly<Partial<Record<FlagCode, GroupKey>>> = {
  'masked-dependency-risk': 'dependency',
  'dependency-risk': 'dependency',
  'status-contradicts-data': 'sanitized',
  flatline: 'sanitized',
  'stuck-near-done': 'sanitized',
  'exactly-on-plan': 'sanitized',
  'status-cliff': 'sanitized',
  'revised-history': 'sanitized',
  'moved-goalposts': 'sanitized',
  stale: 'stale',
  'no-update-date': 'stale',
};

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { high: 0, warn: 1, info: 2 };
const HEALTH_RANK: Readonly<Record<Health, number>> = { Red: 0, Amber: 1, Grey: 2, Green: 3 };

const FLAG_WORDS: Readonly<Partial<Record<FlagCode, string>>> = {
  flatline: 'Flatline',
  'stuck-near-done': 'Stuck near done',
  'exactly-on-plan': 'Exactly on plan',
  'status-cliff': 'Status cliff',
  'revised-history': 'History rewritten',
  'moved-goalposts': 'Goalposts moved',
  'no-update-date': 'No update date',
};

function worst(a: Severity, b: Severity): Severity {
  return SEVERITY_RANK[a] <= SEVERITY_RANK[b] ? a : b;
}

/** The chips of one item, in reading order: what it claims, how late, what it waits on, what looks sanitized. */
export function chipsOf(item: ItemReport, links: ItemLinks, asOf: number | null): Chip[] {
  const chips: Chip[] = [];
  const flag = (code: FlagCode) => item.flags.find((f) => f.code === code);
  const contradicts = flag('status-contradicts-data');
  const masked = flag('masked-dependency-risk');
  if (item.reportedStatus && item.reportedStatus !== item.health && (contradicts || masked)) {
    chips.push({ label: `Reported ${item.reportedStatus}`, severity: (contradicts ?? masked)!.severity });
  }
  if (item.kind !== 'objective' && item.ownHealth !== 'Green' && item.ownHealth !== 'Grey') {
    chips.push({ label: `${item.ownHealth} on its own data`, severity: item.ownHealth === 'Red' ? 'high' : 'warn' });
  }
  if (item.slipDays !== null && item.slipDays > 0)
    chips.push({ label: `${item.slipDays} d late`, severity: item.health === 'Red' ? 'high' : 'warn' });
  const stale = flag('stale');
  const updated = links.dates.get(item.id)?.updated ?? null;
  if (stale)
    chips.push({
      label: asOf !== null && updated !== null ? `Stale ${asOf - updated} d` : 'Stale',
      severity: stale.severity,
    });
  const dependency = flag('dependency-risk');
  const upstreams = links.waitsOn.get(item.id) ?? (links.pushed.get(item.id) ? [links.pushed.get(item.id)!.by] : []);
  if ((dependency || masked) && upstreams.length > 0) {
    const more = upstreams.length > 2 ? ` +${upstreams.length - 2}` : '';
    chips.push({
      label: `Waits on ${upstreams.slice(0, 2).join(', ')}${more}`,
      severity: (dependency ?? masked)!.severity,
    });
  }
  for (const f of item.flags) {
    const word = FLAG_WORDS[f.code];
    if (word) chips.push({ label: word, severity: f.severity });
  }
  return chips;
}

function itemEntry(item: ItemReport, links: ItemLinks, asOf: number | null): ReviewEntry | null {
  // Objectives are judged through their children; only a goalpost moved on the objective itself is its own entry.
  const objective = item.kind === 'objective';
  if (objective && !item.flags.some((f) => f.code === 'moved-goalposts')) return null;
  const groups = new Set<GroupKey>();
  let severity: Severity | null = null;
  if (!objective && (item.ownHealth === 'Red' || item.ownHealth === 'Amber')) {
    groups.add('off-track');
    severity = item.ownHealth === 'Red' ? 'high' : 'warn';
  }
  for (const f of item.flags) {
    if (objective && f.code !== 'moved-goalposts') continue;
    const group = GROUP_OF[f.code];
    if (group) groups.add(group);
    severity = severity === null ? f.severity : worst(severity, f.severity);
  }
  if (groups.size === 0 || severity === null) return null;
  return {
    key: item.id,
    itemId: item.id,
    title: `${item.id} · ${item.name}`,
    owner: item.owner,
    health: item.health,
    value: item.impact.valueExposed,
    chips: chipsOf(item, links, asOf),
    detail: item.drivers.find((d) => d !== 'complete') ?? item.flags[0]?.message ?? '',
    groups: [...groups],
    severity,
    target: links.cells.get(item.id) ?? { sheet: item.sheet, cell: `A${item.row}` },
    search: `${item.id} ${item.name} ${item.owner ?? ''} ${splitComposite(item.sheet)?.label ?? ''}`.toLowerCase(),
  };
}

function errorEntry(e: ValidationError, i: number): ReviewEntry {
  return {
    key: `error:${i}`,
    itemId: null,
    title: `${e.sheet}!${e.cell} · ${e.code}`,
    owner: null,
    health: null,
    value: 0,
    chips: [],
    detail: e.message,
    groups: ['errors'],
    severity: 'warn',
    target: { sheet: e.sheet, cell: e.cell },
    search: `${e.sheet}!${e.cell} ${e.code} ${e.message}`.toLowerCase(),
  };
}

/** An item of the baseline that is gone: it has no row to go to, so its entry opens the Risks sheet. */
function removedEntry(r: RemovedItem, risksSheet: string): ReviewEntry {
  const severity: Severity = r.lastHealth === 'Red' || r.lastHealth === 'Amber' ? 'high' : 'warn';
  return {
    key: `removed:${r.id}`,
    itemId: null,
    title: `${r.id} · ${r.name}`,
    owner: null,
    health: r.lastHealth,
    value: 0,
    chips: [{ label: r.lastHealth ? `Removed (was ${r.lastHealth})` : 'Removed', severity }],
    detail: r.message,
    groups: ['sanitized'],
    severity,
    target: { sheet: risksSheet, cell: 'A1' },
    search: `${r.id} ${r.name} removed`.toLowerCase(),
  };
}

/** Item reports turned into entries per step of `reviewSteps` (about 20 ms of a busy page's thread at 100k rows). */
export const ITEMS_PER_STEP = 2000;

/**
 * The review model, made a step at a time: each `yield` is a point where the caller may let the page's
 * thread do other work (at 100,000 rows the model is 16,000 items, too much for one task of a page).
 */
export function* reviewSteps(
  report: Report,
  links: ItemLinks,
  risksSheet: string = RISKS_SHEET,
  perStep = ITEMS_PER_STEP,
): Generator<void, ReviewModel> {
  const asOf = dayFromISO(report.asOf);
  const kept: { entry: ReviewEntry; order: number }[] = [];
  for (let order = 0; order < report.items.length; order++) {
    const entry = itemEntry(report.items[order], links, asOf);
    if (entry) kept.push({ entry, order });
    if ((order + 1) % perStep === 0) yield;
  }
  const items = kept
    .sort(
      (a, b) =>
        b.entry.value - a.entry.value ||
        SEVERITY_RANK[a.entry.severity] - SEVERITY_RANK[b.entry.severity] ||
        HEALTH_RANK[a.entry.health!] - HEALTH_RANK[b.entry.health!] ||
        a.order - b.order,
    )
    .map((x) => x.entry);
  const removed = (report.removed ?? []).map((r) => removedEntry(r, risksSheet));
  const entries = [...items, ...removed, ...report.errors.map(errorEntry)];
  const counts: Record<FilterKey, number> = {
    all: entries.length,
    'off-track': 0,
    dependency: 0,
    sanitized: 0,
    stale: 0,
    errors: 0,
  };
  for (const e of entries) for (const g of e.groups) counts[g]++;
  return { entries, counts };
}

/** Items first, most value exposed, then worst severity, then worst health, then sheet order; removed items, then data errors last. */
export function reviewModel(report: Report, links: ItemLinks, risksSheet: string = RISKS_SHEET): ReviewModel {
  const steps = reviewSteps(report, links, risksSheet, Infinity);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** The entries a filter and a search leave, in the model's order. */
export function visibleEntries(model: ReviewModel, filter: FilterKey, search: string): ReviewEntry[] {
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  return model.entries.filter(
    (e) => (filter === 'all' || e.groups.includes(filter)) && words.every((w) => e.search.includes(w)),
  );
}
