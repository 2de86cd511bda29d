// The file WorkbookPort: an .xlsx or .xlsm held in memory as its package. Reading streams only the
// sheets the engine can use; writing patches the few parts a refresh touches and keeps every other
// part's bytes. Browser-safe: no Node API here (see ../node/xlsx-file.ts for the disk).
import type { WorkbookSnapshot, WritePlan } from '../../engine';
import { type WorkbookPort } from '../port';
import { WorkbookReadError, WorkbookWriteError } from '../errors';
import { OoxmlPackage } from '../ooxml/package';
import { PackageError } from '../ooxml/errors';
import type { Codec } from '../ooxml/codec';
import { CONTENT_TYPES_PART } from '../ooxml/content-types';
import { WorkbookModel } from './model';
import { readSnapshot } from './read';
import type { SheetReader } from './sheet-scan';
import { applyPlan } from './write';
import type { SheetOffload } from './sheet-jobs';

/** Why bytes are not a workbook, in a user's words. */
export function describeNotXlsx(data: Uint8Array): string | null {
  if (data.length === 0) return 'the file is empty';
  const magic = Array.from(data.subarray(0, 4));
  if (magic[0] === 0x50 && magic[1] === 0x4b) return null;
  if (magic[0] === 0xd0 && magic[1] === 0xcf && magic[2] === 0x11 && magic[3] === 0xe0) {
    return (
      'it is an old-style .xls file or a password-protected workbook (both are Office binary files); ' +
      'open it in Excel and save it as .xlsx without a password'
    );
  }
  return 'it is not an .xlsx workbook (an .xlsx file is a zip archive)';
}

function explain(e: unknown): string {
  if (e instanceof PackageError) return e.message;
  return `it could not be read (${e instanceof Error ? e.message.split('\n')[0] : String(e)})`;
}

export class XlsxWorkbook implements WorkbookPort {
  private current: WorkbookModel;

  private constructor(
    readonly pkg: OoxmlPackage,
    /** The file's name, for messages. */
    readonly name: string,
    /** Where the host patches sheets while the owned ones are written (the command line: a worker). */
    private readonly offload?: SheetOffload,
  ) {
    this.current = WorkbookModel.load(pkg);
  }

  /** `name` only serves messages. */
  static async fromBuffer(
    data: ArrayBuffer | Uint8Array,
    name = 'the workbook',
    codec?: Codec,
    offload?: SheetOffload,
  ): Promise<XlsxWorkbook> {
    return XlsxWorkbook.open(data instanceof Uint8Array ? data : new Uint8Array(data), name, codec, offload);
  }

  /** `codec` defaults to the portable one; Node callers pass its native zlib (and may pass an offload). */
  static open(bytes: Uint8Array, name = 'the workbook', codec?: Codec, offload?: SheetOffload): XlsxWorkbook {
    const wrong = describeNotXlsx(bytes);
    if (wrong) throw new WorkbookReadError(`Cannot open ${name}: ${wrong}.`);
    try {
      const pkg = OoxmlPackage.open(bytes, codec);
      if (!pkg.has(CONTENT_TYPES_PART))
        throw new PackageError('it is a zip archive but not an Office document (it has no [Content_Types].xml)');
      const wb = new XlsxWorkbook(pkg, name, offload);
      if (wb.current.sheets.length === 0) throw new PackageError('no worksheet could be found in it');
      return wb;
    } catch (e) {
      throw new WorkbookReadError(`Cannot open ${name}: ${explain(e)}.`, { cause: e });
    }
  }

  /** A macro-enabled workbook must be saved as .xlsm, any other as .xlsx: Excel refuses a mismatch. */
  get kind(): 'xlsx' | 'xlsm' {
    return this.current.info.kind;
  }

  /** What is known of the workbook's package (sheets, tables, styles) as last read or written. */
  get model(): WorkbookModel {
    return this.current;
  }

  /**
   * File › Save As › Tools › General Options › "Password to modify": Excel asks for it before the file
   * may be saved over. Throughline cannot ask, so it never replaces such a file (a copy is fine).
   */
  get modifyPassword(): boolean {
    return /<(?:[\w.-]+:)?fileSharing\b[^>]*\b(?:reservationPassword|hashValue)\s*=/.test(
      this.pkg.text(this.current.info.part),
    );
  }

  /**
   * Scans the larger sheets on another thread while this one scans the rest (the command line's
   * worker, started when the file is opened so that it is ready by the time it is needed). Used by
   * the next read only: the thread is let go once that read is done.
   */
  useSheetReader(reader: SheetReader): void {
    this.reader?.close();
    this.reader = reader;
  }

  private reader: SheetReader | null = null;

  async read(): Promise<WorkbookSnapshot> {
    const reader = this.reader;
    this.reader = null;
    try {
      return await readSnapshot(this.current, reader);
    } catch (e) {
      throw new WorkbookReadError(`Cannot read ${this.name}: ${explain(e)}.`, { cause: e });
    } finally {
      reader?.close();
    }
  }

  async apply(plan: WritePlan): Promise<void> {
    // Review › Protect Workbook: the user locked the list of sheets, which a refresh adds to and replaces in.
    if (
      /<(?:[\w.-]+:)?workbookProtection\b[^>]*\blockStructure\s*=\s*["'](?:1|true)["']/.test(
        this.pkg.text(this.current.info.part),
      )
    ) {
      throw new WorkbookWriteError(
        `Cannot write ${this.name}: its structure is protected (Review › Protect Workbook), so Throughline can ` +
          "neither add nor replace its Risks sheet and ledger. Unprotect the workbook's structure and refresh again. " +
          'Nothing was written.',
      );
    }
    const restore = this.pkg.checkpoint();
    try {
      await applyPlan(this.current, plan, this.offload);
      // Large parts were deflated off this thread while the next was made; all are done before the
      // refresh counts as written (and before the package can be read or saved).
      await this.pkg.settle();
      this.current = WorkbookModel.load(this.pkg);
    } catch (e) {
      restore();
      this.current = WorkbookModel.load(this.pkg);
      throw new WorkbookWriteError(`Cannot write ${this.name}: ${explain(e)}.`, { cause: e });
    }
  }

  async toBuffer(): Promise<Uint8Array> {
    await this.pkg.settle();
    return this.pkg.toBytes();
  }
}
