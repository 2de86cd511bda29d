// The page's side of a file held by its worker (../worker/file-session.ts). The page reads the picked
// file's bytes and transfers a copy to the worker; from then on it only asks, and draws the answers.
// Where no worker can start (a strict host) the same sessions run on the page's thread instead.
import type { RefreshOptions, RefreshResult, SheetLink, WhatIfResult } from '../../../engine';
import type { WorkbookSnapshot, WritePlan } from '../../../engine';
import type { RefreshStage } from '../../../io/refresh';
import type { FileReply, FileRequest, OpenedInWorker, PlainOptions } from '../worker/file-protocol';
import { FileSessions } from '../worker/file-session';
import { RefreshCancelled } from '../worker/runner';
import { ResultAssembler } from '../worker/result-transfer';
import { seed } from '../derived';
import type { PreviewSheet } from './preview';

/** The part of a Worker the page uses, so tests and the fallback can hand it something else. */
export interface FileChannel {
  postMessage(message: FileRequest, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent<FileReply>) => void) | null;
  onerror: ((event: Event) => void) | null;
}

/** The worker's sessions on this thread: for pages that cannot start a worker, and for tests. */
export function inlineFiles(): FileChannel {
  const channel: FileChannel = {
    onmessage: null,
    onerror: null,
    terminate: () => undefined,
    postMessage: (message) => {
      setTimeout(() => void sessions.handle(message), 0);
    },
  };
  const sessions = new FileSessions((reply) => channel.onmessage?.({ data: reply } as MessageEvent<FileReply>));
  return channel;
}

type Request = FileRequest extends infer R ? (R extends FileRequest ? Omit<R, 'id'> : never) : never;

interface Pending {
  request: Request;
  /** Replies before the last one (stages). */
  progress?: (reply: FileReply) => void;
  resolve: (reply: FileReply) => void;
  reject: (e: unknown) => void;
}

/** A fresh buffer holding `bytes`, to transfer: the page keeps its own copy for reopening. */
function copyOf(bytes: Uint8Array): ArrayBuffer {
  const buffer = new ArrayBuffer(bytes.byteLength);
  new Uint8Array(buffer).set(bytes);
  return buffer;
}

/** The messages that end a request; the others report progress. */
const FINAL = new Set<FileReply['kind']>([
  'opened',
  'written',
  'what-if',
  'snapshot',
  'applied',
  'number-format',
  'saved',
  'done',
  'error',
]);

export class FileWorker {
  private channel: FileChannel | null = null;
  private inline = false;
  private answered = false;
  private next = 0;
  private readonly pending = new Map<number, Pending>();

  constructor(private readonly create: () => FileChannel) {}

  private start(): FileChannel {
    if (this.channel) return this.channel;
    let channel: FileChannel;
    try {
      channel = this.inline ? inlineFiles() : this.create();
    } catch {
      this.inline = true;
      channel = inlineFiles();
    }
    channel.onmessage = (event) => this.heard(event.data);
    channel.onerror = (event) => this.failed(channel, event);
    this.channel = channel;
    return channel;
  }

  private heard(reply: FileReply): void {
    this.answered = true;
    const job = this.pending.get(reply.id);
    if (!job) return;
    if (!FINAL.has(reply.kind)) return job.progress?.(reply);
    this.pending.delete(reply.id);
    if (reply.kind !== 'error') return job.resolve(reply);
    const error = reply.name === 'RefreshCancelled' ? new RefreshCancelled() : new Error(reply.message);
    job.reject(Object.assign(error, { name: reply.name }));
  }

  private failed(channel: FileChannel, event: Event): void {
    event.preventDefault?.();
    channel.terminate();
    if (this.channel === channel) this.channel = null;
    const jobs = [...this.pending.values()];
    this.pending.clear();
    // Never a word from it: no worker can start here. Its work is done on this thread from now on.
    if (!this.answered) {
      this.inline = true;
      for (const job of jobs) this.send(job);
      return;
    }
    for (const job of jobs)
      job.reject(new Error('The page stopped working on the workbook. Nothing was written; open it again.'));
  }

  private send(job: Pending): void {
    const id = ++this.next;
    this.pending.set(id, job);
    const message = { ...job.request, id } as FileRequest;
    // The file's bytes move to the worker: a copy, so the request can be sent again if the worker fails.
    if (message.kind === 'open') {
      const bytes = copyOf(new Uint8Array(message.bytes));
      this.start().postMessage({ ...message, bytes }, [bytes]);
    } else this.start().postMessage(message, []);
  }

  /** Sends `request`; the promise holds the final reply, `progress` hears the others. Returns the request's id too. */
  ask(request: Request, progress?: (reply: FileReply) => void): { id: Promise<number>; reply: Promise<FileReply> } {
    let sent!: (id: number) => void;
    const id = new Promise<number>((resolve) => (sent = resolve));
    const reply = new Promise<FileReply>((resolve, reject) => {
      const job: Pending = { request, progress, resolve, reject };
      this.send(job);
      sent(this.next);
    });
    return { id, reply };
  }

  /** Opens a workbook in the worker: unzipped and previewed there. Throws what is wrong with the file. */
  async open(name: string, bytes: Uint8Array): Promise<WorkerFile> {
    const own = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    const preview: PreviewSheet[] = [];
    const reply = await this.ask({ kind: 'open', name, bytes: own }, previewed(preview)).reply;
    if (reply.kind !== 'opened') throw new Error(`unexpected answer from the page's worker: ${reply.kind}`);
    return new WorkerFile(this, name, reply, preview);
  }
}

/** Collects the preview's sheets as they come, each in its own message. */
function previewed(into: PreviewSheet[], more?: (reply: FileReply) => void) {
  return (reply: FileReply) => {
    if (reply.kind === 'preview-sheet') into.push(reply.sheet);
    else more?.(reply);
  };
}

/** Progress of a refresh run in the worker, as the pane shows it. */
export interface WorkerRefreshControl {
  signal?: AbortSignal;
  onStage?: (stage: RefreshStage) => void;
}

/** One workbook held by the page's worker. */
export class WorkerFile {
  readonly file: number;
  readonly format: 'xlsx' | 'xlsm';
  readonly hub: boolean;
  /** The sheets as last opened or written. */
  preview: PreviewSheet[];
  /**
   * The write of the last refresh, which goes on in the worker after its result came: resolves once the
   * package holds the plan, rejects with why it could not be written (the package then as it was).
   */
  written: Promise<void> = Promise.resolve();
  /** Whether that write is still going on. */
  writing = false;
  /** Number formats the last refresh sent with its result (the worker is busy writing when the pane asks). */
  private formats = new Map<string, string | null>();

  constructor(
    private readonly worker: FileWorker,
    readonly name: string,
    opened: OpenedInWorker,
    preview: PreviewSheet[],
  ) {
    this.file = opened.file;
    this.format = opened.format;
    this.hub = opened.hub;
    this.preview = preview;
  }

  /**
   * Reads and computes in the worker, and resolves with the result as soon as it is computed; the
   * worker then writes the plan into the package (`written`). Cancelling is heard until the result comes.
   */
  async refresh(options: RefreshOptions, control: WorkerRefreshControl = {}): Promise<RefreshResult> {
    const { onStage, ...plain } = options;
    const { signal } = control;
    if (signal?.aborted) throw new RefreshCancelled();
    const result = new ResultAssembler();
    let computed!: (result: RefreshResult) => void;
    let shown = false;
    const early = new Promise<RefreshResult>((resolve) => (computed = resolve));
    const progress = (reply: FileReply) => {
      // Writing goes on after the result is shown: the pane's stages end with computing.
      if (reply.kind === 'stage') {
        if (!shown) control.onStage?.(reply.stage);
      } else if (reply.kind === 'engine-stage') onStage?.(reply.stage);
      else if (reply.kind === 'result-part') result.add(reply.part);
      else if (reply.kind === 'refreshed') {
        shown = true;
        this.formats = new Map(reply.formats.map(([cell, format]) => [`${cell.sheet}!${cell.cell}`, format]));
        const done = result.finish(reply.result, reply.impacts);
        seed(done, { owners: reply.owners, risks: reply.top.map((i) => done.report.items[i]) });
        computed(done);
      }
    };
    const asked = this.worker.ask({ kind: 'refresh', file: this.file, options: plain as PlainOptions }, progress);
    const cancel = () => void asked.id.then((target) => this.worker.ask({ kind: 'cancel', target }));
    signal?.addEventListener('abort', cancel, { once: true });
    const written = asked.reply.then((reply) => {
      if (reply.kind !== 'written') throw new Error(`unexpected answer from the page's worker: ${reply.kind}`);
    });
    try {
      // An error before the result is the refresh's; one after it is the write's (`written`).
      const done = await Promise.race([early, written.then(() => early)]);
      this.writing = true;
      this.written = written.finally(() => (this.writing = false));
      // Whoever waits on the write hears its failure; unheard, it is no stray rejection.
      this.written.catch(() => undefined);
      return done;
    } finally {
      signal?.removeEventListener('abort', cancel);
    }
  }

  /** The preview of the file as it stands now (after a refresh wrote it). */
  async loadPreview(): Promise<PreviewSheet[]> {
    await this.written;
    const preview: PreviewSheet[] = [];
    await this.worker.ask({ kind: 'preview', file: this.file }, previewed(preview)).reply;
    this.preview = preview;
    return preview;
  }

  /** What the engine reads, copied out of the worker (a refresh on the page never needs it). */
  async read(): Promise<WorkbookSnapshot> {
    const reply = await this.worker.ask({ kind: 'read', file: this.file }).reply;
    if (reply.kind !== 'snapshot') throw new Error(`unexpected answer from the page's worker: ${reply.kind}`);
    return reply.snapshot;
  }

  async apply(plan: WritePlan): Promise<void> {
    const preview: PreviewSheet[] = [];
    const reply = await this.worker.ask({ kind: 'apply', file: this.file, plan }, previewed(preview)).reply;
    if (reply.kind !== 'applied') throw new Error(`unexpected answer from the page's worker: ${reply.kind}`);
    this.preview = preview;
  }

  /** The engine again on what the last refresh read, with a delay; nothing is read or written. */
  async whatIf(options: RefreshOptions): Promise<WhatIfResult | string> {
    const { onStage: _onStage, ...plain } = options;
    const reply = await this.worker.ask({ kind: 'what-if', file: this.file, options: plain }).reply;
    return reply.kind === 'what-if' ? reply.result : `unexpected answer from the page's worker: ${reply.kind}`;
  }

  async numberFormat(target: SheetLink): Promise<string | null> {
    const known = this.formats.get(`${target.sheet}!${target.cell}`);
    if (known !== undefined) return known;
    const reply = await this.worker.ask({ kind: 'number-format', file: this.file, target }).reply;
    return reply.kind === 'number-format' ? reply.format : null;
  }

  /** The workbook as it stands, zipped in the worker and handed over whole. */
  async bytes(): Promise<Uint8Array> {
    // A click while the worker writes is kept: the bytes come once written, or the write's failure does.
    if (this.writing) await this.written;
    const reply = await this.worker.ask({ kind: 'save', file: this.file }).reply;
    if (reply.kind !== 'saved') throw new Error(`unexpected answer from the page's worker: ${reply.kind}`);
    return new Uint8Array(reply.bytes);
  }

  /** Lets the worker drop the workbook. */
  close(): void {
    void this.worker.ask({ kind: 'close', file: this.file }).reply.catch(() => undefined);
  }
}
