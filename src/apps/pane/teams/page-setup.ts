// Which workbooks opened on the page make up a portfolio, under which team keys: the hub's Portfolio
// table where one was opened (its paths matched to the opened files by file name, since a browser never
// sees the folders), else a key from each file's name: the portfolio's discovery, with the page's hooks.
import { discoverPortfolio, type DiscoveryHooks, type MemberInfo } from '../../../portfolio';
import { baseName, type OpenedFile } from './files';
import { isPortfolioOutput } from '../../../io/xlsx/portfolio-output';

export interface PageMember {
  info: MemberInfo;
  owner: string | null;
  /** Null for a member the hub lists that was not opened. */
  opened: OpenedFile | null;
}

export interface PageSetup {
  /** More than one workbook, or a hub: the page refreshes them as one portfolio. */
  portfolio: boolean;
  members: PageMember[];
  /** The member holding the Portfolio table. */
  hub: string | null;
  /** Members the hub lists that were not opened: the page asks for them. */
  missing: { key: string; file: string }[];
  /** What is wrong with the Portfolio table, or that two workbooks hold one. */
  problems: string[];
  /** Throughline's own portfolio workbooks among the files opened (a folder it was saved into): no team. */
  leftOut: OpenedFile[];
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** The folder part of an opened path ("portfolio/hub.xlsx" -> "portfolio/"). */
const folderOf = (path: string) => path.slice(0, path.length - baseName(path).length);

/** A Portfolio row's path as one text per workbook it can mean ("./a\\b.xlsx" and "a/b.xlsx" are one). */
const listedPath = (p: string) =>
  p
    .replace(/\\/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/\/\.\//g, '/')
    .toLowerCase();

/** How the page finds a Portfolio row's workbook: by file name, since a browser never sees the folders. */
const inBrowser: DiscoveryHooks<OpenedFile> = {
  hubLabel: (hub) => hub.file.file.name,
  leaveOut: (c, all) => {
    // Throughline's own portfolio workbooks among several opened files (a folder it was saved into) are no team.
    const outputs = all.filter((f) => f.output);
    return all.length > 1 && c.output && outputs.length < all.length;
  },
  sameAs: (entry) => listedPath(entry.path),
  shown: (entry) => baseName(entry.path),
  locate: (entry, hub, unused) => {
    const name = baseName(entry.path);
    const candidates = unused.filter((f) => same(f.file.file.name, name));
    // Two opened files of one name: the one beside the hub is the one its table means.
    const candidate = candidates.find((f) => same(folderOf(f.path), folderOf(hub.path))) ?? candidates[0] ?? null;
    return { candidate, path: candidate?.path ?? name };
  },
  // Opened files are told apart by which file they are, never by a path a browser may repeat.
  samePath: () => false,
  labels: (members) => {
    // Labels are file names; two members of one name are told apart by their paths.
    const names = members.map((m) => baseName(m.path).toLowerCase());
    const labels = members.map((m, i) => (names.filter((n) => n === names[i]).length > 1 ? m.path : baseName(m.path)));
    // Still alike (one name listed twice and opened neither time): the team key settles it.
    return labels.map((l, i) =>
      labels.indexOf(l) !== i || labels.lastIndexOf(l) !== i ? `${l} (${members[i].key})` : l,
    );
  },
};

export function pageSetup(opened: OpenedFile[]): PageSetup {
  const candidates = opened.map((f) => ({
    file: f,
    path: f.file.path,
    manifest: f.manifest,
    output: f.workbook !== null && isPortfolioOutput(f.workbook),
    inFolder: false,
  }));
  const setup = discoverPortfolio(candidates, inBrowser);
  const files = candidates.length - setup.leftOut.length;
  const problems =
    setup.hubs.length > 1
      ? [
          `more than one workbook holds a Portfolio table (${setup.hubs.map((h) => h.path).join(', ')}); open one hub with its members`,
        ]
      : setup.problems;
  return {
    portfolio: files > 1 || setup.hubs.length > 0,
    members: setup.members.map((m) => ({ info: m.info, owner: m.owner, opened: m.candidate?.file ?? null })),
    hub: setup.hub,
    missing: setup.missing.map((m) => ({ key: m.key, file: m.path })),
    problems,
    leftOut: setup.leftOut.map((c) => c.file),
  };
}
