// localText writes another team's texts for one member: its own items by their plain IDs. Its quick
// path for a lone ID must say exactly what the pattern says, for any text (the pattern is the rule).
import fc from 'fast-check';
import { localText } from '../../src/portfolio/split';

/** The rule as it was written first: the key and its colon go where they start an ID, nowhere else. */
function byPattern(key: string, v: string): string {
  return v.replace(new RegExp(`(^|[^A-Za-z0-9_:.-])${key}:(?=[^\\s:])`, 'g'), '$1');
}

const KEYS = ['PROC', 'M003', 'A', 'A-B', 'X_1'];
const piece = fc.oneof(
  fc.constantFrom(...KEYS.map((k) => `${k}:`), ':', ' ', '\u00a0', '.', '-', 'I7', 'O0', ', ', ' · ', 'é', '→'),
  fc.string({ maxLength: 4 }),
);
const text = fc.array(piece, { maxLength: 8 }).map((parts) => parts.join(''));

describe('localText', () => {
  test('says what the pattern says, for any text and key', () => {
    fc.assert(
      fc.property(fc.constantFrom(...KEYS), text, (key, v) => {
        expect(localText(key)(v)).toBe(byPattern(key, v));
      }),
      { numRuns: 2000 },
    );
  });

  test.each([
    ['M003', 'M003:I0', 'I0'],
    ['M003', 'M003:I0, M003:I1', 'I0, I1'],
    ['M003', 'M003: I0', 'M003: I0'],
    ['M003', 'M003::I0', 'M003::I0'],
    ['M003', 'M003:', 'M003:'],
    ['M003', 'M003:é', 'é'],
    ['M003', 'XM003:I0', 'XM003:I0'],
    ['M003', 'M004:I0', 'M004:I0'],
    ['A', 'A:A:I1', 'A:I1'],
  ])('key %s: %j -> %j', (key, v, local) => {
    expect(localText(key)(v)).toBe(local);
  });

  test('values other than text are left as they are', () => {
    const local = localText('M003');
    expect(local(3)).toBe(3);
    expect(local(null)).toBe(null);
  });
});
