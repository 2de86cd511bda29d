// Which workbooks make up a portfolio on disk: the files named, the workbooks in a folder, and the
// members a hub workbook's Portfolio table lists (with their team keys and owners).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../io/xlsx/port';
import { nodeCodec } from '../../io/node/codec';
import { readNamedRange } from '../../io/xlsx/named-range';
import { isManifest, isPortfolioName, readManifest } from '../../portfolio';
import { keyFromFileName, type MemberInfo } from '../../portfolio';
import { isPortfolioOutput } from '../../io/xlsx/portfolio-output';
import { UsageError } from './args';

export interface MemberFile {
  info: MemberInfo;
  file: string;
  owner: string | null;
}

export interface MemberSetup {
  members: MemberFile[];
  /** The key of the workbook holding the Portfolio table, when there is one. */
  hub: string | null;
  /** Problems with the Portfolio table, said before anything is read. */
  problems: string[];
  /** What was left out of a folder and why, for a line each on stderr. */
  notes: string[];
}

const WORKBOOK = /\.(xlsx|xlsm)$/i;
/** Outputs of earlier refreshes and Office's lock files are not members. */
const NOT_A_MEMBER = /(^~\$)|(^\.)|(\.refreshed\.(xlsx|xlsm)$)/i;

/** Files named, and the workbooks of folders named (marked, since only those may be left out). */
async function expand(inputs: string[]): Promise<{ file: string; inFolder: boolean }[]> {
  const files = new Map<string, boolean>();
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (stat?.isDirectory()) {
      const names = (await fs.readdir(input)).filter((n) => WORKBOOK.test(n) && !NOT_A_MEMBER.test(n)).sort();
      if (names.length === 0) throw new UsageError(`the folder ${input} holds no .xlsx or .xlsm workbooks`);
      for (const n of names) {
        const file = path.normalize(path.join(input, n));
        if (!files.has(file)) files.set(file, true);
      }
    } else files.set(path.normalize(input), false);
  }
  return [...files].map(([file, inFolder]) => ({ file, inFolder }));
}

/**
 * A workbook's Portfolio table, when it has one, and whether it is a portfolio output (a file that
 * cannot be read has neither here; reading it later says why). A sheet only called Portfolio is no
 * Portfolio table (see isManifest).
 */
async function inspect(file: string) {
  try {
    const workbook = XlsxWorkbook.open(await fs.readFile(file), file, nodeCodec);
    const range = readNamedRange(workbook, isPortfolioName);
    return {
      range: range && isManifest(range.headers, range.rows) ? range : null,
      output: isPortfolioOutput(workbook),
    };
  } catch {
    return { range: null, output: false };
  }
}

export async function discoverMembers(inputs: string[]): Promise<MemberSetup> {
  const found = await Promise.all((await expand(inputs)).map(async (f) => ({ ...f, ...(await inspect(f.file)) })));
  const notes: string[] = [];
  // A portfolio workbook written into the folder it summarises is no team; one named on purpose is used as given.
  const left = found.filter((f) => f.inFolder && f.output);
  for (const f of left) notes.push(`Left out ${f.file}: it is a portfolio workbook Throughline wrote, not a team's.`);
  const kept = found.filter((f) => !left.includes(f));
  if (kept.length === 0)
    throw new UsageError(
      `the folder${left.length > 1 ? 's' : ''} named hold${left.length > 1 ? '' : 's'} only portfolio workbooks Throughline wrote (${left.map((f) => f.file).join(', ')})`,
    );
  const files = kept.map((f) => f.file);
  const manifests = kept.filter((m) => m.range !== null);
  if (manifests.length > 1)
    throw new UsageError(
      `more than one workbook holds a Portfolio table (${manifests.map((m) => m.file).join(', ')}); name one hub`,
    );
  const taken = new Set<string>();
  const members: { key: string; file: string; owner: string | null }[] = [];
  const problems: string[] = [];
  let hub: string | null = null;
  if (manifests.length === 1) {
    const { file: hubFile, range } = manifests[0];
    const { entries, problems: found } = readManifest(range!.headers, range!.rows, range!.headerRow);
    problems.push(...found.map((p) => `${hubFile}: ${p}`));
    const dir = path.dirname(hubFile);
    const rowOf = new Map<string, number>();
    for (const e of entries) {
      // A path typed on Windows (teams\\gamma.xlsx) names the same file here: backslashes are separators.
      const typed = path.sep === '/' ? e.path.replace(/\\/g, '/') : e.path;
      const file = path.normalize(path.isAbsolute(typed) ? typed : path.join(dir, typed));
      // One workbook under two rows would be read, counted and written twice.
      const first = rowOf.get(path.resolve(file));
      if (first !== undefined) {
        problems.push(
          `${hubFile}: ${path.relative(dir, path.resolve(file)) || file} is listed twice in the Portfolio table (rows ${first} and ${e.row})`,
        );
        continue;
      }
      rowOf.set(path.resolve(file), e.row);
      taken.add(e.key);
      members.push({ key: e.key, file, owner: e.owner });
    }
    const listed = members.find((m) => path.resolve(m.file) === path.resolve(hubFile));
    hub = listed?.key ?? (taken.has('HUB') ? keyFromFileName(hubFile, taken) : 'HUB');
    if (!listed) {
      taken.add(hub);
      members.unshift({ key: hub, file: hubFile, owner: null });
    }
  }
  for (const file of files) {
    if (members.some((m) => path.resolve(m.file) === path.resolve(file))) continue;
    const key = keyFromFileName(file, taken);
    taken.add(key);
    members.push({ key, file, owner: null });
  }
  // Labels are file names; two members with one file name are told apart by their paths.
  const names = members.map((m) => path.basename(m.file));
  const label = (m: { file: string }, i: number) =>
    names.filter((n) => n === names[i]).length > 1 ? path.relative(process.cwd(), m.file) : names[i];
  return {
    members: members.map((m, i) => ({ info: { key: m.key, label: label(m, i) }, file: m.file, owner: m.owner })),
    hub,
    problems,
    notes,
  };
}
