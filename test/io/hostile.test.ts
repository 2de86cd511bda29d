// Hostile and broken files: each is refused with a message naming the file and what is wrong with it,
// no stack trace, and nothing written. The files are made from the example by damaging one thing.
import { existsSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { strToU8 } from 'fflate';
import { main } from '../../src/apps/cli/main';
import { readSharedStrings } from '../../src/io/xlsx/worksheet-read';
import { inflateEntry, readZip } from '../../src/io/ooxml/zip';
import { portableCodec } from '../../src/io/ooxml/codec';
import { nodeCodec } from '../../src/io/node/codec';
import { PackageError } from '../../src/io/ooxml/errors';
import { MAX_PART_BYTES } from '../../src/io/ooxml/limits';
import { rezip, withBytes, withDamagedEntry, withDeclaredSize } from '../support/zip';
import { day } from '../support/snapshot';

const EXAMPLE = new Uint8Array(readFileSync(path.join(__dirname, '../../examples/rollout.xlsx')));
/** The example's KPIs sheet: a part every refresh reads. */
const KPIS = 'xl/worksheets/sheet3.xml';

async function refreshFile(data: Uint8Array) {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-hostile-'));
  const file = path.join(dir, 'hostile.xlsx');
  writeFileSync(file, data);
  let stdout = '';
  let stderr = '';
  const code = await main(['refresh', file], {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    today: () => day('2026-06-30'),
    isTTY: false,
  });
  return { code, stdout, stderr, file, written: readdirSync(dir).filter((f) => f !== 'hostile.xlsx') };
}

let bombBytes: Uint8Array | null = null;
const bomb = () => (bombBytes ??= makeBomb());
const makeBomb = () => {
  // 64 MB of one repeated cell inflates from about 64 KB; the directory says 20 KB.
  const row = '<row r="2"><c r="A2" t="inlineStr"><is><t>x</t></is></c></row>';
  const huge = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${row.repeat((64 << 20) / row.length)}</sheetData></worksheet>`;
  return withDeclaredSize(rezip(EXAMPLE, { [KPIS]: () => huge }), KPIS, 20_000);
};

const cases: [string, () => Uint8Array, RegExp][] = [
  [
    'a zip bomb whose header understates its size',
    bomb,
    /xl\/worksheets\/sheet3\.xml expands past the size its archive declares \(a damaged entry or a zip bomb\)/,
  ],
  [
    'a part that declares more than the ceiling',
    () => withDeclaredSize(EXAMPLE, KPIS, MAX_PART_BYTES + 1),
    /xl\/worksheets\/sheet3\.xml would expand to 419,430,401 bytes; Throughline reads parts of at most 419,430,400 bytes/,
  ],
  [
    'XML with a DOCTYPE and entities (billion laughs)',
    () =>
      rezip(EXAMPLE, {
        [KPIS]: (xml) =>
          xml
            .replace(
              '<worksheet',
              '<!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><worksheet',
            )
            .replace('<v>', '<v>&b;'),
      }),
    /xl\/worksheets\/sheet3\.xml declares a DOCTYPE; Throughline refuses XML with document type or entity declarations/,
  ],
  [
    'an entity that is not declared',
    () => rezip(EXAMPLE, { [KPIS]: (xml) => xml.replace('<v>', '<v>&xxe;') }),
    /xl\/worksheets\/sheet3\.xml is not well-formed XML/,
  ],
  [
    'a sheet its workbook names but the file lacks',
    () => rezip(EXAMPLE, { [KPIS]: null }),
    /the workbook refers to the part xl\/worksheets\/sheet3\.xml, which is missing from the file/,
  ],
  [
    'a sheet whose relationship points back at the workbook (a loop)',
    () =>
      rezip(EXAMPLE, {
        'xl/_rels/workbook.xml.rels': (xml) => xml.replace('Target="worksheets/sheet3.xml"', 'Target="workbook.xml"'),
      }),
    /the sheet "KPIs" points back at the workbook itself \(a relationship loop\)/,
  ],
  [
    'a file cut short',
    () => EXAMPLE.subarray(0, Math.floor(EXAMPLE.length / 2)),
    /the file is damaged or cut short \(it is not a complete zip archive\)/,
  ],
  ['a damaged entry', () => withDamagedEntry(EXAMPLE, KPIS), /xl\/worksheets\/sheet3\.xml is damaged/],
  [
    'text that is not UTF-8',
    () =>
      withBytes(EXAMPLE, {
        [KPIS]: new Uint8Array([
          ...strToU8('<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'),
          0xc3,
          0x28,
          ...strToU8('</t></is></c></row></sheetData></worksheet>'),
        ]),
      }),
    /xl\/worksheets\/sheet3\.xml is not valid UTF-8 text/,
  ],
];

describe.each(cases)('%s', (_label, make, message) => {
  test('is refused with a clear message naming the file; nothing is written', async () => {
    const { code, stderr, file, written } = await refreshFile(make());
    expect(code).toBe(1);
    expect(stderr).toContain(file);
    expect(stderr).toMatch(message);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(written).toEqual([]);
    expect(existsSync(file.replace(/\.xlsx$/, '.refreshed.xlsx'))).toBe(false);
    // Making the bomb (64 MB of XML, zipped) takes about 3 s on its own: more than jest's 5 s on a busy machine.
  }, 30_000);
});

describe('the ceilings themselves', () => {
  test('a shared-string table past its ceiling is refused, naming the part', () => {
    const sst = `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">${'<si><t>x</t></si>'.repeat(11)}</sst>`;
    expect(() => readSharedStrings(sst, 'xl/sharedStrings.xml', 10)).toThrow(
      new PackageError(
        'xl/sharedStrings.xml holds more than 10 strings; Throughline reads at most that many',
        'xl/sharedStrings.xml',
      ),
    );
    expect(readSharedStrings(sst, 'xl/sharedStrings.xml', 11)).toHaveLength(11);
  });

  test.each([
    ['portable', portableCodec],
    ['node', nodeCodec],
  ])('the %s codec stops a bomb as soon as it passes the declared size and checks every checksum', (_name, codec) => {
    const entries = readZip(bomb());
    const sheet = entries.find((e) => e.name === KPIS)!;
    expect(() => inflateEntry(sheet, codec)).toThrow(/expands past the size its archive declares/);
    const damaged = readZip(withDamagedEntry(EXAMPLE, KPIS)).find((e) => e.name === KPIS)!;
    expect(() => inflateEntry(damaged, codec)).toThrow(/damaged/);
    const good = readZip(EXAMPLE).find((e) => e.name === KPIS)!;
    expect(new TextDecoder().decode(inflateEntry(good, codec))).toMatch(/^<\?xml/);
  });
});
