// Small pieces the slide builders share: the facts a deck is made from, text boxes that fit, and a
// table slide that continues onto as many slides as its rows need.
import type { ChangeSet, Health, ItemLinks, ItemReport, Report, SlipTrend } from '../../engine';
import type { PortfolioViews } from '../../portfolio';
import { fit, linesHeight, PT } from './fit';
import type { Box, Shape, SlideSpec, TableCell, TextRun, TextShape } from './model';
import type { DeckNumbers } from './numbers';
import { pagedTable, pageTitle, type Column, type Row } from './tables';
import { BODY, healthCell, INK, SIZE, TEXT_INSET_PT } from './theme';

/** Room for the sentence below a table ("and 12 more…"). */
const AFTER_HEIGHT = 0.45;

export interface DeckFacts {
  report: Report;
  changes: ChangeSet;
  links: ItemLinks;
  trends: SlipTrend[];
  items: Map<string, ItemReport>;
  numbers: DeckNumbers;
  /** The workbook's file name, or "3 workbooks" for a portfolio. */
  source: string;
  portfolio?: PortfolioViews;
}

/** A text box of one or more runs; a run too long for the box is cut with "…" and listed in `cut`. */
export function textBox(
  box: Box,
  runs: TextRun[],
  name: string,
  cut: string[],
  extra: Partial<TextShape> = {},
): TextShape {
  // Each paragraph gets the box's height shared by its font size; a run that would need more is cut.
  const paragraphs = runs.filter((r, i) => r.breakAfter || i === runs.length - 1).length;
  const inner = box.w - 2 * TEXT_INSET_PT.x * PT;
  const height = box.h - 2 * TEXT_INSET_PT.y * PT;
  const fitted = runs.map((run) => {
    const maxLines = Math.max(1, Math.floor(height / paragraphs / linesHeight(1, run.fontPt)));
    const f = fit(run.text, inner, run.fontPt, maxLines, run.bold);
    if (f.cut) cut.push(run.text);
    // A run that fits keeps its own spacing (a separator run is only spaces and a dot).
    return { ...run, text: f.cut ? f.text : run.text };
  });
  return { kind: 'text', box, runs: fitted, name, ...extra };
}

export const health = (h: Health): TableCell => ({ text: h, ...healthCell(h) });
export const plain = (text: string | number | null | undefined): TableCell => ({
  text: text === null || text === undefined ? '' : String(text),
});
export const itemText = (item: { id: string; name: string }) => `${item.id} ${item.name}`;

/** Evidence for the notes: an item's drivers and flag messages, one line. */
export function evidence(item: ItemReport): string {
  const why = [...item.drivers, ...item.flags.map((f) => `${f.code}: ${f.message}`)];
  return `${itemText(item)} (${item.health}${item.owner ? `, ${item.owner}` : ''}): ${why.join('; ') || 'no driver recorded'}.`;
}

export interface TableSlides {
  title: string;
  columns: Column[];
  rows: Row[];
  name: string;
  /** Shapes above the table on the first slide (a chart, a sentence), and the height they take. */
  lead?: { shapes: Shape[]; height: number };
  /** Where the table goes; the full body by default. */
  box?: Box;
  /** The notes of a slide, given the indexes of the rows it shows. */
  notes: (rows: number[]) => string[];
  /** Said below the table on the last slide ("and 12 more in the Risks sheet"). */
  after?: string;
}

/** A table over as many slides as it needs, "(2/3)" in the titles, the notes of each slide's rows. */
export function tableSlides(spec: TableSlides): SlideSpec[] {
  const box = spec.box ?? BODY;
  const lead = spec.lead?.height ?? 0;
  const cut: string[] = [];
  if (spec.rows.length === 0 && spec.after) {
    // Nothing to list: the sentence that says so, without an empty table.
    const say = textBox(
      { x: box.x, y: box.y + lead, w: box.w, h: 1 },
      [{ text: spec.after, fontPt: SIZE.body }],
      'Note',
      cut,
    );
    return [
      {
        title: spec.title,
        shapes: [...(spec.lead?.shapes ?? []), say],
        notes: [spec.after, ...spec.notes([]), ...cut.map((t) => `In full: ${t}`)],
      },
    ];
  }
  const afterHeight = spec.after ? AFTER_HEIGHT : 0;
  const pages = pagedTable(spec.columns, spec.rows, box, spec.name, {
    firstHeight: box.h - lead,
    reserveLast: afterHeight,
  });
  return pages.map((page, n) => {
    const shapes: Shape[] = [];
    if (n === 0 && spec.lead) shapes.push(...spec.lead.shapes);
    const top = n === 0 ? box.y + lead : box.y;
    shapes.push({ ...page.table, box: { ...page.table.box, y: top } });
    if (spec.after && n === pages.length - 1) {
      const y = top + page.table.box.h + 0.1;
      shapes.push(
        textBox(
          { x: box.x, y, w: box.w, h: AFTER_HEIGHT - 0.1 },
          [{ text: spec.after, fontPt: SIZE.small, color: INK }],
          'More',
          cut,
        ),
      );
    }
    return {
      title: pageTitle(spec.title, n, pages.length),
      shapes,
      notes: [...spec.notes(page.rows), ...[...page.cut, ...cut.splice(0)].map((t) => `In full: ${t}`)],
    };
  });
}
