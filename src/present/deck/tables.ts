// Tables that fit: every cell wrapped to its column (at most a few lines, then "…" with the whole text
// in the speaker notes), rows measured, and rows that do not fit the box carried to the next slide
// with the header repeated. The slide titles then say "(2/3)".
import { fit, linesHeight } from './fit';
import type { Box, TableCell, TableShape } from './model';
import { HEADER_FILL, INK, SIZE } from './theme';

export interface Column {
  header: string;
  /** Share of the table's width. */
  weight: number;
  align?: 'left' | 'right' | 'center';
  /** Lines a cell may take before it is cut (default 3). */
  maxLines?: number;
}

export interface Row {
  cells: TableCell[];
  /** What the notes call this row when one of its cells had to be cut ("INI-7"). */
  label: string;
}

export interface TablePage {
  table: TableShape;
  /** Whole texts of the cells shown cut on this page, for the speaker notes. */
  cut: string[];
  /** Indexes of the rows (in the caller's list) this page shows. */
  rows: number[];
}

/** Inches around a cell's text: top, right, bottom, left (pptxgenjs takes them in inches). */
export const CELL_MARGIN: [number, number, number, number] = [0.04, 0.08, 0.04, 0.08];
/** Room for a renderer whose line height is a little taller than estimated. */
const ROW_SLACK = 0.06;

function rowHeight(lines: number, fontPt: number): number {
  return linesHeight(lines, fontPt) + CELL_MARGIN[0] + CELL_MARGIN[2] + ROW_SLACK;
}

interface Measured {
  cells: TableCell[];
  height: number;
  cut: string[];
}

function measure(cells: TableCell[], widths: number[], columns: Column[], fontPt: number, label: string): Measured {
  let lines = 1;
  const cut: string[] = [];
  const shown = cells.map((cell, c) => {
    const inner = widths[c] - CELL_MARGIN[1] - CELL_MARGIN[3];
    const fitted = fit(cell.text, inner, fontPt, columns[c].maxLines ?? 3, cell.bold);
    lines = Math.max(lines, fitted.lines);
    if (fitted.cut) cut.push(`${label} · ${columns[c].header}: ${cell.text}`);
    return { ...cell, text: fitted.text };
  });
  return { cells: shown, height: rowHeight(lines, fontPt), cut };
}

/**
 * Lays `rows` out in tables no taller than `box.h` (the first page may be shorter: `firstHeight`),
 * each with the header row. Always at least one page, so an empty list still shows its header.
 */
export function pagedTable(
  columns: Column[],
  rows: Row[],
  box: Box,
  name: string,
  options: { fontPt?: number; firstHeight?: number; reserveLast?: number } = {},
): TablePage[] {
  const fontPt = options.fontPt ?? SIZE.table;
  const total = columns.reduce((s, c) => s + c.weight, 0);
  const widths = columns.map((c) => Math.round((box.w * c.weight * 1000) / total) / 1000);
  widths[widths.length - 1] = Math.round((box.w - widths.slice(0, -1).reduce((s, w) => s + w, 0)) * 1000) / 1000;
  const header = measure(
    columns.map((c) => ({ text: c.header, bold: true, fill: HEADER_FILL, color: INK, align: c.align })),
    widths,
    columns.map((c) => ({ ...c, maxLines: 2 })),
    fontPt,
    'header',
  );
  const measured = rows.map((r) =>
    measure(
      r.cells.map((cell, c) => ({ align: columns[c].align, ...cell })),
      widths,
      columns,
      fontPt,
      r.label,
    ),
  );
  const page = (shown: number[]): TablePage => {
    const heights = [header.height, ...shown.map((i) => measured[i].height)].map((h) => Math.round(h * 1000) / 1000);
    return {
      table: {
        kind: 'table',
        box: { ...box, h: Math.round(heights.reduce((s, h) => s + h, 0) * 1000) / 1000 },
        columns: widths,
        rows: [header.cells, ...shown.map((i) => measured[i].cells)],
        heights,
        fontPt,
        name,
      },
      cut: shown.flatMap((i) => measured[i].cut),
      rows: shown,
    };
  };
  const pages: TablePage[] = [];
  let at = 0;
  do {
    const room = (pages.length === 0 ? (options.firstHeight ?? box.h) : box.h) - header.height;
    const shown: number[] = [];
    let used = 0;
    // Each page takes at least one row, so a row taller than a page cannot stop the deck.
    while (at < measured.length && (shown.length === 0 || used + measured[at].height <= room)) {
      used += measured[at].height;
      shown.push(at++);
    }
    pages.push(page(shown));
  } while (at < measured.length);
  // A line said below the table needs room on the last page: its last rows move on when it would not fit.
  if (options.reserveLast) {
    const last = pages.pop()!;
    const room = (pages.length === 0 ? (options.firstHeight ?? box.h) : box.h) - options.reserveLast;
    const keep = [...last.rows];
    const moved: number[] = [];
    const height = (rows: number[]) => rows.reduce((s, i) => s + measured[i].height, header.height);
    while (keep.length > 1 && height(keep) > room) moved.unshift(keep.pop()!);
    pages.push(page(keep));
    if (moved.length > 0) pages.push(page(moved));
  }
  return pages;
}

/** "Top risks (2/3)" when a table runs over several slides; the plain title otherwise. */
export function pageTitle(title: string, page: number, pages: number): string {
  return pages > 1 ? `${title} (${page + 1}/${pages})` : title;
}
