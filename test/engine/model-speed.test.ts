// Issue 23 (the model stages made faster): each rewritten hot spot gives what the code it replaced gave.
// The references below are the earlier, plainer forms (regular expressions, maps, arrays of parts),
// kept here as the rules to check the faster forms against on random inputs.
import fc from 'fast-check';
import { findCycles, type CycleResult } from '../../src/engine/graph/cycles';
import { dayFromISO, dayFromParts, parseCadence, parseDirection, parseStatus } from '../../src/engine/parse/values';
import { decodeTrend, encodeTrend, fieldsOf } from '../../src/engine/baseline/store';
import { planFields, type PlanRecord } from '../../src/engine/baseline/plan-record';
import { rollupObjectives, weightedHealth, weightedMean } from '../../src/engine/compute/rollup';
import { worst } from '../../src/engine/compute/health';
import { newState, type ItemState } from '../../src/engine/compute/state';
import type { LinkedModel, ItemRow } from '../../src/engine/graph/links';
import type { Health, Settings } from '../../src/engine/types';
import { pct } from '../../src/engine/format';

/** Tarjan over string-keyed maps, as findCycles was written before. */
function cyclesReference(nodes: readonly string[], next: (node: string) => readonly string[]): CycleResult {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; edges: readonly string[]; i: number }[] = [];
    const enter = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: next(node), i: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.edges.length) {
        const target = frame.edges[frame.i++];
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  const order: string[] = [];
  const cycles: { members: string[] }[] = [];
  const onCycle = new Set<string>();
  for (let c = components.length - 1; c >= 0; c--) {
    const component = components[c];
    const selfLoop = component.length === 1 && next(component[0]).includes(component[0]);
    if (component.length > 1 || selfLoop) {
      for (const m of component) onCycle.add(m);
      cycles.push({ members: [...component] });
    }
    order.push(...component.reverse());
  }
  return { order, cycles: cycles as CycleResult['cycles'], onCycle };
}

describe('findCycles over node numbers', () => {
  const graph = fc.record({
    size: fc.integer({ min: 1, max: 14 }),
    edges: fc.array(fc.tuple(fc.nat(16), fc.nat(16)), { maxLength: 40 }),
    listed: fc.array(fc.nat(16), { maxLength: 20 }),
  });
  it('gives the order, cycles and members the map-based version gave, on random graphs', () => {
    fc.assert(
      fc.property(graph, ({ size, edges, listed }) => {
        const name = (i: number) => `N${i}`;
        const out = new Map<string, string[]>();
        for (const [a, b] of edges) {
          const list = out.get(name(a)) ?? [];
          list.push(name(b));
          out.set(name(a), list);
        }
        // Listed nodes in any order, repeated, and targets that are not listed at all.
        const nodes = [...Array.from({ length: size }, (_, i) => name(i)), ...listed.map(name)];
        const next = (n: string) => out.get(n) ?? [];
        const got = findCycles(nodes, next);
        const want = cyclesReference(nodes, next);
        expect(got.order).toEqual(want.order);
        expect([...got.onCycle]).toEqual([...want.onCycle]);
        expect(got.cycles.map((c) => c.members)).toEqual(want.cycles.map((c) => c.members));
      }),
      { numRuns: 400 },
    );
  });

  it('reaches far more nodes than were listed (its arrays grow past their first size)', () => {
    // One listed node, a chain of 40 behind it and a cycle N40 -> N20 -> … -> N40: 41 nodes, 21 on the cycle.
    const next = (n: string) => {
      const i = Number(n.slice(1));
      return i < 40 ? [`N${i + 1}`] : ['N20'];
    };
    const got = findCycles(['N0'], next);
    const want = cyclesReference(['N0'], next);
    expect(got.order).toEqual(want.order);
    expect(got.order).toHaveLength(41);
    expect(got.order.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => `N${i}`));
    expect(got.onCycle.size).toBe(21);
    expect(got.cycles.map((c) => c.members)).toEqual(want.cycles.map((c) => c.members));
    expect(got.cycles[0].path).toEqual([...Array.from({ length: 21 }, (_, i) => `N${i + 20}`), 'N20']);
  });

  it('finds a self-loop and a two-node cycle (hand-checked)', () => {
    const edges: Record<string, string[]> = { A: ['B'], B: ['A', 'C'], C: [], D: ['D'] };
    const r = findCycles(['A', 'B', 'C', 'D'], (n) => edges[n] ?? []);
    expect(r.order).toEqual(['D', 'A', 'B', 'C']);
    expect(r.cycles).toEqual([
      { path: ['D', 'D'], members: ['D'] },
      { path: ['A', 'B', 'A'], members: ['B', 'A'] },
    ]);
    expect([...r.onCycle]).toEqual(['D', 'B', 'A']);
  });
});

describe('texts read without regular expressions', () => {
  const isoReference = (s: string) => {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s.trim());
    return m ? dayFromParts(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  };
  const digitOrDash = fc.constantFrom(...'0123456789-- x'.split(''));
  it('dayFromISO gives what the regular expression gave', () => {
    fc.assert(
      fc.property(fc.array(digitOrDash, { minLength: 8, maxLength: 12 }), (chars) => {
        const s = chars.join('');
        expect(dayFromISO(s)).toBe(isoReference(s));
      }),
      { numRuns: 2000 },
    );
    for (const s of [
      '2026-02-29',
      '2028-02-29',
      '2026-13-01',
      '0000-01-01',
      ' 2026-03-31',
      '2026-03-31 ',
      '２026-03-31',
    ])
      expect(dayFromISO(s)).toBe(isoReference(s));
    expect(dayFromISO('2026-03-31')).toBe(dayFromParts(2026, 3, 31));
  });

  const dayOfCompactReference = (s: string) => {
    if (s === '') return null;
    if (!/^\d{8}$/.test(s)) return undefined;
    const d = Date.UTC(Number(s.slice(0, 4)), Number(s.slice(4, 6)) - 1, Number(s.slice(6, 8)));
    return Number.isFinite(d) ? Math.round(d / 86_400_000) : undefined;
  };
  const pointReference = (part: string) => {
    const m = /^(\d{8})([=:])(.*)$/.exec(part.trim());
    if (!m) return null;
    const asOf = dayOfCompactReference(m[1]);
    if (asOf === null || asOf === undefined) return null;
    if (m[2] === '=') {
      const forecast = dayOfCompactReference(m[3]);
      return forecast === undefined ? null : { asOf, forecast, attainment: null };
    }
    const n = m[3] === '' ? null : Number(m[3]);
    return n === null || Number.isFinite(n) ? { asOf, forecast: null, attainment: n } : null;
  };
  const trendReference = (cell: string) =>
    cell
      .split(';')
      .map(pointReference)
      .filter((p) => p !== null)
      .sort((a, b) => a.asOf - b.asOf);

  const compact = fc.oneof(
    fc
      .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 13 }), fc.integer({ min: 0, max: 32 }))
      .map(([y, m, d]) => `${String(y).padStart(4, '0')}${String(m).padStart(2, '0')}${String(d).padStart(2, '0')}`),
    fc.constantFrom('20260630', '00500101', '20260229', '20240229', '2026063', '2026O630'),
  );
  const part = fc
    .tuple(
      fc.constantFrom('', ' ', '\n'),
      compact,
      fc.constantFrom('=', ':', '-'),
      fc.oneof(compact, fc.constantFrom('', '0.5', ' 0.25', '1e3', 'x', '\n1', '1\u2028', 'NaN', '-0.125')),
    )
    .map((p) => p.join(''));
  it('decodeTrend gives what the regular expression and Date.UTC gave', () => {
    fc.assert(
      fc.property(fc.array(part, { minLength: 1, maxLength: 5 }), (parts) => {
        const cell = parts.join(';');
        expect(decodeTrend(cell)).toEqual(trendReference(cell));
      }),
      { numRuns: 2000 },
    );
    expect(encodeTrend(decodeTrend('20260302=20260515;20260316=20260529'))).toBe('20260302=20260515;20260316=20260529');
  });

  const escape = (s: string) =>
    /[\\|\n\r]/.test(s) ? s.replace(/\\/g, '\\\\').replace(/\|/g, '\\p').replace(/\r?\n/g, '\\n') : s;
  const orNull = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
  const plan: fc.Arbitrary<PlanRecord> = fc.record({
    start: orNull(fc.integer({ min: -800_000, max: 2_900_000 })),
    due: orNull(fc.integer({ min: 0, max: 60_000 })),
    target: orNull(fc.double({ noNaN: true, noDefaultInfinity: true })),
    baseline: orNull(fc.integer({ min: -1000, max: 1000 })),
    direction: orNull(fc.constantFrom('Increase' as const, 'Decrease' as const)),
    weight: orNull(fc.double({ min: 0, max: 10, noNaN: true })),
    valueAtStake: orNull(fc.integer({ min: 0, max: 10_000_000 })),
    parent: orNull(fc.string({ unit: fc.constantFrom('O', '1', '|', '\\', '\n', '\r', 'p', 'n') })),
  });
  it('fieldsOf writes what the escaped and joined fields were', () => {
    fc.assert(
      fc.property(plan, (p) => {
        expect(fieldsOf(p)).toBe(planFields(p).map(escape).join('|'));
      }),
      { numRuns: 1000 },
    );
  });

  it('typed words remembered per text give the parser’s answers, the same each time', () => {
    for (const v of ['Green', ' on track ', 'AMBER', 'at-risk', 'Reddish', '', 'constructor']) {
      const first = parseStatus(v);
      expect(parseStatus(v)).toBe(first);
      expect(parseStatus(v)).toEqual(first);
    }
    expect(parseStatus('On_Track')).toEqual({ ok: true, value: 'Green' });
    expect(parseStatus('Reddish')).toMatchObject({ ok: false, code: 'invalid-status' });
    expect(parseDirection('Higher is better')).toEqual({ ok: true, value: 'Increase' });
    expect(parseCadence('14 days')).toEqual({ ok: true, value: { unit: 'days', count: 14 } });
    expect(parseCadence('Quarterly')).toEqual({ ok: true, value: { unit: 'months', count: 3 } });
    expect(parseCadence(7)).toEqual({ ok: true, value: { unit: 'days', count: 7 } });
    expect(parseCadence('0 days')).toMatchObject({ ok: false, code: 'invalid-cadence' });
  });
});

describe('rollupObjectives in one pass', () => {
  const SCORE = { Green: 1, Amber: 0.5, Red: 0 } as const;
  /** The rollup as it was written with arrays of parts (children, filters, maps). */
  function rollupReference(children: ItemState[], weights: number[], mode: 'weighted' | 'worst') {
    const parts = children.map((c, i) => ({
      state: c,
      weight: weights[i],
      health: c.health,
      fresh: c.kind === 'objective' ? (c.confidence ?? 0) : !c.stale && !c.undated && c.health !== 'Grey' ? 1 : 0,
    }));
    const progress = weightedMean(
      parts.filter((c) => c.state.progress !== null).map((c) => ({ weight: c.weight, value: c.state.progress! })),
    );
    const expected = weightedMean(
      parts.filter((c) => c.state.expected !== null).map((c) => ({ weight: c.weight, value: c.state.expected! })),
    );
    const confidence = weightedMean(parts.map((c) => ({ weight: c.weight, value: c.fresh })));
    const health = mode === 'worst' ? worst(...parts.map((c) => c.health)) : weightedHealth(parts);
    const drivers: string[] = [];
    if (parts.length === 0) drivers.push('no linked KPIs, initiatives or child objectives');
    else if (health === 'Grey') drivers.push('no child has enough data to judge');
    const bad = parts.filter((c) => c.health === 'Red' || c.health === 'Amber');
    if (bad.length > 0) {
      const worstFirst = [...bad].sort((a, b) => (a.health === b.health ? 0 : a.health === 'Red' ? -1 : 1));
      drivers.push(
        `${bad.length} of ${parts.length} children at risk: ` +
          worstFirst.map((c) => `${c.state.id} (${c.health})`).join(', '),
      );
    }
    if (mode === 'weighted' && health === 'Amber' && parts.some((c) => c.health === 'Red')) {
      const known = parts.filter((c) => c.health !== 'Grey');
      const score = weightedMean(
        known.map((c) => ({ weight: c.weight, value: SCORE[c.health as Exclude<Health, 'Grey'>] })),
      );
      if (score !== null && score >= 0.9) drivers.push('held at Amber: never Green while a child is Red');
    }
    if (confidence !== null && confidence < 1)
      drivers.push(`confidence ${pct(confidence)}: some children are stale, undated or have no data`);
    return { progress, expected, confidence, health, drivers };
  }

  const child = fc.record({
    kind: fc.constantFrom('kpi' as const, 'initiative' as const, 'objective' as const),
    health: fc.constantFrom<Health>('Green', 'Amber', 'Red', 'Grey'),
    progress: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    expected: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    confidence: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
    stale: fc.boolean(),
    undated: fc.boolean(),
    // Small whole weights mostly, so scores land exactly on the 0.9 and 0.5 thresholds.
    weight: fc.oneof(
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 2 }),
      fc.double({ min: 0, max: 5, noNaN: true }),
    ),
  });

  it('gives the numbers, health and drivers the arrays of parts gave', () => {
    fc.assert(
      fc.property(
        fc.array(child, { maxLength: 10 }),
        fc.constantFrom('weighted' as const, 'worst' as const),
        (cs, mode) => {
          const states = new Map<string, ItemState>();
          const rows: ItemRow[] = [];
          const childStates = cs.map((c, i) => {
            const row = { kind: c.kind, id: `C${i}`, weight: c.weight } as unknown as ItemRow;
            rows.push(row);
            const st = newState(`C${i}`, c.kind, row);
            Object.assign(st, {
              health: c.health,
              progress: c.progress,
              expected: c.expected,
              confidence: c.confidence,
              stale: c.stale,
              undated: c.undated,
            });
            states.set(st.id, st);
            return st;
          });
          const parent = newState('P', 'objective', { kind: 'objective', id: 'P', weight: 1 } as unknown as ItemRow);
          states.set('P', parent);
          const model = {
            objectiveCycled: new Set<string>(),
            objectiveOrder: ['P'],
            childrenOf: new Map([['P', rows]]),
            cycleOf: new Map(),
          } as unknown as LinkedModel;
          rollupObjectives(model, states, { rollup: mode } as Settings);
          const want = rollupReference(
            childStates,
            cs.map((c) => c.weight),
            mode,
          );
          expect({
            progress: parent.progress,
            expected: parent.expected,
            confidence: parent.confidence,
            health: parent.health,
            drivers: parent.drivers,
          }).toEqual(want);
          expect(parent.ownHealth).toBe(want.health);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
