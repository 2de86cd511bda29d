// Patching a sheet over its bytes (the write path of a refresh) must give exactly what patching its
// text with the full parser gives: same bytes out, same formulas reported, same cells seen by the
// renders. Whatever the byte scanner does not read, it refuses, and the caller patches the text.
import fc from 'fast-check';
import { patchWorksheet, patchWorksheetBytes, type CellRender } from '../../src/io/ooxml/worksheet-patch';
import { NotPlainXml, attrsOf, scanXmlBytes } from '../../src/io/ooxml/xml-bytes';
import { cellXml } from '../../src/io/ooxml/cell-xml';
import { CHUNK_BYTES } from '../../src/io/ooxml/byte-writer';

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const encode = (s: string) => new TextEncoder().encode(s);
const decode = (chunks: Iterable<Uint8Array>) => Buffer.concat([...chunks]).toString('utf8');

/** Renders that write a value and keep the style they find, noting every existing cell they are shown. */
function renders(entries: [number, number, string | number | null][], seen: string[]) {
  const map = new Map<number, Map<number, CellRender>>();
  for (const [r, c, v] of entries) {
    const row = map.get(r) ?? map.set(r, new Map()).get(r)!;
    row.set(c, (tag, existing, styleOf) => {
      seen.push(`${r}:${c}:${JSON.stringify(existing)}:${styleOf(c - 1)}`);
      return cellXml(tag, `R${r}C${c}`, v, existing ? existing.style : 0);
    });
  }
  return map;
}

function bothWays(sheet: string, entries: [number, number, string | number | null][], widths?: Map<number, number>) {
  const seenText: string[] = [];
  const seenBytes: string[] = [];
  const text = patchWorksheet(sheet, 's', { cells: renders(entries, seenText), widths });
  const bytes = patchWorksheetBytes(encode(sheet), 's', { cells: renders(entries, seenBytes), widths });
  return { text, bytes: { text: decode(bytes.chunks), formulasReplaced: bytes.formulasReplaced }, seenText, seenBytes };
}

const SHEETS: [string, string][] = [
  [
    'rows present, self-closing and missing; spans widened',
    `<worksheet ${MAIN}><dimension ref="A1:B3"/><sheetData><row r="1" spans="1:2"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row>` +
      '<row r="3"/><row r="5"><c r="A5" s="4"><v>5</v></c></row></sheetData><pageMargins left="0.7"/></worksheet>',
  ],
  [
    'formulas, styles, inline and shared strings',
    `<worksheet ${MAIN}><sheetData><row r="2"><c r="A2" s="3" t="s"><v>0</v></c><c r="B2" s="7"><f>A2*2</f><v>4</v></c>` +
      '<c r="C2" t="inlineStr"><is><t xml:space="preserve"> a &lt;b&gt; é 😀 </t></is></c></row></sheetData></worksheet>',
  ],
  [
    'comments, a processing instruction, CDATA and awkward attribute values',
    `<?xml version="1.0" encoding="UTF-8"?>\n<worksheet ${MAIN}><!-- <row r="9"> is not a row --><?pi <c r="Z9"/> ?>` +
      `<sheetData>\n  <row r='1' x="a>b/c" ><c r='A1' ><v>1</v></c ><c r="B1"><is><t><![CDATA[<c r="Q1">]]></t></is></c></row>\n` +
      '  <row r="2" spans="1:1"/>\n</sheetData></worksheet>',
  ],
  [
    'a prefixed sheet with <cols> and no <dimension>',
    '<x:worksheet xmlns:x="urn:main"><x:cols><x:col min="1" max="3" width="9"/><x:col min="9" max="9" width="5"/></x:cols>' +
      '<x:sheetData><x:row r="1"><x:c r="A1"><x:f>1+1</x:f></x:c></x:row></x:sheetData></x:worksheet>',
  ],
  ['an empty sheet', `<worksheet ${MAIN}><sheetData/></worksheet>`],
  [
    'references and styles written oddly',
    `<worksheet ${MAIN}><sheetData><row r="1"><c r="$b$1" s="03"/><c r="1A" s=" 2 "/><c r="" s=""/>` +
      '<c s="x"/><c r="C1" s="12345678901"/></row></sheetData></worksheet>',
  ],
  [
    'cells and rows without references',
    `<worksheet ${MAIN}><cols/><sheetData><row><c><v>1</v></c><c s="2"/><c><v>3</v></c></row><row><c/></row></sheetData></worksheet>`,
  ],
];

describe('patching over bytes gives what patching the text gives', () => {
  test.each(SHEETS)('%s', (_, sheet) => {
    const entries: [number, number, string | number | null][] = [
      [1, 1, 'one'],
      [1, 2, 2],
      [1, 4, ' four '],
      [2, 2, null],
      [2, 3, 'R&D'],
      [3, 2, 'é'],
      [4, 1, 4],
      [9, 9, 'nine'],
    ];
    const widths = new Map([
      [2, 20],
      [5, 11],
    ]);
    const r = bothWays(sheet, entries, widths);
    expect(r.bytes).toEqual(r.text);
    expect(r.seenBytes).toEqual(r.seenText);
  });

  test('any sheet and any patch (property)', () => {
    const cell = fc.record({
      column: fc.integer({ min: 1, max: 8 }),
      ref: fc.boolean(),
      style: fc.option(fc.integer({ min: 0, max: 30 }), { nil: undefined }),
      formula: fc.boolean(),
      value: fc.oneof(
        fc.integer(),
        fc.string({ maxLength: 6 }).map((s) => s.replace(/[<&]/g, '_')),
      ),
    });
    const row = fc.record({
      gap: fc.integer({ min: 1, max: 3 }),
      spans: fc.boolean(),
      cells: fc.uniqueArray(cell, { selector: (c) => c.column, maxLength: 5 }),
    });
    const patch = fc.array(
      fc.tuple(
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 10 }),
        fc.oneof(fc.constant(null), fc.integer(), fc.string({ maxLength: 5 })),
      ),
      { maxLength: 30 },
    );
    fc.assert(
      fc.property(fc.array(row, { maxLength: 10 }), patch, fc.boolean(), (rows, entries, prefixed) => {
        const p = prefixed ? 'x:' : '';
        let r = 0;
        const body = rows
          .map((rw) => {
            r += rw.gap;
            const cells = [...rw.cells]
              .sort((a, b) => a.column - b.column)
              .map((c) => {
                const ref = c.ref ? ` r="${String.fromCharCode(64 + c.column)}${r}"` : '';
                const s = c.style === undefined ? '' : ` s="${c.style}"`;
                const f = c.formula ? `<${p}f>1+1</${p}f>` : '';
                return typeof c.value === 'number'
                  ? `<${p}c${ref}${s}>${f}<${p}v>${c.value}</${p}v></${p}c>`
                  : `<${p}c${ref}${s} t="inlineStr">${f}<${p}is><${p}t>${c.value}</${p}t></${p}is></${p}c>`;
              })
              .join('');
            return `<${p}row r="${r}"${rw.spans ? ' spans="1:3"' : ''}>${cells}</${p}row>`;
          })
          .join('');
        const ns = prefixed ? 'xmlns:x="urn:main"' : MAIN;
        const sheet = `<${p}worksheet ${ns}><${p}dimension ref="A1"/><${p}sheetData>${body}</${p}sheetData></${p}worksheet>`;
        const result = bothWays(sheet, entries);
        expect(result.bytes).toEqual(result.text);
        expect(result.seenBytes).toEqual(result.seenText);
      }),
      { numRuns: 300 },
    );
  });

  test('a large sheet comes out in chunks of about a megabyte that join to the patched text', () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`);
    const sheet = `<worksheet ${MAIN}><sheetData>${rows.join('')}</sheetData></worksheet>`;
    const entries: [number, number, string][] = Array.from({ length: 60_000 }, (_, i) => [i + 1, 3, `note ${i}`]);
    const chunks = [...patchWorksheetBytes(encode(sheet), 's', { cells: renders(entries, []) }).chunks];
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(c.length).toBeLessThanOrEqual(CHUNK_BYTES + 4096);
    expect(decode(chunks)).toBe(patchWorksheet(sheet, 's', { cells: renders(entries, []) }).text);
  });
});

describe('what the byte scanner refuses (the text way then does it, with its checks)', () => {
  test.each([
    ['a UTF-8 byte order mark', `\ufeff<worksheet ${MAIN}><sheetData/></worksheet>`],
    ['a DOCTYPE', `<!DOCTYPE worksheet [<!ENTITY a "b">]><worksheet ${MAIN}><sheetData/></worksheet>`],
    [
      'an entity in a cell reference',
      `<worksheet ${MAIN}><sheetData><row r="1"><c r="&#65;1"/></row></sheetData></worksheet>`,
    ],
    ['an unterminated tag', `<worksheet ${MAIN}><sheetData><row r="1"`],
  ])('%s', (_, sheet) => {
    expect(() => patchWorksheetBytes(encode(sheet), 's', { cells: renders([[1, 1, 1]], []) })).toThrow(NotPlainXml);
  });

  test('a UTF-16 part', () => {
    const utf16 = Buffer.from(`\ufeff<worksheet ${MAIN}><sheetData/></worksheet>`, 'utf16le');
    expect(() => patchWorksheetBytes(utf16, 's', { cells: renders([[1, 1, 1]], []) })).toThrow(NotPlainXml);
  });
});

describe('scanXmlBytes', () => {
  test('finds start and end tags where saxes does, past comments, CDATA and ">" in attribute values', () => {
    const xml = `<a x='1>2'><!-- <b> --><b/><c y="/>"><![CDATA[</c>]]></c><?p </a> ?></a>`;
    const b = encode(xml);
    const seen: string[] = [];
    const name = (s: number, e: number) => Buffer.from(b.subarray(s, e)).toString();
    scanXmlBytes(b, {
      open: (s, e, start, openEnd, self) => seen.push(`+${name(s, e)}@${start}-${openEnd}${self ? '/' : ''}`),
      close: (s, e, end) => seen.push(`-${name(s, e)}@${end}`),
    });
    expect(seen).toEqual(['+a@0-11', '+b@23-27/', '-b@27', '+c@27-37', '-c@57', '-a@72']);
    expect(attrsOf(b, 27, 37, ['y'])).toEqual({ y: '/>' });
  });
});
