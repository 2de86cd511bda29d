// The engine runner behind the pane: stages come back as they finish, Cancel stops the worker and
// nothing is written, and a worker that cannot start leaves the engine to run on the page.
import { refresh } from '../../src/engine';
import type { Stage } from '../../src/engine';
import {
  RefreshCancelled,
  workerEngine,
  type EngineReply,
  type EngineRequest,
  type WorkerLike,
} from '../../src/apps/pane/worker/runner';
import { refreshWorkbook } from '../../src/io/refresh';
import type { WorkbookPort } from '../../src/io/port';
import { day, workbook } from '../support/snapshot';

const book = workbook({
  objectives: [['O1', 'Grow', null, 'Dana', 1, 1_000_000, null]],
  kpis: [
    ['K1', 'Bookings', 'O1', 'Increase', 0, 100, 42, '2026-01-01', '2026-12-31', 1, '2026-06-28', 'Green', 'monthly'],
  ],
});
const today = day('2026-07-01');

/** A worker in the same thread: what the real one does with a message, answered asynchronously. */
class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<EngineReply>) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  terminated = false;
  posted: EngineRequest[] = [];
  constructor(private readonly hold = false) {}
  postMessage(message: EngineRequest): void {
    this.posted.push(message);
    if (this.hold) return;
    setTimeout(() => this.answer(message));
  }
  answer(message: EngineRequest): void {
    if (this.terminated) return;
    const send = (reply: EngineReply) => this.onmessage?.({ data: reply } as MessageEvent<EngineReply>);
    try {
      const result = refresh(message.snapshot, {
        ...message.options,
        onStage: (stage) => send({ id: message.id, type: 'stage', stage }),
      });
      send({ id: message.id, type: 'done', result: structuredClone(result) });
    } catch (e) {
      send({ id: message.id, type: 'error', name: (e as Error).name, message: (e as Error).message });
    }
  }
  terminate(): void {
    this.terminated = true;
  }
}

test('the worker computes what the engine computes and reports every stage in order', async () => {
  const worker = new FakeWorker();
  const run = workerEngine(() => worker);
  const stages: Stage[] = [];
  const result = await run(book, { today, onStage: (s) => stages.push(s) });
  expect(stages).toEqual(['recognise', 'parse', 'link', 'evaluate', 'flags', 'plan']);
  expect(result.report).toEqual(refresh(book, { today }).report);
  // Functions never cross to the worker.
  expect(Object.values(worker.posted[0].options).some((v) => typeof v === 'function')).toBe(false);
});

test('Cancel stops the worker mid-computation; the refresh writes nothing and the next run starts a new worker', async () => {
  const workers: FakeWorker[] = [];
  const run = workerEngine(() => {
    const w = new FakeWorker(workers.length === 0);
    workers.push(w);
    return w;
  });
  const applied: unknown[] = [];
  const port: WorkbookPort = { read: async () => book, apply: async (plan) => void applied.push(plan) };
  const controller = new AbortController();
  const running = refreshWorkbook(
    port,
    { today },
    { engine: run, signal: controller.signal, cancelled: () => new RefreshCancelled() },
  );
  await new Promise((resolve) => setTimeout(resolve, 0));
  expect(workers[0].posted).toHaveLength(1);
  controller.abort();
  await expect(running).rejects.toBeInstanceOf(RefreshCancelled);
  expect(workers[0].terminated).toBe(true);
  expect(applied).toHaveLength(0);

  const again = await refreshWorkbook(port, { today }, { engine: run });
  expect(workers).toHaveLength(2);
  expect(again.plan).not.toBeNull();
  expect(applied).toHaveLength(1);
});

test('a worker that cannot start (blocked or missing) leaves the engine to run on the page', async () => {
  let created = 0;
  const run = workerEngine(() => {
    created++;
    const w: WorkerLike = {
      onmessage: null,
      onerror: null,
      postMessage: () => setTimeout(() => w.onerror?.(new Event('error'))),
      terminate: () => undefined,
    };
    return w;
  });
  const first = await run(book, { today });
  expect(first.report.items.map((i) => i.id)).toEqual(['O1', 'K1']);
  await run(book, { today });
  expect(created).toBe(1);
});

test('an engine error in the worker comes back as an error with its message', async () => {
  const run = workerEngine(() => new FakeWorker());
  await expect(run(book, { today, delays: [{ id: 'NOPE', days: 3 }] })).rejects.toThrow(
    'No KPI or initiative with ID "NOPE" to delay.',
  );
});
