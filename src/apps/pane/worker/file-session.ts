// The page's files as its worker holds them: opened from the bytes the page transferred, refreshed
// here by the one refresh every host runs (read, compute, write), zipped here for the download. The
// page's thread only draws what comes back: a preview, the result without its plan's rows (they are
// written here, and the Risks sheet alone is 43,000 rows at 100k input rows), a number format, bytes.
import type { RefreshResult, SheetLink, WorkbookSnapshot, WritePlan } from '../../../engine';
import { ownersToChase, refresh, topRisks } from '../../../engine';
import { refreshWorkbook } from '../../../io/refresh';
import { XlsxWorkbook } from '../../../io/xlsx/port';
import { readNamedRange } from '../../../io/xlsx/named-range';
import { numberFormatAt } from '../../../io/xlsx/number-format';
import { isManifest, isPortfolioName } from '../../../portfolio';
import { previewOf } from '../page/preview';
import type { FileReply, FileRequest, PlainOptions } from './file-protocol';
import { RefreshCancelled } from './runner';
import { packResult } from './result-transfer';
import { nativeCodec } from './native-inflate';

export type Reply = (reply: FileReply, transfer?: Transferable[]) => void;

/** What the pane is told of the plan that was written: the sheets' names and headers, none of the rows. */
export function planOutline(plan: WritePlan | null): WritePlan | null {
  if (plan === null) return null;
  const { sheetName, headers } = plan.risks;
  return {
    tables: [],
    risks: { sheetName, headers, rows: [], links: [], styles: [] },
    ledger: { sheetName: plan.ledger.sheetName, blocks: [] },
  };
}

/** Whether the workbook holds a Portfolio table (it is then a hub, opened as a portfolio). */
function isHub(workbook: XlsxWorkbook): boolean {
  try {
    const range = readNamedRange(workbook, isPortfolioName);
    return range !== null && isManifest(range.headers, range.rows);
  } catch {
    // A Portfolio table that cannot be read makes no hub; reading the workbook says what is wrong.
    return false;
  }
}

/** Lets messages that came meanwhile (a cancel) be heard: a worker hears nothing while it computes. */
const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface OpenFile {
  workbook: XlsxWorkbook;
  /** What the last refresh read, for what-ifs (nothing is read again for them). */
  snapshot: WorkbookSnapshot | null;
  /**
   * The write of a refresh whose result has gone to the page already: settles once the plan is in
   * the package (or failed and the package is as it was). What needs the package waits for it.
   */
  writing: Promise<void> | null;
}

/** Requests that need the package as written: they wait for a refresh still writing it. */
const AFTER_WRITE = new Set<FileRequest['kind']>([
  'refresh',
  'read',
  'apply',
  'what-if',
  'preview',
  'number-format',
  'save',
]);

export class FileSessions {
  private readonly files = new Map<number, OpenFile>();
  private readonly running = new Map<number, AbortController>();
  private next = 0;

  constructor(private readonly reply: Reply) {}

  /** The preview, a sheet per message: the page takes each in between frames. */
  private preview(id: number, workbook: XlsxWorkbook): void {
    for (const sheet of previewOf(workbook)) this.reply({ id, kind: 'preview-sheet', sheet });
  }

  private file(id: number): OpenFile {
    const open = this.files.get(id);
    if (!open) throw new Error('That workbook is no longer open on the page; open it again.');
    return open;
  }

  async handle(request: FileRequest): Promise<void> {
    const { id } = request;
    try {
      await this.answer(request);
    } catch (e) {
      const error = e instanceof Error ? e : new Error(String(e));
      this.reply({ id, kind: 'error', name: error.name, message: error.message });
    }
  }

  private async answer(request: FileRequest): Promise<void> {
    const { id } = request;
    if (AFTER_WRITE.has(request.kind) && 'file' in request) await this.files.get(request.file)?.writing;
    switch (request.kind) {
      case 'open': {
        const bytes = new Uint8Array(request.bytes);
        // The browser's own zlib inflates the parts (native-inflate.ts); fflate where it cannot.
        const workbook = XlsxWorkbook.open(bytes, request.name, await nativeCodec(bytes));
        const file = ++this.next;
        this.files.set(file, { workbook, snapshot: null, writing: null });
        this.preview(id, workbook);
        this.reply({ id, kind: 'opened', file, format: workbook.kind, hub: isHub(workbook) });
        return;
      }
      case 'refresh':
        return this.refresh(id, this.file(request.file), request.options);
      case 'read':
        this.reply({ id, kind: 'snapshot', snapshot: await this.file(request.file).workbook.read() });
        return;
      case 'apply': {
        const { workbook } = this.file(request.file);
        await workbook.apply(request.plan);
        this.preview(id, workbook);
        this.reply({ id, kind: 'applied' });
        return;
      }
      case 'preview':
        this.preview(id, this.file(request.file).workbook);
        this.reply({ id, kind: 'done' });
        return;
      case 'cancel':
        this.running.get(request.target)?.abort();
        this.reply({ id, kind: 'done' });
        return;
      case 'what-if': {
        const { snapshot } = this.file(request.file);
        if (!snapshot) return this.reply({ id, kind: 'what-if', result: 'Refresh first, then try a what-if.' });
        this.reply({ id, kind: 'what-if', result: refresh(snapshot, request.options).report.whatIf[0] });
        return;
      }
      case 'number-format':
        this.reply({
          id,
          kind: 'number-format',
          format: numberFormatAt(this.file(request.file).workbook, request.target),
        });
        return;
      case 'save': {
        const bytes = await this.file(request.file).workbook.toBuffer();
        // The zip was made for this answer alone: its buffer moves to the page rather than being copied.
        const buffer =
          bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
            ? (bytes.buffer as ArrayBuffer)
            : (bytes.slice().buffer as ArrayBuffer);
        this.reply({ id, kind: 'saved', bytes: buffer }, [buffer]);
        return;
      }
      case 'close':
        this.files.delete(request.file);
        this.reply({ id, kind: 'done' });
        return;
    }
  }

  /**
   * Reads, computes, sends the result, then writes: the page shows the summary while the plan goes into
   * the package (at 100k rows the write and its deflating take longer than reading and computing).
   * 'refreshed' carries the result; 'written' ends the request once the package holds it, or 'error'
   * says why the write failed, the package then as it was (XlsxWorkbook.apply restores it).
   */
  private async refresh(id: number, open: OpenFile, options: PlainOptions): Promise<void> {
    const controller = new AbortController();
    this.running.set(id, controller);
    let settle: () => void = () => undefined;
    try {
      const { snapshot } = await refreshWorkbook(
        open.workbook,
        { ...options, onStage: (stage) => this.reply({ id, kind: 'engine-stage', stage }) },
        {
          signal: controller.signal,
          cancelled: () => new RefreshCancelled(),
          onStage: async (stage) => {
            this.reply({ id, kind: 'stage', stage });
            // Nothing is heard once the result went: writing follows at once.
            if (stage !== 'writing') await nextTurn();
          },
          // The last moment a cancel is heard: once the result goes to the page, the refresh finishes.
          beforeWrite: async (result) => {
            await nextTurn();
            if (controller.signal.aborted) throw new RefreshCancelled();
            this.running.delete(id);
            open.writing = new Promise<void>((resolve) => (settle = resolve));
            this.sendResult(id, open.workbook, result);
          },
        },
      );
      open.snapshot = snapshot;
      this.reply({ id, kind: 'written' });
    } finally {
      this.running.delete(id);
      open.writing = null;
      settle();
    }
  }

  /** The result without its plan's rows, in pieces the page takes between frames (result-transfer.ts). */
  private sendResult(id: number, workbook: XlsxWorkbook, result: RefreshResult): void {
    const { parts, skeleton, impacts } = packResult({ ...result, plan: planOutline(result.plan) });
    for (const part of parts)
      this.reply({ id, kind: 'result-part', part }, part.impacts ? [part.impacts.buffer as ArrayBuffer] : []);
    // The pane asks for the money cell's format as soon as it has the result; by then this thread is
    // writing, so the answer goes now, with the result.
    const formats = result.moneyCells.slice(0, 1).map((cell): [SheetLink, string | null] => {
      try {
        return [cell, numberFormatAt(workbook, cell)];
      } catch {
        return [cell, null];
      }
    });
    // Owners to chase and the top risks sort every item: made here, where the page's thread does not wait.
    const owners = ownersToChase(result.report);
    const index = new Map(result.report.items.map((item, i) => [item, i]));
    const top = topRisks(result.report.items).map((item) => index.get(item)!);
    this.reply({ id, kind: 'refreshed', result: skeleton, impacts, formats, owners, top }, [
      impacts.bits.buffer as ArrayBuffer,
    ]);
  }
}
