// The command line's second core for a write: a worker thread that patches the input sheets while the
// main thread writes the owned sheets (xlsx/sheet-jobs.ts). Started when the workbook is opened, so
// its start-up (tens of milliseconds) passes while the file is read and computed.
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { Worker, isMainThread } from 'node:worker_threads';
import type { SheetJobs, SheetJobsDone, SheetOffload } from '../xlsx/sheet-jobs';
import type { SheetReply } from './sheet-worker';

/** The compiled worker; absent when tests run the TypeScript sources (the write then stays in one thread). */
const SCRIPT = path.join(__dirname, 'sheet-worker.js');

/**
 * A part as its own bytes: a view into the opened file would send the whole file to the worker (a
 * typed array is cloned with all of its buffer).
 */
function ownBytes(jobs: SheetJobs): SheetJobs {
  return { ...jobs, sheets: jobs.sheets.map((s) => ({ ...s, stored: { ...s.stored, data: s.stored.data.slice() } })) };
}

/**
 * An offload backed by one worker, started now; null where no worker can run (not the main thread:
 * a portfolio's members are written in workers already, one per core). Each run ends its worker, so
 * the worker's heap is not kept once the sheets are back; a later run starts another.
 */
export function startSheetOffload(script = SCRIPT): SheetOffload | undefined {
  if (!isMainThread || !existsSync(script)) return undefined;
  let next: Worker | null = null;
  const start = () => {
    const worker = new Worker(script);
    // An unused worker must not keep the command from ending.
    worker.unref();
    return worker;
  };
  next = start();
  return {
    run(jobs: SheetJobs): Promise<SheetJobsDone> {
      const worker = next ?? start();
      next = null;
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
