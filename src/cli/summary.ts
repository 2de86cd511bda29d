// The short human summary printed after a refresh.
import type { Report, RisksPlan } from '../engine/types';
import { formatMoney } from '../engine/plan/columns';

const TOP_RISKS = 8;

export function humanSummary(input: string, report: Report, risks: RisksPlan | null, written: string | null): string {
  const s = report.summary;
  const o = s.objectives;
  const lines = [
    `Throughline: ${input} as of ${report.asOf}`,
    `Objectives  ${o.Green} Green · ${o.Amber} Amber · ${o.Red} Red · ${o.Grey} Grey`,
    `Value       ${formatMoney(s.valueAtStake)} at stake · ${formatMoney(s.valueAtRisk)} at risk`,
    `Review      ${s.flagged} items flagged · ${s.stale} stale · ${s.errors} data errors`,
  ];
  if (risks && risks.rows.length > 0) {
    lines.push('', `Top risks (${Math.min(TOP_RISKS, risks.rows.length)} of ${risks.rows.length}; all are on the Risks sheet):`);
    for (const row of risks.rows.slice(0, TOP_RISKS)) {
      const [severity, item, , , health, issue, details] = row;
      const who = item ? `${item} (${health})` : 'data';
      lines.push(`  ${String(severity).padEnd(4)}  ${who.padEnd(20)} ${issue}: ${truncate(String(details ?? ''), 110)}`);
    }
  }
  for (const w of report.whatIf) {
    const changes = w.objectivesChanged.map((c) => `${c.id} ${c.from}→${c.to}`).join(', ') || 'no objective changes health';
    lines.push('', `What if ${w.delay.id} slips ${w.delay.days} days: ${changes}; ${formatMoney(w.valueNewlyAtRisk)} newly at risk.`);
  }
  if (written) lines.push('', `Refreshed workbook written to ${written}`);
  return lines.join('\n') + '\n';
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
