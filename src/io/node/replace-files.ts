// Several files replaced as one, for a portfolio: each new file is first written beside its target;
// then every target that exists is moved aside, and the new file takes its name. If one step fails,
// what was already replaced is put back, so either every file is new or every file is as it was.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import { WorkbookWriteError, fileErrorWords } from '../errors';

export interface Replacement {
  /** The new file, already written in the target's folder. */
  temp: string;
  target: string;
}

const aside = (target: string) =>
  path.join(path.dirname(target), `.${path.basename(target)}.old-${process.pid}-${randomBytes(4).toString('hex')}`);

/** Throws, having changed nothing, when a target cannot be replaced by a file (it is a folder, say). */
async function checkTargets(list: Replacement[]): Promise<void> {
  for (const { target } of list) {
    const stat = await fs.lstat(target).catch(() => null);
    if (stat && !stat.isFile())
      throw new WorkbookWriteError(`Cannot write ${target}: something other than a file has that name (a folder?).`);
  }
}

async function removeTemps(list: Replacement[]): Promise<void> {
  await Promise.all(list.map((r) => fs.rm(r.temp, { force: true }).catch(() => undefined)));
}

/** Replaces every target with its new file, or none of them; the temporary files are gone either way. */
export async function replaceAll(list: Replacement[]): Promise<void> {
  try {
    await checkTargets(list);
  } catch (e) {
    await removeTemps(list);
    throw e;
  }
  const done: { target: string; old: string | null; placed: boolean }[] = [];
  let failed: { target: string; error: unknown } | null = null;
  for (const r of list) {
    const step = { target: r.target, old: null as string | null, placed: false };
    try {
      if (
        await fs.lstat(r.target).then(
          () => true,
          () => false,
        )
      ) {
        step.old = aside(r.target);
        await fs.rename(r.target, step.old);
      }
      done.push(step);
      await fs.rename(r.temp, r.target);
      step.placed = true;
    } catch (e) {
      if (!done.includes(step)) step.old = null;
      failed = { target: r.target, error: e };
      break;
    }
  }
  if (failed === null) {
    await Promise.all(done.map((d) => (d.old ? fs.rm(d.old, { force: true }).catch(() => undefined) : undefined)));
    return;
  }
  const stranded: string[] = [];
  for (const d of done.reverse()) {
    if (d.placed) await fs.rm(d.target, { force: true }).catch(() => undefined);
    if (d.old) await fs.rename(d.old, d.target).catch(() => stranded.push(`${d.target} (kept as ${d.old})`));
  }
  await removeTemps(list);
  if (stranded.length > 0) {
    throw new WorkbookWriteError(
      `Cannot replace ${failed.target}: ${fileErrorWords(failed.error, 'replace')}. Putting the earlier files back failed for ${stranded.join(', ')}; rename them back by hand.`,
    );
  }
  throw new WorkbookWriteError(
    `Cannot replace ${failed.target}: ${fileErrorWords(failed.error, 'replace')}. Nothing was written: every file is as it was.`,
  );
}
