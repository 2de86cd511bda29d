// The texts a link at risk puts on the Risks sheet, and the dates in them: built without per-row arrays,
// from each flag's text kept apart from its lead, each date made once (issue 20's cost), so the exact
// texts are pinned here, hand-written.
import fc from 'fast-check';
import { dayFromISO, isoFromDay } from '../../src/engine/parse/values';
import { linkIso, type LinkState } from '../../src/engine/compute/link-figures';
import { linkRiskCells } from '../../src/engine/plan/link-risks';
import { linkCellStyle, linkCellValue } from '../../src/engine/plan/link-columns';
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

  it("names codes in the order they come when the list is not the engine's order (made each time, not remembered)", () => {
    const declined: Flag = { code: 'declined-dependency', severity: 'high', message: 'INI-1 → INI-2: declined.' };
    expect(cellsOf(link({}, [uncommitted, atRisk]))!.cells[5]).toBe('uncommitted-dependency, commitment-at-risk');
    expect(cellsOf(link({}, [declined, atRisk, uncommitted]))!.cells[5]).toBe(
      'declined-dependency, commitment-at-risk, uncommitted-dependency',
    );
    // The same list again, now from what was remembered of it.
    expect(cellsOf(link({}, [atRisk, uncommitted]))!.cells[5]).toBe('commitment-at-risk, uncommitted-dependency');
    expect(cellsOf(link({ health: 'Red', red: true }))!.cells[5]).toBe('Red dependency');
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

describe("a link's Flags (auto) and date cells on the Dependencies sheet", () => {
  const none = () => 'not linked to an objective';
  const warning = {
    sheet: 'Dependencies',
    cell: 'F2',
    code: 'delivered-not-complete' as const,
    message: 'INI-1 is marked Delivered but is 40%.',
  };
  const cases: {
    name: string;
    flags: Flag[];
    warnings: (typeof warning)[];
    text: string | null;
    fill: string | null;
  }[] = [
    { name: 'no flags', flags: [], warnings: [], text: null, fill: null },
    { name: 'one flag', flags: [uncommitted], warnings: [], text: 'uncommitted-dependency', fill: 'neutral' },
    {
      name: "two flags in the engine's order",
      flags: [atRisk, uncommitted],
      warnings: [],
      text: 'commitment-at-risk; uncommitted-dependency',
      fill: 'bad',
    },
    {
      name: 'two flags in another order',
      flags: [uncommitted, atRisk],
      warnings: [],
      text: 'uncommitted-dependency; commitment-at-risk',
      fill: 'bad',
    },
    {
      name: 'a data warning alone',
      flags: [],
      warnings: [warning],
      text: 'data warning: delivered-not-complete at F2',
      fill: 'neutral',
    },
    {
      name: 'a flag and a data warning',
      flags: [atRisk],
      warnings: [warning],
      text: 'commitment-at-risk; data warning: delivered-not-complete at F2',
      fill: 'bad',
    },
  ];
  it.each(cases)('$name', ({ flags, warnings, text, fill }) => {
    const row = { link: link({}, flags), warnings };
    // Twice: the second answer comes from what the first remembered.
    for (let i = 0; i < 2; i++) {
      expect(linkCellValue('flags', row, none)).toBe(text);
      expect(linkCellStyle('flags', row)).toBe(fill);
    }
  });

  it('gives each date as a day, the same for every link on that day', () => {
    const a = { link: link({}), warnings: [] };
    const b = { link: link({ upstreamForecast: day('2026-07-10') }), warnings: [] };
    expect(linkCellValue('latestFinish', a, none)).toEqual({ day: day('2026-07-10') });
    expect(linkCellValue('upstreamForecast', a, none)).toEqual({ day: day('2026-07-20') });
    expect(linkCellValue('upstreamForecast', b, none)).toEqual({ day: day('2026-07-10') });
    expect(linkCellValue('latestFinish', { link: link({ latestFinish: null }), warnings: [] }, none)).toBeNull();
  });
});
