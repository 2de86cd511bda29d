// The pieces every write batch is planned with: what the host supports, a step and the batch it goes in
// (each within the payload budget), the worksheet proxies of one Excel.run, the Risks link formula and
// how Throughline retires one of its own sheets. write.ts plans the refresh's batches from them and
// compressed.ts the staged packages' inserts; both import them from here.
import { asOfficeValue } from './cells';
import { WorkbookWriteError } from '../errors';
import { ENVELOPE, actionCost, addCost, objectCost, type Cost } from './wire';

export interface HostSupport {
  /** ExcelApi 1.13: Table.resize grows a table without inserting cells. */
  resize: boolean;
  /** ExcelApi 1.9: Range.copyFrom, Range.setCellProperties, auto filters, screen updating. */
  v19: boolean;
  /** ExcelApi 1.7: Workbook.protection (a workbook whose structure is protected takes no new sheet). */
  v17?: boolean;
  /** ExcelApi 1.16: Range.valuesAsJson (linked data types read as the text Excel shows). */
  json?: boolean;
  /** ExcelApi 1.6: conditional formats (a Health column coloured by a rule per text rather than per cell). */
  v16?: boolean;
  /**
   * ExcelApi 1.13: Workbook.insertWorksheetsFromBase64, which the staged Risks rows and ledger are sent
   * through as a deflated package (staging.ts) rather than as value writes. Off again for a refresh
   * whose insert Excel refused (the fallback).
   */
  insert?: boolean;
  /** A staged sheet goes as a package from this many bytes of value writes (by default the budget: worthCompressing). */
  compressFrom?: number;
  /** Bytes per request and per response the adapter allows itself. */
  budget: number;
}

/** A sheet as the check before writing found it. */
export interface SheetInfo {
  name: string;
  visibility: string;
  position: number;
}

/** What one step writes, for the message when Excel refuses a batch. */
export type Scope =
  | { kind: 'columns'; where: string; first: number; last: number }
  | { kind: 'grow'; where: string; columns: number }
  | { kind: 'sheet'; what: string }
  | { kind: 'swap'; what: string };

export interface Step {
  cost: Cost;
  scope: Scope | null;
  queue(context: Excel.RequestContext, sheets: Sheets): void;
  /** A staged package inserted: such steps come first, in batches of their own (see PlannedBatch.insertOnly). */
  insert?: boolean;
}

/** Worksheet proxies by name for one Excel.run: a sheet added in this run is reached through the proxy `add` returned. */
export class Sheets {
  private readonly map = new Map<string, Excel.Worksheet>();
  constructor(private readonly context: Excel.RequestContext) {}
  get(name: string): Excel.Worksheet {
    let sheet = this.map.get(name);
    if (!sheet) this.map.set(name, (sheet = this.context.workbook.worksheets.getItem(name)));
    return sheet;
  }
  add(name: string): Excel.Worksheet {
    const sheet = this.context.workbook.worksheets.add(name);
    this.map.set(name, sheet);
    return sheet;
  }
}

const FORMULA_LIMIT = 8_192;
const FORMULA_TEXT_LIMIT = 255;

/** An owned column's key in the map of columns the check before writing read. */
export const ownedKey = (sheet: string, column: number) => `${sheet}\u0000${column}`;

/** One request of a write: its steps and what they cost on the wire at most. */
export interface PlannedBatch {
  steps: Step[];
  cost: Cost;
  /** Only staged packages inserted (and hidden): if Excel refuses it, nothing the user sees has changed. */
  insertOnly?: boolean;
}

/** An empty batch: the envelope, and calculation (and screen updating) suspended until its sync. */
export function emptyBatchCost(support: HostSupport): Cost {
  const suspend = addCost(objectCost('Application', 0), actionCost('SuspendApiCalculationUntilNextSync', 2));
  return addCost(
    { request: ENVELOPE, response: ENVELOPE },
    support.v19 ? addCost(suspend, actionCost('SuspendScreenUpdatingUntilNextSync', 2)) : suspend,
  );
}

/** The batches of a write, each within the payload budget. */
export class Batches {
  readonly list: PlannedBatch[] = [];
  constructor(private readonly support: HostSupport) {
    this.next();
  }

  private fresh(): Cost {
    return emptyBatchCost(this.support);
  }

  private get current(): PlannedBatch {
    return this.list[this.list.length - 1];
  }

  fits(c: Cost): boolean {
    const used = this.current.cost;
    return used.request + c.request <= this.support.budget && used.response + c.response <= this.support.budget;
  }

  add(step: Step): void {
    if (this.current.insertOnly && !step.insert) this.next();
    if (!this.fits(step.cost)) {
      if (this.current.steps.length > 0) this.next();
      if (!this.fits(step.cost))
        throw new WorkbookWriteError(
          `One write is larger than Excel on the web accepts in a request (${step.cost.request} bytes); nothing was written.`,
        );
    }
    if (this.current.steps.length === 0 && step.insert) this.current.insertOnly = true;
    this.current.steps.push(step);
    this.current.cost = addCost(this.current.cost, step.cost);
  }

  private next(): void {
    this.list.push({ steps: [], cost: this.fresh() });
  }

  /**
   * Rows [0, count) of one range write, split into steps that fill each batch up to the budget:
   * rows are taken while the write (with office.js's splitting of large arrays) still fits.
   */
  rows(
    count: number,
    rowBytes: (i: number) => number,
    costOf: (rows: number, payload: number) => Cost,
    make: (start: number, rows: number) => Omit<Step, 'cost'>,
  ): void {
    let start = 0;
    while (start < count) {
      let n = 0;
      let payload = 2;
      while (start + n < count) {
        const more = payload + rowBytes(start + n) + 1;
        if (!this.fits(costOf(n + 1, more))) break;
        payload = more;
        n++;
      }
      if (n === 0) {
        if (this.current.steps.length === 0)
          throw new WorkbookWriteError(
            `Row ${start + 1} of one write is larger than Excel on the web accepts in a request; nothing was written.`,
          );
        this.next();
        continue;
      }
      this.add({ cost: costOf(n, payload), ...make(start, n) });
      start += n;
    }
  }
}

const quoteSheet = (name: string) => `'${name.replace(/'/g, "''")}'`;

/** The Risks link as a HYPERLINK formula, or plain text when the formula would break one of Excel's limits. */
export function linkCell(text: string, sheet: string, cell: string, date1904: boolean): string | number {
  const label = text.replace(/"/g, '""');
  const target = `#${quoteSheet(sheet)}!${cell}`.replace(/"/g, '""');
  const formula = `=HYPERLINK("${target}","${label}")`;
  if (formula.length > FORMULA_LIMIT || label.length > FORMULA_TEXT_LIMIT || target.length > FORMULA_TEXT_LIMIT)
    return asOfficeValue(text, date1904);
  return formula;
}

/**
 * Deletes a sheet Throughline made. Excel refuses to delete a VeryHidden sheet (Excel.Worksheet.delete:
 * "You should first change its visibility to hidden or visible"), so it is made Hidden first.
 */
export function retire(sheet: Excel.Worksheet): void {
  sheet.visibility = 'Hidden';
  sheet.delete();
}
export const RETIRE: Cost = addCost(actionCost('Visibility', 14), actionCost('Delete', 2));
