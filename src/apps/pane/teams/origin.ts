// Which workbook a review entry or top risk comes from, and how old that workbook's data is: the
// words the pane puts beside an item of a portfolio. In Excel only items of other workbooks are marked
// (the open one needs no label); on the page every member is a file, so every item says which.
import { splitComposite } from '../../../portfolio';
import type { PortfolioViews, TeamLine } from '../../../portfolio';

export interface Origin {
  workbook: string;
  /** From a workbook other than the one open in Excel (read, never written from here). */
  other: boolean;
  /** "From proc.xlsx · data 10 d old" */
  text: string;
  /** The same with the date spelled out, for a tooltip. */
  detail: string;
}

export type OriginOf = (sheet: string) => Origin | null;

/** "data 10 d old" from the latest check-in date the member's items carry. */
export function dataAge(line: TeamLine | undefined): string {
  if (!line || line.latestCheckIn === null || line.dataAgeDays === null) return 'no check-in dates';
  return line.dataAgeDays < 0 ? `data dated after the as-of date` : `data ${line.dataAgeDays} d old`;
}

/** Where a [file]Sheet name points, in words; undefined when the pane holds one workbook. */
export function originReader(views: PortfolioViews | null | undefined, home: string | null): OriginOf | undefined {
  if (!views) return undefined;
  const lines = new Map(views.teams.map((t) => [t.info.label, t]));
  return (sheet) => {
    const where = splitComposite(sheet);
    if (!where) return null;
    const other = home !== null && where.label !== home;
    if (home !== null && !other) return null;
    const line = lines.get(where.label);
    const age = dataAge(line);
    const latest = line?.latestCheckIn ? `latest check-in ${line.latestCheckIn}` : 'no check-in dates';
    return {
      workbook: where.label,
      other,
      text: `${other ? 'From' : 'In'} ${where.label} · ${age}`,
      detail:
        `${where.sheet} in ${where.label}${line ? ` (team ${line.info.key})` : ''}; ${latest}` +
        (other ? '; read from the file picked, never written from here' : ''),
    };
  };
}

/** "row 12 of Initiatives in emea.xlsx" for a [file]Sheet link, "row 12 of Initiatives" otherwise. */
export function rowPlace(target: { sheet: string; cell: string }): string {
  const row = target.cell.replace(/^[A-Z]+/, '');
  const where = splitComposite(target.sheet);
  return where ? `row ${row} of ${where.sheet} in ${where.label}` : `row ${row} of ${target.sheet}`;
}
