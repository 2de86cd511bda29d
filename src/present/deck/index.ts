// The board pack: the status report as an editable PowerPoint deck, made from the same refresh result
// as the HTML report. `boardPackSlides` decides every slide (plain data, testable); `boardPackPptx`
// draws them with pptxgenjs. Making a deck reads the result only: the workbook is never touched.
import type { ChangeSet, ItemLinks, MoneyFormat, Report, SlipTrend } from '../../engine';
import type { PortfolioViews } from '../../portfolio';
import { fit, textWidth } from './fit';
import type { SlideSpec } from './model';
import { deckNumbers } from './numbers';
import { tidyPackage } from './package';
import type { DeckFacts } from './parts';
import { renderDeck } from './render';
import { headlineSlide, objectivesSlides, streamsSlide, trendSlide } from './slides-overview';
import { matrixSlides, teamsSlides } from './slides-portfolio';
import { appendixSlides, changesSlides } from './slides-record';
import { dependencySlides, ownersSlides, topRisksSlides } from './slides-risks';
import { FOOTER_BOX, SIZE, TITLE_BOX } from './theme';

export type { SlideSpec } from './model';

export interface BoardPackInput {
  report: Report;
  changes: ChangeSet;
  links: ItemLinks;
  trends: SlipTrend[];
}

export interface BoardPackOptions {
  /** What the deck is about: the workbook's file name, or "3 workbooks". */
  source: string;
  /** ISO date the deck was made (the host's clock; tests fix it). */
  generated: string;
  /** The workbook's currency, from the number format of its Value at Stake (null: plain numbers). */
  money?: MoneyFormat | null;
  /** The reader's language for numbers ("de-DE"); the host's default when absent. */
  locale?: string;
  /** A portfolio's views across its members. */
  portfolio?: PortfolioViews;
}

/** A title wider than its box is set smaller on two lines; one that still does not fit is cut, whole in the notes. */
function fitTitle(spec: SlideSpec): SlideSpec {
  const width = TITLE_BOX.w - 0.2;
  if (textWidth(spec.title, SIZE.title, true) <= width) return spec;
  const smaller = fit(spec.title, width, 20, 2, true);
  return {
    ...spec,
    title: smaller.text,
    titlePt: 20,
    notes: smaller.cut ? [`Title in full: ${spec.title}`, ...spec.notes] : spec.notes,
  };
}

export function boardPackSlides(input: BoardPackInput, options: BoardPackOptions): SlideSpec[] {
  const facts: DeckFacts = {
    ...input,
    items: new Map(input.report.items.map((i) => [i.id, i])),
    numbers: deckNumbers(options.money ?? null, options.locale),
    source: options.source,
    portfolio: options.portfolio,
  };
  const views = options.portfolio;
  const slides: SlideSpec[] = [
    headlineSlide(facts, options.generated),
    ...(views ? [...teamsSlides(facts, views), ...matrixSlides(facts, views)] : []),
    ...objectivesSlides(facts),
    ...topRisksSlides(facts),
    ...dependencySlides(facts),
    streamsSlide(facts),
    ...changesSlides(facts),
    ...[trendSlide(facts)].filter((s): s is SlideSpec => s !== null),
    ...ownersSlides(facts),
    ...appendixSlides(facts),
  ];
  return slides.map(fitTitle);
}

export interface BoardPack {
  /** The .pptx package. */
  data: Uint8Array;
  slides: number;
}

/** "plan.xlsx · as of 2026-06-30 · Throughline"; a long workbook name ends in "…", the date stays whole. */
function footerText(source: string, asOf: string): string {
  const tail = ` · as of ${asOf} · Throughline`;
  const room = FOOTER_BOX.w - 0.2 - textWidth(tail, SIZE.small);
  return `${fit(source, room, SIZE.small, 1).text}${tail}`;
}

export async function boardPackPptx(input: BoardPackInput, options: BoardPackOptions): Promise<BoardPack> {
  const slides = boardPackSlides(input, options);
  const raw = await renderDeck(slides, {
    title: `Board pack · ${options.source} · as of ${input.report.asOf}`,
    subject: 'Strategy execution status, made by Throughline',
    footer: footerText(options.source, input.report.asOf),
  });
  return { data: tidyPackage(raw, options.generated), slides: slides.length };
}

export function deckFileName(source: string): string {
  return `${source.replace(/\.xls[xm]$/i, '') || 'workbook'}.board-pack.pptx`;
}
