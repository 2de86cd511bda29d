// Impact lists are built when read; these pin that they read the same however many streams a workbook has.
import { refresh } from '../../src/engine';
import { day, workbook } from '../support/snapshot';

describe('impact lists built when read', () => {
  test.each([3, 40])('with %p revenue streams, an item lists the streams it reaches, sorted', (streams) => {
    // O0 is the root; O1..On are its children, stream "S<n>" each (more than 30 take the plain sort).
    const objectives = [['O0', 'Root', null, null, 1, null, null]];
    for (let i = 1; i <= streams; i++) objectives.push([`O${i}`, `Child ${i}`, 'O0', null, 1, i * 1000, `S${i}`]);
    const kpi = (id: string, objective: string) => [
      id,
      id,
      objective,
      'Increase',
      null,
      100,
      10,
      null,
      null,
      1,
      '2026-01-05',
      null,
      null,
    ];
    // K1 serves the last child and feeds K2 (serves O2) and K3 (serves O1).
    const last = `O${streams}`;
    const wb = workbook({
      objectives,
      kpis: [kpi('K1', last), kpi('K2', 'O2'), kpi('K3', 'O1')],
      dependencies: [
        ['K1', 'K2', 0],
        ['K1', 'K3', 0],
      ],
    });
    const r = refresh(wb, { today: day('2026-01-06') });
    const impact = r.report.items.find((i) => i.id === 'K1')!.impact;
    const expected = ['S1', 'S2', `S${streams}`].sort();
    expect(impact.revenueStreams).toEqual(expected);
    expect(impact.objectives).toEqual(['O0', 'O1', 'O2', last]);
    expect(impact.valueExposed).toBe(1000 + 2000 + streams * 1000);
    expect(JSON.parse(JSON.stringify(impact))).toEqual({
      objectives: ['O0', 'O1', 'O2', last],
      revenueStreams: expected,
      valueExposed: 3000 + streams * 1000,
    });
  });
});
