// Health colours shared by the write-back and the task pane: Excel's Good / Neutral / Bad cell styles,
// plus a grey for "not enough data". ARGB hex as Excel stores it.
import type { CellStyle, Health, Severity } from './types';

export interface StyleColours {
  fill: string;
  font: string;
}

export const PALETTE: Readonly<Record<CellStyle, StyleColours>> = {
  good: { fill: 'FFC6EFCE', font: 'FF006100' },
  neutral: { fill: 'FFFFEB9C', font: 'FF9C5700' },
  bad: { fill: 'FFFFC7CE', font: 'FF9C0006' },
  grey: { fill: 'FFD9D9D9', font: 'FF404040' },
};

export const HEALTH_STYLE: Readonly<Record<Health, CellStyle>> = {
  Green: 'good',
  Amber: 'neutral',
  Red: 'bad',
  Grey: 'grey',
};

export const SEVERITY_STYLE: Readonly<Record<Severity, CellStyle | null>> = {
  high: 'bad',
  warn: 'neutral',
  info: null,
};

/** "#RRGGBB" for CSS and Office.js, from an ARGB hex. */
export function cssColour(argb: string): string {
  return `#${argb.slice(2)}`;
}
