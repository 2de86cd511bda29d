// The package layer's pieces, table-driven: part names, XML text, reading cells, patching a sheet,
// appending styles and table columns. Hand-written XML in the shapes other programs write.
import { partKey, relativeTarget, relsPartOf, resolveTarget } from '../../src/io/ooxml/part-names';
import { escapeXml, unescapeOoxml } from '../../src/io/ooxml/xml';
import { isDateCode, readStyles, StyleEditor, DEFAULT_STYLES_XML, EMPTY_STYLES } from '../../src/io/ooxml/styles';
import { readSharedStrings, scanWorksheet, sheetProtected } from '../../src/io/xlsx/worksheet-read';
import { patchWorksheet, type CellRender } from '../../src/io/ooxml/worksheet-patch';
import { appendTableColumns, readTablePart } from '../../src/io/ooxml/table';
import { cellXml } from '../../src/io/ooxml/cell-xml';
import { NOT_CALCULATED, type CellValue } from '../../src/engine/types';

const MAIN = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';

describe('part names and relationship targets', () => {
  test.each([
    ['xl/workbook.xml', 'worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl/workbook.xml', '/xl/worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl/workbook.xml', './worksheets/sheet1.xml', 'xl/worksheets/sheet1.xml'],
    ['xl/worksheets/sheet1.xml', '../tables/table1.xml', 'xl/tables/table1.xml'],
    ['', 'xl/workbook.xml', 'xl/workbook.xml'],
    ['xl/workbook.xml', 'worksheets/sheet%201.xml', 'xl/worksheets/sheet%201.xml'],
  ])('from %s, %s is %s', (source, target, part) => expect(resolveTarget(source, target)).toBe(part));

  test('part names compare without regard to case, a leading slash or %-escapes', () => {
    expect(partKey('/XL/Worksheets/Sheet%201.xml')).toBe(partKey('xl/worksheets/sheet 1.xml'));
  });

  test('relationship parts and relative targets', () => {
    expect(relsPartOf('xl/workbook.xml')).toBe('xl/_rels/workbook.xml.rels');
    expect(relsPartOf('[Content_Types].xml')).toBe('_rels/[Content_Types].xml.rels');
    expect(relativeTarget('xl/workbook.xml', 'xl/worksheets/sheet9.xml')).toBe('worksheets/sheet9.xml');
    expect(relativeTarget('xl/worksheets/sheet1.xml', 'xl/tables/table2.xml')).toBe('../tables/table2.xml');
  });
});

describe('text in XML', () => {
  test.each([
    ['plain', 'plain'],
    ['a < b & c > "d"', 'a &lt; b &amp; c &gt; &quot;d&quot;'],
    ['bell\u0007', 'bell_x0007_'],
    ['literal _x0041_', 'literal _x005F_x0041_'],
    ['=SUM(A1)', '=SUM(A1)'],
  ])('%j is written as %j and read back', (text, xml) => {
    expect(escapeXml(text)).toBe(xml);
    const entitiesResolved = xml
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');
    expect(unescapeOoxml(entitiesResolved)).toBe(text);
  });

  test('text that looks like a formula is an inline string, never a formula', () => {
    expect(cellXml('c', 'A1', '=1+1', 0)).toBe('<c r="A1" t="inlineStr"><is><t>=1+1</t></is></c>');
    expect(cellXml('x:c', 'B2', ' padded', 3)).toBe(
      '<x:c r="B2" s="3" t="inlineStr"><x:is><x:t xml:space="preserve"> padded</x:t></x:is></x:c>',
    );
    expect(cellXml('c', 'C3', null, 0)).toBeNull();
    expect(cellXml('c', 'C3', null, 4)).toBe('<c r="C3" s="4"/>');
  });
});

describe('reading cells', () => {
  const styles = readStyles(
    `<styleSheet ${MAIN}><numFmts count="3"><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="&quot;Day&quot; 0"/><numFmt numFmtId="166" formatCode="[h]:mm"/></numFmts>` +
      '<cellXfs count="5"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="10"/></cellXfs></styleSheet>',
    'styles',
  );
  const read = (sheetData: string, sharedStrings: string[] = [], date1904 = false) => {
    const cells: [string, CellValue][] = [];
    scanWorksheet(
      `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>${sheetData}</x:sheetData></x:worksheet>`,
      'sheet',
      { sharedStrings, styles, date1904 },
      {
        wantRow: () => true,
        wantCell: () => true,
        cell: (r, c, v) => cells.push([`${r},${c}`, v]),
      },
    );
    return cells;
  };

  test('every cell type, with a namespace prefix on every element', () => {
    const cells = read(
      '<x:row r="1"><x:c r="A1" t="s"><x:v>1</x:v></x:c><x:c r="B1" t="inlineStr"><x:is><x:r><x:t>Bold </x:t></x:r><x:r><x:t>name</x:t></x:r><x:rPh><x:t>ネーム</x:t></x:rPh></x:is></x:c>' +
        '<x:c r="C1" t="b"><x:v>1</x:v></x:c><x:c r="D1" t="e"><x:v>#N/A</x:v></x:c><x:c r="E1"><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c r="F1" t="str"><x:f>A1</x:f><x:v>text</x:v></x:c>' +
        '<x:c r="G1" t="d"><x:v>2026-06-30T00:00:00Z</x:v></x:c><x:c r="H1"><x:f>NOW()</x:f></x:c></x:row>',
      ['zero', 'one'],
    );
    expect(cells).toEqual([
      ['1,1', 'one'],
      ['1,2', 'Bold name'],
      ['1,3', true],
      ['1,4', { error: '#N/A' }],
      ['1,5', 2],
      ['1,6', 'text'],
      ['1,7', new Date('2026-06-30T00:00:00Z')],
      // A formula saved without its result is not a blank: the engine reports it at its cell.
      ['1,8', { error: NOT_CALCULATED }],
    ]);
  });

  test('numbers are dates when their format shows a date, in either date system', () => {
    const row =
      '<x:row r="2"><x:c r="A2" s="1"><x:v>46203</x:v></x:c><x:c r="B2" s="2"><x:v>46203.5</x:v></x:c><x:c r="C2" s="3"><x:v>5</x:v></x:c><x:c r="D2" s="4"><x:v>0.25</x:v></x:c></x:row>';
    expect(read(row).map(([, v]) => v)).toEqual([
      new Date('2026-06-30T00:00:00Z'),
      new Date('2026-06-30T12:00:00Z'),
      5,
      0.25,
    ]);
    expect(read(row.replace('46203<', '44741<'), [], true)[0][1]).toEqual(new Date('2026-06-30T00:00:00Z'));
  });

  test('cells and rows without references follow the ones before them', () => {
    expect(
      read(
        '<x:row><x:c><x:v>1</x:v></x:c><x:c><x:v>2</x:v></x:c></x:row><x:row><x:c r="C2"><x:v>3</x:v></x:c><x:c><x:v>4</x:v></x:c></x:row>',
      ),
    ).toEqual([
      ['1,1', 1],
      ['1,2', 2],
      ['2,3', 3],
      ['2,4', 4],
    ]);
  });

  test.each([
    ['yyyy-mm-dd', true],
    ['m/d/yy h:mm', true],
    ['[h]:mm:ss', true],
    ['[$-409]mmmm d, yyyy', true],
    ['#,##0.00', false],
    ['0%', false],
    ['"Days" 0', false],
    ['[Red]#,##0;[Blue]-#,##0', false],
    ['General', false],
  ])('format %j shows a date: %s', (code, date) => expect(isDateCode(code)).toBe(date));

  test('shared strings: rich text runs joined, phonetic runs left out, escapes undone', () => {
    const sst = `<sst ${MAIN}><si><t>plain</t></si><si><r><t>a</t></r><r><rPr><b/></rPr><t xml:space="preserve"> b</t></r><rPh sb="0" eb="1"><t>ア</t></rPh></si><si><t>line_x000D_</t></si></sst>`;
    expect(readSharedStrings(sst, 'sst', 10)).toEqual(['plain', 'a b', 'line\r']);
  });

  test('protection is read from the tail of a sheet', () => {
    expect(
      sheetProtected(
        `<worksheet ${MAIN}><sheetData/><sheetProtection password="CC1A" sheet="1" objects="1"/></worksheet>`,
      ),
    ).toBe(true);
    expect(sheetProtected(`<worksheet ${MAIN}><sheetData/><sheetProtection sheet="0"/></worksheet>`)).toBe(false);
    expect(sheetProtected(`<worksheet ${MAIN}><sheetData/></worksheet>`)).toBe(false);
  });
});

describe('patching a sheet', () => {
  const value =
    (text: string): CellRender =>
    (c, _existing) =>
      `<${c} r="X" t="inlineStr"><is><t>${text}</t></is></${c}>`;
  const cells = (entries: [number, number, CellRender][]) => {
    const map = new Map<number, Map<number, CellRender>>();
    for (const [r, c, render] of entries) (map.get(r) ?? map.set(r, new Map()).get(r)!).set(c, render);
    return map;
  };

  test('cells go in column order into existing, self-closing and missing rows; everything else stays', () => {
    const sheet =
      `<worksheet ${MAIN}><dimension ref="A1:B3"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>` +
      '<row r="1" spans="1:2"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row><row r="3"/><row r="5"><c r="A5"><v>5</v></c></row></sheetData><pageMargins left="0.7"/></worksheet>';
    const { text } = patchWorksheet(sheet, 'sheet', {
      cells: cells([
        [1, 2, value('B1')],
        [1, 4, value('D1')],
        [3, 2, value('B3')],
        [4, 2, value('B4')],
      ]),
    });
    expect(text).toBe(
      `<worksheet ${MAIN}><dimension ref="A1:D4"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetData>` +
        '<row r="1" spans="1:4"><c r="A1"><v>1</v></c><c r="X" t="inlineStr"><is><t>B1</t></is></c><c r="C1"><v>3</v></c><c r="X" t="inlineStr"><is><t>D1</t></is></c></row>' +
        '<row r="3"><c r="X" t="inlineStr"><is><t>B3</t></is></c></row><row r="4"><c r="X" t="inlineStr"><is><t>B4</t></is></c></row><row r="5"><c r="A5"><v>5</v></c></row></sheetData><pageMargins left="0.7"/></worksheet>',
    );
  });

  test('a replaced cell is reported when it held a formula; a render sees the cell it replaces', () => {
    const sheet = `<worksheet ${MAIN}><sheetData><row r="2"><c r="B2" s="7"><f>A2*2</f><v>4</v></c></row></sheetData></worksheet>`;
    const seen: unknown[] = [];
    const result = patchWorksheet(sheet, 'sheet', {
      cells: cells([[2, 2, (c, existing) => (seen.push(existing), `<${c} r="B2" s="7"><v>9</v></${c}>`)]]),
    });
    expect(seen).toEqual([{ style: 7, hasFormula: true }]);
    expect(result.formulasReplaced).toEqual(['B2']);
    expect(result.text).toContain('<row r="2"><c r="B2" s="7"><v>9</v></c></row>');
  });

  test('an empty sheet gets rows; a prefixed sheet gets prefixed elements; widths only where no <col> covers the column', () => {
    expect(
      patchWorksheet(`<worksheet ${MAIN}><sheetData/></worksheet>`, 's', {
        cells: cells([[2, 1, value('A2')]]),
        widths: new Map([[1, 12]]),
      }).text,
    ).toBe(
      `<worksheet ${MAIN}><cols><col min="1" max="1" width="12" customWidth="1"/></cols><sheetData><row r="2"><c r="X" t="inlineStr"><is><t>A2</t></is></c></row></sheetData></worksheet>`,
    );
    const prefixed =
      '<x:worksheet xmlns:x="urn:main"><x:cols><x:col min="1" max="3" width="9"/><x:col min="9" max="9" width="5"/></x:cols><x:sheetData/></x:worksheet>';
    const out = patchWorksheet(prefixed, 's', {
      cells: cells([[1, 2, value('B1')]]),
      widths: new Map([
        [2, 20],
        [5, 20],
      ]),
    }).text;
    expect(out).toBe(
      '<x:worksheet xmlns:x="urn:main"><x:cols><x:col min="1" max="3" width="9"/><x:col min="5" max="5" width="20" customWidth="1"/><x:col min="9" max="9" width="5"/></x:cols>' +
        '<x:sheetData><x:row r="1"><x:c r="X" t="inlineStr"><is><t>B1</t></is></x:c></x:row></x:sheetData></x:worksheet>',
    );
  });

  test('nothing to change leaves the very same text', () => {
    const sheet = `<worksheet ${MAIN}><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`;
    expect(patchWorksheet(sheet, 's', { cells: cells([[1, 1, () => '<c r="A1"><v>1</v></c>']]) }).text).toBe(sheet);
  });
});

describe('styles', () => {
  test('derived formats are appended once and found again by a later editor, whatever else is in the sheet', () => {
    const first = new StyleEditor(DEFAULT_STYLES_XML, 'styles');
    const red = first.derive(0, { fill: 'FFFFC7CE', fontColour: 'FF9C0006' });
    const percent = first.derive(0, { numFmt: '0%' });
    const isoDate = first.derive(0, { numFmt: 'yyyy-mm-dd' });
    expect([red, percent, isoDate]).toEqual([1, 2, 3]);
    expect(first.derive(0, { fill: 'FFFFC7CE', fontColour: 'FF9C0006' })).toBe(red);
    const text = first.text();
    const info = readStyles(text, 'styles');
    expect(info.numFmts.get(164)).toBe('yyyy-mm-dd');
    expect(info.fills[info.cellXfs[red].fillId]).toBe('FFFFC7CE');
    expect(info.fonts[info.cellXfs[red].fontId].rgb).toBe('FF9C0006');
    // numFmts is the style sheet's first child: inserted before fonts.
    expect(text.indexOf('<numFmts')).toBeLessThan(text.indexOf('<fonts'));

    const again = new StyleEditor(text, 'styles');
    expect([
      again.derive(red, { fill: 'FFFFC7CE', fontColour: 'FF9C0006' }),
      again.derive(0, { numFmt: 'yyyy-mm-dd' }),
    ]).toEqual([red, isoDate]);
    expect(again.changed).toBe(false);
    expect(again.text()).toBe(text);
  });

  test("clearing Throughline's colour keeps a theme colour the user chose", () => {
    const editor = new StyleEditor(DEFAULT_STYLES_XML, 'styles');
    // Font 0 is coloured by the theme, so clearing leaves it as it is: no new font.
    expect(editor.derive(0, { fill: 'none', fontColour: 'auto' })).toBe(0);
    expect(editor.changed).toBe(false);
  });

  test('a style sheet without styles still reads', () => expect(EMPTY_STYLES.cellXfs).toEqual([]));
});

describe('tables', () => {
  test('headerRowCount is 1 when absent; appended columns get new ids, a count, and the ranges widen', () => {
    const xml = `<table ${MAIN} id="3" name="KPIs" displayName="KPIs" ref="A1:C5" totalsRowCount="1"><autoFilter ref="A1:C4"/><tableColumns count="3"><tableColumn id="1" name="ID"/><tableColumn id="4" name="Target"/><tableColumn id="2" name="Actual"/></tableColumns><tableStyleInfo name="TableStyleMedium2"/></table>`;
    expect(readTablePart(xml, 't')).toMatchObject({
      name: 'KPIs',
      ref: 'A1:C5',
      headerRowCount: 1,
      totalsRowCount: 1,
      columns: [{ id: 1 }, { id: 4 }, { id: 2 }],
    });
    expect(appendTableColumns(xml, 't', ['Health (auto)', 'Flags (auto)'], 'A1:E5', 'A1:E4')).toBe(
      `<table ${MAIN} id="3" name="KPIs" displayName="KPIs" ref="A1:E5" totalsRowCount="1"><autoFilter ref="A1:E4"/><tableColumns count="5"><tableColumn id="1" name="ID"/><tableColumn id="4" name="Target"/><tableColumn id="2" name="Actual"/>` +
        '<tableColumn id="5" name="Health (auto)"/><tableColumn id="6" name="Flags (auto)"/></tableColumns><tableStyleInfo name="TableStyleMedium2"/></table>',
    );
    expect(readTablePart(xml.replace(' totalsRowCount="1"', ' headerRowCount="0"'), 't').headerRowCount).toBe(0);
  });
});
