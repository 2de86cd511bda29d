// The byte path walks <sheetData> with its own loop (worksheet-patch.ts walkRows): it reads only the
// start tags of rows and cells and hops from '<' to '<' between them. Whatever markup a sheet holds
// around and inside its rows (comments, processing instructions, CDATA, extension elements, white
// space, prefixes, rows and cells without references, self-closing rows and cells, '>' and '/' in
// attribute values), the patch over bytes must give exactly what the text path (the full parser) gives,
// or refuse with NotPlainXml so that the caller takes the text path.
import fc from 'fast-check';
import { patchWorksheet, patchWorksheetBytes, type CellRender } from '../../src/io/ooxml/worksheet-patch';
import { NotPlainXml } from '../../src/io/ooxml/xml-bytes';
import { cellXml } from '../../src/io/ooxml/cell-xml';

const encode = (s: string) => new TextEncoder().encode(s);
const decode = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks]).toString('utf8');

type Entry = [row: number, col: number, value: string | number | null];

/** Renders that keep the style they find (plus one) and note what they are shown. */
function renders(entries: Entry[], seen: string[]) {
  const map = new Map<number, Map<number, CellRender>>();
  for (const [r, c, v] of entries) {
    const row = map.get(r) ?? map.set(r, new Map()).get(r)!;
    row.set(c, (tag, existing, styleOf) => {
      seen.push(`${r}:${c}:${JSON.stringify(existing)}:${styleOf(c - 1)}:${styleOf(c + 1)}`);
      return cellXml(tag, `R${r}C${c}`, v, existing ? existing.style + 1 : 0);
    });
  }
  return map;
}

function bothWays(sheet: string, entries: Entry[]) {
  const seenText: string[] = [];
  const seenBytes: string[] = [];
  const widths = new Map([[7, 30]]);
  const text = patchWorksheet(sheet, 's', { cells: renders(entries, seenText), widths });
  const bytes = patchWorksheetBytes(encode(sheet), 's', { cells: renders(entries, seenBytes), widths });
  return {
    text: { xml: text.text, formulas: text.formulasReplaced, seen: seenText },
    bytes: { xml: decode(bytes.chunks), formulas: bytes.formulasReplaced, seen: seenBytes },
  };
}

/** Markup that may sit between rows or cells, or inside a cell, without changing what the sheet holds. */
const noise = fc.constantFrom(
  '',
  '',
  ' ',
  '\n  ',
  '<!-- <row r="99"><c r="A99"/></row> -->',
  '<?pi </c></row> ?>',
  '<!---->',
  '<extLst><ext uri="{x}"><x14:thing xmlns:x14="urn:x14" a="&gt;"/></ext></extLst>',
);

const cellArb = fc.record({
  column: fc.integer({ min: 1, max: 9 }),
  ref: fc.constantFrom('plain', 'none', 'dollar', 'lower', 'empty'),
  style: fc.option(fc.constantFrom('0', '3', '17', '007', ''), { nil: undefined }),
  formula: fc.constantFrom('none', 'plain', 'shared', 'prefixedNone'),
  content: fc.constantFrom('value', 'inline', 'cdata', 'selfClosing', 'space'),
  extra: fc.constantFrom('', ' t="s"', ' x="a>b/c"', " cm='1'", '  '),
  inside: noise,
});

const rowArb = fc.record({
  gap: fc.integer({ min: 0, max: 2 }),
  ref: fc.constantFrom('plain', 'none', 'padded'),
  spans: fc.constantFrom('', ' spans="1:3"', ' spans="2:9"', " spans='bad'"),
  selfClosing: fc.boolean(),
  attrs: fc.constantFrom('', ' ht="15" customHeight="1"', ' x14ac:dyDescent="0.25"', ' a="/>"'),
  cells: fc.uniqueArray(cellArb, { selector: (c) => c.column, maxLength: 5 }),
  before: noise,
  after: noise,
});

type RowSpec = typeof rowArb extends fc.Arbitrary<infer T> ? T : never;

function sheetXml(rows: RowSpec[], p: string, spaceAfterName: boolean): string {
  let r = 0;
  const body = rows
    .map((rw) => {
      r += rw.gap + 1;
      const rRef = rw.ref === 'none' ? '' : rw.ref === 'padded' ? ` r="0${r}"` : ` r="${r}"`;
      const start = `<${p}row${rRef}${rw.spans}${rw.attrs}`;
      if (rw.selfClosing) return `${rw.before}${start}${spaceAfterName ? ' ' : ''}/>${rw.after}`;
      const cells = [...rw.cells]
        .sort((a, b) => a.column - b.column)
        .map((c) => {
          const letters = String.fromCharCode(64 + c.column);
          const ref =
            c.ref === 'none'
              ? ''
              : c.ref === 'empty'
                ? ' r=""'
                : c.ref === 'dollar'
                  ? ` r="$${letters}$${r}"`
                  : c.ref === 'lower'
                    ? ` r="${letters.toLowerCase()}${r}"`
                    : ` r="${letters}${r}"`;
          const s = c.style === undefined ? '' : ` s="${c.style}"`;
          const f =
            c.formula === 'plain'
              ? `<${p}f>SUM(A1:A2)</${p}f>`
              : c.formula === 'shared'
                ? `<${p}f t="shared" si="0"/>`
                : c.formula === 'prefixedNone'
                  ? '<y:fx xmlns:y="urn:y">1</y:fx>'
                  : '';
          const open = `<${p}c${ref}${s}${c.extra}`;
          if (c.content === 'selfClosing' && f === '') return `${open}/>`;
          const v =
            c.content === 'inline'
              ? `<${p}is><${p}t xml:space="preserve"> a &lt;b&gt; é </${p}t></${p}is>`
              : c.content === 'cdata'
                ? `<${p}is><${p}t><![CDATA[</${p}c></${p}row></${p}sheetData>]]></${p}t></${p}is>`
                : c.content === 'space'
                  ? `<${p}v >1</${p}v >`
                  : `<${p}v>${c.column}</${p}v>`;
          return `${open}>${f}${c.inside}${v}</${p}c${spaceAfterName ? ' ' : ''}>`;
        })
        .join(rw.before);
      return `${rw.before}${start}>${cells}</${p}row>${rw.after}`;
    })
    .join('');
  const ns = p ? `xmlns:${p.slice(0, -1)}="urn:main"` : 'xmlns="urn:main"';
  return (
    `<?xml version="1.0"?>\n<${p}worksheet ${ns}><${p}dimension ref="A1"/><!-- <${p}sheetData> -->` +
    `<${p}sheetData>${body}</${p}sheetData><${p}pageMargins left="0.7"/><!-- <${p}row r="1"/> --></${p}worksheet>`
  );
}

describe('the byte path over any markup in and around the rows gives what the text path gives', () => {
  test('any sheet, any patch (property)', () => {
    const patch = fc.array(
      fc.tuple(
        fc.integer({ min: 1, max: 16 }),
        fc.integer({ min: 1, max: 10 }),
        fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 4 })),
      ),
      { maxLength: 25 },
    );
    fc.assert(
      fc.property(
        fc.array(rowArb, { maxLength: 8 }),
        patch,
        fc.constantFrom('', 'x:'),
        fc.boolean(),
        (rows, entries, prefix, spaceAfterName) => {
          const r = bothWays(sheetXml(rows, prefix, spaceAfterName), entries);
          expect(r.bytes).toEqual(r.text);
        },
      ),
      { numRuns: 400 },
    );
  });

  test('hand-checked: a weekly row whose owned cells exist, past a comment and a CDATA section', () => {
    const sheet =
      '<worksheet xmlns="urn:main"><sheetData><row r="1"><c r="A1"><v>1</v></c><!-- </row> -->' +
      '<c r="B1" s="2"><f>A1</f><v>1</v></c><c r="C1" t="inlineStr"><is><t><![CDATA[</c>]]></t></is></c></row>' +
      '</sheetData></worksheet>';
    const seen: string[] = [];
    const out = patchWorksheetBytes(encode(sheet), 's', {
      cells: renders(
        [
          [1, 2, 5],
          [1, 3, null],
          [1, 4, 'new'],
        ],
        seen,
      ),
    });
    expect(decode(out.chunks)).toBe(
      '<worksheet xmlns="urn:main"><sheetData>' +
        '<row r="1"><c r="A1"><v>1</v></c><!-- </row> -->' +
        '<c r="R1C2" s="3"><v>5</v></c><c r="R1C3" s="1"/>' +
        '<c r="R1C4" t="inlineStr"><is><t>new</t></is></c></row></sheetData></worksheet>',
    );
    expect(out.formulasReplaced).toEqual(['B1']);
    expect(seen).toEqual([
      '1:2:{"style":2,"hasFormula":true}:0:0',
      '1:3:{"style":0,"hasFormula":false}:2:0',
      '1:4:null:0:0',
    ]);
  });
});

describe('rows are the row elements inside sheetData, on either path', () => {
  // LibreOffice writes a form control's anchor after <sheetData> as <xdr:row>19</xdr:row>: read as a row,
  // it moved where a missing row went in, or took the patch's cells.
  const anchor =
    '<mc:AlternateContent xmlns:mc="urn:mc"><mc:Choice Requires="x14"><controls><control shapeId="1"><controlPr>' +
    '<anchor><from><xdr:col xmlns:xdr="urn:xdr">9</xdr:col><xdr:row xmlns:xdr="urn:xdr">3</xdr:row></from></anchor>' +
    '</controlPr></control></controls></mc:Choice></mc:AlternateContent>';
  test.each([
    [
      'a drawing anchor after sheetData',
      `<worksheet xmlns="urn:main"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData>${anchor}</worksheet>`,
    ],
    [
      'a row element before sheetData',
      '<worksheet xmlns="urn:main"><row r="2"/><sheetData><row r="1"/></sheetData></worksheet>',
    ],
    ['a row element after an empty sheetData', '<worksheet xmlns="urn:main"><sheetData/><row r="2"/></worksheet>'],
  ])('%s: the same patch both ways, new rows inside sheetData', (_, sheet) => {
    const entries: Entry[] = [
      [1, 2, 'b'],
      [2, 1, 2],
      [3, 1, 3],
    ];
    const r = bothWays(sheet, entries);
    expect(r.bytes).toEqual(r.text);
    const inside = r.bytes.xml.slice(r.bytes.xml.indexOf('<sheetData'), r.bytes.xml.indexOf('</sheetData>'));
    expect(inside).toContain('<row r="2"><c r="R2C1"><v>2</v></c></row><row r="3"><c r="R3C1"><v>3</v></c></row>');
    expect(r.bytes.xml.replace(inside, '')).not.toContain('R2C1');
  });
});

describe('what the walker leaves to the text path (NotPlainXml), where it would read what the old scan read', () => {
  test.each([
    ['a dimension after sheetData', '<worksheet><sheetData/><dimension ref="A1"/></worksheet>'],
    ['cols inside sheetData', '<worksheet><sheetData><cols/></sheetData></worksheet>'],
    ['an entity in a row number', '<worksheet><sheetData><row r="&#49;"/></sheetData></worksheet>'],
    ['an entity in a cell reference', '<worksheet><sheetData><row r="1"><c r="&#65;1"/></row></sheetData></worksheet>'],
    ['sheetData not closed', '<worksheet><sheetData><row r="1">'],
  ])('%s', (_, sheet) => {
    const cells = renders([[1, 1, 1]], []);
    expect(() => patchWorksheetBytes(encode(sheet), 's', { cells })).toThrow(NotPlainXml);
  });
});
