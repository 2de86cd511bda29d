// A portfolio member that is a file on disk, for the command line. Reading remembers what the file
// was (size, time, content hash); writing re-reads it, refuses if it changed, and writes the refreshed
// copy to a temporary file beside its output; only when every member is ready are they all renamed
// (replace-files.ts: all of them, or none).
// The reading and writing can run in worker threads (member-pool.ts), one member per worker at a time.
import { promises as fs } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { WorkbookSnapshot, WritePlan } from '../../engine';
import type { MemberInfo } from '../../portfolio';
import type { PortfolioMember, SharedPlan } from '../../portfolio';
import { cellPool, localPlan, shareCells } from '../../portfolio';
import { XlsxWorkbook } from '../xlsx/port';
import { nodeCodec } from './codec';
import { WorkbookReadError, WorkbookWriteError, fileErrorWords } from '../errors';

export interface Stamp {
  size: number;
  mtimeMs: number;
  hash: string;
}

/** An input that changed on disk between reading and writing: nothing of the portfolio is written. */
export class InputChangedError extends Error {
  constructor(readonly file: string) {
    super(
      `${file} changed on disk while Throughline was refreshing the portfolio; nothing was written. Refresh again.`,
    );
    this.name = 'InputChangedError';
  }
}

const hashOf = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

async function load(file: string): Promise<{ data: Uint8Array; stamp: Stamp }> {
  try {
    const stat = await fs.stat(file);
    if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    const data = await fs.readFile(file);
    return { data, stamp: { size: stat.size, mtimeMs: stat.mtimeMs, hash: hashOf(data) } };
  } catch (e) {
    throw new WorkbookReadError(fileErrorWords(e), { cause: e });
  }
}

export interface MemberReadResult {
  snapshot: WorkbookSnapshot;
  stamp: Stamp;
  kind: 'xlsx' | 'xlsm';
  /** It asks for a password to modify (XlsxWorkbook.modifyPassword): never replaced in place. */
  modifyPassword: boolean;
}

/** Reads one member file; the error says why without repeating the file's name (the member is named beside it). */
export async function readMemberFile(file: string, label: string): Promise<MemberReadResult> {
  const { data, stamp } = await load(file);
  try {
    const workbook = XlsxWorkbook.open(data, label, nodeCodec);
    const snapshot = await workbook.read();
    // One Date per distinct date: the clone to the main thread then makes a thousand, not twelve thousand,
    // and deserialising a 10,000-row member there takes half the time (docs/benchmarks.md, issue 23).
    shareCells(snapshot, cellPool(), false);
    return { snapshot, stamp, kind: workbook.kind, modifyPassword: workbook.modifyPassword };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    throw new WorkbookReadError(message.replace(/^Cannot (open|read) [^:]*: /, '').replace(/\.$/, ''), { cause: e });
  }
}

/** A member's own plan, or its part of the portfolio's plan still to be made its own (in the worker that writes it). */
export type MemberWrite = WritePlan | SharedPlan;

/**
 * Writes a member's plan, applied to the file as it was read (`hash`), to a temporary file beside `output`.
 * `owned`: the plan is the caller's own copy (a worker's structured clone), which localPlan may change.
 */
export async function writeMemberFile(
  file: string,
  label: string,
  hash: string,
  plan: MemberWrite,
  output: string,
  owned = false,
): Promise<string> {
  const { data, stamp } = await load(file);
  if (stamp.hash !== hash) throw new InputChangedError(file);
  const workbook = XlsxWorkbook.open(data, label, nodeCodec);
  await workbook.apply('keys' in plan ? localPlan(plan, owned) : plan);
  const temp = path.join(
    path.dirname(path.resolve(output)),
    `.${path.basename(output)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`,
  );
  try {
    await fs.writeFile(temp, await workbook.toBuffer());
  } catch (e) {
    await fs.rm(temp, { force: true }).catch(() => undefined);
    throw new WorkbookWriteError(`Cannot write ${output}: ${fileErrorWords(e)}.`, { cause: e });
  }
  return temp;
}

/** Where a member's reading and writing run: in this thread, or in a pool of workers. */
export interface MemberRunner {
  read(file: string, label: string): Promise<MemberReadResult>;
  write(file: string, label: string, hash: string, plan: MemberWrite, output: string): Promise<string>;
}

export const inThisThread: MemberRunner = { read: readMemberFile, write: writeMemberFile };

export class FileMember implements PortfolioMember {
  private stamp: Stamp | null = null;
  private temp: string | null = null;
  /** Whether the member's content is macro-enabled (.xlsm), once read. */
  kind: 'xlsx' | 'xlsm' | null = null;
  /** Whether it asks for a password to modify, once read. */
  modifyPassword = false;

  constructor(
    readonly info: MemberInfo,
    readonly file: string,
    /** Where its refreshed copy goes (the file itself with --in-place). */
    readonly output: string,
    private readonly runner: MemberRunner = inThisThread,
  ) {}

  async read(): Promise<WorkbookSnapshot> {
    const { snapshot, stamp, kind, modifyPassword } = await this.runner.read(this.file, this.info.label);
    this.stamp = stamp;
    this.kind = kind;
    this.modifyPassword = modifyPassword;
    return snapshot;
  }

  apply = async (plan: WritePlan): Promise<void> => {
    if (!this.stamp) throw new InputChangedError(this.file);
    this.temp = await this.runner.write(this.file, this.info.label, this.stamp.hash, plan, this.output);
  };

  applyShared = async (shared: SharedPlan): Promise<void> => {
    if (!this.stamp) throw new InputChangedError(this.file);
    this.temp = await this.runner.write(this.file, this.info.label, this.stamp.hash, shared, this.output);
  };

  /** Throws when the file is not what was read any more. */
  async verify(): Promise<void> {
    if (!this.stamp) return;
    const now = await load(this.file).catch(() => null);
    if (!now || now.stamp.hash !== this.stamp.hash || now.stamp.size !== this.stamp.size)
      throw new InputChangedError(this.file);
  }

  /** The written copy and where it goes, once written; the caller replaces every member's at once. */
  replacement(): { temp: string; target: string } | null {
    return this.temp ? { temp: this.temp, target: this.output } : null;
  }

  /** The written copy was renamed into place (or removed) by the caller. */
  settled(): void {
    this.temp = null;
  }

  async discard(): Promise<void> {
    if (this.temp) await fs.rm(this.temp, { force: true }).catch(() => undefined);
    this.temp = null;
  }
}
