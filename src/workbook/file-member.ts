// A portfolio member that is a file on disk, for the command line. Reading remembers what the file
// was (size, time, content hash); writing re-reads it, refuses if it changed, and writes the refreshed
// copy to a temporary file beside its output; only when every member is ready are they all renamed.
import { promises as fs } from 'node:fs';
import { createHash, randomBytes } from 'node:crypto';
import * as path from 'node:path';
import type { WorkbookSnapshot, WritePlan } from '../engine/types';
import type { MemberInfo } from '../portfolio/identity';
import type { PortfolioMember } from '../portfolio/port';
import { XlsxWorkbook } from './xlsx';
import { nodeCodec } from './node-codec';
import { WorkbookReadError, WorkbookWriteError } from './port';

interface Stamp {
  size: number;
  mtimeMs: number;
  hash: string;
}

/** An input that changed on disk between reading and writing: nothing of the portfolio is written. */
export class InputChangedError extends Error {
  constructor(readonly file: string) {
    super(`${file} changed on disk while Throughline was refreshing the portfolio; nothing was written. Refresh again.`);
    this.name = 'InputChangedError';
  }
}

const hashOf = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException)?.code;
  if (code === 'ENOENT') return 'the file does not exist';
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EISDIR') return 'it is a folder, not a file';
  if (code === 'EBUSY') return 'the file is locked by another program';
  return e instanceof Error ? e.message : String(e);
}

export class FileMember implements PortfolioMember {
  private stamp: Stamp | null = null;
  private temp: string | null = null;
  /** Whether the member's content is macro-enabled (.xlsm), once read. */
  kind: 'xlsx' | 'xlsm' | null = null;

  constructor(
    readonly info: MemberInfo,
    readonly file: string,
    /** Where its refreshed copy goes (the file itself with --in-place). */
    readonly output: string,
  ) {}

  private async load(): Promise<{ data: Uint8Array; stamp: Stamp }> {
    try {
      const stat = await fs.stat(this.file);
      if (stat.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      const data = await fs.readFile(this.file);
      return { data, stamp: { size: stat.size, mtimeMs: stat.mtimeMs, hash: hashOf(data) } };
    } catch (e) {
      throw new WorkbookReadError(reason(e), { cause: e });
    }
  }

  async read(): Promise<WorkbookSnapshot> {
    const { data, stamp } = await this.load();
    this.stamp = stamp;
    try {
      const workbook = XlsxWorkbook.open(data, this.info.label, nodeCodec);
      this.kind = workbook.kind;
      return await workbook.read();
    } catch (e) {
      // The member is unavailable; its reason is said without repeating the file's name.
      const message = e instanceof Error ? e.message : String(e);
      throw new WorkbookReadError(message.replace(/^Cannot (open|read) [^:]*: /, '').replace(/\.$/, ''), { cause: e });
    }
  }

  /** Writes the member's plan to a temporary file beside its output, from the file as it was read. */
  apply = async (plan: WritePlan): Promise<void> => {
    const { data, stamp } = await this.load();
    if (!this.stamp || stamp.hash !== this.stamp.hash) throw new InputChangedError(this.file);
    const workbook = XlsxWorkbook.open(data, this.info.label, nodeCodec);
    await workbook.apply(plan);
    const dir = path.dirname(path.resolve(this.output));
    const temp = path.join(dir, `.${path.basename(this.output)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
    try {
      await fs.writeFile(temp, await workbook.toBuffer());
    } catch (e) {
      await fs.rm(temp, { force: true }).catch(() => undefined);
      throw new WorkbookWriteError(`Cannot write ${this.output}: ${reason(e)}.`, { cause: e });
    }
    this.temp = temp;
  };

  /** Throws when the file is not what was read any more. */
  async verify(): Promise<void> {
    if (!this.stamp) return;
    let now: { stamp: Stamp };
    try {
      now = await this.load();
    } catch {
      throw new InputChangedError(this.file);
    }
    if (now.stamp.hash !== this.stamp.hash || now.stamp.size !== this.stamp.size) throw new InputChangedError(this.file);
  }

  get written(): boolean {
    return this.temp !== null;
  }

  async commit(): Promise<void> {
    if (!this.temp) return;
    await fs.rename(this.temp, this.output);
    this.temp = null;
  }

  async discard(): Promise<void> {
    if (this.temp) await fs.rm(this.temp, { force: true }).catch(() => undefined);
    this.temp = null;
  }
}
