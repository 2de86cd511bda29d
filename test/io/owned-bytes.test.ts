// The owned sheets' cells and links written straight into bytes (cell-bytes.ts, ByteWriter.putXmlText,
// owned-sheet.ts's link writer) are byte for byte what the general string path writes: escapeXml and
// cellXml for any text (markup, controls, OOXML escapes, non-ASCII, surrogates alone or paired, formula
// signs, the 32,767-character cell), and the hyperlink elements the sheet's links made as an array.
import fc from 'fast-check';
import { ByteWriter, XML_TEXT_ROOM } from '../../src/io/ooxml/byte-writer';
import { CellMarkup, RowNumber } from '../../src/io/ooxml/cell-bytes';
import { cellXml, type PlainValue } from '../../src/io/ooxml/cell-xml';
import { escapeXml } from '../../src/io/ooxml/xml';
import { worksheetChunks, type NewSheet, type RowBuffer } from '../../src/io/ooxml/worksheet-new';
import { ownedLayout, type OwnedStyles, type SheetPlanLike } from '../../src/io/xlsx/owned-sheet';
import { a1, columnLetters } from '../../src/cells';
import type { ExternalLink, OutValue, SheetLink } from '../../src/engine';

const decode = (b: Uint8Array) => new TextDecoder().decode(b);
const utf8 = (s: string) => decode(new TextEncoder().encode(s));

/** Pieces that make text awkward to escape, joined at random. */
const piece = fc.constantFrom(
  'a',
  'Z',
  ' ',
  '\n',
  '\t',
  '\r',
  '&',
  '<',
  '>',
  '"',
  "'",
  '!',
  '=',
  '+',
  '-',
  '@',
  '_',
  'x',
  '_x',
  '_x0041_',
  '_x00e9_',
  '_X0041_',
  '_x004G_',
  '0041_',
  '\u0000',
  '\u0001',
  '\u000b',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u00a0',
  'é',
  'ß',
  '→',
  '\u07ff',
  '\u0800',
  '\ud7ff',
  '\ue000',
  '\ufeff',
  '\ufffd',
  '\ufffe',
  '\uffff',
  '😀',
  '\ud83d',
  '\ude00',
  '\udbff\udfff',
);
const awkward = fc.array(piece, { maxLength: 16 }).map((parts) => parts.join(''));
const text = fc.oneof(awkward, fc.string({ maxLength: 40 }), fc.string({ unit: 'binary', maxLength: 40 }));

describe('putXmlText', () => {
  test('writes escapeXml(text) as UTF-8, for any text', () => {
    fc.assert(
      fc.property(text, (s) => {
        const out = new ByteWriter();
        out.xmlText(s);
        expect(decode(out.take())).toBe(utf8(escapeXml(s)));
        // Byte for byte, not only after decoding (TextDecoder would hide a wrong replacement byte).
        const again = new ByteWriter();
        again.xmlText(s);
        expect(Buffer.from(again.take())).toEqual(Buffer.from(new TextEncoder().encode(escapeXml(s))));
      }),
      { numRuns: 2000 },
    );
  });

  test('writes escapeXml(text) for long text too, where the encoder goes first and the loop takes over', () => {
    // 16 code units and more take the encoder; an awkward piece anywhere sends the text back to the loop.
    const long = fc
      .tuple(fc.string({ minLength: 16, maxLength: 60 }), awkward, fc.string({ maxLength: 20 }), awkward)
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(fc.oneof(long, fc.string({ unit: 'binary', minLength: 16, maxLength: 80 })), (s) => {
        const out = new ByteWriter();
        out.ascii('<t>');
        out.xmlText(s);
        out.ascii('</t>');
        expect(Buffer.from(out.take())).toEqual(Buffer.from(new TextEncoder().encode(`<t>${escapeXml(s)}</t>`)));
      }),
      { numRuns: 3000 },
    );
  });

  test.each([
    [
      'long plain text, the encoder kept',
      'reported Green but the data says Red',
      'reported Green but the data says Red',
    ],
    ['long text with markup at its end', 'a long text of twenty & more', 'a long text of twenty &amp; more'],
    ['long text with a literal escape', 'a long text with a_x0041_b in it', 'a long text with a_x005F_x0041_b in it'],
    ['long text with U+FFFF', 'a long text ending in \uffff', 'a long text ending in _xFFFF_'],
    ['long text with a letter ending in BF', 'a long text with ſ and ¾ in it', 'a long text with ſ and ¾ in it'],
    ['long text with a surrogate alone', 'a long text with \ud83d alone', 'a long text with \ufffd alone'],
    ['long text with a control character', 'a long text with \u0001 in it', 'a long text with _x0001_ in it'],
    ['plain', 'Red health', 'Red health'],
    ['markup', 'R&D <"core">', 'R&amp;D &lt;&quot;core&quot;&gt;'],
    ['a literal escape, protected', 'a_x0041_b', 'a_x005F_x0041_b'],
    ['escapes in a row, taken without overlap', '_x0041_x0042_', '_x005F_x0041_x0042_'],
    ['two escapes apart', '_x0041__x0042_', '_x005F_x0041__x005F_x0042_'],
    ['a control character', 'a\u0001b', 'a_x0001_b'],
    ['a control character after an underscore', '_\u0001', '__x0001_'],
    ['U+FFFE and U+FFFF', '\ufffe\uffff', '_xFFFE__xFFFF_'],
    ['tab, line feed, carriage return kept', 'a\tb\nc\rd', 'a\tb\nc\rd'],
    ['a formula sign stays text', '=SUM(A1)', '=SUM(A1)'],
    ['a pair of surrogates', 'a😀', 'a😀'],
    ['a surrogate alone', 'a\ud83d', 'a\ufffd'],
  ])('%s', (_, s, expected) => {
    const out = new ByteWriter();
    out.xmlText(s);
    expect(decode(out.take())).toBe(expected);
  });

  test('a 32,767-character cell of the widest characters fits the room reserved for it', () => {
    for (const ch of ['\u0001', '"', '→', '😀', '_x0041_']) {
      const s = ch.repeat(Math.floor(32_767 / ch.length));
      const out = new ByteWriter();
      out.reserve(XML_TEXT_ROOM * s.length);
      const room = out.current.length - out.at;
      out.putXmlText(s);
      expect(out.at).toBeLessThanOrEqual(room);
      expect(Buffer.from(out.take())).toEqual(Buffer.from(new TextEncoder().encode(escapeXml(s))));
    }
  });
});

const value: fc.Arbitrary<PlainValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 12_000_000, 1e21, -1e-7, 2 ** 53, -(2 ** 53) - 2, 2 ** 31, NaN, Infinity, -Infinity),
  fc.constantFrom('', ' ', ' lead', 'trail ', '\nx', 'x\n', 'a\nb', '\ta', 'b\r'),
  text,
);

describe('CellMarkup', () => {
  test('writes what cellXml writes, for any column, row, value and style', () => {
    // Made once: a sheet as wide as Excel's makes 16,384 columns' markup.
    const cells = new CellMarkup(16_384);
    const n = new RowNumber();
    const out = new ByteWriter();
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 16_383 }),
        fc.integer({ min: 1, max: 1_048_576 }),
        value,
        fc.oneof(fc.constant(0), fc.nat({ max: 70_000 })),
        (column, row, v, style) => {
          n.set(row);
          out.at = 0;
          cells.put(out, column, n, v, style);
          expect(decode(out.current.subarray(0, out.at))).toBe(utf8(cellXml('c', a1(row, column + 1), v, style) ?? ''));
        },
      ),
      { numRuns: 2000 },
    );
  });
});

/** The rows of a sheet as the general path writes them: cellXml for each cell, a row without cells left out. */
function referenceRows(sheet: NewSheet): string {
  const rows: string[] = [];
  for (let r = 0; r < sheet.height; r++) {
    const buffer: RowBuffer = { values: new Array(sheet.width).fill(null), styles: new Array(sheet.width).fill(0) };
    sheet.fill(r, buffer);
    const cells = buffer.values
      .map((v, c) => cellXml('c', a1(r + 1, c + 1), v, buffer.styles[c]))
      .filter((x) => x !== null)
      .join('');
    if (cells) rows.push(`<row r="${r + 1}">${cells}</row>`);
  }
  return `<sheetData>${rows.join('')}</sheetData>`;
}

const between = (xml: string, open: string, close: string) =>
  xml.includes(open) ? xml.slice(xml.indexOf(open), xml.indexOf(close) + close.length) : '';

describe('worksheetChunks', () => {
  test('rows of any values and styles are the general path’s rows, across chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.tuple(value, fc.constantFrom(0, 0, 1, 7, 165)), { maxLength: 6 }), { maxLength: 12 }),
        (grid) => {
          const width = Math.max(1, ...grid.map((r) => r.length));
          const sheet: NewSheet = {
            height: grid.length,
            width,
            fill: (i, row) =>
              grid[i].forEach(([v, s], c) => {
                row.values[c] = v;
                row.styles[c] = s;
              }),
          };
          const xml = decode(Buffer.concat([...worksheetChunks(sheet, 'main', 'rel')]));
          expect(utf8(between(xml, '<sheetData>', '</sheetData>'))).toBe(utf8(referenceRows(sheet)));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('a sheet of 60,000 rows of text comes out in several chunks that join to the general path’s rows', () => {
    const sheet: NewSheet = {
      height: 60_000,
      width: 3,
      fill: (i, row) => {
        row.values[0] = `I${i}`;
        row.values[1] = i % 11 === 0 ? `Owner “${i % 7}” & co` : `forecast ${i} days → late`;
        row.styles[2] = i % 3;
      },
    };
    const chunks = [...worksheetChunks(sheet, 'main', 'rel')];
    expect(chunks.length).toBeGreaterThan(2);
    const xml = decode(Buffer.concat(chunks));
    expect(between(xml, '<sheetData>', '</sheetData>')).toBe(referenceRows(sheet));
  });
});

const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

/** The hyperlinks an owned sheet had as an array (owned-sheet.ts before the link writer), as XML. */
function referenceLinks(plan: SheetPlanLike): string {
  const isExternal = (t: SheetLink | ExternalLink): t is ExternalLink => 'file' in t;
  let relationships = 0;
  const links = plan.links.flatMap((link, r): { ref: string; relId?: string; location: string; display: string }[] => {
    if (!link) return [];
    const shown = String(plan.rows[r][link.column] ?? '');
    if (isExternal(link.target)) {
      const location = `${quoted(link.target.target.sheet)}!${link.target.target.cell}`;
      return [{ ref: a1(r + 2, link.column + 1), relId: `rId${++relationships}`, location, display: shown }];
    }
    const location = `${quoted(link.target.sheet)}!${link.target.cell}`;
    return [
      {
        ref: a1(r + 2, link.column + 1),
        location,
        display: shown || `${link.target.sheet}!${link.target.cell}`,
      },
    ];
  });
  if (links.length === 0) return '';
  const each = links.map((l) => {
    const rel = l.relId ? ` r:id="${escapeXml(l.relId)}"` : '';
    return `<hyperlink ref="${l.ref}"${rel} location="${escapeXml(l.location)}" display="${escapeXml(l.display)}"/>`;
  });
  return `<hyperlinks>${each.join('')}</hyperlinks>`;
}

const STYLES: OwnedStyles = { plain: 0, date: 3, bold: 4, link: 5, money: 6, good: 7, neutral: 8, bad: 9, grey: 10 };

const outValue: fc.Arbitrary<OutValue> = fc.oneof(
  fc.constant(null),
  fc.integer(),
  text,
  fc.integer({ min: 0, max: 60_000 }).map((d) => ({ day: d }) as OutValue),
);
const target = fc.record({ sheet: text, cell: fc.oneof(fc.constantFrom('A2', 'XFD1048576'), text) });
const link = fc.oneof(
  fc.constant(null),
  fc.record({ column: fc.integer({ min: 0, max: 3 }), target }),
  fc.record({ column: fc.integer({ min: 0, max: 3 }), target: fc.record({ file: text, target }) }),
);

describe('ownedLayout', () => {
  test('its link writer writes the hyperlinks the array of links did, and numbers the same relationships', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.array(outValue, { minLength: 4, maxLength: 4 }), link), { maxLength: 10 }),
        (rows) => {
          const plan: SheetPlanLike = {
            headers: ['Severity', 'Item', 'Value exposed', 'Go to'],
            rows: rows.map(([r]) => r),
            links: rows.map(([, l]) => l),
            styles: rows.map((_, i) => (i % 3 === 0 ? 'bad' : null)),
          };
          const layout = ownedLayout(plan, [], STYLES, false);
          const xml = decode(Buffer.concat([...worksheetChunks(layout.sheet, 'main', 'rel')]));
          // A lone surrogate is U+FFFD once encoded, either way: compared as UTF-8.
          expect(between(xml, '<hyperlinks>', '</hyperlinks>')).toBe(utf8(referenceLinks(plan)));
          const external = rows.flatMap(([, l]) => (l && 'file' in l.target ? [l.target.file] : []));
          expect(layout.relationships).toEqual(external.map((target, i) => ({ id: `rId${i + 1}`, target })));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('rows take the header, severity, link, money and date formats', () => {
    const plan: SheetPlanLike = {
      headers: ['Severity', 'Item', 'Value exposed', 'Go to', 'Due'],
      rows: [
        ['high', 'I1', 12_000_000, 'Initiatives!A2', { day: 20_634 }],
        ['low', null, 5, null, null],
      ],
      links: [{ column: 3, target: { sheet: 'Initiatives', cell: 'A2' } }, null],
      styles: ['bad', null],
    };
    const layout = ownedLayout(plan, [9], STYLES, false);
    const xml = decode(Buffer.concat([...worksheetChunks(layout.sheet, 'main', 'rel')]));
    const row = (s: string) => `<is><t>${s}</t></is></c>`;
    expect(between(xml, '<sheetData>', '</sheetData>')).toBe(
      '<sheetData><row r="1">' +
        ['A', 'B', 'C', 'D', 'E'].map((c, i) => `<c r="${c}1" s="4" t="inlineStr">${row(plan.headers[i])}`).join('') +
        '</row><row r="2">' +
        `<c r="A2" s="9" t="inlineStr">${row('high')}<c r="B2" t="inlineStr">${row('I1')}` +
        '<c r="C2" s="6"><v>12000000</v></c>' +
        `<c r="D2" s="5" t="inlineStr">${row('Initiatives!A2')}<c r="E2" s="3"><v>46203</v></c></row>` +
        `<row r="3"><c r="A3" t="inlineStr">${row('low')}<c r="C3" s="6"><v>5</v></c></row></sheetData>`,
    );
    expect(between(xml, '<hyperlinks>', '</hyperlinks>')).toBe(
      `<hyperlinks><hyperlink ref="D2" location="'Initiatives'!A2" display="Initiatives!A2"/></hyperlinks>`,
    );
    expect(xml).toContain(`<autoFilter ref="A1:${columnLetters(5)}3"/>`);
  });
});
