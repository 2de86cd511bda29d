// One neutral theme for the board pack: white slides, dark grey text, one blue accent, and the
// workbook's own Good / Neutral / Bad fills for health so a cell on a slide looks like its Health cell.
import { HEALTH_STYLE, PALETTE, type Health } from '../../engine';
import { HEALTH_STRONG } from '../colours';

/** 16:9 at PowerPoint's "Widescreen" size, in inches. */
export const SLIDE = { w: 13.333, h: 7.5 } as const;
export const MARGIN = 0.5;
export const TITLE_BOX = { x: MARGIN, y: 0.3, w: SLIDE.w - 2 * MARGIN, h: 0.8 } as const;
/** Where a slide's content goes: below the title, above the footer. */
export const BODY = { x: MARGIN, y: 1.25, w: SLIDE.w - 2 * MARGIN, h: 5.55 } as const;
export const FOOTER_BOX = { x: MARGIN, y: 6.95, w: SLIDE.w - 2 * MARGIN - 1, h: 0.35 } as const;

export const FONT = 'Calibri';
/** Inset of a text box's text from its edges, in points: left and right, top and bottom. */
export const TEXT_INSET_PT = { x: 10, y: 5 } as const;
/** Point sizes; nothing on a slide is smaller than SMALL (12 pt, the floor for a room-sized screen). */
export const SIZE = { title: 28, headline: 36, card: 16, body: 16, table: 12, small: 12 } as const;

/** Colours as pptxgenjs wants them: RRGGBB without '#'. */
export const INK = '201F1E';
export const MUTED = '605E5C';
export const ACCENT = '0F6CBD';
export const RULE = 'D2D0CE';
export const HEADER_FILL = 'F3F2F1';
export const CARD_FILL = 'FAF9F8';

const rgb = (argbOrCss: string) => argbOrCss.replace(/^#/, '').slice(-6).toUpperCase();

/** A health cell's fill and ink, as on the refreshed workbook. */
export function healthCell(h: Health): { fill: string; color: string } {
  const style = PALETTE[HEALTH_STYLE[h]];
  return { fill: rgb(style.fill), color: rgb(style.font) };
}

/** Strong health colours for chart marks (3:1 against white). */
export function healthMark(h: Health): string {
  return rgb(HEALTH_STRONG[h]);
}

/** Line colours for the milestone trend, the same as the pane's slip chart. */
export const SERIES = ['0F6CBD', 'C43E1C', '8764B8', '038387', 'B4009E'] as const;
export const STAKE = '8A8886';
