// The engine's one entry point: a workbook snapshot in, a report and a write-back plan out.
// Stages: recognise -> parse -> link -> evaluate -> flags -> plan. Nothing here does I/O.
import type {
  Day,
  Impact,
  RemovedItem,
  Report,
  Settings,
  SheetLink,
  SourceRef,
  ValidationError,
  WhatIfResult,
  WorkbookSnapshot,
  WritePlan,
} from './types';
import { a1, isBlank, locateTables, type LocatedTable } from './recognise/locate';
import { messages } from './messages';
import { parseRows } from './parse/rows';
import { readSettingsTables, resolveSettings } from './parse/settings';
import { linkRows, type LinkedModel } from './graph/links';
import { evaluate, type Delay } from './compute/evaluate';
import { itemFlags } from './compute/item-flags';
import { linkStates, type LinkState } from './compute/link-figures';
import type { LinkRow } from './plan/link-columns';
import { linkRiskSeverity, type LinkRisk } from './plan/link-risks';
import { buildImpactIndex, valueAtRisk } from './compute/impact';
import { plus, type ItemState } from './compute/state';
import { buildReport, emptySummary } from './report';
import { tableWrite } from './plan/columns';
import { risksPlan } from './plan/risks';
import { ownedSheetsBlock, readOwnedSheets, risksSheetName } from './plan/owned-sheets';
import { fitLedger } from './plan/cells';
import { isoFromDay } from './parse/values';
import {
  hasLedgerHeader,
  ledgerPlan,
  readLedger,
  readLedgerMarks,
  readLedgerSettings,
  revisedHistoryFlags,
} from './flags/ledger';
import { markItems, markOf, type ChangeSet } from './changes';
import { attributeChanges, judged, nextSettingsMarks, settingsBasis, settingsMoved } from './settings-changes';
import { itemLinks, linksWhenRead, NO_LINKS, type ItemLinks } from './map/link-index';
import { slipTrends, type SlipTrend } from './map/trends';
import { edgeKey } from './map/impact-map';
import { pct, withUnit } from './format';
import { LEDGER_SHEET } from './recognise/names';
import { planOverTime } from './baseline';
import { keptPlanBlocks } from './baseline/store';

export interface RefreshOptions {
  /** Today's date from the host's clock: the as-of date when nothing else sets one. */
  today: Day;
  /** Choices made in the host (CLI flags, the pane's settings): they win over the Settings table. */
  settings?: Partial<Settings>;
  /** What-if delays to evaluate; nothing is written for them. */
  delays?: Delay[];
  /**
   * Records the current plan as the baseline of this label, dated the as-of date (`--set-baseline`,
   * *Set baseline…*). Hosts check the label (1–100 characters) before they call.
   */
  setBaseline?: string | null;
  /**
   * False leaves the plan over time out (no baseline judged, no history recorded; the ledger keeps its
   * plan blocks as they were): only `npm run bench` uses it, to measure what the plan over time costs.
   */
  planOverTime?: boolean;
  /** Told as each stage finishes, so a host can show real progress. */
  onStage?: (stage: Stage) => void;
  /**
   * True when the caller has no further use for the snapshot's rows: the engine empties its tables'
   * rows and its sheets' values once it has parsed them (the ledger and the rest stay), so that a
   * million rows read are not held alive through the rest of the run. Only a host that lets the
   * snapshot go after the refresh (the command line, `keep: false`) passes it.
   */
  consume?: boolean;
}

export type Stage = 'recognise' | 'parse' | 'link' | 'evaluate' | 'flags' | 'plan';

export interface RefreshResult {
  report: Report;
  /** Null when the refresh stopped: nothing may be written. */
  plan: WritePlan | null;
  /** Problems that stop the refresh (missing tables or columns). */
  fatal: ValidationError[];
  settings: Settings;
  /** The settings the workbook's own Settings table set (the host's choices win over them). */
  workbookSettings: Partial<Settings>;
  /** What this refresh computed differently from the last one that changed anything. */
  changes: ChangeSet;
  /** The dependency and objective links, for impact maps. */
  links: ItemLinks;
  /** The initiatives slipping most and how their slip developed over History, for the slip chart. */
  trends: SlipTrend[];
  /** Milliseconds spent in each stage, for benchmarks. */
  stagesMs: Record<Stage, number>;
  /**
   * The first filled Value at Stake cell of each table that has the column (objectives first): its
   * number format says which currency the workbook counts in.
   */
  moneyCells: SheetLink[];
}

/** A what-if asked about an item the workbook does not have: the host's mistake, not the workbook's. */
export class UnknownItemError extends Error {
  constructor(readonly ids: string[]) {
    super(`No KPI or initiative with ID ${ids.map((i) => `"${i}"`).join(', ')} to delay.`);
    this.name = 'UnknownItemError';
  }
}

function requiredTablesMissing(snapshot: WorkbookSnapshot, tables: LocatedTable[]): ValidationError[] {
  const at = { sheet: snapshot.sheetNames[0] ?? '', cell: 'A1' };
  const has = (kind: LocatedTable['kind']) => tables.some((t) => t.kind === kind);
  const errors: ValidationError[] = [];
  const needsObjectives = !has('objectives');
  const needsItems = !has('kpis') && !has('initiatives');
  if (needsObjectives || needsItems) {
    errors.push({
      ...at,
      code: 'missing-table',
      message: messages.missingTables(
        needsObjectives,
        needsItems,
        snapshot.sheetNames,
        snapshot.tables.map((t) => t.name),
      ),
    });
  }
  for (const t of tables) {
    for (const spec of t.match.missing) {
      const where = t.tableName ? `Table ${t.tableName} on sheet ${t.sheet}` : `Sheet ${t.sheet}`;
      errors.push({
        sheet: t.sheet,
        cell: a1(t.headerRow, t.firstColumn + t.headers.length),
        code: 'missing-column',
        message: messages.missingColumn(where, spec, t.headers),
      });
    }
  }
  return errors;
}

/**
 * A sheet called like the ledger that Throughline did not write (neither its headers nor its list of
 * owned sheets): it is the user's, and is never overwritten, so the refresh stops and says so.
 */
function foreignLedger(snapshot: WorkbookSnapshot): ValidationError[] {
  const grid = snapshot.ledger;
  if (!grid || grid.every((row) => row.every((v) => v === null || v === ''))) return [];
  const ours = hasLedgerHeader(grid) || readOwnedSheets(grid) !== null;
  if (ours) return [];
  return [{ sheet: LEDGER_SHEET, cell: 'A1', code: 'no-room', message: messages.foreignLedger(LEDGER_SHEET) }];
}

const NO_CHANGES: ChangeSet = { since: null, at: null, changes: [] };

function timer(onStage: (stage: Stage) => void = () => undefined) {
  const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());
  const stagesMs = { recognise: 0, parse: 0, link: 0, evaluate: 0, flags: 0, plan: 0 } as Record<Stage, number>;
  let last = now();
  return {
    stagesMs,
    lap(stage: Stage) {
      const t = now();
      stagesMs[stage] += t - last;
      onStage(stage);
      last = now();
    },
  };
}

export function refresh(snapshot: WorkbookSnapshot, options: RefreshOptions): RefreshResult {
  const clock = timer(options.onStage);
  const tables = locateTables(snapshot);
  clock.lap('recognise');
  const settingErrors: ValidationError[] = [];
  const workbookSettings = readSettingsTables(tables, snapshot.date1904, settingErrors);
  const settings = resolveSettings(workbookSettings, options.settings ?? {}, options.today);

  const fatal = [...requiredTablesMissing(snapshot, tables), ...foreignLedger(snapshot)];
  if (fatal.length > 0) {
    const report: Report = {
      asOf: isoFromDay(settings.asOf),
      summary: emptySummary(fatal.length),
      items: [],
      whatIf: [],
      errors: fatal,
      dependencies: [],
      baseline: null,
      removed: [],
    };
    return {
      report,
      plan: null,
      fatal,
      settings,
      workbookSettings,
      changes: NO_CHANGES,
      links: NO_LINKS,
      trends: [],
      stagesMs: clock.stagesMs,
      moneyCells: [],
    };
  }

  const parsed = parseRows(tables, snapshot.date1904);
  const money = moneyCells(tables);
  if (options.consume) releaseRows(snapshot, tables);
  const hostErrors = snapshot.hostErrors ?? [];
  const linkErrors: ValidationError[] = [];
  clock.lap('parse');
  const address = (src: SourceRef, field: string) => {
    const t = tables[src.table];
    return a1(src.row, t.firstColumn + (t.match.fields.get(field) ?? 0));
  };
  const model = linkRows(parsed, address, linkErrors, unavailableIn(snapshot));
  // A cell the host already reported (an ambiguous reference) is not reported again as dangling.
  const reported = new Set(hostErrors.map((e) => `${e.sheet}!${e.cell}`));
  const errors = [
    ...hostErrors,
    ...[...settingErrors, ...parsed.errors, ...linkErrors].filter((e) => !reported.has(`${e.sheet}!${e.cell}`)),
  ];
  clock.lap('link');

  const unknown = (options.delays ?? [])
    .map((d) => d.id)
    .filter((id) => !model.kpis.has(id) && !model.initiatives.has(id));
  if (unknown.length > 0) throw new UnknownItemError(unknown);

  const states = evaluate(model, settings);
  const index = buildImpactIndex(model);
  clock.lap('evaluate');
  itemFlags(model, states, settings);
  const ledger = readLedger(snapshot.ledger, snapshot.date1904, model.historyOf);
  const valueText = (id: string, v: number) => (model.kpis.has(id) ? withUnit(v, model.kpis.get(id)!.unit) : pct(v));
  for (const [id, flag] of revisedHistoryFlags(model.historyOf, ledger, valueText)) {
    const st = states.get(id);
    if (st) st.flags = plus(st.flags, flag);
  }
  const linkWarnings: ValidationError[] = [];
  const links = linkStates(model, states, settings, (d, field) => address(d.src, field), linkWarnings);
  errors.push(...linkWarnings);
  const previousMarks = readLedgerMarks(snapshot.ledger, snapshot.date1904);
  const overTime =
    (options.planOverTime ?? true)
      ? planOverTime({
          states,
          skipped: parsed.skippedIds,
          ledger: snapshot.ledger,
          date1904: snapshot.date1904,
          asOf: settings.asOf,
          setBaseline: options.setBaseline ?? null,
          previousMarks,
          valueText,
        })
      : { baseline: null, removed: [], blocks: keptPlanBlocks(snapshot.ledger, snapshot.date1904) };
  clock.lap('flags');
  const whatIf = (options.delays ?? []).map((d) => whatIfDelay(model, settings, states, d, index));

  const marked = markItems(states.values(), previousMarks, options.today);
  const storedSettings = readLedgerSettings(snapshot.ledger);
  const changes = settingsCaused(
    model,
    settings,
    states,
    marked.changes,
    settingsBasis(storedSettings, marked.advanced),
  );
  const keptSettings = nextSettingsMarks(storedSettings, judged(settings), marked.advanced);
  const risksSheet = risksSheetName(snapshot);
  const ledgerWrite = ledgerPlan(model.historyOf, ledger, options.today, marked.marks, keptSettings);
  ledgerWrite.blocks.push(ownedSheetsBlock(risksSheet), ...overTime.blocks);
  const linkCells = dependencyCellsOf(tables, links);
  // Each link's downstream Impact, found once: its Impact cell, its Risks row and the report read it.
  const linkImpacts = links.map((l) => index.impactOf(l.row.downstream));
  // Each item's ID cell, in the order of `states`: its Risks rows' target and the pane's go-to share it.
  const itemCells = itemCellsOf(tables, states);
  const plan = buildPlan(
    tables,
    states,
    errors,
    index,
    ledgerWrite,
    changes,
    risksSheet,
    links,
    linkCells,
    overTime.removed,
    linkImpacts,
    itemCells,
  );
  clock.lap('plan');
  const report = buildReport(settings.asOf, states, index, errors, whatIf, links, overTime, linkImpacts);
  const locked = protectedTargets(snapshot, plan);
  const views = {
    changes,
    links: NO_LINKS, // made when first read (linksWhenRead, below)
    trends: slipTrends(report.items, model.initiatives, model.historyOf, settings.asOf),
    moneyCells: money,
  };
  const result: RefreshResult =
    locked.length > 0
      ? {
          report: { ...report, errors: [...report.errors, ...locked] },
          plan: null,
          fatal: locked,
          settings,
          workbookSettings,
          ...views,
          stagesMs: clock.stagesMs,
        }
      : { report, plan, fatal: [], settings, workbookSettings, ...views, stagesMs: clock.stagesMs };
  return linksWhenRead(result, linksOf(model, states, itemCells, links, linkCells));
}

/** How the result's links are made when read: a function of its own, so it holds only what it reads. */
function linksOf(
  model: LinkedModel,
  states: Map<string, ItemState>,
  itemCells: readonly SheetLink[],
  links: LinkState[],
  linkCells: SheetLink[],
): () => ItemLinks {
  return () => ({ ...itemLinks(model, states, (_st, k) => itemCells[k]), ...dependencyViews(links, linkCells) });
}

/**
 * Lets go of the rows read once parsed: the parsed rows hold all the engine reads of them, and the
 * owned columns need only each table's row count (kept). At a portfolio's million rows these are a
 * fifth of what the engine holds alive to its end (docs/benchmarks.md, issue 23's fourth round).
 */
function releaseRows(snapshot: WorkbookSnapshot, tables: LocatedTable[]): void {
  for (const t of tables) t.rows = [];
  for (const t of snapshot.tables) t.rows = [];
  for (const s of snapshot.sheets) s.values = [];
}

/** Labels each change the settings made rather than the data, by judging today's data with the earlier settings. */
function settingsCaused(
  model: LinkedModel,
  settings: Settings,
  states: Map<string, ItemState>,
  changes: ChangeSet,
  basis: ReturnType<typeof settingsBasis>,
): ChangeSet {
  const moved = basis ? settingsMoved(basis, judged(settings)) : [];
  if (moved.length === 0 || changes.changes.length === 0)
    return moved.length > 0 ? { ...changes, settingsMoved: moved } : changes;
  const before = evaluate(model, { ...basis!, asOf: settings.asOf });
  const mark = (m: Map<string, ItemState>) => (id: string) => {
    const st = m.get(id);
    return st ? markOf(st) : null;
  };
  return attributeChanges(changes, moved, mark(before), mark(states));
}

/** Why the source of an ID could not be read, from the prefixes the host marked unavailable. */
function unavailableIn(snapshot: WorkbookSnapshot): (id: string) => string | null {
  const prefixes = Object.entries(snapshot.unavailable ?? {});
  if (prefixes.length === 0) return () => null;
  return (id) => prefixes.find(([prefix]) => id.startsWith(prefix))?.[1] ?? null;
}

function whatIfDelay(
  model: LinkedModel,
  settings: Settings,
  before: Map<string, ItemState>,
  delay: Delay,
  index: ReturnType<typeof buildImpactIndex>,
): WhatIfResult {
  const after = evaluate(model, settings, delay);
  const objectivesChanged: WhatIfResult['objectivesChanged'] = [];
  for (const id of model.objectives.keys()) {
    const from = before.get(id)!.health;
    const to = after.get(id)!.health;
    if (from !== to) objectivesChanged.push({ id, from, to });
  }
  const objectivesOf = (states: Map<string, ItemState>) => [...model.objectives.keys()].map((id) => states.get(id)!);
  const valueNewlyAtRisk = valueAtRisk(index, objectivesOf(after)) - valueAtRisk(index, objectivesOf(before));
  return { delay: { id: delay.id, days: delay.days }, objectivesChanged, valueNewlyAtRisk };
}

function moneyCells(tables: LocatedTable[]): SheetLink[] {
  const cells: SheetLink[] = [];
  const order = ['objectives', 'initiatives'] as const;
  for (const kind of order) {
    for (const t of tables) {
      const column = t.kind === kind ? t.match.fields.get('valueAtStake') : undefined;
      if (column === undefined) continue;
      const index = t.rows.findIndex((r) => !isBlank(r[column]));
      if (index >= 0) cells.push({ sheet: t.sheet, cell: a1(t.headerRow + 1 + index, t.firstColumn + column) });
    }
  }
  return cells;
}

/** A protected sheet the plan would write to stops the refresh: half a refresh is worse than none. */
function protectedTargets(snapshot: WorkbookSnapshot, plan: WritePlan): ValidationError[] {
  const locked = new Set(snapshot.protectedSheets ?? []);
  const targets = [...new Set([...plan.tables.map((t) => t.sheet), plan.risks.sheetName, plan.ledger.sheetName])];
  return targets
    .filter((sheet) => locked.has(sheet))
    .map((sheet) => ({ sheet, cell: 'A1', code: 'protected-sheet' as const, message: messages.protectedSheet(sheet) }));
}

/** Sheet column of an item's ID cell. */
function itemColumn(tables: LocatedTable[], st: ItemState): number {
  const t = tables[st.row.src.table];
  return t.firstColumn + (t.match.fields.get('id') ?? 0);
}

/** The ID cell of each item's row (where Go to lands), in the order of `states`. */
function itemCellsOf(tables: LocatedTable[], states: Map<string, ItemState>): SheetLink[] {
  const cells: SheetLink[] = [];
  for (const st of states.values())
    cells.push({ sheet: st.row.src.sheet, cell: a1(st.row.src.row, itemColumn(tables, st)) });
  return cells;
}

function buildPlan(
  tables: LocatedTable[],
  states: Map<string, ItemState>,
  errors: ValidationError[],
  index: ReturnType<typeof buildImpactIndex>,
  ledger: WritePlan['ledger'],
  changes: ChangeSet,
  risksSheet: string,
  links: LinkState[] = [],
  linkCells: SheetLink[] = [],
  removed: RemovedItem[] = [],
  linkImpacts: readonly Impact[] = [],
  itemCells: readonly SheetLink[] = itemCellsOf(tables, states),
): WritePlan {
  // Per table, the state or link of each data row by its index: one pass, no key strings per cell.
  // Sized first: filled out of order, an empty array can turn into a slow dictionary of elements.
  const stateAt: (ItemState | undefined)[][] = tables.map((t) => new Array<ItemState | undefined>(t.rowCount));
  for (const st of states.values()) stateAt[st.row.src.table][st.row.src.index] = st;
  const linkAt: (LinkRow | undefined)[][] = tables.map((t) => new Array<LinkRow | undefined>(t.rowCount));
  // Data warnings that leave a link computed (Delivered while open), by row, for its Flags cell.
  const warnings = new Map<string, ValidationError[]>();
  const errorsByRow = new Map<string, ValidationError[]>();
  for (const e of errors) {
    const key = `${e.sheet}!${e.cell.replace(/^[A-Z]+/, '')}`;
    const list = errorsByRow.get(key);
    if (list) list.push(e);
    else errorsByRow.set(key, [e]);
    if (e.code === 'delivered-not-complete') warnings.set(key, [...(warnings.get(key) ?? []), e]);
  }
  const NONE: ValidationError[] = [];
  links.forEach((link, i) => {
    const src = link.row.src;
    const impact = linkImpacts[i];
    linkAt[src.table][src.index] = { link, warnings: warnings.get(`${src.sheet}!${src.row}`) ?? NONE, impact };
  });
  const writes: WritePlan['tables'] = [];
  tables.forEach((table, t) => {
    const write = tableWrite(
      table,
      stateAt[t],
      (row) => errorsByRow.get(`${table.sheet}!${row}`) ?? NONE,
      index,
      linkAt[t],
    );
    if (write === null) return;
    if ('code' in write) errors.push(write);
    else writes.push(write);
  });
  return {
    tables: writes,
    risks: {
      ...risksPlan(
        states.values(),
        index,
        errors,
        (_st, k) => itemCells[k],
        changes,
        linkRisks(states, index, links, linkCells, linkImpacts),
        removed,
      ),
      sheetName: risksSheet,
    },
    ledger: fitLedger(ledger),
  };
}

/** Each dependency's row (its Upstream cell): where the Risks sheet's Go to and the pane's Go to row land. */
function dependencyCellsOf(tables: LocatedTable[], links: LinkState[]): SheetLink[] {
  return links.map((link) => {
    const src = link.row.src;
    const t = tables[src.table];
    return { sheet: src.sheet, cell: a1(src.row, t.firstColumn + (t.match.fields.get('upstream') ?? 0)) };
  });
}

/** The Risks sheet's view of each link at risk: its row on the Dependencies sheet and whom to chase. */
function linkRisks(
  states: Map<string, ItemState>,
  index: ReturnType<typeof buildImpactIndex>,
  links: LinkState[],
  linkCells: SheetLink[],
  linkImpacts: readonly Impact[],
): LinkRisk[] {
  const risks: LinkRisk[] = [];
  // Only links at risk get a row: the others' names are not looked up at all.
  links.forEach((link, i) => {
    if (linkRiskSeverity(link) === null) return;
    const d = link.row;
    const up = states.get(d.upstream)!;
    risks.push({
      link,
      target: linkCells[i],
      upstreamName: up.row.name,
      downstreamName: states.get(d.downstream)!.row.name,
      owner: up.row.owner,
      value: (linkImpacts[i] ?? index.impactOf(d.downstream)).valueExposed,
    });
  });
  return risks;
}

/** Where each dependency's row is, and each edge's slack, for the pane's Dependencies view and map. */
function dependencyViews(links: LinkState[], dependencyCells: SheetLink[]) {
  const slack = new Map<string, number>();
  for (const link of links) {
    const d = link.row;
    if (link.slack === null) continue;
    const key = edgeKey({ from: d.upstream, to: d.downstream });
    if (!slack.has(key) || link.slack < slack.get(key)!) slack.set(key, link.slack);
  }
  return { dependencyCells, slack };
}
