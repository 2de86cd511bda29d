// The board pack opened as the package it is: slides, native chart parts, notes, alt text, font sizes
// and bounds, with the example's figures checked by hand against the workbook.
import { mkdtempSync } from 'node:fs';
import { XMLValidator } from 'fast-xml-parser';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { moneyFormatOf, refresh, type RefreshResult } from '../../src/engine';
import { openXlsxFile } from '../../src/io/node/xlsx-file';
import { numberFormatAt } from '../../src/io/xlsx/number-format';
import { boardPackPptx, boardPackSlides, deckFileName, type BoardPackOptions } from '../../src/present/deck';
import { fit, wrap } from '../../src/present/deck/fit';
import { BODY, SLIDE } from '../../src/present/deck/theme';
import { fontSizes, openDeck, rects, SLIDE_EMU, writeLongWorkbook } from '../support/deck';
import { day } from '../support/snapshot';

const ROOT = path.join(__dirname, '../..');
let example: RefreshResult;
let options: BoardPackOptions;

beforeAll(async () => {
  const port = await openXlsxFile(path.join(ROOT, 'examples/rollout.xlsx'));
  example = refresh(await port.read(), { today: day('2026-06-30') });
  options = {
    source: 'rollout.xlsx',
    generated: '2026-06-30',
    money: moneyFormatOf(numberFormatAt(port, example.moneyCells[0])),
    locale: 'en-US',
  };
});

describe('the example deck', () => {
  let deck: ReturnType<typeof openDeck>;
  beforeAll(async () => {
    deck = openDeck((await boardPackPptx(example, options)).data);
  });

  test('has the slides of the issue, in order, a table that continues saying (1/2) and (2/2)', () => {
    expect(deck.slides.map((s) => s.title)).toEqual([
      'Board pack',
      'Objectives by health',
      'Top risks by value exposed (1/2)',
      'Top risks by value exposed (2/2)',
      'Dependency risks',
      'Value at risk by revenue stream',
      'What changed since the last refresh',
      'Milestone trend of the top slipping initiatives',
      'Owners to chase (1/2)',
      'Owners to chase (2/2)',
      'Appendix: data errors and stale items',
    ]);
  });

  test('the headline: 5 Red · 1 Amber · 1 Green, value in the workbook’s dollars, 18 items to review', () => {
    const text = deck.slides[0].texts.join('');
    expect(text).toContain('rollout.xlsx · as of 2026-06-30');
    expect(text).toContain('5 Red · 1 Amber · 1 Green');
    expect(deck.slides[0].texts).toEqual(expect.arrayContaining(['$12.5M', '$7.3M', '18']));
    expect(text).toContain('18 flagged (2 stale), 0 data errors');
    expect(text).toContain('Largest exposure: INI-1 Sign ERP licence and hosting contract, Red, $7.3M');
    expect(deck.slides[0].notes).toContain('Value at stake $12,500,000; at risk $7,300,000');
  });

  test('three native charts, each an editable chart part with its data and alt text', () => {
    const charts = deck.names.filter((n) => /^ppt\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(3);
    expect(deck.names.filter((n) => /^ppt\/embeddings\/.+\.xlsx$/.test(n))).toHaveLength(3);
    expect(deck.names.some((n) => n.startsWith('ppt/media/'))).toBe(false);
    const [doughnut] = deck.slides[1].charts;
    expect(doughnut).toContain('<c:doughnutChart>');
    expect([...doughnut.matchAll(/<c:v>([^<]*)<\/c:v>/g)].map((m) => m[1])).toEqual(
      expect.arrayContaining(['Red', 'Amber', 'Green', '5', '1']),
    );
    const streams = deck.slides[5].charts[0];
    expect(streams).toContain('<c:barChart>');
    expect(streams).toContain('formatCode="&quot;$&quot;#,##0.0,,&quot;M&quot;"');
    expect(streams).toContain(
      'formatCode="&quot;$&quot;#,##0.0,,&quot;M&quot;;-&quot;$&quot;#,##0.0,,&quot;M&quot;;&quot;&quot;"',
    );
    for (const slide of deck.slides) {
      for (const frame of slide.xml.match(/<p:graphicFrame>[^]*?<\/p:graphicFrame>/g) ?? []) {
        if (!frame.includes('/chart"')) continue;
        expect(/descr="([^"]{20,})"/.test(frame)).toBe(true);
      }
    }
    expect(deck.slides[1].xml).toContain('descr="Doughnut chart of objectives by health: 5 Red, 1 Amber, 1 Green."');
  });

  test('top risks: root causes first, reported against computed, days late, value and objectives reached', () => {
    const t = deck.slides[2].texts;
    const at = t.indexOf('INI-1 Sign ERP licence and hosting contract');
    expect(t.slice(at, at + 6)).toEqual([
      'INI-1 Sign ERP licence and hosting contract',
      'M. Okafor',
      'Green → Red',
      '56',
      '$7.3M',
      'OBJ-1, OBJ-2, OBJ-4, OBJ-5, OBJ-7',
    ]);
    expect(t.indexOf('INI-1 Sign ERP licence and hosting contract')).toBeLessThan(
      t.indexOf('INI-4 Data migration tooling and dry runs'),
    );
    expect(deck.slides[2].notes).toContain('overdue: Due 2026-05-15 has passed and it is 80% complete');
    expect(deck.slides[2].notes).toContain('status-contradicts-data');
  });

  test('dependency risks: links at risk worst first, with slack and the promise behind each', () => {
    const t = deck.slides[4].texts;
    const row = (first: string) => t.slice(t.indexOf(first), t.indexOf(first) + 6);
    // INI-4 pushes INI-6 by 68 days (slack −68): the least slack of the Red links, so first.
    expect(t.indexOf('INI-4 Data migration tooling and dry runs')).toBeLessThan(
      t.indexOf('INI-1 Sign ERP licence and hosting contract'),
    );
    expect(row('INI-4 Data migration tooling and dry runs').slice(0, 4)).toEqual([
      'INI-4 Data migration tooling and dry runs',
      'Red',
      'INI-6 EMEA billing cut-over',
      '−68 d',
    ]);
    // The broken promise: licences committed for 15 June, needed by 20 June, forecast later.
    const promised = row('INI-1 Sign ERP licence and hosting contract');
    expect(promised.slice(0, 4)).toEqual([
      'INI-1 Sign ERP licence and hosting contract',
      'Red',
      'INI-3 Build billing integration (ERP to CRM)',
      '−18 d',
    ]);
    expect(promised[4]).toMatch(/^committed 2026-06-15 · forecast 2026-07-\d\d$/);
    expect(deck.slides[4].notes).toContain(
      'Committed · needed by 2026-06-20 · committed 2026-06-15 · forecast 2026-07-',
    );
    expect(deck.slides[4].notes).toContain('commitment-at-risk');
    expect(deck.slides[4].notes).toContain('INI-4 → INI-6: slack −68 days');
  });

  test('the milestone trend is a line chart of INI-1’s check-ins; owners to chase say what each owes', () => {
    const line = deck.slides[7].charts[0];
    expect(line).toContain('<c:lineChart>');
    expect(line).toContain('2026-02-28');
    expect(deck.slides[7].notes).toContain(
      'INI-1 Sign ERP licence and hosting contract (Due 2026-05-15): 2026-02-01 0 d (plan), 2026-02-28 +32 d (pace)',
    );
    expect(deck.slides[8].texts.slice(5, 9)).toEqual([
      'K. Tan',
      'KPI-4 APAC partners signed',
      'Red',
      'a current figure and the date it was true on; what you know that the numbers do not show, or a corrected status',
    ]);
    expect(deck.slides[10].texts).toContain('KPI-4 APAC partners signed');
  });

  test('every slide has speaker notes; no font under 12 pt; every shape inside the slide, none over another', () => {
    for (const slide of deck.slides) {
      expect(slide.notes.length).toBeGreaterThan(20);
      for (const part of [slide.xml, ...slide.charts])
        expect(Math.min(...fontSizes(part))).toBeGreaterThanOrEqual(1200);
      const placed = rects(slide.xml);
      for (const r of placed) {
        expect(r.x).toBeGreaterThanOrEqual(0);
        expect(r.y).toBeGreaterThanOrEqual(0);
        expect(r.x + r.cx).toBeLessThanOrEqual(SLIDE_EMU.cx);
        expect(r.y + r.cy).toBeLessThanOrEqual(SLIDE_EMU.cy);
      }
      for (const a of placed)
        for (const b of placed) {
          if (a === b) continue;
          const apart = a.x + a.cx <= b.x || b.x + b.cx <= a.x || a.y + a.cy <= b.y || b.y + b.cy <= a.y;
          expect({ a: a.name, b: b.name, apart }).toEqual({ a: a.name, b: b.name, apart: true });
        }
    }
    expect(deck.text('ppt/presentation.xml')).toContain('<p:sldSz cx="12192000" cy="6858000"/>');
  });

  test('the package holds together: every part is well-formed XML, every relationship and content type names a part in it', async () => {
    // Not the process's first deck: pptxgenjs's chart counter has moved on, and the parts are renumbered.
    const deck = openDeck((await boardPackPptx(example, options)).data);
    for (const name of deck.names.filter((n) => /\.(xml|rels)$/.test(n)))
      expect({ name, valid: XMLValidator.validate(deck.text(name)) }).toEqual({ name, valid: true });
    for (const rels of deck.names.filter((n) => n.endsWith('.rels'))) {
      const base = path.posix.dirname(path.posix.dirname(rels));
      for (const m of deck.text(rels).matchAll(/Target="([^"]+)"(?: TargetMode="(\w+)")?/g)) {
        if (m[2] === 'External') continue;
        const target = m[1].startsWith('/') ? m[1].slice(1) : path.posix.normalize(`${base}/${m[1]}`);
        expect({ rels, target, present: deck.names.includes(target) }).toEqual({ rels, target, present: true });
      }
    }
    for (const m of deck.text('[Content_Types].xml').matchAll(/PartName="\/([^"]+)"/g))
      expect({ part: m[1], present: deck.names.includes(m[1]) }).toEqual({ part: m[1], present: true });
  });

  test('the title is each slide’s first shape (reading order), and the document’s dates are the day it was made', () => {
    for (const slide of deck.slides) {
      const first = /<p:(sp|graphicFrame)>[^]*?<\/p:\1>/.exec(slide.xml)![0];
      expect(first).toMatch(/<p:ph\s[^>]*type="title"/);
    }
    expect(deck.text('docProps/core.xml')).toContain(
      '<dcterms:created xsi:type="dcterms:W3CDTF">2026-06-30T00:00:00Z</dcterms:created>',
    );
  });
});

test('the same result makes the same bytes', async () => {
  const a = await boardPackPptx(example, options);
  const b = await boardPackPptx(example, options);
  expect(Buffer.compare(Buffer.from(a.data), Buffer.from(b.data))).toBe(0);
});

test('a long workbook name ends in “…” in the footer and on the headline, the date whole, the name whole in the notes', async () => {
  const source =
    'Strategy execution tracker for the EMEA and APAC order-to-cash programme and the finance transformation, ' +
    'wave 3, final version as reviewed by the PMO and the steering committee, do not edit.xlsx';
  const deck = openDeck((await boardPackPptx(example, { ...options, source })).data);
  const layouts = deck.names.filter((n) => /^ppt\/slideLayouts\/slideLayout\d+\.xml$/.test(n)).map(deck.text);
  const footer = layouts.flatMap((x) => [...x.matchAll(/<a:t>([^<]*· Throughline)<\/a:t>/g)].map((m) => m[1]));
  expect(footer).toHaveLength(1);
  expect(footer[0]).toMatch(/^Strategy execution tracker .*… · as of 2026-06-30 · Throughline$/);
  const subtitle = deck.slides[0].texts.find((t) => t.startsWith('Strategy execution tracker'))!;
  expect(subtitle.endsWith('…')).toBe(true);
  expect(deck.slides[0].notes).toContain(`In full: ${source} · as of 2026-06-30`);
});

test('numbers follow the reader’s language, money the workbook’s currency', async () => {
  const deck = openDeck((await boardPackPptx(example, { ...options, locale: 'de-DE' })).data);
  const first = deck.slides[1 - 1].texts;
  expect(first.some((t) => /^\$12,5\sMio\.$/.test(t))).toBe(true);
  expect(deck.slides[1].texts).toContain('54\u00a0% / 57\u00a0%');
  const plain = openDeck((await boardPackPptx(example, { ...options, money: null })).data);
  expect(plain.slides[0].texts).toContain('12.5M');
});

describe('long names and long tables', () => {
  let result: RefreshResult;
  let money: BoardPackOptions['money'];
  beforeAll(async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'throughline-deck-')), 'long.xlsx');
    writeLongWorkbook(file);
    const port = await openXlsxFile(file);
    result = refresh(await port.read(), { today: day('2026-06-30') });
    money = moneyFormatOf(numberFormatAt(port, result.moneyCells[0]));
  });

  test('names wrap or end in “…” with the whole text in the notes; tables continue (1/3) (2/3) (3/3)', () => {
    const slides = boardPackSlides(result, { source: 'long.xlsx', generated: '2026-06-30', money, locale: 'en-US' });
    const risks = slides.filter((s) => s.title.startsWith('Top risks by value exposed'));
    expect(risks.map((s) => s.title)).toEqual(
      risks.map((_, i) => `Top risks by value exposed (${i + 1}/${risks.length})`),
    );
    expect(risks.length).toBeGreaterThanOrEqual(2);
    const cells = risks.flatMap((s) => s.shapes.flatMap((sh) => (sh.kind === 'table' ? sh.rows.slice(1) : [])));
    expect(cells).toHaveLength(15);
    expect(cells[0][0].text.endsWith('…')).toBe(true);
    expect(risks[0].notes.join('\n')).toMatch(
      /In full: INI-\d+ · Item: INI-\d+ Workstream \d+: migrate the legacy subledger interfaces, reconcile opening balances, retrain the shared-service team and decommission the old tooling in wave \d+/,
    );
    expect(
      risks[risks.length - 1].shapes.some((s) => s.kind === 'text' && s.runs[0].text.startsWith('and 30 more risks')),
    ).toBe(true);
    const objectives = slides.find((s) => s.title === 'Objectives by health')!;
    expect(objectives.notes.join('\n')).toContain('Consolidate every regional ledger');
    for (const s of slides)
      for (const shape of s.shapes) {
        expect(shape.box.x + shape.box.w).toBeLessThanOrEqual(SLIDE.w + 1e-9);
        expect(shape.box.y + shape.box.h).toBeLessThanOrEqual(BODY.y + BODY.h + 1e-9);
        if (shape.kind === 'table') expect(shape.heights.reduce((a, h) => a + h, 0)).toBeCloseTo(shape.box.h, 2);
      }
  });

  test('money in the workbook’s euros', async () => {
    const deck = openDeck(
      (await boardPackPptx(result, { source: 'long.xlsx', generated: '2026-06-30', money, locale: 'en-US' })).data,
    );
    expect(deck.slides[0].texts).toContain('5.7M €');
  });
});

test.each([
  ['a short name', 'Billing', 1, 'Billing'],
  ['a cut at a word, ended with …', 'one two three four five six seven eight nine ten', 1, 'one two three…'],
])('fit: %s', (_what, text, lines, expected) => {
  expect(fit(text, 1.5, 12, lines).text).toBe(expected);
});

test('wrap breaks a word longer than the line', () => {
  const lines = wrap('INI-'.padEnd(80, 'X'), 1, 12);
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.join('')).toBe('INI-'.padEnd(80, 'X'));
});

test('the file name follows the workbook’s', () => {
  expect(deckFileName('Rollout plan.xlsx')).toBe('Rollout plan.board-pack.pptx');
  expect(deckFileName('')).toBe('workbook.board-pack.pptx');
});
