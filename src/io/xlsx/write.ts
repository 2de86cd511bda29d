// Applies a write-back plan to a package by patching: owned columns inside the sheets they belong to,
// tables grown by those columns, the owned Risks and ledger sheets written whole, and the few cell
// formats these need appended to the style sheet. Every other part is left exactly as it was.
import type { ColumnWrite, LedgerPlan, OutValue, OwnedSheetPlan, RisksPlan, TableWrite, WritePlan } from '../../engine';
import { serialFromDay } from '../../engine';
import { a1, columnLetters, type CellStyle } from '../../engine';
import { DEFAULT_STYLES_XML, StyleEditor, type StyleChange } from '../ooxml/styles';
import { cellXml } from '../ooxml/cell-xml';
import {
  patchWorksheet,
  patchWorksheetBytes,
  type CellRender,
  type PatchCells,
  type WorksheetPatch,
} from '../ooxml/worksheet-patch';
import { NotPlainXml } from '../ooxml/xml-bytes';
import { worksheetChunks, type NewSheet, type RowBuffer } from '../ooxml/worksheet-new';
import { appendTableColumns } from '../ooxml/table';
import { addWorksheet, relType, relationshipNamespace, removeWorkbookPart } from '../ooxml/workbook-edit';
import { TRANSITIONAL_MAIN } from '../ooxml/workbook';
import { CONTENT_TYPE, CONTENT_TYPES_PART, withOverride } from '../ooxml/content-types';
import { REL, addRelationship, freeRelationshipId, hyperlinkRelationships, isType } from '../ooxml/relationships';
import { relativeTarget, relsPartOf } from '../ooxml/part-names';
import type { WorkbookModel } from './model';
import { fillChange, ownedLayout, ownedStyles, putOwnedValue } from './owned-sheet';

/** What a plan value becomes in a cell: dates as serials in the workbook's own date system. */
function plainValue(v: OutValue, date1904: boolean): number | string | null {
  if (v !== null && typeof v === 'object') return serialFromDay(v.day, date1904);
  return v;
}

function columnWidth(column: ColumnWrite): number {
  const wide = column.header.startsWith('Impact') || column.header.startsWith('Flags');
  return wide ? 40 : Math.max(12, column.header.length + 3);
}

/**
 * The cells of a sheet's owned columns, each row's made when the patch asks for it: stretches of rows
 * (a column from its header down), each able to put its cell of a row into that row's map. Stretches
 * are applied in the order added, so a later one writing the same cell wins, as a map's later set would.
 */
class RowsOfCells implements PatchCells {
  private readonly stretches: {
    top: number;
    bottom: number;
    put: (row: number, into: Map<number, CellRender>) => void;
  }[] = [];

  add(top: number, bottom: number, put: (row: number, into: Map<number, CellRender>) => void): void {
    this.stretches.push({ top, bottom, put });
  }

  has(row: number): boolean {
    return this.stretches.some((s) => s.top <= row && row <= s.bottom);
  }

  get(row: number): Map<number, CellRender> | undefined {
    let cells: Map<number, CellRender> | undefined;
    for (const s of this.stretches) if (s.top <= row && row <= s.bottom) s.put(row, (cells ??= new Map()));
    return cells;
  }

  keys(): Iterable<number> {
    const rows = new Set<number>();
    for (const s of this.stretches) for (let r = s.top; r <= s.bottom; r++) rows.add(r);
    return rows;
  }
}

class Writer {
  readonly styles: StyleEditor;
  private formulasReplaced = false;

  constructor(private readonly model: WorkbookModel) {
    const part = model.info.stylesPart;
    // A new style sheet speaks the workbook's own namespace (Strict packages use Strict's).
    const fresh = DEFAULT_STYLES_XML.replace(TRANSITIONAL_MAIN, model.info.mainNamespace);
    this.styles = new StyleEditor(part && model.pkg.has(part) ? model.pkg.text(part) : fresh, part ?? 'xl/styles.xml');
  }

  private get date1904(): boolean {
    return this.model.info.date1904;
  }

  /** One owned column's cells, header first, made row by row as the patch asks for them. */
  private columnCells(write: TableWrite, column: ColumnWrite, cells: RowsOfCells): void {
    const plain = write.tableName === null;
    const header: CellRender = (c, existing, styleOf) => {
      // A new header in a plain range looks like its neighbour's; in a table the table style dresses it.
      const style = existing ? existing.style : plain && column.append ? styleOf(column.column - 1) : 0;
      return cellXml(c, a1(write.headerRow, column.column), column.header, style);
    };
    const letters = columnLetters(column.column);
    // The format a cell gets, by its fill and the format it had: derived once for each pair, in the
    // order the cells first ask (so new formats are numbered as they always were).
    const formats = new Map<CellStyle | null, (base: number) => number>();
    const formatFor = (fill: CellStyle | null) => {
      let f = formats.get(fill);
      if (f) return f;
      const change: StyleChange = {};
      if (column.numFmt) change.numFmt = column.numFmt;
      if (column.styles) Object.assign(change, fillChange(fill));
      const derived = new Map<number, number>();
      f =
        Object.keys(change).length === 0
          ? (base: number) => base
          : (base: number) => {
              let s = derived.get(base);
              if (s === undefined) derived.set(base, (s = this.styles.derive(base, change)));
              return s;
            };
      formats.set(fill, f);
      return f;
    };
    cells.add(write.headerRow, write.headerRow + write.rowCount, (row, into) => {
      if (row === write.headerRow) {
        into.set(column.column, header);
        return;
      }
      const i = row - write.headerRow - 1;
      const value = plainValue(column.values[i] ?? null, this.date1904);
      const format = formatFor(column.styles ? (column.styles[i] ?? null) : null);
      into.set(column.column, (c, existing) => cellXml(c, letters + row, value, format(existing ? existing.style : 0)));
    });
  }

  async tables(writes: TableWrite[]): Promise<void> {
    const bySheet = new Map<string, TableWrite[]>();
    for (const w of writes) bySheet.set(w.sheet, [...(bySheet.get(w.sheet) ?? []), w]);
    for (const [name, sheetWrites] of bySheet) {
      const sheet = this.model.sheet(name);
      if (!sheet) throw new Error(`sheet ${name} is missing`);
      const cells = new RowsOfCells();
      const widths = new Map<number, number>();
      for (const write of sheetWrites) {
        for (const column of write.columns) {
          this.columnCells(write, column, cells);
          if (column.append) widths.set(column.column, columnWidth(column));
        }
        this.growTable(name, write);
      }
      if ((await this.patch(sheet.entry.part, { cells, widths })).length > 0) this.formulasReplaced = true;
    }
  }

  /**
   * Patches a sheet over its bytes, deflated as it comes out; a part the byte scanner does not read
   * (another encoding, a construct it does not expect) goes through the text and the full parser.
   * Returns the addresses of formulas replaced.
   */
  private async patch(part: string, patch: WorksheetPatch): Promise<string[]> {
    const pkg = this.model.pkg;
    try {
      const result = patchWorksheetBytes(pkg.bytes(part), part, patch);
      await pkg.setLater(part, result.chunks);
      return result.formulasReplaced;
    } catch (e) {
      if (!(e instanceof NotPlainXml)) throw e;
    }
    const result = patchWorksheet(pkg.text(part), part, patch);
    pkg.set(part, result.text);
    pkg.forget(part);
    return result.formulasReplaced;
  }

  /** A formal table takes its appended columns, so it stays one table in Excel. */
  private growTable(sheetName: string, write: TableWrite): void {
    const appended = write.columns.filter((c) => c.append).sort((a, b) => a.column - b.column);
    if (write.tableName === null || appended.length === 0) return;
    const table = this.model.sheet(sheetName)!.tables.find((t) => t.name === write.tableName);
    if (!table) throw new Error(`table ${write.tableName} is not on sheet ${sheetName}`);
    const { box } = table;
    const right = Math.max(box.right, ...appended.map((c) => c.column));
    const ref = `${a1(box.top, box.left)}:${a1(box.bottom, right)}`;
    const filterRef = `${a1(box.top, box.left)}:${a1(box.bottom - table.totalsRowCount, right)}`;
    this.model.pkg.set(
      table.part,
      appendTableColumns(
        this.model.pkg.text(table.part),
        table.part,
        appended.map((c) => c.header),
        ref,
        filterRef,
      ),
    );
  }

  async risks(plan: RisksPlan): Promise<void> {
    // Go-to cells always show where they go, even when the plan left the cell's value out.
    const rows = plan.rows.map((r, i) => {
      const link = plan.links[i];
      if (!link || r[link.column] !== null) return r;
      const cells = [...r];
      cells[link.column] = `${link.target.sheet}!${link.target.cell}`;
      return cells;
    });
    const layout = ownedLayout({ ...plan, rows }, [9, 12, 32, 11, 9, 24, 80, 14, 15, 18], this.styles, this.date1904);
    await this.ownedSheet(plan.sheetName, 'visible', layout.sheet, layout.relationships);
  }

  async extra(plan: OwnedSheetPlan): Promise<void> {
    const layout = ownedLayout(plan, plan.widths, this.styles, this.date1904);
    await this.ownedSheet(plan.sheetName, 'visible', layout.sheet, layout.relationships);
  }

  async ledger(plan: LedgerPlan): Promise<void> {
    const s = ownedStyles(this.styles);
    const height = Math.max(...plan.blocks.map((b) => b.rows.length + 1));
    const width = Math.max(...plan.blocks.map((b) => b.column + b.headers.length));
    const fill = (i: number, row: RowBuffer): void => {
      for (const block of plan.blocks) {
        const values = i === 0 ? block.headers : block.rows[i - 1];
        if (!values) continue;
        for (let c = 0; c < values.length; c++)
          putOwnedValue(row, block.column + c, values[c], i === 0 ? s.bold : s.plain, s.date, this.date1904);
      }
    };
    await this.ownedSheet(plan.sheetName, 'hidden', { height, width, fill });
  }

  /** Writes an owned sheet whole: in its own part when it exists, else as a new sheet at the end. */
  private async ownedSheet(
    name: string,
    state: 'visible' | 'hidden',
    sheet: NewSheet,
    relationships: { id: string; target: string }[] = [],
  ): Promise<void> {
    const { pkg, info } = this.model;
    const xml = worksheetChunks(sheet, info.mainNamespace, relationshipNamespace(info));
    const existing = this.model.sheet(name);
    let part: string;
    if (existing) {
      part = existing.entry.part;
      await pkg.setLater(part, xml);
      // Whatever the old sheet pointed at (links written by another program) no longer applies.
      if (relationships.length === 0) pkg.remove(relsPartOf(part));
    } else {
      part = addWorksheet(pkg, info, name, null, state);
      await pkg.setLater(part, xml);
    }
    // Set in place when the part exists, so a second refresh keeps the package's order of parts.
    if (relationships.length > 0)
      pkg.set(relsPartOf(part), hyperlinkRelationships(relationships, relType(info, REL.hyperlink)));
  }

  finish(): void {
    const { pkg, info } = this.model;
    if (this.styles.changed) {
      let part = info.stylesPart;
      if (!part || !pkg.has(part)) {
        part = part ?? `${info.part.slice(0, info.part.lastIndexOf('/') + 1)}styles.xml`;
        const relsPart = relsPartOf(info.part);
        if (!pkg.relationships(info.part).some((r) => isType(r, REL.styles))) {
          const id = freeRelationshipId(pkg.relationships(info.part));
          pkg.set(
            relsPart,
            addRelationship(pkg.has(relsPart) ? pkg.text(relsPart) : null, relsPart, {
              id,
              type: relType(info, REL.styles),
              target: relativeTarget(info.part, part),
            }),
          );
        }
        pkg.set(CONTENT_TYPES_PART, withOverride(pkg.text(CONTENT_TYPES_PART), part, CONTENT_TYPE.styles));
      }
      pkg.set(part, this.styles.text());
    }
    // A value written over a formula leaves the calculation chain naming a formula that is gone, which
    // Excel reports as damage; without the chain, Excel rebuilds it on the next calculation.
    if (this.formulasReplaced) {
      const chain = pkg.relationships(info.part).find((r) => isType(r, REL.calcChain) && r.part !== null);
      if (chain?.part) removeWorkbookPart(pkg, info, chain.part);
    }
  }
}

/**
 * Applies the plan to the package. Large parts are handed to the package's deflater piece by piece
 * (off this thread with Node's zlib); the caller settles the package before reading or saving it.
 */
export async function applyPlan(model: WorkbookModel, plan: WritePlan): Promise<void> {
  const writer = new Writer(model);
  await writer.tables(plan.tables);
  await writer.risks(plan.risks);
  await writer.ledger(plan.ledger);
  for (const extra of plan.extraSheets ?? []) await writer.extra(extra);
  writer.finish();
}
