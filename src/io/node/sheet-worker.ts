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
import { protectedWhileInflating } from './sheet-protection';

export type SheetRequest =
  | { op: 'context'; context: SheetContext }
  | { op: 'scan'; id: number; part: string; entry: ZipEntry; wants: SheetWants }
  | { op: 'protection'; id: number; part: string; entry: ZipEntry }
  /** Nothing more will be asked: the thread ends once it has answered (its memory goes with it). */
  | { op: 'close' };

type Failed = { id: number; ok: false; package: boolean; message: string; part: string | null };
export type ScanReply = { id: number; ok: true; scanned: ReturnType<typeof scanSheet> } | Failed;
export type ProtectionReply = { id: number; ok: true; protectedSheet: boolean } | Failed;
export type SheetReply = ScanReply | ProtectionReply;

/** The reply for an error, with what the main thread needs to throw it in the same words. */
function failed(id: number, e: unknown): Failed {
  const err = e as Error;
  return {
    id,
    ok: false,
    package: e instanceof PackageError,
    message: err?.message ?? String(e),
    part: e instanceof PackageError ? e.part : null,
  };
}

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
export function answer(id: number, part: string, entry: ZipEntry, context: SheetContext, wants: SheetWants): ScanReply {
  try {
    return { id, ok: true, scanned: scanSheet(textOf(part, entry), part, context, wants) };
  } catch (e) {
    return failed(id, e);
  }
}

/** A sheet's protection, found as it inflates in pieces on zlib's threads, each piece on this thread's turn. */
export function answerProtection(id: number, part: string, entry: ZipEntry): Promise<ProtectionReply> {
  return protectedWhileInflating(part, entry).then(
    (protectedSheet): ProtectionReply => ({ id, ok: true, protectedSheet }),
    (e: unknown) => failed(id, e),
  );
}

/** Set in workerData by sheet-threads.ts: this module, loaded anywhere else (a test), listens to nothing. */
export const SHEET_WORKER = 'throughline-sheet-reader';

/** Protections being found, and whether the main thread has let the thread go. */
let answering = 0;
let closing = false;

/**
 * Ends the thread once it owes no answer: its heap and buffers are freed here and now, not when the
 * main thread, busy with the engine, next turns its event loop to terminate it.
 */
function leaveWhenDone(): void {
  if (closing && answering === 0) process.exit(0);
}

if (workerData === SHEET_WORKER)
  parentPort?.on('message', (request: SheetRequest) => {
    if (request.op === 'context') {
      context = request.context;
      return;
    }
    if (request.op === 'close') {
      closing = true;
      leaveWhenDone();
      return;
    }
    if (request.op === 'protection') {
      answering++;
      void answerProtection(request.id, request.part, request.entry).then((reply) => {
        // Posted before the thread ends: a message posted is delivered though its sender has gone.
        parentPort!.postMessage(reply);
        answering--;
        leaveWhenDone();
      });
      return;
    }
    const reply = answer(request.id, request.part, request.entry, context!, request.wants);
    parentPort!.postMessage(reply, reply.ok && 'scanned' in reply ? transferables(reply.scanned) : []);
  });
