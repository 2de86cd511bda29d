// The impact map and the slip trend as pure functions, on a workbook small enough to check by hand.
import { refresh } from '../../src/engine';
import {
  chainThrough,
  distinctTopRisks,
  impactMap,
  mapCandidates,
  onlyChainThrough,
} from '../../src/engine/map/impact-map';
import { paceFinish, slipTrends } from '../../src/engine/map/trends';
import type { HistoryRow, InitiativeRow } from '../../src/engine/types';
import { day, workbook } from '../support/snapshot';

// O0 (5M, Subscriptions) <- O1 <- K1 <- R1 ; O1 <- R2 ; O2 (1M, Services) <- P1.
// P1 (procurement) is 24 days late and pushes R1 24 days; R2 has slack and is not pushed.
const wb = workbook({
  objectives: [
    ['O0', 'Grow revenue', null, 'Dana', 1, 5_000_000, 'Subscriptions'],
    ['O1', 'Launch EMEA', 'O0', 'Lea', 1, null, null],
    ['O2', 'Run finance operations', null, 'Pat', 1, 1_000_000, 'Services'],
  ],
  kpis: [
    [
      'K1',
      'EMEA bookings',
      'O1',
      'Increase',
      0,
      100,
      10,
      '2026-01-01',
      '2026-12-31',
      1,
      '2026-05-30',
      'Green',
      'monthly',
    ],
  ],
  initiatives: [
    ['P1', 'Procurement contract', 'O2', '2026-01-01', '2026-07-01', '2026-07-25', 0.85, 'Green', '2026-05-28', 1],
    ['R1', 'Regional rollout', 'K1', '2026-07-01', '2026-12-31', null, 0, 'Green', '2026-05-28', 1],
    ['R2', 'Cut-over', 'O1', '2026-08-01', '2026-12-31', null, 0, 'Green', '2026-05-28', 1],
    ['X1', 'Unrelated', 'O2', '2026-01-01', '2026-12-31', null, 0.5, 'Green', '2026-05-28', 1],
  ],
  dependencies: [
    ['P1', 'R1', 0],
    ['P1', 'R2', 0],
  ],
  settings: [['As Of', '2026-06-01']],
});
const r = refresh(wb, { today: day('2026-06-01') });
const items = new Map(r.report.items.map((i) => [i.id, i]));

test('the chain runs from the late contract through its downstreams to the objectives and streams they reach', () => {
  const map = impactMap(items, r.links, 'P1')!;
  expect(map.nodes.map((n) => n.key).sort()).toEqual([
    'K1',
    'O0',
    'O1',
    'O2',
    'P1',
    'R1',
    'R2',
    'stream:Services',
    'stream:Subscriptions',
  ]);
  const edges = map.edges.map((e) => `${e.from}>${e.to}:${e.kind}:${e.label ?? ''}`).sort();
  expect(edges).toEqual([
    'K1>O1:serves:',
    'O0>stream:Subscriptions:stream:',
    'O1>O0:serves:',
    'O2>stream:Services:stream:',
    'P1>O2:serves:+24 d',
    // Edges carry their slack (issue 20). R1: latest finish 12-31 − 183 days left = 07-01, P1 forecast 07-25: −24.
    'P1>R1:dependency:+24 d · slack −24',
    // R2: 12-31 − 152 days left = 08-01, a week after 07-25: slack 7.
    'P1>R2:dependency:slack 7 d',
    'R1>K1:serves:+24 d',
    'R2>O1:serves:',
  ]);
  const node = (k: string) => map.nodes.find((n) => n.key === k)!;
  expect(node('P1')).toMatchObject({
    label: 'P1 Procurement contract',
    health: 'Red',
    detail: '85% · +24 d late · 6M exposed',
    target: { sheet: 'Initiatives', cell: 'A2' },
  });
  expect(node('O0')).toMatchObject({ kind: 'objective', detail: '5M at stake', health: 'Red' });
  // R2 is not pushed, but inherits P1's risk, capped at Amber.
  expect(node('R2').health).toBe('Amber');
  expect(node('stream:Subscriptions')).toMatchObject({ kind: 'stream', detail: 'revenue stream', target: null });
  expect(map.hidden).toBe(0);
});

test('an objective maps only upwards; an unknown ID has no map', () => {
  const map = impactMap(items, r.links, 'O1')!;
  expect(map.nodes.map((n) => n.key).sort()).toEqual(['O0', 'O1', 'stream:Subscriptions']);
  expect(impactMap(items, r.links, 'NOPE')).toBeNull();
});

test('past the limit the nearest and worst downstreams stay and the rest collapse into one node', () => {
  const map = impactMap(items, r.links, 'P1', { maxDownstream: 1 })!;
  expect(map.hidden).toBe(1);
  expect(map.nodes.map((n) => n.key)).toContain('R1');
  expect(map.nodes.map((n) => n.key)).not.toContain('R2');
  expect(map.nodes.find((n) => n.key === 'more:P1')).toMatchObject({
    kind: 'more',
    label: '+1 more downstream',
    target: null,
  });
});

test('focus keeps the chain through one node lit', () => {
  const map = impactMap(items, r.links, 'P1')!;
  const lit = chainThrough(map, 'R2');
  expect([...lit.nodes].sort()).toEqual(['O0', 'O1', 'P1', 'R2', 'stream:Subscriptions']);
  expect([...lit.edges].sort()).toEqual(['O0->stream:Subscriptions', 'O1->O0', 'P1->R2', 'R2->O1']);
});

test('only the chain keeps the nodes and edges of that path and nothing else', () => {
  const map = onlyChainThrough(impactMap(items, r.links, 'P1')!, 'R2');
  expect(map.nodes.map((n) => n.key).sort()).toEqual(['O0', 'O1', 'P1', 'R2', 'stream:Subscriptions']);
  expect(map.edges).toHaveLength(4);
  expect(map.start).toBe('P1');
});

test('the report maps distinct chains: a risk already drawn on an earlier map gets none of its own', () => {
  // P1's map holds K1, R1 and R2 too, so it is the only one.
  expect(distinctTopRisks(items, r.links, 3).map((m) => m.start)).toEqual(['P1']);
});

test('map candidates are the non-green items that reach an objective, worst and costliest first', () => {
  // K1 is Red on its own numbers (10 % attained against 41 % expected); X1 is Green.
  expect(mapCandidates(r.report.items).map((i) => i.id)).toEqual(['P1', 'K1', 'R1', 'R2']);
});

test('pace finish stretches the elapsed days over the whole of the work', () => {
  // 27 days for 20 % -> 135 days from 2026-02-01 is 2026-06-16.
  expect(paceFinish(day('2026-02-01'), day('2026-02-28'), 0.2)).toBe(day('2026-06-16'));
  expect(paceFinish(day('2026-02-01'), day('2026-02-28'), 1)).toBe(day('2026-02-28'));
  expect(paceFinish(day('2026-02-01'), day('2026-02-28'), 0)).toBeNull();
  expect(paceFinish(day('2026-02-01'), day('2026-01-28'), 0.5)).toBeNull();
});

test('the slip trend runs from the plan at Start through each check-in’s pace to today’s forecast', () => {
  const rows = new Map(
    [
      ['P1', '2026-01-01', '2026-07-01'],
      ['R1', '2026-07-01', '2026-12-31'],
    ].map(([id, start, due]) => [id, { id, start: day(start), due: day(due) } as InitiativeRow]),
  );
  // At 50 % on 2026-03-01, 59 days in: the pace finishes 118 days after Start, 2026-04-29, 63 days early.
  const history = new Map<string, HistoryRow[]>([
    ['P1', [{ id: 'P1', date: day('2026-03-01'), value: 0.5, status: 'Green' } as HistoryRow]],
  ]);
  const trends = slipTrends(r.report.items, rows, history, day('2026-06-01'));
  expect(trends.map((t) => [t.id, t.due, t.points.map((p) => `${p.basis} ${p.date} ${p.slipDays}`)])).toEqual([
    ['P1', '2026-07-01', ['plan 2026-01-01 0', 'pace 2026-03-01 -63', 'forecast 2026-06-01 24']],
    // R1 has not started by the as-of date: no plan point yet.
    ['R1', '2026-12-31', ['forecast 2026-06-01 24']],
  ]);
});
