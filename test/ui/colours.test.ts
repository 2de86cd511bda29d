// The pictures' colours: every bar and line colour at least 3:1 against the card it is drawn on, in the
// light and the dark theme, and the slip chart's series far apart in hue (they also differ in shape and dash).
import { DARK_CHARTS, LIGHT_CHARTS, contrast, type ChartPalette } from '../../src/present/colours';

function lab(hex: string): [number, number, number] {
  const lin = (i: number) => {
    const c = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const [r, g, b] = [lin(0), lin(1), lin(2)];
  const f = (t: number) => (t > 0.008856 ? Math.cbrt(t) : 7.787 * t + 16 / 116);
  const x = f((0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047);
  const y = f(0.2126 * r + 0.7152 * g + 0.0722 * b);
  const z = f((0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883);
  return [116 * y - 16, 500 * (x - y), 200 * (y - z)];
}
const deltaE = (a: string, b: string) => Math.hypot(...lab(a).map((v, i) => v - lab(b)[i]));

describe.each([
  ['light', LIGHT_CHARTS],
  ['dark', DARK_CHARTS],
] as [string, ChartPalette][])('%s palette', (_, palette) => {
  test('every colour is at least 3:1 against the card', () => {
    for (const colour of [...Object.values(palette.health), ...palette.series])
      expect(contrast(colour, palette.background)).toBeGreaterThanOrEqual(3);
  });
  test('series colours are far apart in hue', () => {
    const s = palette.series;
    for (let i = 0; i < s.length; i++)
      for (let j = i + 1; j < s.length; j++) expect(deltaE(s[i], s[j])).toBeGreaterThan(25);
  });
});

test('contrast is WCAG’s: black on white is 21:1', () => {
  expect(contrast('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
});
