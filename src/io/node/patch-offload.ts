// The command line's second core for a write: a worker thread that patches the input sheets while the
// main thread writes the owned sheets (xlsx/sheet-jobs.ts). Its start-up (tens of milliseconds) runs
// on its own thread while the main thread begins the owned sheets.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker, isMainThread } from 'node:worker_threads';
import type { SheetJobs, SheetJobsDone, SheetOffload } from '../xlsx/sheet-jobs';
import type { SheetReply } from './patch-worker';

/** The compiled worker; absent when tests run the TypeScript sources (the write then stays in one thread). */
const SCRIPT = path.join(__dirname, 'patch-worker.js');

/**
 * A part as its own bytes: a view into the opened file would send the whole file to the worker (a
 * typed array is cloned with all of its buffer).
 */
function ownBytes(jobs: SheetJobs): SheetJobs {
  return { ...jobs, sheets: jobs.sheets.map((s) => ({ ...s, stored: { ...s.stored, data: s.stored.data.slice() } })) };
}

/**
 * The worker's old generation, from what it is sent: room for the largest live set measured (the jobs,
 * one inflated sheet, its edits: under 64 MB at 100,000 rows), growing with the sheets. A limit makes
 * V8 collect in the worker instead of growing to the main thread's --initial-old-space-size (a flag
 * every isolate of the process takes), which added 20–30 MB to the peak RSS. A worker that runs out
 * of it stops with an error, and the sheets are patched in the main thread instead.
 */
export function workerHeapMb(jobs: SheetJobs): number {
  const sheetBytes = jobs.sheets.reduce((n, s) => n + s.stored.size, 0);
  return Math.max(96, Math.ceil(64 + (4 * sheetBytes) / 2 ** 20));
}

/**
 * An offload backed by a worker thread for each write, started when the write begins (its heap is
 * sized from the sheets sent) and ended when the sheets are back, so its heap does not outlive it.
 * None where no worker can run (not the main thread: a portfolio's members are written in workers
 * already, one per core).
 */
export function startSheetOffload(script = SCRIPT, heapMb = workerHeapMb): SheetOffload | undefined {
  if (!isMainThread || !existsSync(script)) return undefined;
  return {
    run(jobs: SheetJobs): Promise<SheetJobsDone> {
      const worker = new Worker(script, { resourceLimits: { maxOldGenerationSizeMb: heapMb(jobs) } });
      // The command ends whether or not the worker has (a failed write does not wait for it).
      worker.unref();
      return new Promise<SheetJobsDone>((resolve, reject) => {
        worker.once('message', (reply: SheetReply) => {
          if (reply.ok) resolve(reply.value);
          else reject(new Error(reply.message));
        });
        worker.once('error', reject);
        worker.once('exit', () => reject(new Error('the sheet worker stopped')));
        worker.postMessage(ownBytes(jobs));
      }).finally(() => void worker.terminate());
    },
  };
}
