// Colours of the pictures: health uses the same Good / Neutral / Bad fills as the workbook, so a
// node on the map looks like its Health cell. Bars and lines have one palette per theme, each colour
// at least 3:1 against the card it is drawn on (WCAG 1.4.11).
import { HEALTH_STYLE, PALETTE, cssColour } from '../engine';
import type { Health } from '../engine';

export function healthFill(h: Health | null): string {
  return h ? cssColour(PALETTE[HEALTH_STYLE[h]].fill) : '#DEECF9';
}

export function healthInk(h: Health | null): string {
  return h ? cssColour(PALETTE[HEALTH_STYLE[h]].font) : '#004578';
}

export interface ChartPalette {
  /** The card the chart sits on, for the contrast checks. */
  background: string;
  health: Readonly<Record<Health, string>>;
  /**
   * Line colours of the slip chart. Five colours cannot all be 3:1 from each other and from the
   * background at once (the band of usable luminance is too narrow), so series also differ in marker
   * shape and dash, and the hues are far apart (CIE ΔE above 25).
   */
  series: readonly string[];
}

export const LIGHT_CHARTS: ChartPalette = {
  background: '#FFFFFF',
  health: { Red: '#C50F1F', Amber: '#946B00', Green: '#107C10', Grey: '#8A8886' },
  series: ['#0F6CBD', '#C43E1C', '#8764B8', '#038387', '#B4009E'],
};

export const DARK_CHARTS: ChartPalette = {
  background: '#292929',
  health: { Red: '#F1707B', Amber: '#E0B400', Green: '#54B054', Grey: '#A19F9D' },
  series: ['#62ABF5', '#F1835E', '#B9A2E6', '#3CC4C4', '#F08FD9'],
};

/** Strong health colours on white, for the report (always light). */
export const HEALTH_STRONG = LIGHT_CHARTS.health;
/** Light series colours, for the report. */
export const SERIES = LIGHT_CHARTS.series;

/** WCAG relative luminance of "#RRGGBB". */
export function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
