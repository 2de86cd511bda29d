// What a portfolio refresh shows across members: every risk with its workbook, a line per team, and
// which team's slips push which team's dates. Plain data from the engine's result; sheets.ts lays it
// out as sheets and report.tsx as HTML.
import type { DependencyReport, Health, ItemReport, Severity } from '../engine';
import { dependencyAtRisk } from '../engine';
import type { RefreshResult } from '../engine';
import type { ItemLinks } from '../engine';
import { RISKS_HEADERS } from '../engine';
import { isoFromDay } from '../engine';
import type { MergeResult } from './merge';
import { splitQualified, type MemberInfo } from './identity';

export interface PortfolioRisk {
  severity: Severity;
  team: string;
  workbook: string;
  item: string | null;
  name: string | null;
  kind: string | null;
  health: string | null;
  issue: string;
  details: string;
  owner: string | null;
  valueExposed: number | null;
  /** The member's own sheet and cell the risk is about. */
  sheet: string;
  cell: string;
}

export interface TeamLine {
  info: MemberInfo;
  /** Null when the member was read; otherwise why it could not be. */
  unavailable: string | null;
  objectives: Record<Health, number>;
  work: Record<Health, number>;
  stale: number;
  flagged: number;
  errors: number;
  valueAtStake: number;
  /** The latest Updated date among its KPIs and initiatives (ISO), and how many days before as-of. */
  latestCheckIn: string | null;
  dataAgeDays: number | null;
}

export interface TeamPush {
  from: string;
  to: string;
  /** Downstream items pushed later by an item of `from`. */
  items: string[];
  maxDays: number;
  /** Value of the objectives those items reach, counted once. */
  valueExposed: number;
  /** Links from `from` to `to` at risk (Red, no slack left, or a broken or missing promise). */
  atRisk: number;
}

/** A dependency between two teams, with the figures its own row on the member's Dependencies sheet shows. */
export interface CrossLink {
  link: DependencyReport;
  fromTeam: string;
  toTeam: string;
  /** The member whose Dependencies sheet holds the row, and the row's Upstream cell there. */
  team: string;
  sheet: string;
  cell: string;
  /** What the downstream reaches, as the Impact (auto) cell says it. */
  impact: string;
}

export interface PortfolioViews {
  risks: PortfolioRisk[];
  teams: TeamLine[];
  pushes: TeamPush[];
  /** Cross-team dependencies, worst first. */
  links: CrossLink[];
}

const column = (h: string) => RISKS_HEADERS.indexOf(h);
const empty = (): Record<Health, number> => ({ Green: 0, Amber: 0, Red: 0, Grey: 0 });

/** Value of a set of objectives, an objective counted only when no ancestor in the set carries value. */
function valueOnce(objectives: Set<string>, links: ItemLinks): number {
  let total = 0;
  for (const o of objectives) {
    const value = links.objectives.get(o)?.valueAtStake ?? 0;
    if (!value) continue;
    let covered = false;
    for (let p = links.serves.get(o), guard = 0; p !== undefined && guard < 1000; p = links.serves.get(p), guard++) {
      if (objectives.has(p) && (links.objectives.get(p)?.valueAtStake ?? 0) > 0) covered = true;
    }
    if (!covered) total += value;
  }
  return total;
}

/**
 * The views of a refresh. `risks: false` leaves the list of every risk empty, for a host that shows
 * none of it (the command line without portfolio sheets: a million rows have half a million risks).
 */
export function portfolioViews(
  result: RefreshResult,
  merge: MergeResult,
  options: { risks?: boolean } = {},
): PortfolioViews {
  const keys = new Set(merge.members.map((m) => m.key));
  const teamOf = (id: string) => splitQualified(id, keys)?.key ?? null;
  const infoOf = new Map(merge.members.map((m) => [m.key, m]));
  const plan = result.plan;

  const risks: PortfolioRisk[] = [];
  if (plan && options.risks !== false) {
    plan.risks.rows.forEach((row, r) => {
      const link = plan.risks.links[r];
      const where = link ? merge.sheetOf.get(link.target.sheet) : undefined;
      if (!link || !where) return;
      const text = (c: string) => (row[column(c)] === null ? null : String(row[column(c)]));
      const value = row[column('Value exposed')];
      risks.push({
        severity: row[column('Severity')] as Severity,
        team: where.key,
        workbook: infoOf.get(where.key)!.label,
        item: text('Item'),
        name: text('Name'),
        kind: text('Kind'),
        health: text('Health'),
        issue: text('Issue') ?? '',
        details: text('Details') ?? '',
        owner: text('Owner'),
        valueExposed: typeof value === 'number' ? value : null,
        sheet: where.sheet,
        cell: link.target.cell,
      });
    });
  }

  const items = result.report.items;
  const itemsOf = new Map<string, ItemReport[]>();
  for (const i of items) {
    const team = teamOf(i.id);
    if (team !== null) (itemsOf.get(team) ?? itemsOf.set(team, []).get(team)!).push(i);
  }
  const errorsOf = new Map<string, number>();
  for (const e of result.report.errors) {
    const team = merge.sheetOf.get(e.sheet)?.key;
    if (team !== undefined) errorsOf.set(team, (errorsOf.get(team) ?? 0) + 1);
  }
  const teams: TeamLine[] = merge.members.map((info) => {
    const own = itemsOf.get(info.key) ?? [];
    const line: TeamLine = {
      info,
      unavailable: merge.unavailable.get(info.key) ?? null,
      objectives: empty(),
      work: empty(),
      stale: 0,
      flagged: 0,
      errors: errorsOf.get(info.key) ?? 0,
      valueAtStake: valueOnce(new Set(own.filter((i) => i.kind === 'objective').map((i) => i.id)), result.links),
      latestCheckIn: null,
      dataAgeDays: null,
    };
    let latest: number | null = null;
    for (const i of own) {
      (i.kind === 'objective' ? line.objectives : line.work)[i.health]++;
      if (i.flags.some((f) => f.code === 'stale')) line.stale++;
      if (i.flags.length > 0) line.flagged++;
      const updated = result.links.dates.get(i.id)?.updated ?? null;
      if (updated !== null && (latest === null || updated > latest)) latest = updated;
    }
    if (latest !== null) {
      line.latestCheckIn = isoFromDay(latest);
      line.dataAgeDays = result.settings.asOf - latest;
    }
    return line;
  });

  const byPair = new Map<
    string,
    { from: string; to: string; items: string[]; maxDays: number; objectives: Set<string>; atRisk: number }
  >();
  const pairOf = (from: string, to: string) => {
    const key = `${from}\u0000${to}`;
    const pair = byPair.get(key) ?? { from, to, items: [], maxDays: 0, objectives: new Set<string>(), atRisk: 0 };
    byPair.set(key, pair);
    return pair;
  };
  const reportOf = new Map<string, ItemReport>(items.map((i) => [i.id, i]));
  for (const [id, push] of result.links.pushed) {
    const from = teamOf(push.by);
    const to = teamOf(id);
    if (from === null || to === null || from === to) continue;
    const pair = pairOf(from, to);
    pair.items.push(id);
    pair.maxDays = Math.max(pair.maxDays, push.days);
    for (const o of reportOf.get(id)?.impact.objectives ?? []) pair.objectives.add(o);
  }
  const links = crossLinks(result, merge, teamOf, reportOf);
  for (const l of links) {
    const pair = pairOf(l.fromTeam, l.toTeam);
    if (dependencyAtRisk(l.link)) pair.atRisk++;
    if (pair.atRisk > 0)
      for (const o of reportOf.get(l.link.downstream)?.impact.objectives ?? []) pair.objectives.add(o);
  }
  const pushes = [...byPair.values()]
    .map((p) => ({
      from: p.from,
      to: p.to,
      items: p.items,
      maxDays: p.maxDays,
      valueExposed: valueOnce(p.objectives, result.links),
      atRisk: p.atRisk,
    }))
    // A pair is a push only when something was pushed; links at risk alone show in the matrix and the links' block.
    .filter((p) => p.items.length > 0)
    .sort((a, b) => b.valueExposed - a.valueExposed || b.maxDays - a.maxDays || b.atRisk - a.atRisk);
  return { risks, teams, pushes, links };
}

const HEALTH_RANK: Readonly<Record<Health, number>> = { Red: 0, Amber: 1, Grey: 2, Green: 3 };

/** Dependencies whose two ends are in different members, worst first (as the pane's Dependencies view). */
function crossLinks(
  result: RefreshResult,
  merge: MergeResult,
  teamOf: (id: string) => string | null,
  reportOf: Map<string, ItemReport>,
): CrossLink[] {
  const cells = result.links.dependencyCells ?? [];
  const out: CrossLink[] = [];
  result.report.dependencies.forEach((link, i) => {
    const fromTeam = teamOf(link.upstream);
    const toTeam = teamOf(link.downstream);
    const where = merge.sheetOf.get(link.sheet);
    if (fromTeam === null || toTeam === null || fromTeam === toTeam || !where || !cells[i]) return;
    const impact = reportOf.get(link.downstream)?.impact;
    const text = !impact
      ? ''
      : [impact.objectives.slice(0, 6).join(', '), impact.revenueStreams.slice(0, 4).join(', ')]
          .filter(Boolean)
          .join(' · ') + (impact.valueExposed > 0 ? ` · ${impact.valueExposed.toLocaleString('en-US')} exposed` : '');
    out.push({ link, fromTeam, toTeam, team: where.key, sheet: where.sheet, cell: cells[i].cell, impact: text });
  });
  const slack = (d: DependencyReport) => d.slackDays ?? Number.POSITIVE_INFINITY;
  return out.sort(
    (a, b) =>
      HEALTH_RANK[a.link.health] - HEALTH_RANK[b.link.health] ||
      slack(a.link) - slack(b.link) ||
      b.link.valueExposed - a.link.valueExposed,
  );
}
