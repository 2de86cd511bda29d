// Starts the page's worker. webpack sees `new Worker(new URL(…, import.meta.url))`, bundles the
// worker as its own file and puts its hashed name here; the page's CSP allows it as a script from
// its own origin ('self'). Only the built pane imports this module: tests use the runner with a fake.
import type { WorkerLike } from './runner';
import type { FileChannel } from '../page/worker-file';

function startWorker(): unknown {
  return new Worker(
    /* webpackChunkName: "engine-worker" */
    // @ts-expect-error import.meta is ES-module syntax: webpack compiles this file as one (tsconfig.web.json), the type check does not.
    new URL('./worker.ts', import.meta.url),
    { name: 'throughline-engine' },
  );
}

/** A worker for the engine alone: snapshots in, results out. */
export function startEngineWorker(): WorkerLike {
  return startWorker() as WorkerLike;
}

/** A worker for the page's open file: bytes in, the file read, refreshed and zipped there. */
export function startFileWorker(): FileChannel {
  return startWorker() as FileChannel;
}
