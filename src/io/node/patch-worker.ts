// A worker thread that patches a refresh's input sheets (their owned columns) and deflates them, while
// the command line's main thread writes the owned sheets (patch-offload.ts).
import { parentPort } from 'node:worker_threads';
import { runSheetJobs, type SheetJobs } from '../xlsx/sheet-jobs';
import { nodeCodec } from './codec';

export type SheetReply = { ok: true; value: Awaited<ReturnType<typeof runSheetJobs>> } | { ok: false; message: string };

parentPort?.on('message', (jobs: SheetJobs) => {
  runSheetJobs(jobs, nodeCodec).then(
    (value) =>
      parentPort!.postMessage({ ok: true, value } satisfies SheetReply, [
        ...new Set(value.sheets.map((s) => s.deflated.data.buffer as ArrayBuffer)),
      ]),
    (e: Error) => parentPort!.postMessage({ ok: false, message: e.message } satisfies SheetReply),
  );
});
