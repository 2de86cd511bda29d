// Writing a plan through Office.js so that a refresh that fails writes nothing, at any size.
// Everything that can be checked is checked before the first write: the plan's shape against what was
// read, every text against Excel's 32,767 characters, every formula against Excel's limits, and every
// batch's request and response against the payload budget (the batches are all planned, with their
// measured sizes, before any is sent). Tables grow without inserting a cell (Table.resize), or, where
// only an insert is possible, only when nothing lies right of them (the engine refused the others).
// The Risks sheet and the ledger stay the same worksheets from refresh to refresh (references to them
// survive): the new rows are staged on very hidden working sheets and copied into place by the last
// batch, one Range.copyFrom each, so until then the old ones stand. Working sheets are made Hidden
// before they are deleted (Excel refuses to delete a VeryHidden sheet), and every refresh first clears
// away those an interrupted one left. If Excel still refuses a batch, the error says which and what was
// written before it; the next refresh rewrites all of it. See docs/decisions.md, "Keeping the Risks
// sheet in Excel".
import type { CellStyle, CellValue, ColumnWrite, OutValue, TableWrite, WritePlan } from '../../engine';
import { PALETTE, cssColour } from '../../engine';
import { MAX_CELL_CHARS } from '../../engine';
import { PartialWriteError, WorkbookWriteError } from '../errors';
import { asOfficeValue, styleRuns } from './cells';
import { conditionalPlan, pairFormula, ruleFormula, type ColourRule } from './conditional';
import { MAX_SHEET_COLUMNS, MAX_SHEET_ROWS } from './wire';
import {
  Batches,
  RETIRE,
  Sheets,
  linkCell,
  ownedKey,
  retire,
  type HostSupport,
  type PlannedBatch,
  type Scope,
  type SheetInfo,
  type Step,
} from './batches';
import { isWorkingSheet, type ReadState, type TableRead } from './read';
import { rangeIn } from './range';
import { insertSteps, ledgerGrid, mergeParts, risksGrid, worthCompressing } from './compressed';
import { a1, columnCount, rowCount, type CellBox, type SheetBox } from '../../cells';
import {
  RANGE_BY_INDEXES,
  actionCost,
  addCost,
  arraySetCost,
  jsonBytes,
  objectCost,
  sheetCost,
  utf8Length,
  type Cost,
} from './wire';

const SHEET_NAME = /^[^\\/?*[\]:]{1,31}$/;
const NONE: Cost = { request: 0, response: 0 };

/** Checks the plan against what was read and against Excel's limits; throws before anything is written. */
export function validatePlan(plan: WritePlan, state: ReadState): void {
  const fail = (why: string) => {
    throw new WorkbookWriteError(`${why} Nothing was written.`);
  };
  const text = (v: OutValue, where: string) => {
    if (typeof v === 'string' && v.length > MAX_CELL_CHARS)
      fail(`${where} holds ${v.length} characters; an Excel cell holds at most ${MAX_CELL_CHARS}.`);
  };
  for (const name of [plan.risks.sheetName, plan.ledger.sheetName])
    if (!SHEET_NAME.test(name)) fail(`"${name}" is not a sheet name Excel accepts.`);
  for (const w of plan.tables) {
    const where = w.tableName ? `Table ${w.tableName}` : `Sheet ${w.sheet}`;
    const read = w.tableName ? state.tables.get(w.tableName) : undefined;
    if (w.tableName && !read) fail(`${where} was not read, so it cannot be written.`);
    if (read) {
      const dataRows = rowCount(read.box) - 1 - (read.showTotals ? 1 : 0);
      if (dataRows !== w.rowCount)
        fail(`${where} has ${dataRows} data rows in Excel but the plan covers ${w.rowCount}.`);
      const appended = w.columns.filter((c) => c.append).map((c) => c.column);
      if (appended.some((c, i) => c !== read.box.right + 1 + i))
        fail(`${where}: the new columns do not follow the table's last column.`);
    }
    for (const c of w.columns) {
      if (c.values.length !== w.rowCount || (c.styles && c.styles.length !== w.rowCount))
        fail(`${where}: ${c.header} has ${c.values.length} values for ${w.rowCount} rows.`);
      c.values.forEach((v) => text(v, `${where}, ${c.header}`));
    }
  }
  for (const row of plan.risks.rows) {
    if (row.length !== plan.risks.headers.length)
      fail(`A row of the Risks sheet has ${row.length} cells for ${plan.risks.headers.length} columns.`);
    row.forEach((v) => text(v, 'A Risks sheet cell'));
  }
  for (const block of plan.ledger.blocks) {
    for (const row of block.rows) {
      if (row.length !== block.headers.length)
        fail(`A ledger row has ${row.length} cells for ${block.headers.length} columns.`);
      row.forEach((v) => text(v, 'A ledger cell'));
    }
  }
}

function paint(format: Excel.RangeFormat, style: CellStyle | null): void {
  if (style === null) format.fill.clear();
  else format.fill.color = cssColour(PALETTE[style].fill);
}

/** A working sheet an interrupted refresh left: its working name, and not shown. */
const isLeftover = (s: SheetInfo) => isWorkingSheet(s);

/** Working names for the staged Risks sheet and ledger: free, or leftovers of an interrupted refresh (deleted first). */
function workingNames(
  existing: SheetInfo[],
  /** Inserted sheets are named before the leftovers are deleted: their names must differ from those too. */
  avoidLeftovers = false,
): { risks: string; ledger: string; leftovers: string[]; free: (base: string) => string } {
  const leftovers = existing.filter(isLeftover).map((s) => s.name);
  const taken = new Set(
    existing.filter((s) => avoidLeftovers || !leftovers.includes(s.name)).map((s) => s.name.toLowerCase()),
  );
  const free = (base: string) => {
    for (let n = 1; ; n++) {
      const name = n === 1 ? `${base} (writing)` : `${base} (writing ${n})`;
      if (!taken.has(name.toLowerCase())) {
        taken.add(name.toLowerCase());
        return name;
      }
    }
  };
  return { risks: free('Throughline Risks'), ledger: free('Throughline Ledger'), leftovers, free };
}

/**
 * One of Throughline's own sheets (the Risks sheet, the ledger) and where this refresh writes it. An
 * existing one is kept: its rows are staged on a very hidden working sheet and copied into it by the
 * last batch (ExcelApi 1.9), or, without Range.copyFrom, rewritten in place by the last batches. A new
 * one is the working sheet itself, named and shown by the last batch.
 */
interface OwnedSheet {
  /** The sheet's name in the plan. */
  name: string;
  /** The sheet as it is now, when the workbook has it. */
  old: SheetInfo | null;
  /** Where this refresh writes the rows: the working sheet, or the old sheet itself. */
  target: string;
  staged: boolean;
  /** The cells the new content takes, from A1. */
  area: CellBox;
}

/** The cells from A1 to row `bottom`, column `right`; none when either is 0. */
const fromA1 = (bottom: number, right: number): CellBox => ({ top: 1, left: 1, bottom, right });

function ownedSheet(
  name: string,
  existing: SheetInfo[],
  working: string,
  support: HostSupport,
  area: CellBox,
): OwnedSheet {
  const old = existing.find((s) => s.name.toLowerCase() === name.toLowerCase() && !isLeftover(s)) ?? null;
  const staged = !old || support.v19;
  return { name, old, target: staged ? working : old.name, staged, area };
}

/** Everything in the old sheet outside the new content (cells from A1): the rows below it and the columns right of it. */
function clearOutside(sheet: Excel.Worksheet, content: CellBox): void {
  const { bottom, right } = content;
  if (bottom < MAX_SHEET_ROWS)
    rangeIn(sheet, { top: bottom + 1, left: 1, bottom: MAX_SHEET_ROWS, right: MAX_SHEET_COLUMNS }).clear();
  if (bottom > 0 && right < MAX_SHEET_COLUMNS)
    rangeIn(sheet, { top: 1, left: right + 1, bottom, right: MAX_SHEET_COLUMNS }).clear();
}
const CLEAR_OUTSIDE: Cost = [RANGE_BY_INDEXES, actionCost('Clear', 8), RANGE_BY_INDEXES, actionCost('Clear', 8)].reduce(
  addCost,
);

/**
 * The last batch's work on one owned sheet. The copy comes first and is one action: if Excel refuses
 * it, the old sheet is as it was. What follows (clearing old rows below the new, the working sheet's
 * removal) is repaired by the next refresh if it is interrupted.
 */
function putInPlace(owned: OwnedSheet, sheets: Sheets, visible: boolean): Excel.Worksheet {
  if (!owned.old) {
    const sheet = sheets.get(owned.target);
    // Named before it is shown: if the rename fails, the working sheet stays very hidden, and the
    // next refresh clears it away as a leftover.
    sheet.name = owned.name;
    sheet.visibility = visible ? 'Visible' : 'Hidden';
    return sheet;
  }
  const sheet = sheets.get(owned.old.name);
  if (owned.staged) {
    if (owned.area.bottom > 0) {
      const from = rangeIn(sheets.get(owned.target), owned.area);
      rangeIn(sheet, owned.area).copyFrom(from, 'All', false, false);
    }
    clearOutside(sheet, owned.area);
    retire(sheets.get(owned.target));
  }
  return sheet;
}
const PUT_IN_PLACE: Cost = [
  RANGE_BY_INDEXES,
  RANGE_BY_INDEXES,
  actionCost('CopyFrom', 40),
  CLEAR_OUTSIDE,
  sheetCost('Throughline Ledger (writing 99)'),
  RETIRE,
  actionCost('Name', 70),
  actionCost('Visibility', 14),
].reduce(addCost);

/** Plans every batch of the write, each within the payload budget. */
export function planBatches(
  plan: WritePlan,
  state: ReadState,
  support: HostSupport,
  existing: SheetInfo[],
  /** Owned columns as the check before writing found them, by ownedKey: their unchanged cells are not sent. */
  owned: Map<string, unknown[]> = new Map(),
): PlannedBatch[] {
  const batches = new Batches(support);
  const date1904 = state.date1904;
  const insert = support.insert === true && support.v19;
  const names = workingNames(existing, insert);
  const r = plan.risks;
  const risks = ownedSheet(r.sheetName, existing, names.risks, support, fromA1(r.rows.length + 1, r.headers.length));
  // The ledger's blocks stand side by side from column A (LedgerBlock.column counts from 0), each with a header row.
  const ledgerArea = plan.ledger.blocks.reduce(
    (area, b) => fromA1(Math.max(area.bottom, b.rows.length + 1), Math.max(area.right, b.column + b.headers.length)),
    fromA1(0, 0),
  );
  const ledger = ownedSheet(plan.ledger.sheetName, existing, names.ledger, support, ledgerArea);
  // The old ledger, copied onto the staging sheet first, so that only the rows that changed are sent.
  const read = state.ledger;
  const previous = ledger.old && ledger.staged && read && read.box.sheet === ledger.old.name ? read : null;

  // ExcelApi 1.13: the Risks rows, and a ledger written whole, go first as packages where they are
  // large (compressed.ts).
  const risksGridded = insert ? risksGrid(plan, date1904) : null;
  const risksScope: Scope = {
    kind: 'sheet',
    what: 'the new Risks rows, staged (not shown until the refresh completes)',
  };
  const risksParts =
    risksGridded && worthCompressing(risksGridded, support)
      ? insertSteps(batches, risksGridded, risks.target, () => names.free('Throughline Risks'), support, risksScope)
      : null;
  const ledgerGridded =
    insert && !previous && ledgerArea.bottom > 0
      ? ledgerGrid(plan, ledgerArea.bottom, ledgerArea.right, date1904)
      : null;
  const ledgerScope: Scope = { kind: 'sheet', what: 'the new ledger, staged (not used until the refresh completes)' };
  const ledgerParts =
    ledgerGridded && worthCompressing(ledgerGridded, support)
      ? insertSteps(batches, ledgerGridded, ledger.target, () => names.free('Throughline Ledger'), support, ledgerScope)
      : null;
  const added = [risksParts ? null : risks, ledgerParts ? null : ledger].filter((o) => o !== null && o.staged);

  const start: Cost = [
    ...names.leftovers.map((n) => addCost(sheetCost(n), RETIRE)),
    ...added.map(() => addCost(objectCost('Add', 60), actionCost('Visibility', 14))),
    previous
      ? [sheetCost(previous.box.sheet), RANGE_BY_INDEXES, RANGE_BY_INDEXES, actionCost('CopyFrom', 40)].reduce(addCost)
      : NONE,
  ].reduce(addCost, NONE);
  batches.add({
    cost: start,
    scope: null,
    queue: (_context, sheets) => {
      for (const n of names.leftovers) retire(sheets.get(n));
      for (const o of added) sheets.add(o!.target).visibility = 'VeryHidden';
      if (previous) {
        const from = rangeIn(sheets.get(previous.box.sheet), previous.box);
        rangeIn(sheets.get(ledger.target), previous.box).copyFrom(from, 'All', false, false);
      }
    },
  });

  if (risksParts)
    mergeParts(batches, risksParts, r.headers.length, { kind: 'sheet', what: 'the new Risks rows, staged' });
  if (ledgerParts)
    mergeParts(batches, ledgerParts, ledgerArea.right, { kind: 'sheet', what: 'the new ledger, staged' });

  for (const w of plan.tables)
    tableSteps(batches, w, state.tables.get(w.tableName ?? '') ?? null, support, date1904, owned);
  if (!risksParts) risksSteps(batches, plan, risks, support, date1904);
  if (previous) changedLedgerRows(batches, plan, ledger, previous, date1904);
  else if (!ledgerParts) ledgerSteps(batches, plan, ledger, date1904, support.v19);

  const finish: Cost = [
    PUT_IN_PLACE,
    PUT_IN_PLACE,
    addCost(objectCost('FreezePanes', 0), actionCost('FreezeRows', 4)),
    addCost(addCost(RANGE_BY_INDEXES, objectCost('Format', 0)), actionCost('AutofitColumns', 2)),
    support.v19
      ? [objectCost('AutoFilter', 0), actionCost('Remove', 2), RANGE_BY_INDEXES, actionCost('Apply', 12)].reduce(
          addCost,
        )
      : NONE,
  ].reduce(addCost, NONE);
  batches.add({
    cost: finish,
    scope: { kind: 'swap', what: risks.old ? 'the Risks sheet rewritten' : 'the new Risks sheet shown' },
    queue: (_context, sheets) => {
      const sheet = putInPlace(risks, sheets, true);
      sheet.freezePanes.freezeRows(1);
      // The header and the rows below it.
      const table = { top: 1, left: 1, bottom: r.rows.length + 1, right: r.headers.length };
      rangeIn(sheet, table).format.autofitColumns();
      if (support.v19) {
        // The filter the old rows had goes; the new one covers the new rows.
        if (risks.old) sheet.autoFilter.remove();
        if (r.rows.length > 0) sheet.autoFilter.apply(rangeIn(sheet, table));
      }
      putInPlace(ledger, sheets, false);
    },
  });
  return batches.list.filter((b) => b.steps.length > 0);
}

/** A range write of `rows` × `cols` cells, by sheet name and Worksheet.getRangeByIndexes. */
const cellsCost = (sheet: string, name: string, rows: number, cols: number, payload: number): Cost =>
  addCost(addCost(sheetCost(sheet), RANGE_BY_INDEXES), arraySetCost(name, rows, cols, payload));

function tableSteps(
  batches: Batches,
  w: TableWrite,
  read: TableRead | null,
  support: HostSupport,
  date1904: boolean,
  owned: Map<string, unknown[]>,
): void {
  const where = w.tableName ? `${w.tableName} (sheet ${w.sheet})` : `sheet ${w.sheet}`;
  const appended = w.columns.filter((c) => c.append);
  const top = w.headerRow;
  if (appended.length > 0) {
    const headers = [appended.map((c) => c.header)];
    // The header cells of the new columns.
    const newHeaders = {
      top,
      left: appended[0].column,
      bottom: top,
      right: appended[0].column + appended.length - 1,
    };
    const grow: Scope = { kind: 'grow', where, columns: appended.length };
    if (w.tableName && read && support.resize) {
      // The headers go into the free band first, then the table takes the band in: no cell moves.
      const box = read.box;
      batches.add({
        cost: addCost(
          addCost(
            cellsCost(w.sheet, 'Values', 1, appended.length, jsonBytes(headers)),
            addCost(objectCost('GetItem', 70), RANGE_BY_INDEXES),
          ),
          actionCost('Resize', 10),
        ),
        scope: grow,
        queue: (context, sheets) => {
          const sheet = sheets.get(w.sheet);
          rangeIn(sheet, newHeaders).values = headers;
          context.workbook.tables
            .getItem(w.tableName!)
            .resize(rangeIn(sheet, { ...box, right: box.right + appended.length }));
        },
      });
    } else if (w.tableName) {
      // Without Table.resize a column can only be added by inserting cells; the engine refused this
      // table unless nothing lies right of it in its rows, so the insert moves nothing.
      batches.add({
        cost: appended
          .map((c) =>
            addCost(
              addCost(objectCost('GetItem', 70), objectCost('Columns', 0)),
              objectCost('Add', 30 + utf8Length(c.header)),
            ),
          )
          .reduce(addCost, NONE),
        scope: grow,
        queue: (context) => {
          const table = context.workbook.tables.getItem(w.tableName!);
          for (const c of appended) table.columns.add(undefined, undefined, c.header);
        },
      });
    } else {
      batches.add({
        cost: cellsCost(w.sheet, 'Values', 1, appended.length, jsonBytes(headers)),
        scope: grow,
        queue: (_context, sheets) => {
          rangeIn(sheets.get(w.sheet), newHeaders).values = headers;
        },
      });
    }
  }

  // Contiguous owned columns are written together, a block of rows at a time.
  const columns = [...w.columns].sort((a, b) => a.column - b.column);
  ownedValueSteps(batches, w, columns, owned, date1904, where);
  // The table's other filled column (Flags for Health, Health for Flags): its text may settle a colour.
  const partnerOf = (c: (typeof columns)[number]) => {
    const p = columns.find((o) => o !== c && o.styles);
    return p ? { values: p.values, column: p.column } : undefined;
  };
  for (const c of columns) {
    if (c.numFmt && w.rowCount > 0) {
      // One value over the column: a single number format set on a range applies to all its cells.
      const format = [[c.numFmt]];
      const rows = w.rowCount;
      batches.add({
        cost: cellsCost(w.sheet, 'NumberFormat', 1, 1, jsonBytes(format)),
        scope: { kind: 'columns', where, first: w.headerRow + 1, last: w.headerRow + rows },
        queue: (_context, sheets) => {
          rangeIn(sheets.get(w.sheet), {
            top: top + 1,
            left: c.column,
            bottom: top + rows,
            right: c.column,
          }).numberFormat = format;
        },
      });
    }
    if (c.styles)
      fillSteps(
        batches,
        w.sheet,
        top + 1,
        c.column,
        c.styles,
        support,
        { kind: 'columns', where, first: w.headerRow + 1, last: w.headerRow + w.rowCount },
        { values: c.values, partner: partnerOf(c) },
      );
  }
}

/**
 * The owned columns' values. A column the check before writing read is written where it differs from
 * what Excel holds; the others in contiguous groups, every row.
 */
function ownedValueSteps(
  batches: Batches,
  w: TableWrite,
  columns: ColumnWrite[],
  owned: Map<string, unknown[]>,
  date1904: boolean,
  where: string,
): void {
  const top = w.headerRow;
  const was = (c: (typeof columns)[number]) => (c.append ? undefined : owned.get(ownedKey(w.sheet, c.column)));
  const groups: (typeof columns)[] = [];
  for (const c of columns) {
    const last = groups[groups.length - 1];
    const joins = last && last[last.length - 1].column === c.column - 1 && !was(c) && !was(last[0]);
    if (joins) last.push(c);
    else groups.push([c]);
  }
  for (const group of groups) {
    const cells = Array.from({ length: w.rowCount }, (_, i) => group.map((c) => asOfficeValue(c.values[i], date1904)));
    const old = was(group[0]);
    const left = group[0].column;
    // Runs of rows to write: all of them, or those whose cell Excel does not already hold.
    const runs: [number, number][] = [];
    for (let i = 0; i < w.rowCount; i++) {
      if (old && sameCell(cells[i][0], old[i] as CellValue)) continue;
      const last = runs[runs.length - 1];
      if (last && last[1] === i) last[1]++;
      else runs.push([i, i + 1]);
    }
    for (const [from, to] of runs)
      batches.rows(
        to - from,
        (i) => jsonBytes(cells[from + i]),
        (n, payload) => cellsCost(w.sheet, 'Values', n, group.length, payload),
        (start, n) => ({
          scope: {
            kind: 'columns',
            where,
            first: w.headerRow + 1 + from + start,
            last: w.headerRow + from + start + n,
          },
          queue: (_context, sheets) => {
            rangeIn(sheets.get(w.sheet), {
              top: top + 1 + from + start,
              left,
              bottom: top + from + start + n,
              right: left + group.length - 1,
            }).values = cells.slice(from + start, from + start + n);
          },
        }),
      );
  }
}

/** What a cell's fill costs in a Range.setCellProperties array: `{"format":{"fill":{"color":"#RRGGBB"}}}` or `{}`. */
const cellFill = (style: CellStyle | null) =>
  style === null ? {} : { format: { fill: { color: cssColour(PALETTE[style].fill) } } };

/** The fill a cell needs: a style, none (null), or any (undefined: a conditional format colours it). */
type Want = CellStyle | null | undefined;

/** The wanted fills with every "any" given its neighbour's, so that it joins a run. */
function settle(wants: Want[]): (CellStyle | null)[] {
  const firstKnown = wants.find((w) => w !== undefined) ?? null;
  let last: CellStyle | null = firstKnown;
  return wants.map((w) => (w === undefined ? last : (last = w)));
}

/**
 * Static fills for a column, the cheaper of two ways: a range per run of equal fill, or (ExcelApi 1.9)
 * the whole column painted in its commonest fill and a Range.setCellProperties array whose entry is
 * `{}` for a cell already right and a colour for the others (cells with no fill in a column painted
 * some colour are cleared by run).
 */
function staticPaint(wants: Want[], perRun: number, v19: boolean) {
  const runs = styleRuns(settle(wants));
  const byRuns = { bytes: runs.length * perRun, runs, base: null };
  if (!v19) return byRuns;
  const count = new Map<CellStyle | null, number>();
  for (const w of wants) if (w !== undefined) count.set(w, (count.get(w) ?? 0) + 1);
  const nullRuns = runs.filter((r) => r.style === null);
  const coloured = jsonBytes(cellFill('neutral')) + 1;
  let best: { style: CellStyle | null; bytes: number } | null = null;
  for (const style of count.keys()) {
    // Rows whose entry is a colour rather than `{}`.
    const others = [...count].reduce((k, [st, m]) => k + (st === style || st === null ? 0 : m), 0);
    const bytes =
      perRun + others * coloured + (wants.length - others) * 3 + (style === null ? 0 : nullRuns.length * perRun);
    if (!best || bytes < best.bytes) best = { style, bytes };
  }
  if (!best || best.bytes >= byRuns.bytes) return byRuns;
  const base = best.style;
  const cells = wants.map((w) => [w === undefined || w === base || w === null ? {} : cellFill(w)]);
  return { bytes: best.bytes, runs: base === null ? [] : nullRuns, base: { style: base, cells } };
}

/**
 * Fills a column. A fill set on a range colours every cell of it, so the column is painted by runs or
 * by a base colour and a per-cell array (staticPaint). A table's owned column (`values` given) can
 * instead be coloured by conditional formats, one rule per text (ExcelApi 1.6, see conditional.ts),
 * with static fills left only for the rows no rule covers. Whichever costs fewest bytes is used. No
 * multi-area address is built: Worksheet.getRanges wants the areas joined by the user's list
 * separator, which is ";" in many locales (office-js issues 1167 and 1985).
 */
function fillSteps(
  batches: Batches,
  sheet: string,
  firstRow: number,
  column: number,
  styles: (CellStyle | null)[],
  support: HostSupport,
  scope: Scope,
  /** A table's owned column: its values, which conditional formats may colour by, and a partner column's. */
  owned?: { values: OutValue[]; partner?: { values: OutValue[]; column: number } },
): void {
  // A table without data rows has no cells to colour (nor any rule to clear: no range of 0 rows exists).
  if (styles.length === 0) return;
  const runCost = addCost(addCost(sheetCost(sheet), RANGE_BY_INDEXES), PAINT);
  // Rows [start, start + length) of the styles, as cells of the column.
  const cellsOf = (start: number, length: number) => ({
    top: firstRow + start,
    left: column,
    bottom: firstRow + start + length - 1,
    right: column,
  });
  const whole = cellsOf(0, styles.length);
  const plain = staticPaint(styles, runCost.request, support.v19);
  const values = owned?.values;
  const conditional = owned && support.v16 ? conditionalPlan(owned.values, styles, owned.partner?.values) : null;
  // A pair rule's formula refers to the first row's two cells, relatively (Excel moves it down the column).
  const formulaOf = (rule: ColourRule) =>
    rule.partnerText === undefined
      ? null
      : pairFormula(rule.text, a1(firstRow, column), rule.partnerText, a1(firstRow, owned!.partner!.column));
  const rulesCost = conditional ? addCost(rulesStepCost(sheet, conditional.rules, formulaOf), runCost) : null;
  const left = conditional ? staticPaint(conditional.residual, runCost.request, support.v19) : null;
  const byRules = rulesCost && left ? rulesCost.request + left.bytes : Infinity;
  const chosen = conditional && left && byRules < plain.bytes ? left : plain;
  if (chosen === left && conditional) {
    // The rules of an earlier refresh go with the static fills; then the new rules.
    batches.add({
      cost: rulesCost!,
      scope,
      queue: (_context, sheets) => {
        const range = rangeIn(sheets.get(sheet), whole);
        range.conditionalFormats.clearAll();
        range.format.fill.clear();
        for (const rule of conditional.rules) {
          const formula = formulaOf(rule);
          const fill = cssColour(PALETTE[rule.style].fill);
          if (formula === null) {
            const format = range.conditionalFormats.add('CellValue');
            format.cellValue.rule = { formula1: ruleFormula(rule.text), operator: 'EqualTo' };
            format.cellValue.format.fill.color = fill;
          } else {
            const format = range.conditionalFormats.add('Custom');
            format.custom.rule.formula = formula;
            format.custom.format.fill.color = fill;
          }
        }
      },
    });
  } else if (values && support.v16)
    // Rules an earlier refresh left would colour over the fills below.
    batches.add({
      cost: CLEAR_RULES(sheet),
      scope,
      queue: (_context, sheets) => rangeIn(sheets.get(sheet), whole).conditionalFormats.clearAll(),
    });
  const paintRun = (run: { start: number; length: number; style: CellStyle | null }): Step => ({
    cost: runCost,
    scope,
    queue: (_context, sheets) => paint(rangeIn(sheets.get(sheet), cellsOf(run.start, run.length)).format, run.style),
  });
  const base = chosen.base;
  if (!base) {
    // After the rules' clear, only the runs with a fill need painting.
    for (const run of chosen.runs) if (chosen === plain || run.style !== null) batches.add(paintRun(run));
    return;
  }
  batches.add(paintRun({ start: 0, length: styles.length, style: base.style }));
  for (const run of chosen.runs) batches.add(paintRun(run));
  const cells = base.cells;
  batches.rows(
    styles.length,
    (i) => jsonBytes(cells[i]),
    (_n, payload) => addCost(addCost(sheetCost(sheet), RANGE_BY_INDEXES), actionCost('SetCellProperties', payload)),
    (start, n) => ({
      scope,
      queue: (_context, sheets) =>
        rangeIn(sheets.get(sheet), cellsOf(start, n)).setCellProperties(cells.slice(start, start + n)),
    }),
  );
}

/** A range's fill set or cleared: its format and fill objects and the action. */
const PAINT: Cost = addCost(addCost(objectCost('Format', 0), objectCost('Fill', 0)), actionCost('Color', 12));

/** `range.conditionalFormats.clearAll()` on a column of a sheet. */
const CLEAR_RULES = (sheet: string): Cost =>
  [sheetCost(sheet), RANGE_BY_INDEXES, objectCost('ConditionalFormats', 0), actionCost('ClearAll', 2)].reduce(addCost);

/** The step that clears a column's rules and fill and adds its new rules (the clear's range and paint included). */
function rulesStepCost(sheet: string, rules: ColourRule[], formulaOf: (rule: ColourRule) => string | null): Cost {
  const perRule = (rule: ColourRule) =>
    [
      objectCost('Add', 20),
      objectCost('CellValue', 0),
      // A Custom rule reaches its formula through one more object.
      objectCost('Rule', 0),
      actionCost('Rule', jsonBytes({ formula1: formulaOf(rule) ?? ruleFormula(rule.text), operator: 'EqualTo' })),
      objectCost('Format', 0),
      objectCost('Fill', 0),
      actionCost('Color', 12),
    ].reduce(addCost);
  return rules.map(perRule).reduce(addCost, CLEAR_RULES(sheet));
}

function risksSteps(
  batches: Batches,
  plan: WritePlan,
  owned: OwnedSheet,
  support: HostSupport,
  date1904: boolean,
): void {
  const r = plan.risks;
  const sheet = owned.target;
  const scope: Scope = owned.staged
    ? { kind: 'sheet', what: 'the new Risks rows, staged (not shown until the refresh completes)' }
    : { kind: 'sheet', what: 'the Risks sheet, partly rewritten' };
  const headers = [r.headers.map((h) => asOfficeValue(h, date1904))];
  batches.add({
    cost: addCost(
      addCost(cellsCost(sheet, 'Values', 1, r.headers.length, jsonBytes(headers)), owned.staged ? NONE : CLEAR_OUTSIDE),
      addCost(addCost(objectCost('Format', 0), objectCost('Font', 0)), actionCost('Bold', 6)),
    ),
    scope,
    queue: (_context, sheets) => {
      const ws = sheets.get(sheet);
      // Rewritten in place (no Range.copyFrom): what the old rows left outside the new goes first.
      if (!owned.staged) clearOutside(ws, fromA1(0, 0));
      const header = rangeIn(ws, { top: 1, left: 1, bottom: 1, right: r.headers.length });
      header.values = headers;
      header.format.font.bold = true;
    },
  });
  // Formulas only where this adapter wrote a HYPERLINK itself; everything else is escaped text or a number.
  const cells = r.rows.map((row, i) =>
    row.map((v, c) => {
      const link = r.links[i];
      return link && c === link.column
        ? linkCell(String(v ?? ''), link.target.sheet, link.target.cell, date1904)
        : asOfficeValue(v, date1904);
    }),
  );
  // Below the header row.
  gridSteps(batches, sheet, { top: 2, left: 1 }, cells, 'Formulas', scope, owned.staged && support.v19);
  const styles = r.styles;
  if (styles.some((s) => s !== null)) fillSteps(batches, sheet, 2, 1, styles, support, scope);
}

function ledgerSteps(batches: Batches, plan: WritePlan, owned: OwnedSheet, date1904: boolean, fresh: boolean): void {
  const sheet = owned.target;
  const scope: Scope = owned.staged
    ? { kind: 'sheet', what: 'the new ledger, staged (not used until the refresh completes)' }
    : { kind: 'sheet', what: 'the ledger, partly rewritten' };
  if (!owned.staged)
    batches.add({
      cost: addCost(sheetCost(sheet), CLEAR_OUTSIDE),
      scope,
      queue: (_context, sheets) => clearOutside(sheets.get(sheet), fromA1(0, 0)),
    });
  // The blocks' columns by their cells below the header: the item ids stand in more than one block.
  const written = new Map<string, number>();
  for (const block of plan.ledger.blocks) {
    const cells = [block.headers, ...block.rows].map((row) => row.map((v) => asOfficeValue(v, date1904)));
    // LedgerBlock.column counts from 0 (column A).
    const at = { top: 1, left: block.column + 1 };
    gridSteps(batches, sheet, at, cells, 'Values', scope, owned.staged && fresh, written);
  }
}

/** A column worth copying rather than sending: its cells' JSON at least this long. */
const COPY_WORTH = 4_096;
/** What a column costs as its header and a Range.copyFrom of an equal column for the rest. */
const COPIED_COLUMN = (sheet: string, header: number): Cost =>
  [
    sheetCost(sheet),
    RANGE_BY_INDEXES,
    RANGE_BY_INDEXES,
    RANGE_BY_INDEXES,
    actionCost('Values', header + 4),
    actionCost('CopyFrom', 40),
  ].reduce(addCost);

/** What a run of equal cells costs written as its first cell and Range.autoFill down the rest. */
const FILLED_RUN = (sheet: string, cell: number): Cost =>
  [
    sheetCost(sheet),
    RANGE_BY_INDEXES,
    RANGE_BY_INDEXES,
    actionCost('Values', cell + 4),
    actionCost('AutoFill', 24),
  ].reduce(addCost);

/**
 * Writes a grid of cells from `at`, as rows of arrays. On a sheet this refresh has just added (`fresh`,
 * ExcelApi 1.9), a column is cheaper by its runs where they are long: a run of blanks is not sent at all
 * (the cells are empty already) and a run of one value is its first cell and Range.autoFill with
 * "FillCopy", which "populates the adjacent cells with the selected value" (Excel.AutoFillType); the
 * other columns go as arrays, contiguous ones together. Formulas are never filled (Excel would move
 * their references).
 */
function gridSteps(
  batches: Batches,
  sheet: string,
  at: { top: number; left: number },
  cells: (string | number)[][],
  property: 'Values' | 'Formulas',
  scope: Scope,
  fresh: boolean,
  /**
   * Columns already written on this sheet from the same first row, by their cells below the first row
   * (as JSON): a column whose cells below its header match one is copied from it (Range.copyFrom).
   */
  written?: Map<string, number>,
): void {
  const width = cells[0]?.length ?? 0;
  const byRuns = new Array<boolean>(width).fill(false);
  const copies = new Map<number, number>();
  if (fresh && written)
    for (let c = 0; c < width; c++) {
      const below = JSON.stringify(cells.slice(1).map((row) => row[c]));
      const blank = cells.every((row, r) => r === 0 || row[c] === '');
      if (blank || below.length < COPY_WORTH || cells.some((row) => String(row[c]).startsWith('='))) continue;
      const from = written.get(below);
      if (from !== undefined) copies.set(c, from);
      else written.set(below, at.left + c);
    }
  for (const c of copies.keys()) byRuns[c] = true;
  if (fresh)
    for (let c = 0; c < width; c++) {
      if (copies.has(c)) continue;
      let array = 0;
      let runs = 0;
      let formula = false;
      for (let r = 0; r < cells.length; r++) {
        const v = cells[r][c];
        const bytes = jsonBytes(v);
        array += bytes + 1;
        if (typeof v === 'string' && v.startsWith('=')) formula = true;
        if (v === '' || (r > 0 && cells[r - 1][c] === v)) continue;
        runs += FILLED_RUN(sheet, bytes).request;
      }
      // Well under the array's bytes, since leaving a column out splits the arrays around it.
      byRuns[c] = !formula && runs * 2 < array;
    }
  for (let c = 0; c < width; c++)
    if (byRuns[c] && !copies.has(c)) columnRunSteps(batches, sheet, at, cells, c, property, scope);
  for (let first = 0; first < width;) {
    if (byRuns[first]) {
      first++;
      continue;
    }
    let last = first;
    while (last + 1 < width && !byRuns[last + 1]) last++;
    const left = first;
    const part = left === 0 && last === width - 1 ? cells : cells.map((row) => row.slice(left, last + 1));
    const cols = last - first + 1;
    batches.rows(
      part.length,
      (i) => jsonBytes(part[i]),
      (n, payload) => cellsCost(sheet, property, n, cols, payload),
      (start, n) => ({
        scope,
        queue: (_context, sheets) => {
          const range = rangeIn(sheets.get(sheet), {
            top: at.top + start,
            left: at.left + left,
            bottom: at.top + start + n - 1,
            right: at.left + left + cols - 1,
          });
          if (property === 'Formulas') range.formulas = part.slice(start, start + n);
          else range.values = part.slice(start, start + n);
        },
      }),
    );
    first = last + 1;
  }
  // Last, once the columns they copy are written.
  for (const [c, from] of copies) {
    const column = at.left + c;
    const header = cells[0][c];
    const bottom = at.top + cells.length - 1;
    batches.add({
      cost: COPIED_COLUMN(sheet, jsonBytes(header)),
      scope,
      queue: (_context, sheets) => {
        const ws = sheets.get(sheet);
        const head = rangeIn(ws, { top: at.top, left: column, bottom: at.top, right: column });
        if (property === 'Formulas') head.formulas = [[header]];
        else head.values = [[header]];
        const source = rangeIn(ws, { top: at.top + 1, left: from, bottom, right: from });
        rangeIn(ws, { top: at.top + 1, left: column, bottom, right: column }).copyFrom(source, 'All', false, false);
      },
    });
  }
}

/** One column of a grid on a fresh sheet, by its runs: blanks left out, each other run its first cell filled down. */
function columnRunSteps(
  batches: Batches,
  sheet: string,
  at: { top: number; left: number },
  cells: (string | number)[][],
  c: number,
  property: 'Values' | 'Formulas',
  scope: Scope,
): void {
  for (let r = 0; r < cells.length;) {
    const v = cells[r][c];
    let end = r + 1;
    while (end < cells.length && cells[end][c] === v) end++;
    const top = at.top + r;
    const length = end - r;
    const column = at.left + c;
    if (v !== '')
      batches.add({
        cost: FILLED_RUN(sheet, jsonBytes(v)),
        scope,
        queue: (_context, sheets) => {
          const ws = sheets.get(sheet);
          const first = rangeIn(ws, { top, left: column, bottom: top, right: column });
          if (property === 'Formulas') first.formulas = [[v]];
          else first.values = [[v]];
          if (length > 1)
            first.autoFill(rangeIn(ws, { top, left: column, bottom: top + length - 1, right: column }), 'FillCopy');
        },
      });
    r = end;
  }
}

/** Whether a cell read back as `read` already holds what writing `written` would leave in it. */
function sameCell(written: string | number, read: CellValue | undefined): boolean {
  const was = read === undefined ? null : read;
  if (written === '') return was === null;
  if (typeof written === 'string' && written.startsWith("'")) return was === written.slice(1);
  return was === written;
}

/**
 * The ledger's rows that differ from the old ledger, which the first batch copied onto the staging
 * sheet: whole rows of the new ledger's width, blanks included, in runs. The ledger mostly grows at the
 * end, so a weekly refresh sends a few rows rather than all of them.
 */
function changedLedgerRows(
  batches: Batches,
  plan: WritePlan,
  owned: OwnedSheet,
  previous: { box: SheetBox; cells: CellValue[][] },
  date1904: boolean,
): void {
  const width = columnCount(owned.area);
  const grid: (string | number)[][] = Array.from({ length: rowCount(owned.area) }, () =>
    new Array<string | number>(width).fill(''),
  );
  for (const block of plan.ledger.blocks)
    [block.headers, ...block.rows].forEach((row, r) =>
      row.forEach((v, c) => (grid[r][block.column + c] = asOfficeValue(v, date1904))),
    );
  // The grid counts from 0 (row 1, column A); the old ledger's box from 1.
  const old = (r: number, c: number) => previous.cells[r + 1 - previous.box.top]?.[c + 1 - previous.box.left];
  const differs = grid.map((row, r) => row.some((v, c) => !sameCell(v, old(r, c))));
  const scope: Scope = { kind: 'sheet', what: 'the new ledger, staged (not used until the refresh completes)' };
  for (let r = 0; r < grid.length;) {
    if (!differs[r]) {
      r++;
      continue;
    }
    let end = r;
    while (end < grid.length && differs[end]) end++;
    const rows = grid.slice(r, end);
    const first = r;
    batches.rows(
      rows.length,
      (i) => jsonBytes(rows[i]),
      (n, payload) => cellsCost(owned.target, 'Values', n, width, payload),
      (start, n) => ({
        scope,
        queue: (_context, sheets) => {
          rangeIn(sheets.get(owned.target), {
            top: first + start + 1,
            left: 1,
            bottom: first + start + n,
            right: owned.area.right,
          }).values = rows.slice(start, start + n);
        },
      }),
    );
    r = end;
  }
}

/**
 * Excel refused a batch of staged packages before anything else was written: the inserted sheets, if
 * any, are very hidden working sheets, so the refresh can still be written by value (port.ts).
 */
export class InsertRefusedError extends Error {
  constructor(readonly cause: unknown) {
    super(`Excel refused to insert the staged sheets: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'InsertRefusedError';
  }
}

/** Sends the planned batches; a batch Excel refuses stops the write with what was written before it. */
export async function sendBatches(
  context: Excel.RequestContext,
  batches: PlannedBatch[],
  support: HostSupport,
  /** Queued after the last batch's writes, in its round trip (the adapter turns its events back on there). */
  withLast?: () => void,
  /** Whether screen updating is suspended already (a fallback after a refused insert). */
  suspended = false,
): Promise<void> {
  const sheets = new Sheets(context);
  for (let i = 0; i < batches.length; i++) {
    context.application.suspendApiCalculationUntilNextSync();
    // Once per refresh: the reference warns that repeated calls make the Excel window flicker.
    if (support.v19 && i === 0 && !suspended) context.application.suspendScreenUpdatingUntilNextSync();
    for (const step of batches[i].steps) step.queue(context, sheets);
    if (i === batches.length - 1) withLast?.();
    try {
      // One sync per planned batch: Excel on the web's payload limit is why there are several.
      // eslint-disable-next-line office-addins/no-context-sync-in-loop
      await context.sync();
    } catch (e) {
      if (batches.slice(0, i + 1).every((b) => b.insertOnly)) throw new InsertRefusedError(e);
      throw new PartialWriteError(i + 1, batches.length, describe(batches.slice(0, i)), e, describe([batches[i]]));
    }
  }
}

/** "computed columns of KPIs (sheet KPIs) rows 2–40,001; …" for the batches already written. */
export function describe(done: PlannedBatch[]): string[] {
  const columns = new Map<string, [number, number]>();
  const out: string[] = [];
  const add = (s: string) => {
    if (!out.includes(s)) out.push(s);
  };
  for (const step of done.flatMap((b) => b.steps)) {
    const s = step.scope;
    if (!s) continue;
    if (s.kind === 'columns') {
      const seen = columns.get(s.where);
      columns.set(s.where, seen ? [Math.min(seen[0], s.first), Math.max(seen[1], s.last)] : [s.first, s.last]);
    } else if (s.kind === 'grow') add(`${s.where} grown by ${s.columns} column${s.columns === 1 ? '' : 's'}`);
    else if (s.kind === 'sheet') add(s.what);
    else add(s.what);
  }
  for (const [where, [first, last]] of columns)
    out.push(`computed columns of ${where}, rows ${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')}`);
  return out;
}
