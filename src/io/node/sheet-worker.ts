// A worker thread that inflates and scans sheets for the command line's read (sheet-threads.ts): the
// same scan as the main thread's, its cells handed back as typed arrays (transferred, not copied).
import { parentPort, workerData } from 'node:worker_threads';
import { inflateEntry, type ZipEntry } from '../ooxml/zip';
import { decodeText } from '../ooxml/xml';
import { normalisePart } from '../ooxml/part-names';
import { PackageError } from '../ooxml/errors';
import { scanSheet, transferables, type SheetWants } from '../xlsx/sheet-scan';
import type { SheetContext } from '../xlsx/worksheet-read';
import { nodeCodec } from './codec';

export type SheetRequest =
  | { op: 'context'; context: SheetContext }
  | { op: 'scan'; id: number; part: string; entry: ZipEntry; wants: SheetWants };

export type SheetReply =
  | { id: number; ok: true; scanned: ReturnType<typeof scanSheet> }
  | { id: number; ok: false; package: boolean; message: string; part: string | null };

let context: SheetContext | null = null;

/** The part's text, as OoxmlPackage.text makes it (its errors naming the part). */
function textOf(part: string, entry: ZipEntry): string {
  let bytes: Uint8Array;
  try {
    bytes = inflateEntry(entry, nodeCodec);
  } catch (e) {
    if (e instanceof PackageError && e.part === null) throw new PackageError(e.message, normalisePart(part));
    throw e;
  }
  return decodeText(bytes, normalisePart(part));
}

/** What the worker answers to a scan: the sheet's cells, or the error the main thread's scan would throw. */
export function answer(
  id: number,
  part: string,
  entry: ZipEntry,
  context: SheetContext,
  wants: SheetWants,
): SheetReply {
  try {
    return { id, ok: true, scanned: scanSheet(textOf(part, entry), part, context, wants) };
  } catch (e) {
    const err = e as Error;
    return {
      id,
      ok: false,
      package: e instanceof PackageError,
      message: err?.message ?? String(e),
      part: e instanceof PackageError ? e.part : null,
    };
  }
}

/** Set in workerData by sheet-threads.ts: this module, loaded anywhere else (a test), listens to nothing. */
export const SHEET_WORKER = 'throughline-sheet-reader';

if (workerData === SHEET_WORKER)
  parentPort?.on('message', (request: SheetRequest) => {
    if (request.op === 'context') {
      context = request.context;
      return;
    }
    const reply = answer(request.id, request.part, request.entry, context!, request.wants);
    parentPort!.postMessage(reply, reply.ok ? transferables(reply.scanned) : []);
  });
