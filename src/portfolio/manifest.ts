// The Portfolio table of a hub workbook: which workbooks are members, under which team key, and who
// owns each. Plain rows in, member entries and problems out.
import type { CellValue } from '../engine';
import { normaliseName } from '../engine';
import { parseText } from '../engine';

/** A table found by a name the engine does not read (the Portfolio table), as an adapter reads it. */
export interface NamedRange {
  sheet: string;
  headerRow: number;
  headers: CellValue[];
  rows: CellValue[][];
}

export interface ManifestEntry {
  key: string;
  /** As typed: a path relative to the hub workbook's folder, or absolute. */
  path: string;
  owner: string | null;
  /** Sheet row, for messages. */
  row: number;
}

const COLUMNS: Record<'key' | 'path' | 'owner', string[]> = {
  key: ['Team', 'Key', 'Team Key', 'Code'],
  path: ['Path', 'File', 'Workbook', 'Location'],
  owner: ['Owner', 'Contact'],
};

/** Whether a table or sheet name is the Portfolio table ("Portfolio", "Portfolios", "portfolio"). */
export function isPortfolioName(name: string): boolean {
  return normaliseName(name) === normaliseName('Portfolio');
}

const columnOf = (headers: CellValue[], names: string[]) =>
  headers.findIndex((h) => typeof h === 'string' && names.some((n) => normaliseName(n) === normaliseName(h)));
const WORKBOOK_PATH = /\.(xlsx|xlsm)\s*$/i;

/**
 * Whether a range called Portfolio is meant as the Portfolio table, or is someone's own sheet that
 * happens to have the name (a product portfolio, say). It is the table when it has both a team-key
 * and a path column; with only one of them, when some cell names a workbook (so that a hub missing a
 * column is told what is missing rather than refreshed as one workbook); otherwise it is an ordinary sheet.
 */
export function isManifest(headers: CellValue[], rows: CellValue[][]): boolean {
  const key = columnOf(headers, COLUMNS.key) >= 0;
  const path = columnOf(headers, COLUMNS.path) >= 0;
  if (key && path) return true;
  if (!key && !path) return false;
  return rows.some((row) => row.some((v) => typeof v === 'string' && WORKBOOK_PATH.test(v)));
}

export function readManifest(
  headers: CellValue[],
  rows: CellValue[][],
  headerRow: number,
): { entries: ManifestEntry[]; problems: string[] } {
  const find = (names: string[]) => columnOf(headers, names);
  const at = { key: find(COLUMNS.key), path: find(COLUMNS.path), owner: find(COLUMNS.owner) };
  const problems: string[] = [];
  if (at.key < 0) problems.push('the Portfolio table has no Team column (it may also be called Key, Team Key or Code)');
  if (at.path < 0)
    problems.push('the Portfolio table has no Path column (it may also be called File, Workbook or Location)');
  if (problems.length > 0) return { entries: [], problems };
  const text = (v: CellValue | undefined) => {
    const t = parseText(v ?? null);
    return t.ok && t.value ? t.value : null;
  };
  const entries: ManifestEntry[] = [];
  const seen = new Set<string>();
  rows.forEach((row, i) => {
    const key = text(row[at.key]);
    const path = text(row[at.path]);
    if (!key && !path) return;
    const r = headerRow + 1 + i;
    if (!key || !path) {
      problems.push(`Portfolio row ${r} needs both a team key and a path`);
      return;
    }
    if (!/^[A-Za-z0-9_-]+$/.test(key)) {
      problems.push(`Portfolio row ${r}: the team key "${key}" may hold only letters, digits, "-" and "_"`);
      return;
    }
    const upper = key.toUpperCase();
    if (seen.has(upper)) {
      problems.push(`Portfolio row ${r}: the team key "${key}" is used twice`);
      return;
    }
    seen.add(upper);
    entries.push({ key: upper, path, owner: at.owner >= 0 ? text(row[at.owner]) : null, row: r });
  });
  return { entries, problems };
}
