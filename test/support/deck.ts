// Opens a .pptx as the package it is, for tests: slides in order with their notes and chart parts,
// and the few facts the board pack promises (bounds, font sizes, alt text) read straight from the XML.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { strFromU8, unzipSync } from 'fflate';

/** LAYOUT_WIDE, 13.333 × 7.5 in, in EMU. */
export const SLIDE_EMU = { cx: 12_192_000, cy: 6_858_000 };

export interface DeckSlide {
  xml: string;
  notes: string;
  /** The text of the title placeholder. */
  title: string;
  /** Every text run on the slide, in document order. */
  texts: string[];
  charts: string[];
}

export interface Rect {
  name: string;
  x: number;
  y: number;
  cx: number;
  cy: number;
}

const texts = (xml: string) => [...xml.matchAll(/<a:t>([^<]*)<\/a:t>/g)].map((m) => unescape(m[1]));
const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

export function openDeck(data: Uint8Array) {
  const files = unzipSync(data);
  const text = (name: string) => strFromU8(files[name]);
  const rels = (part: string) => {
    const dir = path.posix.dirname(part);
    const relsName = `${dir}/_rels/${path.posix.basename(part)}.rels`;
    if (!files[relsName]) return [];
    // A target is relative to the part's folder, or absolute from the package root (pptxgenjs writes charts so).
    return [...text(relsName).matchAll(/Target="([^"]+)"/g)].map((m) =>
      m[1].startsWith('/') ? m[1].slice(1) : path.posix.normalize(`${dir}/${m[1]}`),
    );
  };
  const order = [
    ...text('ppt/_rels/presentation.xml.rels').matchAll(/Id="(rId\d+)"[^>]*Target="(slides\/slide\d+\.xml)"/g),
  ];
  const ids = [...text('ppt/presentation.xml').matchAll(/<p:sldId [^>]*r:id="(rId\d+)"/g)].map((m) => m[1]);
  const target = new Map(order.map((m) => [m[1], `ppt/${m[2]}`]));
  const slides: DeckSlide[] = ids.map((id) => {
    const part = target.get(id)!;
    const xml = text(part);
    const linked = rels(part);
    const notesPart = linked.find((p) => p.includes('notesSlide'));
    const title = /<p:ph\s[^>]*type="title"[^]*?<\/p:sp>/.exec(xml)?.[0] ?? '';
    return {
      xml,
      notes: notesPart ? texts(text(notesPart)).join('\n') : '',
      title: texts(title).join(''),
      texts: texts(xml),
      charts: linked.filter((p) => p.startsWith('ppt/charts/')).map(text),
    };
  });
  return { files, names: Object.keys(files), slides, text };
}

/** Each placed shape's rectangle (a title placeholder without its own position is left out). */
export function rects(xml: string): Rect[] {
  const out: Rect[] = [];
  for (const m of xml.matchAll(/<p:(sp|graphicFrame|pic)>([^]*?)<\/p:\1>/g)) {
    const name = /<p:cNvPr [^>]*name="([^"]*)"/.exec(m[2])?.[1] ?? '';
    const off = /<a:off x="(-?\d+)" y="(-?\d+)"\/>\s*<a:ext cx="(\d+)" cy="(\d+)"\/>/.exec(m[2]);
    if (off) out.push({ name, x: +off[1], y: +off[2], cx: +off[3], cy: +off[4] });
  }
  return out;
}

/** Point sizes (in hundredths) of every run and default run in a part. */
export function fontSizes(xml: string): number[] {
  return [...xml.matchAll(/<a:(?:rPr|defRPr|endParaRPr)\b[^>]*\bsz="(\d+)"/g)].map((m) => Number(m[1]));
}

/** Converts decks to PDF with LibreOffice Impress in a private profile; returns each PDF's page count. */
export function renderPages(decks: string[], outDir: string): number[] {
  execFileSync(
    'soffice',
    [
      `-env:UserInstallation=file://${outDir}/lo-profile`,
      '--headless',
      '--convert-to',
      'pdf',
      '--outdir',
      outDir,
      ...decks,
    ],
    { stdio: 'ignore', timeout: 180_000 },
  );
  return decks.map((d) => {
    const pdf = path.join(outDir, `${path.basename(d, '.pptx')}.pdf`);
    const info = execFileSync('pdfinfo', [pdf]).toString();
    return Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
  });
}

/** Text of one PDF page, as poppler reads it. */
export function pdfPageText(pdf: string, page: number): string {
  return execFileSync('pdftotext', ['-f', String(page), '-l', String(page), '-layout', pdf, '-']).toString();
}

/**
 * A workbook whose names are far too long for a slide and whose risks fill several, written with
 * openpyxl as a user's script would: 2 objectives, 45 late initiatives, Value at Stake in euros.
 */
export function writeLongWorkbook(file: string): void {
  const script = `
import openpyxl, datetime, sys
wb = openpyxl.Workbook()
ws = wb.active
ws.title = 'Objectives'
ws.append(['ID', 'Objective', 'Parent', 'Owner', 'Weight', 'Value at Stake', 'Revenue Stream', 'Due'])
long = 'Consolidate every regional ledger, billing engine and revenue recognition rule into one governed platform without disrupting month-end close'
ws.append(['OBJ-1', long, None, 'Chief Financial Officer of the Northern and Southern European Region', 1, 4200000, 'European Enterprise Subscriptions and Professional Services', datetime.date(2026, 12, 31)])
ws.append(['OBJ-2', 'Harmonise the chart of accounts across all legal entities', None, 'Group Controller', 1, 1500000, 'Group', datetime.date(2026, 9, 30)])
for r in (2, 3):
    ws.cell(row=r, column=6).number_format = '#,##0 "€"'
it = wb.create_sheet('Initiatives')
it.append(['ID', 'Name', 'Objective', 'Owner', 'Start', 'Due', '% Complete', 'Status', 'Last Updated'])
for n in range(1, 46):
    name = f'Workstream {n}: migrate the legacy subledger interfaces, reconcile opening balances, retrain the shared-service team and decommission the old tooling in wave {n}'
    it.append([f'INI-{n}', name, 'OBJ-1' if n % 3 else 'OBJ-2', f'Programme Manager {n} (interim, covering two regions)',
               datetime.date(2026, 1, 1), datetime.date(2026, 5, 1) + datetime.timedelta(days=n), 0.3, 'Green', datetime.date(2026, 6, 20)])
wb.save(sys.argv[1])
`;
  const py = `${file}.py`;
  writeFileSync(py, script);
  execFileSync('/usr/bin/python3', [py, file], { stdio: 'pipe' });
}

/** The tables on a slide: rows of cell texts (a cell's paragraphs joined), header row first. */
export function tables(xml: string): string[][][] {
  return [...xml.matchAll(/<a:tbl>([^]*?)<\/a:tbl>/g)].map((t) =>
    [...t[1].matchAll(/<a:tr\b[^>]*>([^]*?)<\/a:tr>/g)].map((r) =>
      [...r[1].matchAll(/<a:tc\b[^>]*>([^]*?)<\/a:tc>/g)].map((c) => texts(c[1]).join('')),
    ),
  );
}
