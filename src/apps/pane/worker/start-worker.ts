// Starts the engine's worker. webpack sees `new Worker(new URL(…, import.meta.url))`, bundles the
// worker as its own file and puts its hashed name here; the page's CSP allows it as a script from
// its own origin ('self'). Only the built pane imports this module: tests use the runner with a fake.
import type { WorkerLike } from './runner';

export function startEngineWorker(): WorkerLike {
  return new Worker(
    /* webpackChunkName: "engine-worker" */
    // @ts-expect-error import.meta is ES-module syntax: webpack compiles this file as one (tsconfig.web.json), the type check does not.
    new URL('./worker.ts', import.meta.url),
    { name: 'throughline-engine' },
  ) as unknown as WorkerLike;
}
