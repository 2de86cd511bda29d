// Bit sets of objective indexes (compute/bits.ts): what the impact index relies on to share equal reach.
import fc from 'fast-check';
import { ChunkedBits } from '../../src/engine/compute/bits';

const of = (members: number[]) => {
  const b = new ChunkedBits();
  for (const m of members) b.add(m);
  return b;
};
const list = (b: ChunkedBits) => {
  const out: number[] = [];
  b.forEach((i) => out.push(i));
  return out;
};

describe('ChunkedBits', () => {
  test.each([
    [[], 0, []],
    [[5], 1, [5]],
    [[3, 1, 2000, 1024, 1023, 31, 32], 7, [1, 3, 31, 32, 1023, 1024, 2000]],
  ])('%p holds %p members, in order %p', (members, size, ordered) => {
    const b = of(members);
    expect(b.size()).toBe(size);
    expect(list(b)).toEqual(ordered);
    expect(b.first(3)).toEqual(ordered.slice(0, 3));
  });

  test('forEachIn visits the members also in the mask, in order', () => {
    const seen: number[] = [];
    of([1, 2, 40, 1500, 3000]).forEachIn(of([2, 40, 41, 3000, 5000]), (i) => seen.push(i));
    expect(seen).toEqual([2, 40, 3000]);
  });

  test('a chunk added in another order, or emptied by nothing, does not change equality or the hash', () => {
    const a = of([2048, 7]);
    const b = of([7]);
    b.or(of([2048]));
    b.or(new ChunkedBits());
    expect(a.equals(b)).toBe(true);
    expect(a.hash()).toBe(b.hash());
    expect(a.equals(of([7]))).toBe(false);
    expect(of([7]).equals(a)).toBe(false);
  });

  test('equal sets are equal with equal hashes; different sets are not equal', () => {
    const members = fc.array(fc.integer({ min: 0, max: 5000 }), { maxLength: 40 });
    fc.assert(
      fc.property(members, members, (xs, ys) => {
        const [a, b] = [of(xs), of([...xs].reverse())];
        expect(a.equals(b) && a.hash() === b.hash()).toBe(true);
        const same =
          new Set(xs).size === new Set([...xs, ...ys]).size && new Set(ys).size === new Set([...ys, ...xs]).size;
        expect(a.equals(of(ys))).toBe(same);
      }),
    );
  });
});
