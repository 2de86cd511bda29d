// Every message text a person reads, in one place, so wording stays consistent and reviewable.
import type { ColumnSpec } from './recognise/names';
import { dayCount } from './format';

const list = (names: string[]): string => names.map((n) => `"${n}"`).join(', ');

export const messages = {
  /** How a baseline is named in messages: its label and date, or the first recording's date. */
  baselineName: (label: string | null, setOn: string) =>
    label === null ? `as first recorded on ${setOn}` : `baseline '${label}', set ${setOn}`,
  /** "Due moved from 2026-05-15 (baseline 'FY26 plan', set 2026-03-31) to 2026-06-30, 46 days later (as of 2026-04-20)". */
  movedGoalpost: (field: string, verb: string, from: string, where: string, to: string, note: string, asOf: string) =>
    `${field} ${verb} from ${from} (${where}) to ${to}${note} (as of ${asOf})`,
  baselineLabelEmpty: 'A baseline needs a label, such as "FY26 plan".',
  baselineLabelTooLong: (max: number, length: number) =>
    `A baseline label holds at most ${max} characters; this one has ${length}.`,
  sinceBaseline: (label: string, setOn: string) => `since baseline '${label}' (set ${setOn})`,
  sinceFirstRecorded: 'since the plan was first recorded (no baseline set yet)',
  removedSinceBaseline: (where: string, lastHealth: string | null, lastSeen: string | null) =>
    `in the plan (${where}) but no longer in the workbook` +
    (lastSeen ? `; last seen in the refresh as of ${lastSeen}${lastHealth ? `, ${lastHealth}` : ''}` : ''),
  /** One message for everything missing: a workbook with none of the tables should not read as two problems. */
  missingTables: (needsObjectives: boolean, needsItems: boolean, sheets: string[], tables: string[]) => {
    const wants: string[] = [];
    if (needsObjectives) wants.push('an Objectives table or sheet (also recognised: "Goals", "Strategy")');
    if (needsItems) {
      wants.push(
        'a KPIs table or sheet (also: "Metrics", "Key Results", "Measures") or an Initiatives one (also: ' +
          '"Projects", "Milestones", "Workstreams")',
      );
    }
    return (
      `Throughline needs ${wants.join(' and ')}, with a header row of column names. ` +
      `Sheets found: ${sheets.length ? sheets.join(', ') : 'none'}` +
      (tables.length ? `; tables found: ${tables.join(', ')}.` : '.')
    );
  },
  missingColumn: (where: string, spec: ColumnSpec, headers: string[]) =>
    `${where} has no "${spec.title}" column` +
    (spec.aliases.length ? ` (it may also be called ${list(spec.aliases)})` : '') +
    `. Its headers are: ${headers.filter(Boolean).join(', ') || 'none'}.`,
  missingValue: (title: string) => `${title} is required but the cell is empty; the row is skipped.`,
  duplicateId: (id: string, first: string) => `ID "${id}" is already used at ${first}; the row is skipped.`,
  dangling: (title: string, id: string, expected: string) =>
    `${title} "${id}" does not match any ${expected} ID; the row is skipped.`,
  foreignLedger: (sheet: string) =>
    `The sheet ${sheet} was not written by Throughline, which keeps its hidden audit ledger under that name; rename ` +
    `that sheet and refresh again.`,
  notCalculated:
    'the cell holds a formula whose result was never saved (the program that wrote the file does not calculate ' +
    'formulas); open the workbook in Excel or LibreOffice, save it, and refresh again',
  memberNotRead: (workbook: string, reason: string) =>
    `${workbook} could not be read (${reason}): its KPIs and initiatives are left out of this refresh, so the ` +
    `objectives they serve may look healthier than they are. Refresh again once it can be read.`,
  sourceUnavailable: (id: string, reason: string) =>
    `"${id}" is in a workbook that could not be read (${reason}); this link is left out until it can be.`,
  danglingHistory: (id: string) => `History ID "${id}" does not match any KPI or initiative; the entry is ignored.`,
  danglingDependency: (end: string, id: string) =>
    `${end} "${id}" does not match any KPI or initiative; the dependency is ignored.`,
  badLag: (lag: number, max: number) =>
    `Lag ${lag} is not a number of days between -${max} and ${max}; the dependency is ignored.`,
  targetEqualsBaseline: (target: number) =>
    `Target equals Baseline (${target}), so progress cannot be measured; the row is skipped.`,
  negativeWeight: (w: number) => `Weight ${w} is negative; weights must be 0 or more. The row is skipped.`,
  negativeValue: (v: number) => `Value at Stake ${v} is negative; it must be 0 or more. The row is skipped.`,
  badCell: (title: string, detail: string) => `${title}: ${detail}; the row is skipped.`,
  badSetting: (key: string, detail: string) => `Setting "${key}": ${detail}; the default is used.`,
  unknownSetting: (key: string, known: string[]) =>
    `Setting "${key}" is not one Throughline knows (${known.join(', ')}); it is ignored.`,
  parentCycle: (path: string[]) =>
    `Parent links form a cycle: ${path.join(' → ')}. These objectives are shown Grey until the cycle is broken.`,
  dependencyCycle: (path: string[]) =>
    `Dependencies form a cycle: ${path.join(' → ')}. These items are shown Grey until the cycle is broken.`,
  protectedSheet: (sheet: string) =>
    `Sheet ${sheet} is protected, so Throughline cannot write its computed columns there. Unprotect it (Review › ` +
    `Unprotect Sheet) and refresh again; nothing was written.`,
  noRoom: (where: string, cell: string, needed: number) =>
    `${where}: Throughline needs ${needed} free column${needed === 1 ? '' : 's'} to the right of the table for its ` +
    `computed columns, but ${cell} is not empty. Move that content or the table; nothing was written to this table.`,
  noRoomTable: (where: string, cell: string, needed: number, table: string) =>
    `${where}: Throughline needs ${needed} free column${needed === 1 ? '' : 's'} to the right of the table for its ` +
    `computed columns, but ${cell} belongs to the table ${table}, and Excel tables cannot overlap. Move one of the ` +
    `two tables; nothing was written to this table.`,
  noRoomAtEdge: (where: string, needed: number) =>
    `${where}: Throughline needs ${needed} free column${needed === 1 ? '' : 's'} to the right of the table for its ` +
    `computed columns, but the sheet ends at column XFD. Move the table left; nothing was written to this table.`,
  noRoomMerged: (where: string, cell: string, needed: number, merged: string, formal: boolean) =>
    `${where}: Throughline needs ${needed} free column${needed === 1 ? '' : 's'} to the right of the table for its ` +
    `computed columns, but ${cell} is part of the merged cells ` +
    `${merged}${formal ? ', and Excel allows no merged cells inside a table' : ', which would hide the values written there'}. ` +
    'Unmerge them or move them or the table; nothing was written to this table.',
  noRoomToInsert: (where: string, cell: string, needed: number) =>
    `${where}: this version of Excel can add Throughline's ${needed} computed column${needed === 1 ? '' : 's'} only ` +
    `by inserting cells, which would move ${cell} and everything right of the table in its rows. Move that content ` +
    `below or above the table, or refresh in Excel on the web or Microsoft 365; nothing was written to this table.`,
  selfDependency: (id: string) =>
    `Upstream and Downstream are both "${id}": an item cannot wait on itself; the dependency is ignored.`,
  deliveredNotComplete: (id: string, progress: string) =>
    `Status says Delivered, but upstream ${id} is ${progress} complete; the link is still computed as open. ` +
    `Mark ${id} 100% complete or correct the Status.`,
  // The four link flags' texts after their "INI-1 → INI-2: " lead, which linkFlagMessage puts before them:
  // the Risks row of the link shows them without it. Joined, not concatenated: ten thousand links keep
  // these texts for the whole refresh, and a join makes one flat string where + makes a chain of pieces.
  commitmentAtRisk: (upstream: string, forecast: string, committed: string, days: number) =>
    [
      upstream,
      ' is forecast to finish ',
      forecast,
      ', ',
      dayCount(days),
      ' after the ',
      committed,
      ' its team committed to.',
    ].join(''),
  needNotMet: (upstream: string, forecast: string, needed: string, days: number, pushes: string) =>
    [
      upstream,
      ' is forecast to finish ',
      forecast,
      ', ',
      dayCount(days),
      ' after ',
      needed,
      ', when it is needed',
      pushes,
      '.',
    ].join(''),
  uncommitted: (upstream: string, needed: string) =>
    ['needed by ', needed, ', but ', upstream, "'s team has committed to no date yet."].join(''),
  declined: (upstream: string) =>
    [
      upstream,
      "'s team declined this dependency, yet the link still stands; agree another way or remove the row.",
    ].join(''),
  linkFlagMessage: (link: string, said: string) => `${link}: ${said}`,
};
