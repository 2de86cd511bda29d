// Which sheets are Throughline's. A sheet is owned only when Throughline made it, and the ledger says
// so; a user's own sheet that happens to be called "Risks" (a RAID log) is never written, and
// Throughline's Risks sheet then takes another name.
import type { CellValue, LedgerBlock, WorkbookSnapshot } from '../types';
import { LEDGER_SHEET, RISKS_SHEET } from '../recognise/names';
import { SETTINGS_OFFSET } from '../flags/ledger';
import { SETTINGS_HEADERS } from '../settings-changes';
import { RISKS_HEADERS } from './risks';

export const OWNED_SHEETS_HEADERS = ['Owned sheet'];

/** The owned-sheets block sits right of the settings block, past one blank column. */
export const OWNED_OFFSET = SETTINGS_OFFSET + SETTINGS_HEADERS.length + 1;

/** Names Throughline falls back to, in order, when "Risks" is a user's sheet. */
const FALLBACK_NAMES = ['Throughline Risks', 'Throughline Risks 2', 'Throughline Risks 3', 'Throughline Risks 4'];

/** The owned sheets the ledger lists; null when the ledger has no such list (none yet, or one from an older version). */
export function readOwnedSheets(grid: CellValue[][] | null | undefined): string[] | null {
  if (!grid || grid[0]?.[OWNED_OFFSET] !== OWNED_SHEETS_HEADERS[0]) return null;
  const names: string[] = [];
  for (const row of grid.slice(1)) {
    const v = row[OWNED_OFFSET];
    if (typeof v === 'string' && v.trim()) names.push(v.trim());
  }
  return names;
}

const sameName = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function isRisksHeader(row: CellValue[] | undefined): boolean {
  return Boolean(row) && RISKS_HEADERS.every((h, i) => row![i] === h);
}

/**
 * The Risks sheet to write: the one the ledger lists; else "Risks" when the workbook has none, or when
 * an older version's ledger sits beside a "Risks" sheet with exactly Throughline's headers; else the
 * first free fallback name.
 */
export function risksSheetName(snapshot: WorkbookSnapshot): string {
  const exists = (name: string) => snapshot.sheetNames.some((s) => sameName(s, name));
  const owned = readOwnedSheets(snapshot.ledger);
  if (owned) {
    const listed = owned.find((n) => !sameName(n, LEDGER_SHEET) && exists(n));
    if (listed) return snapshot.sheetNames.find((s) => sameName(s, listed))!;
  }
  if (!exists(RISKS_SHEET)) return RISKS_SHEET;
  if (!owned && snapshot.ledger && isRisksHeader(snapshot.sheetHeads?.[RISKS_SHEET])) return RISKS_SHEET;
  const free = FALLBACK_NAMES.find((n) => !exists(n));
  if (free) return free;
  for (let n = FALLBACK_NAMES.length + 1; ; n++) if (!exists(`Throughline Risks ${n}`)) return `Throughline Risks ${n}`;
}

/**
 * The name for a further sheet Throughline owns (a hub's portfolio sheets): the one the ledger lists
 * (the wanted name, or the fallback an earlier refresh took); else the wanted name when no sheet has
 * it; else "Throughline <wanted>", numbered if need be, as a user's sheet of that name is never written.
 */
export function ownedSheetFor(snapshot: Pick<WorkbookSnapshot, 'sheetNames' | 'ledger'>, wanted: string): string {
  const exists = (name: string) => snapshot.sheetNames.some((s) => sameName(s, name));
  const fallbacks = (n: number) => (n === 1 ? `Throughline ${wanted}` : `Throughline ${wanted} ${n}`);
  const owned = readOwnedSheets(snapshot.ledger) ?? [];
  const listed = owned.find(
    (n) =>
      (sameName(n, wanted) ||
        sameName(n, fallbacks(1)) ||
        new RegExp(`^Throughline ${escape(wanted)} \\d+$`, 'i').test(n)) &&
      exists(n),
  );
  if (listed) return snapshot.sheetNames.find((s) => sameName(s, listed))!;
  if (!exists(wanted)) return wanted;
  for (let n = 1; ; n++) if (!exists(fallbacks(n))) return fallbacks(n);
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The ledger block that records the sheets this refresh owns. */
export function ownedSheetsBlock(risksSheet: string): LedgerBlock {
  return { column: OWNED_OFFSET, headers: OWNED_SHEETS_HEADERS, rows: [[risksSheet], [LEDGER_SHEET]] };
}
