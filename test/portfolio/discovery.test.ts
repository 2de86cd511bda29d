// Hub and member discovery, the one algorithm behind the command line's and the page's portfolios,
// with plain hooks: paths are names, a Portfolio row means the candidate of that exact path.
import { discoverPortfolio, type Candidate, type DiscoveryHooks } from '../../src/portfolio';
import type { ManifestEntry } from '../../src/portfolio';

const row = (key: string, path: string, r: number, owner: string | null = null): ManifestEntry => ({
  key,
  path,
  owner,
  row: r,
});

function candidate(path: string, over: Partial<Candidate<string>> = {}): Candidate<string> {
  return { file: path, path, manifest: null, output: false, inFolder: false, ...over };
}

const plain: DiscoveryHooks<string> = {
  hubLabel: (hub) => hub.path,
  leaveOut: (c) => c.inFolder && c.output,
  sameAs: (e) => e.path.toLowerCase(),
  shown: (e) => e.path,
  locate: (e, _hub, unused) => ({ candidate: unused.find((c) => c.path === e.path) ?? null, path: e.path }),
  samePath: (a, b) => a === b,
  labels: (members) => members.map((m) => m.path),
};

test('without a hub every workbook is a member, keyed by its file name, in the order found', () => {
  const d = discoverPortfolio([candidate('proc.xlsx'), candidate('it-ops.xlsx'), candidate('PROC.xlsm')], plain);
  expect(d.members.map((m) => m.info.key)).toEqual(['PROC', 'IT-OPS', 'PROC2']);
  expect(d.hub).toBeNull();
  expect(d.problems).toEqual([]);
});

test("the hub's rows give keys and owners; the hub not listed is HUB, first; unlisted files follow", () => {
  const hub = candidate('hub.xlsx', {
    manifest: { entries: [row('EMEA', 'emea.xlsx', 2, 'A. Ng'), row('APAC', 'apac.xlsx', 3)], problems: [] },
  });
  const d = discoverPortfolio([candidate('apac.xlsx'), hub, candidate('emea.xlsx'), candidate('extra.xlsx')], plain);
  expect(d.hub).toBe('HUB');
  expect(d.members.map((m) => [m.info.key, m.path, m.owner])).toEqual([
    ['HUB', 'hub.xlsx', null],
    ['EMEA', 'emea.xlsx', 'A. Ng'],
    ['APAC', 'apac.xlsx', null],
    ['EXTRA', 'extra.xlsx', null],
  ]);
});

test('a hub listing itself keeps its own key; a key HUB already taken makes the hub keyed by its name', () => {
  const self = candidate('hub.xlsx', { manifest: { entries: [row('CORP', 'hub.xlsx', 2)], problems: [] } });
  expect(discoverPortfolio([self], plain).hub).toBe('CORP');
  const taken = candidate('hq.xlsx', { manifest: { entries: [row('HUB', 'a.xlsx', 2)], problems: [] } });
  const d = discoverPortfolio([taken, candidate('a.xlsx')], plain);
  expect(d.hub).toBe('HQ');
  expect(d.members.map((m) => m.info.key)).toEqual(['HQ', 'HUB']);
});

test('a workbook listed twice is said once, with both rows, and read once; a row with no workbook is missing', () => {
  const hub = candidate('hub.xlsx', {
    manifest: {
      entries: [row('A', 'a.xlsx', 2), row('B', 'A.xlsx', 3), row('C', 'gone.xlsx', 4)],
      problems: ['row 5 has no path'],
    },
  });
  const d = discoverPortfolio([hub, candidate('a.xlsx')], plain);
  expect(d.problems).toEqual([
    'hub.xlsx: row 5 has no path',
    'hub.xlsx: A.xlsx is listed twice in the Portfolio table (rows 2 and 3)',
  ]);
  expect(d.members.map((m) => m.info.key)).toEqual(['HUB', 'A', 'C']);
  expect(d.missing).toEqual([{ key: 'C', path: 'gone.xlsx' }]);
  expect(d.members.find((m) => m.info.key === 'C')!.candidate).toBeNull();
});

test('two hubs make no hub: both are returned for the host to name, and every file is a plain member', () => {
  const manifest = { entries: [row('X', 'x.xlsx', 2)], problems: [] };
  const d = discoverPortfolio([candidate('h1.xlsx', { manifest }), candidate('h2.xlsx', { manifest })], plain);
  expect(d.hub).toBeNull();
  expect(d.hubs.map((h) => h.path)).toEqual(['h1.xlsx', 'h2.xlsx']);
  expect(d.members.map((m) => m.info.key)).toEqual(['H1', 'H2']);
});

test("Throughline's own portfolio workbook in a folder is left out, one named on purpose is kept", () => {
  const d = discoverPortfolio(
    [
      candidate('team.xlsx', { inFolder: true }),
      candidate('portfolio.xlsx', { inFolder: true, output: true }),
      candidate('named.xlsx', { output: true }),
    ],
    plain,
  );
  expect(d.leftOut.map((c) => c.path)).toEqual(['portfolio.xlsx']);
  expect(d.members.map((m) => m.path)).toEqual(['team.xlsx', 'named.xlsx']);
});
