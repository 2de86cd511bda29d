// Colours of the pictures: health uses the same Good / Neutral / Bad fills as the workbook, so a
// node on the map looks like its Health cell.
import { HEALTH_STYLE, PALETTE, cssColour } from '../engine/palette';
import type { Health } from '../engine/types';

export function healthFill(h: Health | null): string {
  return h ? cssColour(PALETTE[HEALTH_STYLE[h]].fill) : '#DEECF9';
}

export function healthInk(h: Health | null): string {
  return h ? cssColour(PALETTE[HEALTH_STYLE[h]].font) : '#004578';
}

/** Strong versions of the health colours, for bars and lines that must read on white and on dark. */
export const HEALTH_STRONG: Readonly<Record<Health, string>> = {
  Red: '#C50F1F',
  Amber: '#C19C00',
  Green: '#107C10',
  Grey: '#8A8886',
};

/** Distinct line colours for series (colour-blind friendly order). */
export const SERIES = ['#0F6CBD', '#D83B01', '#8764B8', '#038387', '#CA5010', '#4F6BED'];
