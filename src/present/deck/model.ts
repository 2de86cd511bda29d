// The deck as plain data: slides of placed shapes in reading order, with their speaker notes. The
// slide builders decide what goes where; render.ts only turns this into pptxgenjs calls, so what a
// slide holds and whether it fits can be tested without opening a file.

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface TextRun {
  text: string;
  bold?: boolean;
  color?: string;
  fontPt: number;
  /** Starts a new paragraph after this run. */
  breakAfter?: boolean;
}

export interface TextShape {
  kind: 'text';
  box: Box;
  runs: TextRun[];
  fill?: string;
  align?: 'left' | 'center' | 'right';
  valign?: 'top' | 'middle' | 'bottom';
  /** A short name for the selection pane ("Value at risk card"). */
  name: string;
}

export interface TableCell {
  text: string;
  fill?: string;
  color?: string;
  bold?: boolean;
  align?: 'left' | 'right' | 'center';
}

export interface TableShape {
  kind: 'table';
  box: Box;
  /** Column widths in inches; they add up to box.w. */
  columns: number[];
  /** The header row first. */
  rows: TableCell[][];
  /** Row heights in inches; they add up to box.h. */
  heights: number[];
  fontPt: number;
  name: string;
}

export interface ChartSeries {
  name: string;
  labels: string[];
  values: (number | null)[];
}

export interface ChartShape {
  kind: 'chart';
  box: Box;
  type: 'doughnut' | 'bar' | 'line';
  series: ChartSeries[];
  colors: string[];
  /** Excel number format of the values (money), or null for plain counts and days. */
  formatCode: string | null;
  /** Axis title for line charts. */
  valueTitle?: string;
  altText: string;
  name: string;
}

export type Shape = TextShape | TableShape | ChartShape;

export interface SlideSpec {
  title: string;
  /** The title's size when it is smaller than the theme's (a long title on two lines). */
  titlePt?: number;
  /** Drawn, and read by a screen reader, in this order (the title comes before them all). */
  shapes: Shape[];
  /** Speaker notes, one paragraph each: the evidence behind what the slide shows. */
  notes: string[];
}
