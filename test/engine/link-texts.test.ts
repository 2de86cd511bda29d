// The texts a link at risk puts on the Risks sheet, and the dates in them: built without per-row arrays,
// from each flag's text kept apart from its lead, each date made once (issue 20's cost), so the exact
// texts are pinned here, hand-written.
import fc from 'fast-check';
import { dayFromISO, isoFromDay } from '../../src/engine/parse/values';
import { linkIso, type LinkState } from '../../src/engine/compute/link-figures';
import { linkRiskCells } from '../../src/engine/plan/link-risks';
import type { Flag } from '../../src/engine/types';

const day = (iso: string) => dayFromISO(iso)!;

function link(over: Partial<LinkState>, flags: Flag[] = []): LinkState {
  return {
    health: 'Amber',
    latestFinish: day('2026-07-10'),
    slack: -10,
    push: 0,
    upstreamForecast: day('2026-07-20'),
    red: false,
    row: {
      upstream: 'INI-1',
      downstream: 'INI-2',
      lagDays: 0,
      note: null,
      src: { sheet: 'Dependencies', row: 2, table: 3, index: 0 },
      neededBy: null,
      committed: null,
      commitment: null,
    },
    flags,
    // What the engine keeps beside each flag: its message after the link's lead.
    said: flags.map((f) => f.message.replace('INI-1 → INI-2: ', '')),
    ...over,
  };
}

const cellsOf = (l: LinkState) =>
  linkRiskCells({
    link: l,
    target: { sheet: 'Dependencies', cell: 'A2' },
    upstreamName: 'Ledger cut-over',
    downstreamName: 'Close in 3 days',
    owner: 'Ana',
    value: 250_000,
  });

const atRisk: Flag = {
  code: 'commitment-at-risk',
  severity: 'high',
  message: 'INI-1 → INI-2: INI-1 is forecast to finish 2026-07-20, 5 days after the 2026-07-15 its team committed to.',
};
const uncommitted: Flag = {
  code: 'uncommitted-dependency',
  severity: 'warn',
  message: "INI-1 → INI-2: needed by 2026-07-01, but INI-1's team has committed to no date yet.",
};

describe('a link at risk on the Risks sheet', () => {
  const cases: { name: string; link: LinkState; severity: string; issue: string; details: string }[] = [
    {
      name: 'no flags: no slack left, the health is the issue',
      link: link({}),
      severity: 'warn',
      issue: 'Amber dependency',
      details: 'slack -10 days, latest finish 2026-07-10, INI-1 forecast 2026-07-20',
    },
    {
      name: 'Red and pushing, one day of slack short',
      link: link({ health: 'Red', slack: -1, push: 1, red: true }),
      severity: 'high',
      issue: 'Red dependency',
      details: 'slack -1 day, latest finish 2026-07-10, INI-1 forecast 2026-07-20, pushes INI-2 1 day',
    },
    {
      name: 'two flags: codes in order, each message without its lead',
      link: link({}, [atRisk, uncommitted]),
      severity: 'high',
      issue: 'commitment-at-risk, uncommitted-dependency',
      details:
        'slack -10 days, latest finish 2026-07-10, INI-1 forecast 2026-07-20; ' +
        'INI-1 is forecast to finish 2026-07-20, 5 days after the 2026-07-15 its team committed to.; ' +
        "needed by 2026-07-01, but INI-1's team has committed to no date yet.",
    },
    {
      name: 'no figures (a KPI downstream): the messages alone',
      link: link({ health: 'Green', latestFinish: null, slack: null, push: null, upstreamForecast: null }, [
        { ...uncommitted, message: 'INI-1 → INI-2: another text' },
      ]),
      severity: 'warn',
      issue: 'uncommitted-dependency',
      details: 'another text',
    },
  ];
  it.each(cases)('$name', ({ link: l, severity, issue, details }) => {
    const row = cellsOf(l)!;
    expect(row.severity).toBe(severity);
    expect(row.cells).toEqual([
      severity,
      'INI-1 → INI-2',
      'Ledger cut-over → Close in 3 days',
      'Dependency',
      l.health,
      issue,
      details,
      'Ana',
      250_000,
      'Dependencies!A2',
    ]);
  });

  it('gives no row to a link with room to spare and no flags', () => {
    expect(cellsOf(link({ health: 'Green', slack: 3 }))).toBeNull();
  });
});

describe('linkIso', () => {
  it('is isoFromDay, for any day, also past the cache bound (20,000 days)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (d) => linkIso(d) === isoFromDay(d)),
      { numRuns: 30_000 },
    );
    expect(linkIso(day('1904-01-01'))).toBe('1904-01-01');
    expect(linkIso(day('2028-02-29'))).toBe('2028-02-29');
  });
});
