// Which workbooks make up a portfolio on disk: the files named, the workbooks in a folder, and the
// members a hub workbook's Portfolio table lists (with their team keys and owners).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { XlsxWorkbook } from '../workbook/xlsx';
import { nodeCodec } from '../workbook/node-codec';
import { readNamedRange } from '../workbook/xlsx/named-range';
import { isPortfolioName, readManifest } from '../portfolio/manifest';
import { keyFromFileName, type MemberInfo } from '../portfolio/identity';
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
}

const WORKBOOK = /\.(xlsx|xlsm)$/i;
/** Outputs of earlier refreshes and Office's lock files are not members. */
const NOT_A_MEMBER = /(^~\$)|(^\.)|(\.refreshed\.(xlsx|xlsm)$)/i;

async function expand(inputs: string[]): Promise<string[]> {
  const files: string[] = [];
  for (const input of inputs) {
    const stat = await fs.stat(input).catch(() => null);
    if (stat?.isDirectory()) {
      const names = (await fs.readdir(input)).filter((n) => WORKBOOK.test(n) && !NOT_A_MEMBER.test(n)).sort();
      if (names.length === 0) throw new UsageError(`the folder ${input} holds no .xlsx or .xlsm workbooks`);
      files.push(...names.map((n) => path.join(input, n)));
    } else files.push(input);
  }
  return [...new Set(files.map((f) => path.normalize(f)))];
}

/** The Portfolio table of a workbook, when it has one (a file that cannot be read has none here; reading it later says why). */
async function manifestOf(file: string) {
  try {
    const workbook = XlsxWorkbook.open(await fs.readFile(file), file, nodeCodec);
    return readNamedRange(workbook, isPortfolioName);
  } catch {
    return null;
  }
}

export async function discoverMembers(inputs: string[]): Promise<MemberSetup> {
  const files = await expand(inputs);
  const manifests = (await Promise.all(files.map(async (file) => ({ file, range: await manifestOf(file) })))).filter((m) => m.range !== null);
  if (manifests.length > 1) throw new UsageError(`more than one workbook holds a Portfolio table (${manifests.map((m) => m.file).join(', ')}); name one hub`);
  const taken = new Set<string>();
  const members: { key: string; file: string; owner: string | null }[] = [];
  const problems: string[] = [];
  let hub: string | null = null;
  if (manifests.length === 1) {
    const { file: hubFile, range } = manifests[0];
    const { entries, problems: found } = readManifest(range!.headers, range!.rows, range!.headerRow);
    problems.push(...found.map((p) => `${hubFile}: ${p}`));
    const dir = path.dirname(hubFile);
    for (const e of entries) {
      taken.add(e.key);
      members.push({ key: e.key, file: path.normalize(path.isAbsolute(e.path) ? e.path : path.join(dir, e.path)), owner: e.owner });
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
  const label = (m: { file: string }, i: number) => (names.filter((n) => n === names[i]).length > 1 ? path.relative(process.cwd(), m.file) : names[i]);
  return { members: members.map((m, i) => ({ info: { key: m.key, label: label(m, i) }, file: m.file, owner: m.owner })), hub, problems };
}
