// Taking a member's own key off the IDs its texts name (withoutKey), checked by hand and against the
// regular expression the split used before (the same texts, byte for byte, in every member's file).
import fc from 'fast-check';
import { withoutKey } from '../../src/portfolio/identity';

/** The split's rule as it was written first: one regular expression per member. */
function byRegex(text: string, key: string): string {
  const escaped = key.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return text.replace(new RegExp(`(^|[^A-Za-z0-9_:.-])${escaped}:(?=[^\\s:])`, 'g'), '$1');
}

describe('withoutKey', () => {
  it.each([
    ['EMEA:INI-1', 'EMEA', 'INI-1'],
    ['blocked by EMEA:INI-1 and PROC:INI-2', 'EMEA', 'blocked by INI-1 and PROC:INI-2'],
    ['EMEA:INI-1, EMEA:KPI-3; (EMEA:OBJ-2)', 'EMEA', 'INI-1, KPI-3; (OBJ-2)'],
    // Part of a longer key or word: kept.
    [
      'XEMEA:INI-1 NA-EMEA:INI-2 a.EMEA:INI-3 q:EMEA:INI-4',
      'EMEA',
      'XEMEA:INI-1 NA-EMEA:INI-2 a.EMEA:INI-3 q:EMEA:INI-4',
    ],
    // No ID after the key: kept.
    ['EMEA: late', 'EMEA', 'EMEA: late'],
    ['ends with EMEA:', 'EMEA', 'ends with EMEA:'],
    ['EMEA::INI-1', 'EMEA', 'EMEA::INI-1'],
    // The key is matched as written (keys are upper case).
    ['emea:INI-1', 'EMEA', 'emea:INI-1'],
    ['EMEA:EMEA:INI-1', 'EMEA', 'EMEA:INI-1'],
    ['no key here', 'EMEA', 'no key here'],
    ['', 'EMEA', ''],
  ])('%j without %s is %j', (text, key, expected) => {
    expect(withoutKey(text, key)).toBe(expected);
    expect(byRegex(text, key)).toBe(expected);
  });

  it('does what the regular expression did, on texts made of keys, IDs and separators', () => {
    const piece = fc.constantFrom(
      'EMEA',
      'EM',
      'A',
      ':',
      'INI-1',
      ' ',
      '\u00a0',
      ',',
      '.',
      '-',
      '_',
      '(',
      'x',
      '\n',
      'É',
    );
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 24 }),
        fc.constantFrom('EMEA', 'EM', 'A', 'A-1', 'X_2'),
        (parts, key) => {
          const text = parts.join('');
          expect(withoutKey(text, key)).toBe(byRegex(text, key));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
