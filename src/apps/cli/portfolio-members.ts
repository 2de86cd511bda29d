// Which workbooks make up a portfolio on disk: the files named, the workbooks in a folder, and the
// members a hub workbook's Portfolio table lists (with their team keys and owners).
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../io/xlsx/port';
import { nodeCodec } from '../../io/node/codec';
import { readNamedRange } from '../../io/xlsx/named-range';
import { isManifest, isPortfolioName, readManifest } from '../../portfolio';
import {
  discoverPortfolio,
  type Candidate,
  type DiscoveryHooks,
  type ManifestEntry,
  type MemberInfo,
} from '../../portfolio';
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

/** How the command line finds a Portfolio row's workbook: by its path, relative to the hub's folder. */
const onDisk: DiscoveryHooks<string> = {
  hubLabel: (hub) => hub.path,
  leaveOut: (c) => c.inFolder && c.output,
  sameAs: (entry, hub) => path.resolve(listedFile(entry, hub)),
  shown: (entry, hub) => {
    const file = listedFile(entry, hub);
    return path.relative(path.dirname(hub.path), path.resolve(file)) || file;
  },
  locate: (entry, hub, unused) => {
    const file = listedFile(entry, hub);
    return { candidate: unused.find((c) => path.resolve(c.path) === path.resolve(file)) ?? null, path: file };
  },
  samePath: (a, b) => path.resolve(a) === path.resolve(b),
  // Labels are file names; two members with one file name are told apart by their paths.
  labels: (members) => {
    const names = members.map((m) => path.basename(m.path));
    return members.map((m, i) =>
      names.filter((n) => n === names[i]).length > 1 ? path.relative(process.cwd(), m.path) : names[i],
    );
  },
};

/** A Portfolio row's path as a file: relative to the hub's folder; a path typed on Windows works here too. */
function listedFile(entry: ManifestEntry, hub: Candidate<string>): string {
  const typed = path.sep === '/' ? entry.path.replace(/\\/g, '/') : entry.path;
  return path.normalize(path.isAbsolute(typed) ? typed : path.join(path.dirname(hub.path), typed));
}

export async function discoverMembers(inputs: string[]): Promise<MemberSetup> {
  const found = await Promise.all((await expand(inputs)).map(async (f) => ({ ...f, ...(await inspect(f.file)) })));
  const candidates = found.map((f) => ({
    file: f.file,
    path: f.file,
    inFolder: f.inFolder,
    output: f.output,
    manifest: f.range && readManifest(f.range.headers, f.range.rows, f.range.headerRow),
  }));
  const setup = discoverPortfolio(candidates, onDisk);
  // A portfolio workbook written into the folder it summarises is no team; one named on purpose is used as given.
  const notes = setup.leftOut.map(
    (f) => `Left out ${f.path}: it is a portfolio workbook Throughline wrote, not a team's.`,
  );
  if (setup.leftOut.length === candidates.length) {
    const many = setup.leftOut.length > 1;
    const files = setup.leftOut.map((f) => f.path).join(', ');
    throw new UsageError(
      `the folder${many ? 's' : ''} named hold${many ? '' : 's'} only portfolio workbooks Throughline wrote (${files})`,
    );
  }
  if (setup.hubs.length > 1)
    throw new UsageError(
      `more than one workbook holds a Portfolio table (${setup.hubs.map((m) => m.path).join(', ')}); name one hub`,
    );
  return {
    members: setup.members.map((m) => ({ info: m.info, file: m.path, owner: m.owner })),
    hub: setup.hub,
    problems: setup.problems,
    notes,
  };
}
