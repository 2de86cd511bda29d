// Applies a write-back plan to a package by patching: owned columns inside the sheets they belong to,
// tables grown by those columns, the owned Risks and ledger sheets written whole, and the few cell
// formats these need appended to the style sheet. Every other part is left exactly as it was.
import type { LedgerPlan, OwnedSheetPlan, RisksPlan, TableWrite, WritePlan } from '../../engine';
import { a1 } from '../../engine';
import { DEFAULT_STYLES_XML, StyleEditor } from '../ooxml/styles';
import { patchWorksheet, patchWorksheetBytes, type WorksheetPatch } from '../ooxml/worksheet-patch';
import { NotPlainXml } from '../ooxml/xml-bytes';
import { worksheetChunks, type NewSheet, type RowBuffer } from '../ooxml/worksheet-new';
import { appendTableColumns } from '../ooxml/table';
import { addWorksheet, relType, relationshipNamespace, removeWorkbookPart } from '../ooxml/workbook-edit';
import { TRANSITIONAL_MAIN } from '../ooxml/workbook';
import { CONTENT_TYPE, CONTENT_TYPES_PART, withOverride } from '../ooxml/content-types';
import { REL, addRelationship, freeRelationshipId, hyperlinkRelationships, isType } from '../ooxml/relationships';
import { relativeTarget, relsPartOf } from '../ooxml/part-names';
import type { WorkbookModel } from './model';
import { ownedLayout, ownedStyles, putOwnedValue, type OwnedStyles } from './owned-sheet';
import { guessDerivations, sheetPatch, writesBySheet } from './table-cells';
import type { SheetJobs, SheetJobsDone, SheetOffload } from './sheet-jobs';

class Writer {
  readonly styles: StyleEditor;
  /** The style sheet the write starts from, for a copy elsewhere. */
  readonly stylesFrom: { source: string; part: string };
  private formulasReplaced = false;
  /** The parts of owned sheets written so far, by sheet name: writing one again goes to the same part. */
  private readonly ownedParts = new Map<string, string>();

  constructor(private readonly model: WorkbookModel) {
    const part = model.info.stylesPart;
    // A new style sheet speaks the workbook's own namespace (Strict packages use Strict's).
    const fresh = DEFAULT_STYLES_XML.replace(TRANSITIONAL_MAIN, model.info.mainNamespace);
    this.stylesFrom = {
      source: part && model.pkg.has(part) ? model.pkg.text(part) : fresh,
      part: part ?? 'xl/styles.xml',
    };
    this.styles = new StyleEditor(this.stylesFrom.source, this.stylesFrom.part);
  }

  private get date1904(): boolean {
    return this.model.info.date1904;
  }

  /** The sheets' owned columns, patched in this thread (their tables grown already when `grow` is false). */
  async tables(bySheet: Map<string, TableWrite[]>, grow = true): Promise<void> {
    const derive = this.styles.derive.bind(this.styles);
    for (const [part, sheetWrites] of this.sheetsOf(bySheet, grow)) {
      const patch = sheetPatch(sheetWrites, derive, this.date1904);
      if ((await this.patch(part, patch)).length > 0) this.formulasReplaced = true;
    }
  }

  /** Each sheet's part with its writes, its tables grown; a sheet the plan names that is not there stops the write. */
  private sheetsOf(bySheet: Map<string, TableWrite[]>, grow: boolean): [string, TableWrite[]][] {
    return [...bySheet].map(([name, sheetWrites]) => {
      const sheet = this.model.sheet(name);
      if (!sheet) throw new Error(`sheet ${name} is missing`);
      if (grow) for (const write of sheetWrites) this.growTable(name, write);
      return [sheet.entry.part, sheetWrites];
    });
  }

  /** What patching the sheets elsewhere needs: their parts as stored, their writes, the style sheet. */
  sheetJobs(bySheet: Map<string, TableWrite[]>): SheetJobs {
    const sheets = this.sheetsOf(bySheet, true).map(([part, writes]) => {
      // Only what the worker inflates: the entry itself also holds the archive's dates.
      const { name, method, data, crc, size } = this.model.pkg.entryToInflate(part);
      return { part, stored: { name, method, data, crc, size }, writes };
    });
    return { styles: this.stylesFrom, date1904: this.date1904, sheets };
  }

  /** Takes the sheets patched elsewhere: their formats derived here in the same order, their parts as made. */
  placeSheets(jobs: SheetJobs, done: SheetJobsDone): void {
    for (const [base, change] of done.derived) this.styles.derive(base, change);
    jobs.sheets.forEach((sheet, i) => {
      this.model.pkg.setDeflated(sheet.part, done.sheets[i].deflated);
      if (done.sheets[i].formulasReplaced.length > 0) this.formulasReplaced = true;
    });
  }

  /** The owned sheets' formats as they would be numbered after these writes' formats, on a copy. */
  guessOwnedStyles(bySheet: Map<string, TableWrite[]>): OwnedStyles {
    const copy = new StyleEditor(this.stylesFrom.source, this.stylesFrom.part);
    guessDerivations(bySheet, copy.derive.bind(copy));
    return ownedStyles(copy);
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
      // A part the patch leaves as it was keeps its stored bytes without being copied and deflated
      // again (setLater would keep them too, but only once it had deflated all of it: 19 MB a week at 100k rows).
      if (!result.unchanged) await pkg.setLater(part, result.chunks);
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

  async risks(plan: RisksPlan, s: OwnedStyles): Promise<void> {
    // Go-to cells always show where they go, even when the plan left the cell's value out.
    const rows = plan.rows.map((r, i) => {
      const link = plan.links[i];
      if (!link || r[link.column] !== null) return r;
      const cells = [...r];
      cells[link.column] = `${link.target.sheet}!${link.target.cell}`;
      return cells;
    });
    const widths = [9, 12, 32, 11, 9, 24, 80, 14, 15, 18];
    const layout = ownedLayout({ ...plan, rows }, widths, s, this.date1904);
    await this.ownedSheet(plan.sheetName, 'visible', layout.sheet, layout.relationships);
  }

  async extra(plan: OwnedSheetPlan, s: OwnedStyles): Promise<void> {
    const layout = ownedLayout(plan, plan.widths, s, this.date1904);
    await this.ownedSheet(plan.sheetName, 'visible', layout.sheet, layout.relationships);
  }

  async ledger(plan: LedgerPlan, s: OwnedStyles): Promise<void> {
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
    const existing = this.ownedParts.get(name) ?? this.model.sheet(name)?.entry.part;
    let part: string;
    if (existing) {
      part = existing;
      await pkg.setLater(part, xml);
      // Whatever the old sheet pointed at (links written by another program) no longer applies.
      if (relationships.length === 0) pkg.remove(relsPartOf(part));
    } else {
      part = addWorksheet(pkg, info, name, null, state);
      this.ownedParts.set(name, part);
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
 *
 * With an offload (the command line's worker thread), the input sheets are patched there while this
 * thread writes the owned sheets. Those number their formats after the ones the patch derives, which
 * are known only once it is done: they are written with a guess (guessOwnedStyles), and written again
 * here, after the patch, in the rare case the guess was wrong. Either way the bytes are those of the
 * write without an offload (test/io/xlsx-offload.test.ts).
 */
export async function applyPlan(model: WorkbookModel, plan: WritePlan, offload?: SheetOffload): Promise<void> {
  const writer = new Writer(model);
  const bySheet = writesBySheet(plan.tables);
  if (!offload || bySheet.size === 0) {
    await writer.tables(bySheet);
    await ownedSheets(writer, plan, ownedStyles(writer.styles));
    writer.finish();
    return;
  }
  const jobs = writer.sheetJobs(bySheet);
  const patched = offload.run(jobs).catch(() => null);
  const guess = writer.guessOwnedStyles(bySheet);
  await ownedSheets(writer, plan, guess);
  const done = await patched;
  if (done) writer.placeSheets(jobs, done);
  // Patched here after all (no worker, or a sheet only the text way reads): every sheet, in order.
  else await writer.tables(bySheet, false);
  const styles = ownedStyles(writer.styles);
  if (!sameStyles(styles, guess)) await ownedSheets(writer, plan, styles);
  writer.finish();
}

async function ownedSheets(writer: Writer, plan: WritePlan, styles: OwnedStyles): Promise<void> {
  await writer.risks(plan.risks, styles);
  await writer.ledger(plan.ledger, styles);
  for (const extra of plan.extraSheets ?? []) await writer.extra(extra, styles);
}

function sameStyles(a: OwnedStyles, b: OwnedStyles): boolean {
  return (Object.keys(a) as (keyof OwnedStyles)[]).every((k) => a[k] === b[k]);
}
