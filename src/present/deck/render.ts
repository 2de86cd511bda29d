// The deck model drawn with pptxgenjs: native charts (chart parts with their data, editable in
// PowerPoint), real tables and text, one slide master with a title placeholder (so every slide has
// a title a screen reader announces first) and a footer.
import PptxGenJS from 'pptxgenjs';
import type { ChartShape, SlideSpec, TableShape, TextShape } from './model';
import { CELL_MARGIN } from './tables';
import { ACCENT, FONT, FOOTER_BOX, INK, MUTED, RULE, SIZE, SLIDE, TEXT_INSET_PT, TITLE_BOX } from './theme';

export interface RenderMeta {
  title: string;
  subject: string;
  /** The footer on every slide: what the deck is about and its as-of date. */
  footer: string;
}

const MASTER = 'THROUGHLINE';

type Pptx = InstanceType<typeof PptxGenJS>;
type Slide = ReturnType<Pptx['addSlide']>;

function master(pptx: Pptx, footer: string): void {
  pptx.defineSlideMaster({
    title: MASTER,
    background: { color: 'FFFFFF' },
    objects: [
      {
        line: {
          x: TITLE_BOX.x,
          y: TITLE_BOX.y + TITLE_BOX.h + 0.05,
          w: TITLE_BOX.w,
          h: 0,
          line: { color: ACCENT, width: 1.5 },
        },
      },
      {
        line: {
          x: FOOTER_BOX.x,
          y: FOOTER_BOX.y - 0.05,
          w: SLIDE.w - 2 * FOOTER_BOX.x,
          h: 0,
          line: { color: RULE, width: 0.75 },
        },
      },
      {
        text: {
          text: footer,
          options: { ...FOOTER_BOX, fontFace: FONT, fontSize: SIZE.small, color: MUTED, valign: 'middle', fit: 'none' },
        },
      },
      {
        placeholder: {
          options: {
            name: 'title',
            type: 'title',
            ...TITLE_BOX,
            fontFace: FONT,
            fontSize: SIZE.title,
            bold: true,
            color: INK,
            align: 'left',
            valign: 'bottom',
          },
          text: '',
        },
      },
    ],
    slideNumber: {
      x: SLIDE.w - 0.5 - 0.9,
      y: FOOTER_BOX.y,
      w: 0.9,
      h: FOOTER_BOX.h,
      fontFace: FONT,
      fontSize: SIZE.small,
      color: MUTED,
      align: 'right',
    },
  });
}

function addText(slide: Slide, shape: TextShape): void {
  const runs = shape.runs.map((r) => ({
    text: r.text,
    options: { bold: r.bold ?? false, color: r.color ?? INK, fontSize: r.fontPt, breakLine: r.breakAfter ?? false },
  }));
  slide.addText(runs, {
    ...shape.box,
    fontFace: FONT,
    fill: shape.fill ? { color: shape.fill } : undefined,
    align: shape.align ?? 'left',
    valign: shape.valign ?? 'top',
    margin: [TEXT_INSET_PT.y, TEXT_INSET_PT.x, TEXT_INSET_PT.y, TEXT_INSET_PT.x],
    fit: 'none',
    wrap: true,
    objectName: shape.name,
  });
}

function addTable(slide: Slide, shape: TableShape): void {
  const rows = shape.rows.map((row) =>
    row.map((cell) => ({
      text: cell.text,
      options: {
        bold: cell.bold ?? false,
        color: cell.color ?? INK,
        fill: cell.fill ? { color: cell.fill } : undefined,
        align: cell.align ?? 'left',
      },
    })),
  );
  slide.addTable(rows, {
    x: shape.box.x,
    y: shape.box.y,
    w: shape.box.w,
    colW: shape.columns,
    rowH: shape.heights,
    fontFace: FONT,
    fontSize: shape.fontPt,
    valign: 'top',
    margin: CELL_MARGIN,
    border: { type: 'solid', pt: 0.75, color: RULE },
    autoPage: false,
    objectName: shape.name,
  });
}

/** An Excel format code whose zero section is empty. */
const zeroBlank = (code: string) => `${code};-${code};""`;

function addChart(pptx: Pptx, slide: Slide, shape: ChartShape): void {
  const common = {
    ...shape.box,
    altText: shape.altText,
    objectName: shape.name,
    chartColors: shape.colors,
    showLegend: true,
    legendPos: 'b' as const,
    legendFontSize: SIZE.small,
    legendFontFace: FONT,
    legendColor: INK,
    dataLabelFontSize: SIZE.small,
    dataLabelFontFace: FONT,
    catAxisLabelFontSize: SIZE.small,
    catAxisLabelFontFace: FONT,
    catAxisLabelColor: INK,
    valAxisLabelFontSize: SIZE.small,
    valAxisLabelFontFace: FONT,
    valAxisLabelColor: MUTED,
    titleFontSize: SIZE.body,
  };
  const series = shape.series.map((s) => ({ ...s, values: s.values as number[] }));
  if (shape.type === 'doughnut') {
    slide.addChart(pptx.ChartType.doughnut, series, {
      ...common,
      holeSize: 55,
      showValue: true,
      showPercent: false,
      dataLabelColor: 'FFFFFF',
      dataLabelFontBold: true,
      dataLabelFontSize: SIZE.body,
    });
  } else if (shape.type === 'bar') {
    // Horizontal bars are drawn from the bottom up: the data goes in reversed so the first row is on top.
    const upward = series
      .map((s) => ({ ...s, labels: [...s.labels].reverse(), values: [...s.values].reverse() }))
      .reverse();
    slide.addChart(pptx.ChartType.bar, upward, {
      ...common,
      chartColors: [...shape.colors].reverse(),
      barDir: 'bar',
      barGrouping: 'clustered',
      barGapWidthPct: 60,
      valAxisLabelFormatCode: shape.formatCode ?? '#,##0',
      // A bar of nothing gets no label ("$0.0M at risk" reads as a figure); the axis still shows its zero.
      dataLabelFormatCode: zeroBlank(shape.formatCode ?? '#,##0'),
      showValue: true,
      dataLabelPosition: 'outEnd',
      dataLabelColor: INK,
      valGridLine: { color: RULE, size: 0.5 },
    });
  } else {
    slide.addChart(pptx.ChartType.line, series, {
      ...common,
      lineSize: 2,
      lineDataSymbol: 'circle',
      lineDataSymbolSize: 8,
      displayBlanksAs: 'span',
      showValAxisTitle: Boolean(shape.valueTitle),
      valAxisTitle: shape.valueTitle,
      valAxisTitleFontSize: SIZE.small,
      valAxisTitleColor: MUTED,
      valGridLine: { color: RULE, size: 0.5 },
    });
  }
}

/** The slides as a .pptx package (pptxgenjs's own zip; package.ts tidies it). */
export async function renderDeck(slides: SlideSpec[], meta: RenderMeta): Promise<Uint8Array> {
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_WIDE';
  pptx.author = 'Throughline';
  pptx.company = '';
  pptx.title = meta.title;
  pptx.subject = meta.subject;
  pptx.theme = { headFontFace: FONT, bodyFontFace: FONT };
  master(pptx, meta.footer);
  for (const spec of slides) {
    const slide = pptx.addSlide({ masterName: MASTER });
    // The title first: it is the first thing a screen reader reads, and the slide's name in PowerPoint.
    slide.addText(spec.title, {
      placeholder: 'title',
      fontFace: FONT,
      fontSize: spec.titlePt ?? SIZE.title,
      bold: true,
      color: INK,
      align: 'left',
    });
    for (const shape of spec.shapes) {
      if (shape.kind === 'text') addText(slide, shape);
      else if (shape.kind === 'table') addTable(slide, shape);
      else addChart(pptx, slide, shape);
    }
    slide.addNotes(spec.notes.join('\n'));
  }
  const out = await pptx.write({ outputType: 'uint8array', compression: true });
  return out as Uint8Array;
}
