// The command line's second core for reading: a worker thread (sheet-worker.ts) that inflates and scans
// the larger sheets while the main thread scans the others, and a Risks sheet's protection found as its
// part inflates on zlib's threads, never held whole. Started when a file is opened, before it is needed.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { ZipEntry } from '../ooxml/zip';
import { PackageError } from '../ooxml/errors';
import { ReaderGone, type ScannedSheet, type SheetReader, type SheetWants } from '../xlsx/sheet-scan';
import type { SheetContext } from '../xlsx/worksheet-read';
import type { SheetReply, SheetRequest } from './sheet-worker';
import { protectedWhileInflating } from './sheet-protection';

/** As sheet-worker.ts checks it (not imported from there: that module is the worker's own). */
const SHEET_WORKER = 'throughline-sheet-reader';

type Waiting = { resolve: (s: ScannedSheet) => void; reject: (e: Error) => void };

/** Where the worker's script is, and how to start it (tests start the TypeScript source through ts-node). */
export interface WorkerScript {
  file: string;
  execArgv?: string[];
}

const COMPILED: WorkerScript = { file: path.join(__dirname, 'sheet-worker.js') };

export class ThreadReader implements SheetReader {
  private readonly worker: Worker;
  private readonly waiting = new Map<number, Waiting>();
  private nextId = 1;
  private sent: SheetContext | null = null;
  private failed: Error | null = null;

  /** `choose` decides which sheets it takes (tests hand it every sheet); read.ts's sheetsAway otherwise. */
  constructor(
    script: WorkerScript,
    readonly choose?: (sizes: readonly number[]) => number[],
  ) {
    this.worker = new Worker(script.file, { execArgv: script.execArgv ?? [], workerData: SHEET_WORKER });
    // Never what keeps the process alive: a file opened and not read lets it go with the process.
    this.worker.unref();
    this.worker.on('message', (reply: SheetReply) => this.settle(reply));
    this.worker.on('error', (e) => this.fail(e));
    this.worker.on('exit', (code) => this.fail(new Error(`the reading thread stopped (exit code ${code})`)));
  }

  scan(part: string, entry: ZipEntry, context: SheetContext, wants: SheetWants): Promise<ScannedSheet> {
    if (this.failed) return Promise.reject(new ReaderGone(this.failed.message));
    // The strings and styles cross once; every sheet of one read shares them.
    if (this.sent?.sharedStrings !== context.sharedStrings || this.sent.styles !== context.styles) {
      this.post({ op: 'context', context });
      this.sent = context;
    }
    const id = this.nextId++;
    // A copy of only the part's compressed bytes (a Buffer's slice is a view): a view would take the whole file along.
    const own = { ...entry, data: new Uint8Array(entry.data) };
    return new Promise((resolve, reject) => {
      // Waited for: the process must not end meanwhile (it may, while nothing is asked of the thread).
      if (this.waiting.size === 0) this.worker.ref();
      this.waiting.set(id, { resolve, reject });
      this.post({ op: 'scan', id, part, entry: own, wants }, [own.data.buffer]);
    });
  }

  protectedPart(part: string, entry: ZipEntry): Promise<boolean> {
    return protectedWhileInflating(part, entry);
  }

  close(): void {
    this.failed ??= new Error('the reading thread was let go');
    void this.worker.terminate();
  }

  private post(request: SheetRequest, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(request, transfer);
  }

  private settle(reply: SheetReply): void {
    const waiting = this.waiting.get(reply.id);
    if (!waiting) return;
    this.waiting.delete(reply.id);
    if (this.waiting.size === 0) this.worker.unref();
    if (reply.ok) waiting.resolve(reply.scanned);
    // The error the scan on the main thread would have thrown, with the same words.
    else waiting.reject(replyError(reply));
  }

  private fail(e: Error): void {
    this.failed ??= e;
    // The sheets it had are scanned on the main thread instead (read.ts).
    for (const w of this.waiting.values()) w.reject(new ReaderGone(e.message));
    this.waiting.clear();
  }
}

/** The error the scan on the main thread would have thrown, with the same words. */
export function replyError(reply: SheetReply & { ok: false }): Error {
  return reply.package ? new PackageError(reply.message, reply.part) : new Error(reply.message);
}

/**
 * A reader on a second thread for a file of `fileBytes` bytes, or null where it would not pay: one
 * core, a small file (its sheets scan here faster than a thread starts), or no compiled worker at
 * hand (tests run the TypeScript sources, unless they name a script).
 */
export function sheetThreads(fileBytes: number, script: WorkerScript = COMPILED): SheetReader | null {
  if (availableParallelism() < 2 || fileBytes < MIN_FILE_BYTES || !existsSync(script.file)) return null;
  return new ThreadReader(script);
}

/** About 3 MB of sheet XML deflated: below it the whole read takes less than a thread's start. */
const MIN_FILE_BYTES = 256 * 1024;
