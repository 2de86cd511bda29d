// Which workbooks make up a portfolio, under which team keys: written once for the command line (files
// and folders on disk) and the page (files a browser opened). The hub is the one workbook holding a
// Portfolio table; its rows name members and keys; every other workbook gets a key from its file name.
// The hosts differ only in how a listed path finds its workbook, which the hooks below say.
import type { ManifestEntry } from './manifest';
import { keyFromFileName } from './identity';

/** A workbook the host found (named, in a folder, or opened in the browser). */
export interface Candidate<F> {
  /** The host's own handle on it. */
  file: F;
  /** Its path as the host shows it ("teams/proc.xlsx"); its file name ends it. */
  path: string;
  /** Its Portfolio table, when it holds one: it is then the hub. */
  manifest: { entries: ManifestEntry[]; problems: string[] } | null;
  /** A portfolio workbook Throughline wrote (not a team's). */
  output: boolean;
  /** Found in a folder rather than named: only those may be left out. */
  inFolder: boolean;
}

export interface DiscoveryHooks<F> {
  /** How messages about the hub name it (the command line: its path; the page: its file name). */
  hubLabel: (hub: Candidate<F>) => string;
  /** Whether to leave a portfolio workbook Throughline wrote out of the members, given all candidates. */
  leaveOut: (c: Candidate<F>, all: readonly Candidate<F>[]) => boolean;
  /** One text per workbook a Portfolio row means, to find a workbook listed twice. */
  sameAs: (entry: ManifestEntry, hub: Candidate<F>) => string;
  /** How a row listed twice names its workbook in the message. */
  shown: (entry: ManifestEntry, hub: Candidate<F>) => string;
  /** The workbook a Portfolio row means: a candidate not yet used, or none (then `path` says where it should be). */
  locate: (
    entry: ManifestEntry,
    hub: Candidate<F>,
    unused: readonly Candidate<F>[],
  ) => { candidate: Candidate<F> | null; path: string };
  /** Whether two paths name one workbook. */
  samePath: (a: string, b: string) => boolean;
  /** A label per member: its file name, or enough of its path to tell two of one name apart. */
  labels: (members: readonly { key: string; path: string }[]) => string[];
}

export interface DiscoveredMember<F> {
  info: { key: string; label: string };
  owner: string | null;
  /** Where the member's workbook is (for a listed member no host found: where the row says). */
  path: string;
  /** Null for a member the hub lists that the host did not find (the page asks for it). */
  candidate: Candidate<F> | null;
}

export interface Discovery<F> {
  members: DiscoveredMember<F>[];
  /** The key of the workbook holding the Portfolio table, when there is one. */
  hub: string | null;
  /** What is wrong with the hub's Portfolio table. */
  problems: string[];
  /** Every workbook holding a Portfolio table: more than one means no hub, which the host says in its words. */
  hubs: Candidate<F>[];
  /** Throughline's own portfolio workbooks left out (a folder it was saved into). */
  leftOut: Candidate<F>[];
  /** Rows of the hub whose workbook the host did not find. */
  missing: { key: string; path: string }[];
}

/** Members from a hub's Portfolio rows, in row order: a workbook listed twice is said and read once. */
function listedMembers<F>(hub: Candidate<F>, candidates: readonly Candidate<F>[], hooks: DiscoveryHooks<F>) {
  const problems = hub.manifest!.problems.map((p) => `${hooks.hubLabel(hub)}: ${p}`);
  const members: { key: string; owner: string | null; path: string; candidate: Candidate<F> | null }[] = [];
  const used = new Set<Candidate<F>>();
  const missing: Discovery<F>['missing'] = [];
  const rowOf = new Map<string, number>();
  for (const e of hub.manifest!.entries) {
    const same = hooks.sameAs(e, hub);
    const earlier = rowOf.get(same);
    if (earlier !== undefined) {
      const where = `${hooks.shown(e, hub)} is listed twice in the Portfolio table (rows ${earlier} and ${e.row})`;
      problems.push(`${hooks.hubLabel(hub)}: ${where}`);
      continue;
    }
    rowOf.set(same, e.row);
    const found = hooks.locate(
      e,
      hub,
      candidates.filter((c) => !used.has(c)),
    );
    if (found.candidate) used.add(found.candidate);
    else missing.push({ key: e.key, path: found.path });
    members.push({ key: e.key, owner: e.owner, path: found.path, candidate: found.candidate });
  }
  return { members, problems, missing };
}

export function discoverPortfolio<F>(all: readonly Candidate<F>[], hooks: DiscoveryHooks<F>): Discovery<F> {
  const leftOut = all.filter((c) => hooks.leaveOut(c, all));
  const candidates = all.filter((c) => !leftOut.includes(c));
  const hubs = candidates.filter((c) => c.manifest !== null);
  const problems: string[] = [];
  const taken = new Set<string>();
  let members: { key: string; owner: string | null; path: string; candidate: Candidate<F> | null }[] = [];
  let missing: Discovery<F>['missing'] = [];
  let hub: string | null = null;
  if (hubs.length === 1) {
    const hubFile = hubs[0];
    const listed = listedMembers(hubFile, candidates, hooks);
    ({ members, missing } = listed);
    problems.push(...listed.problems);
    for (const m of members) taken.add(m.key);
    const own = members.find((m) => m.candidate === hubFile || hooks.samePath(m.path, hubFile.path));
    hub = own?.key ?? (taken.has('HUB') ? keyFromFileName(hubFile.path, taken) : 'HUB');
    if (own) own.candidate ??= hubFile;
    else {
      taken.add(hub);
      members.unshift({ key: hub, owner: null, path: hubFile.path, candidate: hubFile });
    }
  }
  for (const c of candidates) {
    if (members.some((m) => m.candidate === c || hooks.samePath(m.path, c.path))) continue;
    const key = keyFromFileName(c.path, taken);
    taken.add(key);
    members.push({ key, owner: null, path: c.path, candidate: c });
  }
  const labels = hooks.labels(members);
  return {
    members: members.map((m, i) => ({
      info: { key: m.key, label: labels[i] },
      owner: m.owner,
      path: m.path,
      candidate: m.candidate,
    })),
    hub,
    problems,
    hubs,
    leftOut,
    missing,
  };
}
