// Drivers and flags are kept as lists of their size: a later addition makes a new list (state.ts,
// plus()) rather than growing the one a report or another item may already hold.
import { plus } from '../../src/engine/compute/state';
import { refresh } from '../../src/engine';
import { day, workbook } from '../support/snapshot';

describe('plus', () => {
  test.each([
    [[], 'a', ['a']],
    [['a'], 'b', ['a', 'b']],
    [['a', 'b', 'c'], 'd', ['a', 'b', 'c', 'd']],
  ])('%j plus %j is %j, the first list unchanged', (list, x, expected) => {
    const before = [...list];
    const out = plus(list, x);
    expect(out).toEqual(expected);
    expect(out).not.toBe(list);
    expect(list).toEqual(before);
  });
});

test('items added to after their lists were made keep every driver and flag, each item its own lists', () => {
  // I2 waits on I1, which is late: I2 is pushed (a driver added after its own) and inherits risk.
  const wb = workbook({
    objectives: [['O1', 'Grow', null, 'Ana', 1]],
    initiatives: [
      ['I1', 'Build', 'O1', '2026-01-01', '2026-02-01', '2026-04-01', 0.5, 'Green', '2026-01-05', 1],
      ['I2', 'Ship', 'O1', '2026-01-01', '2026-03-01', null, 0.2, 'Green', '2026-01-05', 1],
    ],
    dependencies: [['I1', 'I2', 0]],
  });
  const { report } = refresh(wb, { today: day('2026-01-20') });
  const i2 = report.items.find((i) => i.id === 'I2')!;
  expect(i2.drivers.some((d) => d.startsWith('inherits Amber risk from I1'))).toBe(true);
  expect(i2.drivers.some((d) => d.startsWith('pushed '))).toBe(true);
  expect(i2.flags.map((f) => f.code)).toContain('dependency-risk');
  const lists = report.items.flatMap((i) => [i.drivers, i.flags]).filter((l) => l.length > 0);
  expect(new Set(lists).size).toBe(lists.length);
});
