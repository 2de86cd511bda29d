// Which workbooks opened on the page make up a portfolio, under which team keys: the hub's Portfolio
// table where one was opened (its paths matched to the opened files by file name, since a browser never
// sees the folders), else a key from each file's name. Mirrors the command line's discovery.
import { keyFromFileName, type MemberInfo } from '../../../portfolio';
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

export function pageSetup(opened: OpenedFile[]): PageSetup {
  const outputs = opened.length > 1 ? opened.filter((f) => f.workbook !== null && isPortfolioOutput(f.workbook)) : [];
  const leftOut = outputs.length < opened.length ? outputs : [];
  const files = opened.filter((f) => !leftOut.includes(f));
  const hubs = files.filter((f) => f.manifest !== null);
  const portfolio = files.length > 1 || hubs.length > 0;
  const problems: string[] = [];
  if (hubs.length > 1)
    problems.push(
      `more than one workbook holds a Portfolio table (${hubs.map((h) => h.file.path).join(', ')}); open one hub with its members`,
    );
  const hubFile = hubs.length === 1 ? hubs[0] : null;

  const taken = new Set<string>();
  const members: { key: string; owner: string | null; opened: OpenedFile | null; file: string }[] = [];
  const used = new Set<OpenedFile>();
  let hub: string | null = null;
  const missing: PageSetup['missing'] = [];
  if (hubFile) {
    const { entries, problems: found } = hubFile.manifest!;
    problems.push(...found.map((p) => `${hubFile.file.name}: ${p}`));
    // One workbook under two rows would be counted twice: said, as on the command line, and read once.
    const rowOf = new Map<string, number>();
    const listedPath = (p: string) =>
      p
        .replace(/\\/g, '/')
        .replace(/^(\.\/)+/, '')
        .replace(/\/\.\//g, '/')
        .toLowerCase();
    for (const e of entries) {
      const name = baseName(e.path);
      const earlier = rowOf.get(listedPath(e.path));
      if (earlier !== undefined) {
        problems.push(
          `${hubFile.file.name}: ${name} is listed twice in the Portfolio table (rows ${earlier} and ${e.row})`,
        );
        continue;
      }
      rowOf.set(listedPath(e.path), e.row);
      const candidates = files.filter((f) => !used.has(f) && same(f.file.name, name));
      // Two opened files of one name: the one beside the hub is the one its table means.
      const opened =
        candidates.find((f) => same(folderOf(f.file.path), folderOf(hubFile.file.path))) ?? candidates[0] ?? null;
      if (opened) used.add(opened);
      else missing.push({ key: e.key, file: name });
      taken.add(e.key);
      members.push({ key: e.key, owner: e.owner, opened, file: opened?.file.path ?? name });
    }
    const listed = members.find((m) => m.opened === hubFile);
    hub = listed?.key ?? (taken.has('HUB') ? keyFromFileName(hubFile.file.name, taken) : 'HUB');
    if (!listed) {
      taken.add(hub);
      used.add(hubFile);
      members.unshift({ key: hub, owner: null, opened: hubFile, file: hubFile.file.path });
    }
  }
  for (const f of files) {
    if (used.has(f)) continue;
    const key = keyFromFileName(f.file.name, taken);
    taken.add(key);
    members.push({ key, owner: null, opened: f, file: f.file.path });
  }
  // Labels are file names; two members of one name are told apart by their paths.
  const names = members.map((m) => baseName(m.file).toLowerCase());
  const labels = members.map((m, i) => (names.filter((n) => n === names[i]).length > 1 ? m.file : baseName(m.file)));
  // Still alike (one name listed twice and opened neither time): the team key settles it.
  const unique = labels.map((l, i) =>
    labels.indexOf(l) !== i || labels.lastIndexOf(l) !== i ? `${l} (${members[i].key})` : l,
  );
  return {
    portfolio,
    members: members.map((m, i) => ({ info: { key: m.key, label: unique[i] }, owner: m.owner, opened: m.opened })),
    hub,
    missing,
    problems,
    leftOut,
  };
}
