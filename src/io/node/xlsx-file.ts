// .xlsx files on disk for the command line: open with clear errors (and Node's native zlib), write atomically.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { XlsxWorkbook } from '../xlsx/port';
import { nodeCodec } from './codec';
import { startSheetOffload } from './patch-offload';
import { WorkbookReadError, WorkbookWriteError, fileErrorWords } from '../errors';
import { ownerFileLock } from './locks';
import { sheetThreads } from './sheet-threads';
import type { SheetReader } from '../xlsx/sheet-scan';

/** From this size a workbook's sheets may be patched in a worker thread while the owned sheets are written. */
const OFFLOAD_BYTES = 1_000_000;

/**
 * Whether the write patches the sheets in a worker: only when asked (THROUGHLINE_SHEET_WORKER=1), since
 * at 100,000 rows it put 40–100 MB on the peak RSS (one weekly refresh at 451 MB, past issue 23's 450)
 * and its wall-clock gain could not be measured on the loaded machine (docs/benchmarks.md, write-speed).
 */
const offloadWanted = (size: number) => size >= OFFLOAD_BYTES && process.env.THROUGHLINE_SHEET_WORKER === '1';

export interface OpenOptions {
  /**
   * The workbook will be read (a refresh, a report): start a second thread for its larger sheets now,
   * so that it is ready by then (sheet-threads.ts). A caller that only looks at the file leaves it off:
   * the thread would sit idle until the process ends.
   */
  readOnTwoThreads?: boolean;
  /** Whether a worker patches the sheets on writing (by default, see offloadWanted). */
  offload?: boolean;
}

export async function openXlsxFile(file: string, options: OpenOptions = {}): Promise<XlsxWorkbook> {
  let data: Buffer;
  let reader: SheetReader | null = null;
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    // Started before the file is read in, so that it is ready by the time the sheets are scanned.
    if (options.readOnTwoThreads) reader = sheetThreads(stat.size);
    data = await fs.readFile(file);
  } catch (e) {
    reader?.close();
    throw new WorkbookReadError(`Cannot open ${file}: ${fileErrorWords(e)}.`, { cause: e });
  }
  try {
    const wanted = options.offload ?? offloadWanted(data.length);
    const offload = wanted ? startSheetOffload() : undefined;
    const workbook = await XlsxWorkbook.fromBuffer(data, file, nodeCodec, offload);
    if (reader) workbook.useSheetReader(reader);
    return workbook;
  } catch (e) {
    reader?.close();
    throw e;
  }
}

/**
 * Writes beside the target, then renames over it: a reader never sees half a workbook. A target someone
 * has open in Excel or LibreOffice (its owner file beside it, locks.ts) is not replaced: their next save
 * would overwrite the refresh, or Windows would refuse the rename anyway.
 */
export async function writeXlsxFile(workbook: XlsxWorkbook, file: string): Promise<void> {
  await writeFileAtomic(file, () => workbook.toBuffer(), ownerFileLock);
}

/** Any file, written the same way: to a temporary name in the target's folder, then renamed. */
export async function writeFileAtomic(
  file: string,
  content: () => Promise<Uint8Array | string>,
  lockOf: (file: string) => Promise<string | null> = async () => null,
): Promise<void> {
  const temp = await writeBeside(file, content);
  const locked = await lockOf(file);
  if (locked !== null) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new WorkbookWriteError(`Cannot write ${file}: ${locked}. Nothing was written.`);
  }
  try {
    await fs.rename(temp, file);
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new WorkbookWriteError(`Cannot write ${file}: ${fileErrorWords(e)}.`, { cause: e });
  }
}

/** Writes the content to a temporary name in the target's folder and returns that name (the caller renames it). */
export async function writeBeside(
  file: string,
  content: () => Promise<Uint8Array | string> | Uint8Array | string,
): Promise<string> {
  const dir = path.dirname(path.resolve(file));
  try {
    const stat = await fs.stat(dir);
    if (!stat.isDirectory()) throw new Error('not a folder');
  } catch {
    throw new WorkbookWriteError(`Cannot write ${file}: the folder ${dir} does not exist.`);
  }
  const temp = path.join(dir, `.${path.basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await fs.writeFile(temp, await content());
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new WorkbookWriteError(`Cannot write ${file}: ${fileErrorWords(e)}.`, { cause: e });
  }
  return temp;
}
