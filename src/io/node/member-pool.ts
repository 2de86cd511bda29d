// Worker threads for a portfolio's members: no more workers than cores, each reading or writing one
// member at a time, so members are read side by side and each one's package is let go once its
// snapshot (or its temporary file) is made. Where the compiled worker is not at hand (tests run the
// TypeScript sources), members are read in this thread instead.
import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  InputChangedError,
  inThisThread,
  type MemberReadResult,
  type MemberRunner,
  type MemberWrite,
} from './file-member';
import { WorkbookReadError, WorkbookWriteError } from '../errors';
import type { MemberJob, MemberReply } from './member-worker';

type Pending = { job: MemberJob; resolve: (v: unknown) => void; reject: (e: Error) => void };
type Running = { file: string; resolve: (v: unknown) => void; reject: (e: Error) => void };

export class MemberPool implements MemberRunner {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Running>();
  private readonly queue: Pending[] = [];
  private nextId = 1;

  private constructor(
    private readonly script: string,
    private readonly size: number,
  ) {}

  /** How many workers a pool for `members` members runs: one per core, at most one per member. */
  static sizeFor(members: number): number {
    return Math.max(1, Math.min(availableParallelism(), members));
  }

  /** A pool of up to `members` workers (never more than the cores), or this thread when workers cannot run. */
  static for(members: number): MemberRunner & { close(): Promise<void> } {
    const script = path.join(__dirname, 'member-worker.js');
    if (members < 2 || !existsSync(script)) return { ...inThisThread, close: async () => undefined };
    return new MemberPool(script, MemberPool.sizeFor(members));
  }

  read(file: string, label: string): Promise<MemberReadResult> {
    return this.run({ id: this.nextId++, op: 'read', file, label }) as Promise<MemberReadResult>;
  }

  write(file: string, label: string, hash: string, plan: MemberWrite, output: string): Promise<string> {
    return this.run({ id: this.nextId++, op: 'write', file, label, hash, plan, output }) as Promise<string>;
  }

  private run(job: MemberJob): Promise<unknown> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.queue.length > 0) {
      let worker = this.idle.pop();
      if (!worker && this.busy.size < this.size) worker = this.spawn();
      if (!worker) return;
      const { job, resolve, reject } = this.queue.shift()!;
      // Once posted, the job is the worker's copy: the plan here can go (a member's rows are megabytes).
      this.busy.set(worker, { file: job.file, resolve, reject });
      worker.postMessage(job);
    }
  }

  private spawn(): Worker {
    const worker = new Worker(this.script);
    worker.on('message', (reply: MemberReply) => {
      const pending = this.busy.get(worker)!;
      this.busy.delete(worker);
      this.idle.push(worker);
      if (reply.ok) pending.resolve(reply.value);
      else pending.reject(revive(reply, pending.file));
      this.pump();
    });
    worker.on('error', (e) => {
      const pending = this.busy.get(worker);
      this.busy.delete(worker);
      pending?.reject(e);
      this.pump();
    });
    return worker;
  }

  async close(): Promise<void> {
    await Promise.all([...this.idle, ...this.busy.keys()].map((w) => w.terminate()));
  }
}

/** The error a worker reported, as the error class the caller expects. */
function revive(reply: Extract<MemberReply, { ok: false }>, file: string): Error {
  if (reply.name === 'InputChangedError') return new InputChangedError(reply.file ?? file);
  if (reply.name === 'WorkbookWriteError') return new WorkbookWriteError(reply.message);
  return new WorkbookReadError(reply.message);
}
