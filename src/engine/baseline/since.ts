// What moved since the baseline, for the pane's Changes and the HTML report: the goalposts moved, the
// items gone, the initiatives now forecast after their baseline Due, and the milestone trend of the
// worst of them (reporting date across, forecast finish up: a flat line is a date that holds).
import type { ForecastPoint, Health, ItemKind, RemovedItem, Report, Severity } from '../types';
import { messages } from '../messages';

export interface MovedItem {
  id: string;
  kind: ItemKind;
  name: string;
  severity: Severity;
  message: string;
}

export interface MilestoneTrend {
  id: string;
  name: string;
  health: Health;
  /** The baseline's Due (ISO), the line every forecast is measured against. */
  baselineDue: string | null;
  slipVsBaselineDays: number;
  /** Initiatives' forecast finish per as-of date; points without a forecast are left out. */
  points: { asOf: string; forecast: string }[];
}

export interface SinceBaseline {
  /** "since baseline 'FY26 plan' (set 2026-03-31)", or "since the plan was first recorded". */
  title: string;
  moved: MovedItem[];
  removed: RemovedItem[];
  /** Initiatives forecast after their baseline Due, latest first. */
  slipping: { id: string; name: string; days: number }[];
  milestones: MilestoneTrend[];
}

const SEVERITY_ORDER: Readonly<Record<Severity, number>> = { high: 0, warn: 1, info: 2 };

export function sinceBaseline(report: Report, chartCount = 5): SinceBaseline {
  const moved: MovedItem[] = [];
  for (const item of report.items)
    for (const f of item.flags)
      if (f.code === 'moved-goalposts')
        moved.push({ id: item.id, kind: item.kind, name: item.name, severity: f.severity, message: f.message });
  moved.sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.id < b.id ? -1 : 1));
  const late = report.items
    .filter((i) => i.kind === 'initiative' && i.slipVsBaselineDays !== null && i.slipVsBaselineDays > 0)
    .sort((a, b) => b.slipVsBaselineDays! - a.slipVsBaselineDays! || (a.id < b.id ? -1 : 1));
  const milestones: MilestoneTrend[] = [];
  for (const item of late) {
    if (milestones.length >= chartCount) break;
    const points = (item.forecastHistory ?? [])
      .filter((p): p is ForecastPoint & { forecast: string } => p.forecast !== null)
      .map((p) => ({ asOf: p.asOf, forecast: p.forecast }));
    if (points.length === 0) continue;
    milestones.push({
      id: item.id,
      name: item.name,
      health: item.health,
      baselineDue: item.baseline?.due ?? null,
      slipVsBaselineDays: item.slipVsBaselineDays!,
      points,
    });
  }
  return {
    title: report.baseline
      ? messages.sinceBaseline(report.baseline.label, report.baseline.setOn)
      : messages.sinceFirstRecorded,
    moved,
    removed: report.removed,
    slipping: late.map((i) => ({ id: i.id, name: i.name, days: i.slipVsBaselineDays! })),
    milestones,
  };
}
