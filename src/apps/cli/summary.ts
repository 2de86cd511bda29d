// The short human summary printed after a refresh: the numbers, then the items most worth a look.
import type { Health, ItemReport, Report } from '../../engine';
import { formatMoney } from '../../engine';
import type { FailOn } from './args';

const TOP_ITEMS = 8;
const RANK: Record<Health, number> = { Red: 0, Amber: 1, Grey: 2, Green: 3 };

/** Red before Amber, then the most value exposed, then the most flags, then sheet order. */
export function topRisks(items: ItemReport[], count = TOP_ITEMS): ItemReport[] {
  return items
    .filter((i) => i.health !== 'Green' || i.flags.some((f) => f.severity === 'high'))
    .map((item, order) => ({ item, order }))
    .sort(
      (a, b) =>
        RANK[a.item.health] - RANK[b.item.health] ||
        b.item.impact.valueExposed - a.item.impact.valueExposed ||
        b.item.flags.length - a.item.flags.length ||
        a.order - b.order,
    )
    .slice(0, count)
    .map((x) => x.item);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

export function humanSummary(input: string, report: Report, written: string | null, risksSheet = 'Risks'): string {
  const s = report.summary;
  const o = s.objectives;
  const lines = [
    `Throughline: ${input} as of ${report.asOf}`,
    `Objectives  ${o.Green} Green · ${o.Amber} Amber · ${o.Red} Red · ${o.Grey} Grey`,
    `Value       ${formatMoney(s.valueAtStake)} at stake · ${formatMoney(s.valueAtRisk)} at risk`,
    `Review      ${s.flagged} items flagged · ${s.stale} stale · ${s.errors} data errors`,
  ];
  const top = topRisks(report.items.filter((i) => i.kind !== 'objective'));
  if (top.length > 0) {
    lines.push('', 'Top risks:');
    for (const item of top) {
      const reported =
        item.reportedStatus && item.reportedStatus !== item.health ? ` (reported ${item.reportedStatus})` : '';
      lines.push(`  ${item.health.padEnd(5)} ${item.id.padEnd(8)} ${truncate(item.name, 44)}${reported}`);
      if (item.drivers[0])
        lines.push(`        ${truncate(item.drivers.filter((d) => d !== 'complete').join('; '), 120)}`);
      // A code raised by two links (INI-1 promised to two teams) is named once.
      if (item.flags.length) lines.push(`        flags: ${[...new Set(item.flags.map((f) => f.code))].join(', ')}`);
      if (item.impact.valueExposed > 0) {
        lines.push(
          `        reaches ${objectiveList(item.impact.objectives)}; ${formatMoney(item.impact.valueExposed)} exposed`,
        );
      }
    }
  }
  const errors = report.errors.slice(0, 5);
  if (errors.length > 0) {
    lines.push('', `Data errors (${report.errors.length}):`);
    for (const e of errors) lines.push(`  ${e.sheet}!${e.cell}  ${e.code}: ${truncate(e.message, 110)}`);
  }
  lines.push(...whatIfLines(report));
  if (written)
    lines.push('', `Refreshed workbook written to ${written}: see its ${risksSheet} sheet for every item and flag.`);
  return lines.join('\n') + '\n';
}

/** How many objectives the summary names before counting the rest: a line, not a screenful. */
const OBJECTIVES_NAMED = 8;

/** "O1, O2, O3" or, past a handful, "O1, O2, … and 1,834 more (1,842 objectives)". */
export function objectiveList(ids: readonly string[]): string {
  if (ids.length <= OBJECTIVES_NAMED) return ids.join(', ');
  const rest = ids.length - OBJECTIVES_NAMED;
  const count = (n: number) => n.toLocaleString('en-US');
  return `${ids.slice(0, OBJECTIVES_NAMED).join(', ')} … and ${count(rest)} more (${count(ids.length)} objectives)`;
}

/** The what-ifs asked with --delay, a paragraph each. */
export function whatIfLines(report: Report): string[] {
  return report.whatIf.flatMap((w) => {
    const changes =
      w.objectivesChanged.map((c) => `${c.id} ${c.from}→${c.to}`).join(', ') || 'no objective changes health';
    const days = `${w.delay.days} day${w.delay.days === 1 ? '' : 's'}`;
    return ['', `What if ${w.delay.id} slips ${days}: ${changes}; ${formatMoney(w.valueNewlyAtRisk)} newly at risk.`];
  });
}

/** Why --fail-on stops the run (exit 1), or null when nothing reaches its level. */
export function failOnReason(report: Report, level: FailOn): string | null {
  const hits = report.items.filter((i) =>
    level === 'red'
      ? i.health === 'Red'
      : level === 'amber'
        ? i.health === 'Red' || i.health === 'Amber'
        : i.flags.length > 0,
  );
  if (hits.length === 0) return null;
  const what = level === 'flag' ? 'flagged' : level === 'red' ? 'Red' : 'Amber or Red';
  return `--fail-on ${level}: ${hits.length} item${hits.length === 1 ? ' is' : 's are'} ${what} (${hits
    .slice(0, 5)
    .map((i) => i.id)
    .join(', ')}${hits.length > 5 ? ', …' : ''})`;
}
