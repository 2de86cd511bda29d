// Values as people type them: numbers, money, percentages, dates, statuses, cadences, directions.
import fc from 'fast-check';
import {
  addMonths,
  dayFromISO,
  isoFromDay,
  parseCadence,
  parseDate,
  parseDirection,
  parseNumber,
  parsePercent,
  parseStatus,
  parseText,
  serialFromDay,
} from '../../src/engine/parse/values';

const value = <T>(p: { ok: boolean; value?: T }) => (p.ok ? p.value : 'error');
const code = (p: { ok: boolean; code?: string }) => (p.ok ? 'ok' : p.code);

describe('numbers', () => {
  test.each([
    [42, 42],
    [' 12 ', 12],
    ['1,234.5', 1234.5],
    ['-3', -3],
    ['(1,200)', -1200],
    ['$1.2M', 1_200_000],
    ['€300k', 300_000],
    ['£2.5bn', 2_500_000_000],
    ['1.5B', 1_500_000_000],
    ['12%', 0.12],
    ['USD 1,000', 1000],
    ['1,000 EUR', 1000],
    ['-$5', -5],
    ['.5', 0.5],
    ['1e3', 1000],
    [null, null],
    ['  ', null],
  ])('%p -> %p', (input, expected) => expect(value(parseNumber(input as never))).toBe(expected));

  test.each([
    ['n/a', 'invalid-number'],
    ['TBD', 'invalid-number'],
    ['-', 'invalid-number'],
    ['1,23', 'invalid-number'],
    [1e309, 'invalid-number'],
    ['1e309', 'invalid-number'],
    [NaN, 'invalid-number'],
    [true, 'invalid-number'],
    [new Date(0), 'invalid-number'],
    [{ error: '#DIV/0!' }, 'excel-error'],
  ])('%p is rejected as %s', (input, expected) => expect(code(parseNumber(input as never))).toBe(expected));
});

describe('percentages', () => {
  test.each([
    ['45%', 0.45],
    [0.45, 0.45],
    [45, 0.45],
    ['45', 0.45],
    ['45 %', 0.45],
    ['0.45', 0.45],
    [1, 1],
    [100, 1],
    ['100%', 1],
    [150, 1.5],
    [0, 0],
  ])('%p -> %p', (input, expected) => expect(value(parsePercent(input as never))).toBeCloseTo(expected as number, 12));
  test.each([['-10%'], [-0.1], ['half'], [{ error: '#N/A' }]])('%p is rejected', (input) =>
    expect(parsePercent(input as never).ok).toBe(false),
  );
});

describe('dates', () => {
  test.each([
    [new Date(Date.UTC(2026, 5, 30)), false, '2026-06-30'],
    ['2026-06-30', false, '2026-06-30'],
    ['2026-06-30T00:00:00Z', false, '2026-06-30'],
    ['2026/06/30', false, '2026-06-30'],
    ['30 Jun 2026', false, '2026-06-30'],
    ['June 30, 2026', false, '2026-06-30'],
    ['Jun 30 2026', false, '2026-06-30'],
    [45838, false, '2025-06-30'], // Excel 1900 system
    [45838.75, false, '2025-06-30'], // a time of day does not move the date
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [61, false, '1900-03-01'], // after Excel's fictional 1900-02-29
    [0, true, '1904-01-01'], // Mac 1904 system
    [44376, true, '2025-06-30'],
    ['2024-02-29', false, '2024-02-29'],
  ])('%p (1904: %p) -> %s', (input, date1904, iso) => {
    const p = parseDate(input as never, date1904 as boolean);
    expect(p.ok && p.value !== null ? isoFromDay(p.value) : p).toBe(iso);
  });

  test.each([['2026-02-30'], ['2026-02-29'], ['2026-13-01'], ['06/07/2026'], ['soon'], [0], [-5], [3e6], [true], [60]])(
    '%p is not a date',
    (input) => expect(code(parseDate(input as never, false))).toBe('invalid-date'),
  );

  test('an ambiguous date asks for the ISO form', () => {
    const p = parseDate('06/07/2026', false);
    expect(!p.ok && p.message).toContain('YYYY-MM-DD');
    const short = parseDate('20/06/26', false);
    expect(!short.ok && short.message).toContain('YYYY-MM-DD');
  });

  test.each([
    ['20/06/2026', '2026-06-20'],
    ['06/20/2026', '2026-06-20'],
    ['20.06.2026', '2026-06-20'],
    ['07/07/2026', '2026-07-07'],
  ])('%p can only be one day: %s', (input, iso) => {
    expect(parseDate(input, false)).toEqual({ ok: true, value: dayFromISO(iso) });
  });

  test('a day that cannot exist either way round is not a date', () => {
    expect(code(parseDate('31/02/2026', false))).toBe('invalid-date');
  });

  test('serials round-trip in both date systems', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 100_000 }), fc.boolean(), (day, date1904) => {
        const p = parseDate(serialFromDay(day, date1904), date1904);
        expect(p).toEqual({ ok: true, value: day });
      }),
    );
  });

  test.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', 3, '2026-06-30'],
    ['2026-11-15', 3, '2027-02-15'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2024-03-30', -13, '2023-02-28'],
    ['2000-02-29', 12, '2001-02-28'],
    ['2000-02-29', 48, '2004-02-29'],
    ['1900-01-31', 1, '1900-02-28'],
    ['9999-11-30', 1, '9999-12-30'],
  ])('%s + %p months = %s', (from, n, to) => expect(isoFromDay(addMonths(dayFromISO(from)!, n))).toBe(to));

  test('calendar months agree with Date arithmetic from 1900 to 9999', () => {
    const byDate = (day: number, n: number) => {
      const d = new Date(day * 86_400_000);
      const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + n, 1));
      const last = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
      target.setUTCDate(Math.min(d.getUTCDate(), last));
      return Math.floor(target.getTime() / 86_400_000);
    };
    const [from, to] = [dayFromISO('1901-01-01')!, dayFromISO('9990-12-31')!];
    fc.assert(
      fc.property(fc.integer({ min: from, max: to }), fc.integer({ min: -12, max: 60 }), (day, n) =>
        expect(addMonths(day, n)).toBe(byDate(day, n)),
      ),
    );
  });
});

describe('words', () => {
  test.each([
    ['Green', 'Green'],
    ['on track', 'Green'],
    ['G', 'Green'],
    ['ON-TRACK', 'Green'],
    ['Amber', 'Amber'],
    ['yellow', 'Amber'],
    ['At Risk', 'Amber'],
    ['a', 'Amber'],
    ['Red', 'Red'],
    ['Off track', 'Red'],
    ['r', 'Red'],
  ])('status %p -> %s', (input, expected) => expect(value(parseStatus(input))).toBe(expected));

  test('an unknown status lists the accepted words', () => {
    const p = parseStatus('Purple');
    expect(p.ok).toBe(false);
    expect(!p.ok && p.code).toBe('invalid-status');
    expect(!p.ok && p.message).toContain('Off track');
  });

  test.each([
    ['weekly', { unit: 'days', count: 7 }],
    ['Bi-weekly', { unit: 'days', count: 14 }],
    ['fortnightly', { unit: 'days', count: 14 }],
    ['Monthly', { unit: 'months', count: 1 }],
    ['quarterly', { unit: 'months', count: 3 }],
    [10, { unit: 'days', count: 10 }],
    ['10 days', { unit: 'days', count: 10 }],
  ])('cadence %p', (input, expected) => expect(value(parseCadence(input))).toEqual(expected));

  test.each([['whenever'], [0], [-7], [2.5]])('cadence %p is rejected', (input) =>
    expect(code(parseCadence(input))).toBe('invalid-cadence'),
  );

  test.each([
    ['Increase', 'Increase'],
    ['higher is better', 'Increase'],
    ['up', 'Increase'],
    ['Decrease', 'Decrease'],
    ['Lower is better', 'Decrease'],
    ['down', 'Decrease'],
  ])('direction %p -> %s', (input, expected) => expect(value(parseDirection(input))).toBe(expected));

  test('text trims, and numbers typed as IDs become their digits', () => {
    expect(value(parseText('  INI-7 '))).toBe('INI-7');
    expect(value(parseText(101))).toBe('101');
    expect(code(parseText({ error: '#REF!' }))).toBe('excel-error');
  });
});

test('no parser ever throws, whatever the cell holds', () => {
  const parsers = [
    parseNumber,
    parsePercent,
    parseStatus,
    parseCadence,
    parseDirection,
    parseText,
    (v: never) => parseDate(v, false),
  ];
  fc.assert(
    fc.property(
      fc.oneof(fc.anything(), fc.string({ maxLength: 6000 }), fc.double(), fc.date({ noInvalidDate: false })),
      (v) => {
        for (const parse of parsers) expect(() => parse(v as never)).not.toThrow();
      },
    ),
    { numRuns: 500 },
  );
});

describe('number formatting', () => {
  const { grouped, withUnit, plainNumber } = jest.requireActual('../../src/engine/format');
  test.each([
    [0, 0, '0'],
    [1234.5, 2, '1,234.5'],
    [1234567, 0, '1,234,567'],
    [-1234.567, 2, '-1,234.57'],
    [999.999, 2, '1,000'],
    [-0.0001, 2, '0'],
    [12.1, 3, '12.1'],
    [100, 0, '100'],
    [1000, 0, '1,000'],
    [100000, 2, '100,000'],
    [123456.5, 0, '123,457'],
    [0.5, 0, '1'],
    [-1e21, 0, '-1e+21'],
    [NaN, 0, 'NaN'],
  ])('grouped(%p, %p) = %p', (x, digits, expected) => expect(grouped(x, digits)).toBe(expected));
  test('grouped is the rule "toFixed, zeros dropped, thousands by commas" for any number', () => {
    // The rule as a regular expression states it (the written-out loop is the engine's, for speed).
    const rule = (x: number, digits: number) => {
      if (!Number.isFinite(x)) return String(x);
      const fixed = Math.abs(x).toFixed(digits);
      const [whole, fraction = ''] = fixed.split('.');
      const trimmed = fraction.replace(/0+$/, '');
      const sign = x < 0 && Number(fixed) !== 0 ? '-' : '';
      return `${sign}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${trimmed ? `.${trimmed}` : ''}`;
    };
    fc.assert(
      fc.property(fc.double(), fc.integer({ min: 0, max: 6 }), (x, digits) => grouped(x, digits) === rule(x, digits)),
      { numRuns: 5000 },
    );
  });
  test('units read as people write them', () => {
    expect(withUnit(610000, '$')).toBe('$610,000');
    expect(withUnit(-5, '€')).toBe('-€5');
    expect(withUnit(0.955, '%')).toBe('95.5%');
    expect(withUnit(55, 'days')).toBe('55 days');
    expect(plainNumber(2.3456)).toBe('2.346');
  });
});

test('isoFromDay agrees with the calendar on any day from year 1 to 9999', () => {
  fc.assert(
    fc.property(fc.integer({ min: -719162, max: 2932896 }), (d) => {
      expect(isoFromDay(d)).toBe(new Date(d * 86_400_000).toISOString().slice(0, 10));
    }),
    { numRuns: 2000 },
  );
});
