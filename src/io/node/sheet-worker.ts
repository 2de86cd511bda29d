// A worker thread that inflates and scans sheets for the command line's read (sheet-threads.ts): the
// same scan as the main thread's, its cells handed back as typed arrays (transferred, not copied).
import { parentPort } from 'node:worker_threads';
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

parentPort?.on('message', (request: SheetRequest) => {
  if (request.op === 'context') {
    context = request.context;
    return;
  }
  const { id, part, entry, wants } = request;
  try {
    const scanned = scanSheet(textOf(part, entry), part, context!, wants);
    parentPort!.postMessage({ id, ok: true, scanned } satisfies SheetReply, transferables(scanned));
  } catch (e) {
    const err = e as Error;
    parentPort!.postMessage({
      id,
      ok: false,
      package: e instanceof PackageError,
      message: err?.message ?? String(e),
      part: e instanceof PackageError ? e.part : null,
    } satisfies SheetReply);
  }
});
