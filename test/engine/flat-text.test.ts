import fc from 'fast-check';
import { flat, flatReads } from '../../src/engine/flat-text';

describe('flat', () => {
  test('gives back the same text, whatever it is and however it was built', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ unit: 'grapheme' }), { maxLength: 12 }), (parts) => {
        let built = '';
        for (const p of parts) built += `${p},`;
        expect(flat(built)).toBe(parts.map((p) => `${p},`).join(''));
      }),
    );
    expect(flat('')).toBe('');
    expect(flat('x'.repeat(40_000))).toHaveLength(40_000);
  });

  test('reads the text (the read that flattens it is not optimised away)', () => {
    expect(Number.isInteger(flatReads())).toBe(true);
  });
});
