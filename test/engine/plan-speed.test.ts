// Issue 23 (the plan stage made faster, branch plan6): each rewritten piece gives what the code it
// replaced gave. The references below are the earlier, plainer forms (filter, map, sets and spreads),
// kept here as the rules to check the faster forms against on random inputs.
import fc from 'fast-check';
import { flagsText } from '../../src/engine/plan/columns';
import { newState, type ItemState } from '../../src/engine/compute/state';
import type { ItemRow } from '../../src/engine/graph/links';
import type { Flag, FlagCode, Health } from '../../src/engine/types';

function shortList(items: string[], max: number): string {
  return items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} +${items.length - max} more`;
}

/** The Flags (auto) text as it was written before this branch. */
function flagsTextReference(st: ItemState): string | null {
  if (st.flags.length === 0) return null;
  if (st.inheritedFrom.length === 0 && st.pushed === null && st.linkFlagsTo === undefined) {
    if (st.flags.length === 1) return st.flags[0].code;
    return st.flags.map((f) => f.code).join('; ');
  }
  const red = st.inheritedFrom.filter((u) => u.health === 'Red').map((u) => u.id);
  const behind = [
    ...new Set([...(st.pushed && st.pushed.days > 0 ? [st.pushed.by] : []), ...st.inheritedFrom.map((u) => u.id)]),
  ];
  const upstreams: Partial<Record<Flag['code'], string[]>> = {
    'masked-dependency-risk': red,
    'dependency-risk': behind,
  };
  const said = new Set<string>();
  return st.flags
    .filter((f) => !st.linkFlagsTo?.[f.code] || (!said.has(f.code) && said.add(f.code)))
    .map((f) => {
      const ids = upstreams[f.code] ?? st.linkFlagsTo?.[f.code] ?? [];
      return ids.length > 0 ? `${f.code} (${shortList(ids, 3)})` : f.code;
    })
    .join('; ');
}

const CODES: FlagCode[] = [
  'stale',
  'flatline',
  'masked-dependency-risk',
  'dependency-risk',
  'commitment-at-risk',
  'need-not-met',
  'uncommitted-dependency',
  'declined-dependency',
  'exactly-on-plan',
];
const ids = fc.constantFrom('INI-1', 'INI-2', 'INI-3', 'PROC:INI-4', 'K-5');
const health = fc.constantFrom<Health>('Green', 'Amber', 'Red', 'Grey');

const stateArb = fc
  .record({
    codes: fc.array(fc.constantFrom(...CODES), { maxLength: 6 }),
    inherited: fc.array(fc.record({ id: ids, health }), { maxLength: 6 }),
    pushed: fc.option(fc.record({ by: ids, days: fc.integer({ min: -3, max: 9 }), byHealth: health })),
    linkTo: fc.option(fc.dictionary(fc.constantFrom(...CODES), fc.array(ids, { maxLength: 5 }))),
  })
  .map(({ codes, inherited, pushed, linkTo }) => {
    const st = newState('X', 'initiative', { name: 'x' } as unknown as ItemRow);
    st.flags = codes.map((code) => ({ code, severity: 'warn', message: code }));
    st.inheritedFrom = inherited;
    st.pushed = pushed;
    if (linkTo !== null) st.linkFlagsTo = linkTo as Partial<Record<FlagCode, string[]>>;
    return st;
  });

describe('the plan stage, faster forms against their references', () => {
  it('Flags (auto) text: the same as the filter/map form, named upstreams and link flags included', () => {
    fc.assert(
      fc.property(stateArb, (st) => {
        expect(flagsText(st)).toBe(flagsTextReference(st));
      }),
      { numRuns: 2000 },
    );
  });

  it.each([
    ['no flags', [], [], null, null],
    ['codes only, shared text', ['stale', 'flatline'], [], null, 'stale; flatline'],
    [
      'named upstreams, pushed first and each once',
      ['dependency-risk', 'masked-dependency-risk'],
      [
        { id: 'INI-2', health: 'Red' as Health },
        { id: 'INI-1', health: 'Amber' as Health },
      ],
      { by: 'INI-1', days: 4, byHealth: 'Amber' as Health },
      'dependency-risk (INI-1, INI-2); masked-dependency-risk (INI-2)',
    ],
  ])('%s', (_name, codes, inherited, pushed, text) => {
    const st = newState('X', 'initiative', { name: 'x' } as unknown as ItemRow);
    st.flags = (codes as FlagCode[]).map((code) => ({ code, severity: 'warn', message: code }));
    st.inheritedFrom = inherited;
    st.pushed = pushed;
    expect(flagsText(st)).toBe(text);
    // The same list of codes gives the same string each time (made once).
    if (pushed === null && codes.length > 1) expect(flagsText(st)).toBe(flagsText({ ...st, flags: [...st.flags] }));
  });
});
