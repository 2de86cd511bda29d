// The staged Risks rows and ledger sent as deflated packages (ExcelApi 1.13,
// Workbook.insertWorksheetsFromBase64) instead of value writes: at 100,000 rows they are about 45 MB
// of JSON, eight or more round trips, but a few megabytes as a package. Each package holds one very
// hidden working sheet, named as the value path names its own, with the cells the value path would
// write (staging.ts); the inserts go first, in batches of their own, so that an insert Excel refuses
// has changed nothing the user sees and the refresh falls back to value writes (port.ts). A sheet too
// large for one request comes in parts, each holding its rows at their final addresses; a middle batch
// copies the parts onto the first (Range.copyFrom) and deletes them, and from there on the first part
// is the working sheet the value path would have made. See docs/decisions.md, "Sending the staged
// sheets compressed".
import type { WritePlan } from '../../engine';
import { PALETTE } from '../../engine';
import { asOfficeValue } from './cells';
import { rangeIn } from './range';
import { stageInParts, type StagedGrid, type StagedPart, type StagedValue } from './staging';
import { actionCost, addCost, jsonBytes, objectCost, sheetCost, type Cost } from './wire';
import { RETIRE, emptyBatchCost, linkCell, retire, type Batches, type HostSupport, type Scope } from './batches';

/** The options every insert passes: at the end of the workbook, as Worksheets.add puts a working sheet. */
const INSERT_OPTIONS: Excel.InsertWorksheetOptions = { positionType: 'End' };

/** The Risks sheet's cells as the value path writes them: the header row, then one row per risk. */
export function risksGrid(plan: WritePlan, date1904: boolean): StagedGrid {
  const r = plan.risks;
  const rows = [
    r.headers.map((h) => asOfficeValue(h, date1904)),
    ...r.rows.map((row, i) =>
      row.map((v, c) => {
        const link = r.links[i];
        if (!link || c !== link.column) return asOfficeValue(v, date1904);
        const text = String(v ?? '');
        const cell = linkCell(text, link.target.sheet, link.target.cell, date1904);
        // The link shows its text (HYPERLINK's friendly name).
        return typeof cell === 'string' && cell.startsWith('=') ? { formula: cell, shows: text } : cell;
      }),
    ),
  ];
  // The bold header, and each row's severity fill on its first cell, as risksSteps sets them.
  return {
    top: 1,
    rows,
    format: (i, c) => {
      if (i === 0) return { bold: true };
      const style = c === 0 ? r.styles[i - 1] : null;
      return style ? { fill: PALETTE[style].fill } : null;
    },
  };
}

/** The ledger's blocks side by side from column A, each with its header row, blanks between. */
export function ledgerGrid(plan: WritePlan, bottom: number, right: number, date1904: boolean): StagedGrid {
  const rows = Array.from({ length: bottom }, () => new Array<StagedValue>(right).fill(''));
  for (const block of plan.ledger.blocks)
    [block.headers, ...block.rows].forEach((row, r) =>
      // LedgerBlock.column counts from 0 (column A).
      row.forEach((v, c) => (rows[r][block.column + c] = asOfficeValue(v, date1904))),
    );
  return { top: 1, rows };
}

/**
 * A sheet goes as a package when its value writes would fill a request on their own (the host's budget,
 * unless a test sets `compressFrom`). An insert is a round trip of its own (inserts share a batch with
 * nothing else), which a smaller sheet, sharing a batch with the rest of the write, does not pay for:
 * at 1 MB the generated 10,000-row workbook took a write round trip more than by value.
 */
export function worthCompressing(grid: StagedGrid, support: { compressFrom?: number; budget: number }): boolean {
  const from = support.compressFrom ?? support.budget;
  let bytes = 0;
  for (const row of grid.rows) {
    bytes += jsonBytes(row);
    if (bytes >= from) return true;
  }
  return bytes >= from;
}

/** What inserting one package costs: the base64 string is one argument of one method action. */
export function insertCost(part: StagedPart): Cost {
  const call = actionCost('InsertWorksheetsFromBase64', part.base64.length + 2 + jsonBytes(INSERT_OPTIONS) + 1);
  // The response carries the new sheets' ids.
  return [call, { request: 0, response: 60 }, sheetCost(part.name), actionCost('Visibility', 14)].reduce(addCost);
}

/** The most base64 one package named `name` may hold: a batch's budget less its own cost and the insert's. */
export function packageLimit(support: HostSupport, name: string): number {
  const empty: StagedPart = { name, base64: '', top: 1, bottom: 1 };
  return support.budget - emptyBatchCost(support).request - insertCost(empty).request;
}

/**
 * Stages `grid` as packages within the budget and adds their inserts. Part 0's sheet is `name`; later
 * parts take names from `more` (working names, so that a refresh interrupted before they are merged
 * leaves sheets the next one clears away). Returns the parts.
 */
export function insertSteps(
  batches: Batches,
  grid: StagedGrid,
  name: string,
  more: () => string,
  support: HostSupport,
  scope: Scope,
): StagedPart[] {
  const names: string[] = [name];
  const nameOf = (i: number) => {
    while (names.length <= i) names.push(more());
    return names[i];
  };
  // Every part's name is as long as the longest a working sheet takes ("… (writing 99)").
  const parts = stageInParts(grid, packageLimit(support, `${name} (writing 99)`), nameOf);
  for (const part of parts)
    batches.add({
      cost: insertCost(part),
      scope,
      insert: true,
      queue: (context, sheets) => {
        context.workbook.insertWorksheetsFromBase64(part.base64, INSERT_OPTIONS);
        // Found by name when Excel runs this action, after the insert: very hidden at once, as a
        // working sheet the value path adds. The name is free (workingNames avoids every sheet's).
        sheets.get(part.name).visibility = 'VeryHidden';
      },
    });
  return parts;
}

/** Copies parts 1… onto part 0 at their own rows (columns 1 to `right`) and deletes them. */
export function mergeParts(batches: Batches, parts: StagedPart[], right: number, scope: Scope): void {
  for (const part of parts.slice(1)) {
    const area = { top: part.top, left: 1, bottom: part.bottom, right };
    const cost: Cost = [
      sheetCost(part.name),
      sheetCost(parts[0].name),
      objectCost('GetRangeByIndexes', 40, { range: true, untracked: true }),
      objectCost('GetRangeByIndexes', 40, { range: true, untracked: true }),
      actionCost('CopyFrom', 40),
      RETIRE,
    ].reduce(addCost);
    batches.add({
      cost,
      scope,
      queue: (_context, sheets) => {
        const from = sheets.get(part.name);
        rangeIn(sheets.get(parts[0].name), area).copyFrom(rangeIn(from, area), 'All', false, false);
        retire(from);
      },
    });
  }
}
