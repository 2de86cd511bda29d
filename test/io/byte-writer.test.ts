// Cells written straight into bytes (the owned sheets' fast path) are byte for byte the cells the
// string writer makes: the refreshed workbook must not change when only the way of writing it does.
import fc from 'fast-check';
import { ByteWriter, CHUNK_BYTES } from '../../src/io/ooxml/byte-writer';
import { cellXml, writeCell } from '../../src/io/ooxml/cell-xml';
import { worksheetChunks, worksheetPieces, type NewSheet } from '../../src/io/ooxml/worksheet-new';

const decode = (b: Uint8Array) => new TextDecoder().decode(b);

/** Text with the characters that need care: markup, controls, OOXML escapes, spaces at the ends, non-ASCII. */
const awkwardText = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc
    .array(
      fc.constantFrom(
        'a',
        ' ',
        '\n',
        '\t',
        '\r',
        '&',
        '<',
        '>',
        '"',
        "'",
        '_x0041_',
        '_x',
        '\u0001',
        'é',
        '→',
        '\u0085',
        '😀',
        '\uffff',
      ),
      {
        maxLength: 12,
      },
    )
    .map((parts) => parts.join('')),
);

const value = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, 1e21, -1e-7, 2 ** 53, -(2 ** 53) - 2, Number.MAX_SAFE_INTEGER, NaN, Infinity),
  awkwardText,
);

describe('writeCell', () => {
  test('writes what cellXml writes, for any value, style and cell element name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('c', 'x:c', 'é:c'),
        fc.constantFrom('A', 'Z', 'AB', 'XFD'),
        fc.integer({ min: 1, max: 1_048_576 }),
        value,
        fc.nat({ max: 70_000 }),
        (tag, letters, row, v, style) => {
          const out = new ByteWriter();
          writeCell(out, tag, letters, row, v, style);
          expect(decode(out.take())).toBe(cellXml(tag, `${letters}${row}`, v, style) ?? '');
        },
      ),
      { numRuns: 2000 },
    );
  });

  test.each([
    ['plain text', 'Pilot in Leeds', '<c r="B7" t="inlineStr"><is><t>Pilot in Leeds</t></is></c>'],
    ['spaces at the ends', ' padded ', '<c r="B7" t="inlineStr"><is><t xml:space="preserve"> padded </t></is></c>'],
    ['a line break', 'a\nb', '<c r="B7" t="inlineStr"><is><t xml:space="preserve">a\nb</t></is></c>'],
    ['markup', 'R&D <core>', '<c r="B7" t="inlineStr"><is><t>R&amp;D &lt;core&gt;</t></is></c>'],
    ['an OOXML escape', 'a_x0041_', '<c r="B7" t="inlineStr"><is><t>a_x005F_x0041_</t></is></c>'],
    ['a control character', 'a\u0001', '<c r="B7" t="inlineStr"><is><t>a_x0001_</t></is></c>'],
    ['a whole number', 1234567, '<c r="B7"><v>1234567</v></c>'],
    ['a negative fraction', -0.25, '<c r="B7"><v>-0.25</v></c>'],
    ['minus zero', -0, '<c r="B7"><v>0</v></c>'],
    ['true', true, '<c r="B7" t="b"><v>1</v></c>'],
  ])('%s', (_, v, expected) => {
    const out = new ByteWriter();
    writeCell(out, 'c', 'B', 7, v, 0);
    expect(decode(out.take())).toBe(expected);
  });
});

describe('ByteWriter', () => {
  test('grows a chunk for one piece larger than it, and starts a fresh one after take()', () => {
    const out = new ByteWriter();
    const big = 'é'.repeat(CHUNK_BYTES);
    out.ascii('<t>');
    out.text(big);
    const first = out.take();
    expect(first.length).toBe(3 + 2 * CHUNK_BYTES);
    out.ascii('x');
    expect(decode(out.take())).toBe('x');
    expect(decode(first)).toBe(`<t>${big}`);
  });
});

describe('worksheetChunks', () => {
  test('chunks of about a megabyte that join to the same part as the text pieces', () => {
    const sheet: NewSheet = {
      height: 40_000,
      width: 4,
      fill: (i, row) => {
        row.values[0] = i;
        row.values[1] = i % 7 === 0 ? null : `Item ${i} – “late”`;
        row.values[2] = i % 5 === 0 ? '' : i / 8;
        row.styles[3] = i % 3;
      },
      links: [{ ref: 'A2', location: "'Risks'!A2", display: 'A & B' }],
      autoFilter: 'A1:D40000',
    };
    const chunks = [...worksheetChunks(sheet, 'main', 'rel')];
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks.slice(0, -1)) expect(c.length).toBeLessThan(CHUNK_BYTES + 4096);
    const text = decode(Buffer.concat(chunks));
    expect(text).toBe([...worksheetPieces(sheet, 'main', 'rel')].join(''));
    expect(text).toContain('<row r="8"><c r="A8"><v>7</v></c><c r="C8"><v>0.875</v></c><c r="D8" s="1"/></row>');
    expect(text).toContain('<row r="1"><c r="A1"><v>0</v></c></row>');
    expect(text.endsWith('</worksheet>')).toBe(true);
  });
});
