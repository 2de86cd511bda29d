// Where the engine runs for the pane: in a Web Worker when the page can start one, so a large
// workbook never freezes the page, or inline. Either way the pane hears each stage as it finishes
// and can cancel; the workbook itself is read and written on the page, through the WorkbookPort.
import { refresh, type RefreshOptions, type RefreshResult, type Stage } from '../../../engine';
import type { WorkbookSnapshot } from '../../../engine';

export type EngineRun = (
  snapshot: WorkbookSnapshot,
  options: RefreshOptions,
  signal?: AbortSignal,
) => Promise<RefreshResult>;

/** Thrown when the user cancels a refresh: nothing was written. */
export class RefreshCancelled extends Error {
  constructor() {
    super('The refresh was cancelled. Nothing was written.');
    this.name = 'RefreshCancelled';
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new RefreshCancelled();
}

/** The engine on the page's own thread: for tests and for pages that cannot start a worker. */
export const inlineEngine: EngineRun = async (snapshot, options, signal) => {
  throwIfCancelled(signal);
  const result = refresh(snapshot, options);
  throwIfCancelled(signal);
  return result;
};

/** What the page sends the worker, and what the worker answers. Options without functions: they do not cross. */
export interface EngineRequest {
  id: number;
  snapshot: WorkbookSnapshot;
  options: Omit<RefreshOptions, 'onStage'>;
}

export type EngineReply =
  | { id: number; type: 'stage'; stage: Stage }
  | { id: number; type: 'done'; result: RefreshResult }
  | { id: number; type: 'error'; name: string; message: string };

/** The part of a Worker the runner uses, so tests can hand it a fake. */
export interface WorkerLike {
  postMessage(message: EngineRequest): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<EngineReply>) => void) | null;
  onerror: ((event: Event) => void) | null;
}

/**
 * Runs the engine in a worker made by `create`. Cancelling terminates the worker (a new one starts
 * for the next run). A worker that cannot start at all (blocked, missing) is given up for good and the
 * engine runs inline instead, so a strict host never leaves the pane without a refresh.
 */
export function workerEngine(create: () => WorkerLike): EngineRun {
  let worker: WorkerLike | null = null;
  let usable = true;
  let answered = false;
  let next = 0;
  const pending = new Map<
    number,
    {
      resolve: (r: RefreshResult) => void;
      reject: (e: unknown) => void;
      options: RefreshOptions;
      snapshot: WorkbookSnapshot;
      signal?: AbortSignal;
    }
  >();

  const start = (): WorkerLike => {
    const w = create();
    w.onmessage = (event) => {
      answered = true;
      const reply = event.data;
      const job = pending.get(reply.id);
      if (!job) return;
      if (reply.type === 'stage') job.options.onStage?.(reply.stage);
      else {
        pending.delete(reply.id);
        if (reply.type === 'done') job.resolve(reply.result);
        else job.reject(Object.assign(new Error(reply.message), { name: reply.name }));
      }
    };
    w.onerror = (event) => {
      event.preventDefault?.();
      const jobs = [...pending.values()];
      pending.clear();
      w.terminate();
      if (worker === w) worker = null;
      // Never a word from it: the worker could not start here. The page does the work instead.
      if (!answered) usable = false;
      for (const job of jobs) {
        if (!usable) inlineEngine(job.snapshot, job.options, job.signal).then(job.resolve, job.reject);
        else job.reject(new Error('The engine stopped unexpectedly. Nothing was written; refresh again.'));
      }
    };
    return w;
  };

  return (snapshot, options, signal) => {
    if (!usable) return inlineEngine(snapshot, options, signal);
    if (signal?.aborted) return Promise.reject(new RefreshCancelled());
    return new Promise<RefreshResult>((resolve, reject) => {
      let w: WorkerLike;
      try {
        w = worker ??= start();
      } catch {
        usable = false;
        inlineEngine(snapshot, options, signal).then(resolve, reject);
        return;
      }
      const id = ++next;
      pending.set(id, { resolve, reject, options, snapshot, signal });
      signal?.addEventListener(
        'abort',
        () => {
          if (!pending.delete(id)) return;
          // A worker cannot be interrupted mid-computation: stop it and start afresh next time.
          w.terminate();
          if (worker === w) worker = null;
          for (const [other, job] of pending) {
            pending.delete(other);
            job.reject(new RefreshCancelled());
          }
          reject(new RefreshCancelled());
        },
        { once: true },
      );
      const { onStage: _onStage, ...plain } = options;
      w.postMessage({ id, snapshot, options: plain });
    });
  };
}
