// Builds WorkbookSnapshots for engine tests from plain rows, as an adapter would hand them over.
import type { CellValue, OccupiedCell, RawSheet, RawTable, WorkbookSnapshot } from '../../src/engine/types';

export interface TableInput {
  name: string;
  sheet?: string;
  headers: string[];
  rows: CellValue[][];
  headerRow?: number;
  firstColumn?: number;
  occupiedRight?: OccupiedCell[];
}

export function table(input: TableInput): RawTable {
  const width = input.headers.length;
  return {
    sheet: input.sheet ?? input.name,
    name: input.name,
    headerRow: input.headerRow ?? 1,
    firstColumn: input.firstColumn ?? 1,
    headers: input.headers,
    rows: input.rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null)),
    occupiedRight: input.occupiedRight ?? [],
  };
}

export function snapshot(tables: RawTable[], sheets: RawSheet[] = [], date1904 = false): WorkbookSnapshot {
  const names = [...new Set([...tables.map((t) => t.sheet), ...sheets.map((s) => s.sheet)])];
  return { date1904, sheetNames: names, tables, sheets };
}

export const OBJECTIVE_HEADERS = ['ID', 'Name', 'Parent', 'Owner', 'Weight', 'Value at Stake', 'Revenue Stream'];
export const KPI_HEADERS = [
  'ID',
  'Name',
  'Objective',
  'Direction',
  'Baseline',
  'Target',
  'Actual',
  'Start',
  'Due',
  'Weight',
  'Updated',
  'Status',
  'Cadence',
];
export const INITIATIVE_HEADERS = [
  'ID',
  'Name',
  'Objective',
  'Start',
  'Due',
  'Forecast',
  '% Complete',
  'Status',
  'Updated',
  'Weight',
];

/** A small workbook with the given rows under the standard headers. */
export function workbook(parts: {
  objectives: CellValue[][];
  kpis?: CellValue[][];
  initiatives?: CellValue[][];
  dependencies?: CellValue[][];
  history?: CellValue[][];
  settings?: CellValue[][];
}): WorkbookSnapshot {
  const tables = [table({ name: 'Objectives', headers: OBJECTIVE_HEADERS, rows: parts.objectives })];
  if (parts.kpis) tables.push(table({ name: 'KPIs', headers: KPI_HEADERS, rows: parts.kpis }));
  if (parts.initiatives)
    tables.push(table({ name: 'Initiatives', headers: INITIATIVE_HEADERS, rows: parts.initiatives }));
  if (parts.dependencies)
    tables.push(table({ name: 'Dependencies', headers: ['Upstream', 'Downstream', 'Lag'], rows: parts.dependencies }));
  if (parts.history)
    tables.push(table({ name: 'History', headers: ['ID', 'Date', 'Value', 'Status'], rows: parts.history }));
  if (parts.settings) tables.push(table({ name: 'Settings', headers: ['Key', 'Value'], rows: parts.settings }));
  return snapshot(tables);
}

/** Days since 1970-01-01 for an ISO date, for hand-checked expectations. */
export function day(iso: string): number {
  return Math.round(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);
}
