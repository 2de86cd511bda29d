// The owned columns of a Dependencies table: one link's figures per row (SPEC §4).
import type { CellStyle, Impact, OutValue, Severity, ValidationError } from '../types';
import type { LinkState } from '../compute/link-figures';
import type { OwnedColumn } from '../recognise/names';
import { HEALTH_STYLE, SEVERITY_STYLE } from '../palette';
import { codeBits } from './link-risks';

export interface LinkRow {
  link: LinkState;
  /** Data warnings about the row that did not stop it being computed (Delivered while open). */
  warnings: ValidationError[];
  /** What its downstream reaches, found once per link: the Impact cell, the Risks row and the report share it. */
  impact?: Impact;
}

// A plan's links and items share a few hundred distinct days: one { day } value each, not one per cell.
// Nothing mutates a plan's values; bounded, as a long-lived pane refreshes for weeks.
const DAY_VALUES = new Map<number, OutValue>();
export function day(d: number | null): OutValue {
  if (d === null) return null;
  let v = DAY_VALUES.get(d);
  if (v === undefined) {
    if (DAY_VALUES.size >= 20_000) DAY_VALUES.clear();
    DAY_VALUES.set(d, (v = { day: d }));
  }
  return v;
}

// A link's Flags cell is one of a few texts (its codes in the order commitmentFlags adds them): each made once.
const CODES_TEXT: (string | undefined)[] = [];

function flagsText({ link, warnings }: LinkRow): string | null {
  const flags = link.flags;
  if (warnings.length === 0) {
    if (flags.length === 0) return null;
    if (flags.length === 1) return flags[0].code;
    const bits = codeBits(flags);
    if (bits >= 0) return (CODES_TEXT[bits] ??= flags.map((f) => f.code).join('; '));
    return flags.map((f) => f.code).join('; ');
  }
  const parts: string[] = flags.map((f) => f.code);
  for (const w of warnings) parts.push(`data warning: ${w.code} at ${w.cell}`);
  return parts.join('; ');
}

/** `impact` is the Impact (auto) text of a link: what its downstream reaches. */
export function linkCellValue(column: OwnedColumn, row: LinkRow, impact: (row: LinkRow) => string): OutValue {
  const link = row.link;
  switch (column) {
    case 'health':
      return link.health;
    case 'slack':
      return link.slack;
    case 'push':
      return link.push;
    case 'latestFinish':
      return day(link.latestFinish);
    case 'upstreamForecast':
      return day(link.upstreamForecast);
    case 'flags':
      return flagsText(row);
    case 'impact':
      return impact(row);
    default:
      return null;
  }
}

const SEVERITY_RANK = { info: 0, warn: 1, high: 2 } as const;

export function linkCellStyle(column: OwnedColumn, { link, warnings }: LinkRow): CellStyle | null {
  if (column === 'health') return HEALTH_STYLE[link.health];
  if (column !== 'flags') return null;
  // The worst severity of the flags, a data warning counting as warn; a loop, as this runs once per link.
  let top: Severity | null = warnings.length > 0 ? 'warn' : null;
  for (const f of link.flags) if (top === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[top]) top = f.severity;
  return top === null ? null : SEVERITY_STYLE[top];
}
