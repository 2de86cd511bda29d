// Which sheet is Throughline's Risks sheet: the one the ledger lists, never a user's.
import { OWNED_OFFSET, ownedSheetsBlock, readOwnedSheets, risksSheetName } from '../../src/engine/plan/owned-sheets';
import { RISKS_HEADERS } from '../../src/engine/plan/risks';
import type { CellValue, WorkbookSnapshot } from '../../src/engine/types';

const ledgerListing = (...names: string[]): CellValue[][] => {
  const header: CellValue[] = ['ID', 'Date'];
  header[OWNED_OFFSET] = 'Owned sheet';
  return [
    header,
    ...names.map((n) => Object.assign(new Array<CellValue>(OWNED_OFFSET + 1).fill(null), { [OWNED_OFFSET]: n })),
  ];
};
const olderLedger: CellValue[][] = [['ID', 'Date', 'Value', 'Status', 'Recorded']];
const snap = (
  sheetNames: string[],
  ledger: CellValue[][] | null = null,
  risksHead?: CellValue[],
): WorkbookSnapshot => ({
  date1904: false,
  sheetNames,
  tables: [],
  sheets: [],
  ledger,
  sheetHeads: risksHead ? { Risks: risksHead } : {},
});

const cases: [string, WorkbookSnapshot, string][] = [
  ['no Risks sheet yet', snap(['Objectives']), 'Risks'],
  ["a user's Risks sheet (a RAID log)", snap(['Risks', 'Objectives'], null, ['RAID log']), 'Throughline Risks'],
  ['a user Risks sheet named in another case', snap(['RISKS', 'Objectives']), 'Throughline Risks'],
  ['both names taken', snap(['Risks', 'Throughline Risks']), 'Throughline Risks 2'],
  [
    'the ledger lists Throughline Risks',
    snap(
      ['Risks', 'Throughline Risks', 'Throughline Ledger'],
      ledgerListing('Throughline Risks', 'Throughline Ledger'),
    ),
    'Throughline Risks',
  ],
  [
    'the ledger lists Risks',
    snap(['Risks', 'Throughline Ledger'], ledgerListing('Risks', 'Throughline Ledger')),
    'Risks',
  ],
  [
    'the listed sheet was deleted',
    snap(['Risks', 'Throughline Ledger'], ledgerListing('Throughline Risks', 'Throughline Ledger'), ['RAID']),
    'Throughline Risks',
  ],
  [
    "an older ledger beside Throughline's headers",
    snap(['Risks', 'Throughline Ledger'], olderLedger, [...RISKS_HEADERS]),
    'Risks',
  ],
  [
    "an older ledger beside someone else's headers",
    snap(['Risks', 'Throughline Ledger'], olderLedger, ['Severity', 'Item']),
    'Throughline Risks',
  ],
  [
    "Throughline's headers but no ledger at all: not proof enough",
    snap(['Risks'], null, [...RISKS_HEADERS]),
    'Throughline Risks',
  ],
];

test.each(cases.map(([label, snapshot, expected]) => [label, expected, snapshot] as const))(
  '%s: %s',
  (_label, expected, snapshot) => expect(risksSheetName(snapshot)).toBe(expected),
);

test('the block the ledger gets lists the Risks sheet and the ledger, and reads back', () => {
  const block = ownedSheetsBlock('Throughline Risks');
  expect(block).toEqual({
    column: OWNED_OFFSET,
    headers: ['Owned sheet'],
    rows: [['Throughline Risks'], ['Throughline Ledger']],
  });
  expect(readOwnedSheets(ledgerListing('Throughline Risks', 'Throughline Ledger'))).toEqual([
    'Throughline Risks',
    'Throughline Ledger',
  ]);
  expect(readOwnedSheets(olderLedger)).toBeNull();
  expect(readOwnedSheets(null)).toBeNull();
});
