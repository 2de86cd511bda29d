// The owned columns of a Dependencies table: one link's figures per row (SPEC §4).
import type { CellStyle, OutValue, ValidationError } from '../types';
import type { LinkState } from '../compute/link-figures';
import type { OwnedColumn } from '../recognise/names';
import { HEALTH_STYLE, SEVERITY_STYLE } from '../palette';

export interface LinkRow {
  link: LinkState;
  /** Data warnings about the row that did not stop it being computed (Delivered while open). */
  warnings: ValidationError[];
}

const day = (d: number | null): OutValue => (d === null ? null : { day: d });

function flagsText({ link, warnings }: LinkRow): string | null {
  const parts: string[] = link.flags.map((f) => f.code);
  for (const w of warnings) parts.push(`data warning: ${w.code} at ${w.cell}`);
  return parts.length > 0 ? parts.join('; ') : null;
}

/** `impact` is the Impact (auto) text of an item: a link exposes what its downstream reaches. */
export function linkCellValue(column: OwnedColumn, row: LinkRow, impact: (id: string) => string): OutValue {
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
      return impact(link.row.downstream);
    default:
      return null;
  }
}

const SEVERITY_RANK = { info: 0, warn: 1, high: 2 } as const;

export function linkCellStyle(column: OwnedColumn, { link, warnings }: LinkRow): CellStyle | null {
  if (column === 'health') return HEALTH_STYLE[link.health];
  if (column !== 'flags') return null;
  const severities = [...link.flags.map((f) => f.severity), ...warnings.map(() => 'warn' as const)];
  if (severities.length === 0) return null;
  const top = severities.reduce((a, b) => (SEVERITY_RANK[b] > SEVERITY_RANK[a] ? b : a));
  return SEVERITY_STYLE[top];
}
