// The Risks sheet's row order (plan/risks.ts worstFirst): severity, then value exposed, then the order
// found, as the comparison sort it replaced gave it.
import fc from 'fast-check';
import { worstFirst } from '../../src/engine/plan/risks';
import type { Severity } from '../../src/engine/types';

const RANK: Record<Severity, number> = { high: 0, warn: 1, info: 2 };

/** The comparison sort the counting sort replaced, kept here as the reference. */
function byComparison(severities: Severity[], values: number[]): number[] {
  return severities
    .map((_, i) => i)
    .sort((a, b) => RANK[severities[a]] - RANK[severities[b]] || values[b] - values[a] || a - b);
}

describe('worstFirst', () => {
  test.each([
    ['no rows', [], [], []],
    ['one row', ['info'], [0], [0]],
    ['severity first', ['info', 'warn', 'high'], [900, 50, 0], [2, 1, 0]],
    ['then value, largest first', ['warn', 'warn', 'warn'], [0, 2_500_000, 1_000], [1, 2, 0]],
    ['then the order found', ['high', 'warn', 'high', 'high', 'warn'], [7, 7, 7, 9, 7], [3, 0, 2, 1, 4]],
    ['negative and zero values', ['warn', 'warn', 'warn', 'warn'], [-5, 0, 3.5, -0], [2, 1, 3, 0]],
  ] as [string, Severity[], number[], number[]][])('%s', (_name, severities, values, expected) => {
    expect([...worstFirst(severities, values)]).toEqual(expected);
  });

  test('the same order as the comparison sort, for any rows', () => {
    const severity = fc.constantFrom<Severity>('high', 'warn', 'info');
    // A few values shared by many rows, as items' shared reach gives them, and some of their own.
    const value = fc.oneof(
      fc.constantFrom(0, 1_000, 250_000.5, -3),
      fc.double({ noNaN: true, noDefaultInfinity: true }),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(severity, value), { maxLength: 300 }), (rows) => {
        const severities = rows.map((r) => r[0]);
        const values = rows.map((r) => r[1]);
        expect([...worstFirst(severities, values)]).toEqual(byComparison(severities, values));
      }),
      { numRuns: 300 },
    );
  });
});
