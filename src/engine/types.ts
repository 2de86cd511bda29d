// Plain data shared by every engine stage and by the adapters that feed it.
// Nothing here knows about Office.js or exceljs.

/** A calendar day as a whole number of days since 1970-01-01 (UTC). Arithmetic on days is integer arithmetic. */
export type Day = number;

/** An Excel error value such as #N/A or #REF!, as it arrives from a cell. */
export interface ExcelError {
  error: string;
}

/**
 * The error an adapter hands over for a formula saved without its result (a file written by a program
 * that does not calculate): not a blank, and not one of Excel's own errors.
 */
export const NOT_CALCULATED = '#NOT-CALCULATED';

/** A cell as an adapter hands it to the engine: formulas already resolved to their cached result. */
export type CellValue = number | string | boolean | Date | ExcelError | null;

export type TableKind = 'objectives' | 'kpis' | 'initiatives' | 'dependencies' | 'history' | 'settings';

/** A formal Excel table (ListObject) read by an adapter. Coordinates are 1-based sheet rows/columns. */
export interface RawTable {
  sheet: string;
  /** The table's name as Excel shows it. */
  name: string;
  /** Sheet row of the header. */
  headerRow: number;
  /** Sheet column of the table's first column. */
  firstColumn: number;
  /** Header texts, one per table column. */
  headers: string[];
  /** Data rows, each exactly headers.length long. A totals row is not included. */
  rows: CellValue[][];
  /**
   * Non-empty cells in the band to the right of the table, spanning its header and data rows and
   * OWNED_BAND_WIDTH columns wide (at least the first one of each band column). They block appending
   * owned columns there.
   */
  occupiedRight: OccupiedCell[];
  /**
   * Set when the host can add columns to this table only by inserting cells (Excel without ExcelApi
   * 1.13, where `Table.resize` is missing): the first non-empty cell to the right of the table in its
   * rows, which such an insert would move. Appending owned columns is then refused, naming it.
   */
  shiftBlocker?: CellPosition | null;
}

/**
 * A non-empty cell beside a table; its text when the adapter read it (the band's header row). A cell
 * of a merged area that reaches into the band is occupied too, empty or not: `merged` is that area
 * ("K2:L3") and the cell is the first of the area inside the band.
 */
export interface OccupiedCell extends CellPosition {
  text?: string;
  merged?: string;
  /** Another table's name, when the cell is part of it (tables may not overlap, even where empty). */
  table?: string;
}

/** A merged area of a worksheet: its top-left cell (1-based) and its size. */
export interface MergedArea extends CellPosition {
  rows: number;
  columns: number;
}

/** A worksheet with no recognised formal table, read as a grid so the engine can find a header-row range in it. */
export interface RawSheet {
  sheet: string;
  /** Sheet row and column of values[0][0]. */
  originRow: number;
  originColumn: number;
  /** The used area of the sheet, row-major; rows may be ragged (missing cells are blank). */
  values: CellValue[][];
  /** Merged areas that may reach the band right of the range (adapters may leave out those that cannot). */
  merged?: MergedArea[];
}

export type { CellPosition, CellBox } from '../cells';
import type { CellPosition } from '../cells';

/** Everything the engine needs from a workbook. */
export interface WorkbookSnapshot {
  /** True when the workbook counts serial dates from 1904 (old Mac workbooks). */
  date1904: boolean;
  /** Every worksheet name, in workbook order. */
  sheetNames: string[];
  tables: RawTable[];
  /** Sheets that hold no recognised formal table and whose name is a recognised table name. */
  sheets: RawSheet[];
  /** Sheets whose protection forbids editing cells: nothing may be written to them. */
  protectedSheets?: string[];
  /** The audit ledger sheet's used area (header row first), when the workbook has one. */
  ledger?: CellValue[][] | null;
  /**
   * The first row (columns A to J) of an existing sheet called "Risks", by sheet name: with an older
   * ledger that does not list the owned sheets, it tells Throughline's Risks sheet from a user's.
   */
  sheetHeads?: Record<string, CellValue[]>;
  /**
   * Problems the host found before the engine ran (a portfolio's ambiguous references): reported with
   * the engine's own, and a reference error the engine would add at the same cell is not repeated.
   */
  hostErrors?: ValidationError[];
  /**
   * Sources that could not be read, by the prefix of their items' IDs ("PROC:"): a reference to such an
   * item is not a data error that skips the row; the referring item is computed and says what is unknown.
   */
  unavailable?: Record<string, string>;
}

export type Health = 'Green' | 'Amber' | 'Red' | 'Grey';
export type ReportedStatus = 'Green' | 'Amber' | 'Red';
export type ItemKind = 'objective' | 'kpi' | 'initiative';
export type Direction = 'Increase' | 'Decrease';
export type RollupMode = 'weighted' | 'worst';
export type Severity = 'info' | 'warn' | 'high';

/** How often an item is expected to be updated. Months are calendar months. */
export type Cadence = { unit: 'days'; count: number } | { unit: 'months'; count: number };

export interface Settings {
  asOf: Day;
  greenThreshold: number;
  amberThreshold: number;
  defaultCadence: Cadence;
  graceDays: number;
  slipAmberDays: number;
  slipRedDays: number;
  rollup: RollupMode;
}

/** Where a parsed row came from. */
export interface SourceRef {
  sheet: string;
  /** Sheet row (1-based). */
  row: number;
  /** Index into the engine's list of recognised tables. */
  table: number;
  /** 0-based index of the row among that table's data rows. */
  index: number;
}

export interface ObjectiveRow {
  kind: 'objective';
  id: string;
  name: string;
  parent: string | null;
  owner: string | null;
  function: string | null;
  weight: number;
  valueAtStake: number | null;
  revenueStream: string | null;
  due: Day | null;
  src: SourceRef;
}

export interface KpiRow {
  kind: 'kpi';
  id: string;
  name: string;
  objective: string;
  direction: Direction;
  baseline: number | null;
  target: number;
  actual: number | null;
  start: Day | null;
  due: Day | null;
  weight: number;
  owner: string | null;
  function: string | null;
  cadence: Cadence | null;
  updated: Day | null;
  status: ReportedStatus | null;
  unit: string | null;
  src: SourceRef;
}

export interface InitiativeRow {
  kind: 'initiative';
  id: string;
  name: string;
  /** An objective ID or a KPI ID. */
  supports: string | null;
  start: Day | null;
  due: Day;
  forecast: Day | null;
  /** Fraction 0..1 (values above 1 are kept: they mean done). */
  complete: number | null;
  status: ReportedStatus | null;
  updated: Day | null;
  cadence: Cadence | null;
  weight: number;
  owner: string | null;
  function: string | null;
  valueAtStake: number | null;
  src: SourceRef;
}

export interface DependencyRow {
  upstream: string;
  downstream: string;
  lagDays: number;
  note: string | null;
  src: SourceRef;
  /** Dependencies as commitments: the date the downstream team needs the upstream finished. */
  neededBy: Day | null;
  /** The date the upstream team promised. */
  committed: Day | null;
  /** Where the promise stands. */
  commitment: CommitmentStatus | null;
}

/** Where a dependency's promise stands (SPEC §1, Dependencies Status). */
export type CommitmentStatus = 'Requested' | 'Committed' | 'Declined' | 'Delivered';

export interface HistoryRow {
  id: string;
  date: Day;
  /** KPI actual, or initiative fraction complete. */
  value: number | null;
  status: ReportedStatus | null;
  /**
   * Where the check-in was read. Left out by the engine's parse: a row's problems are reported as it
   * is parsed, and nothing after reads it, while a portfolio holds a million check-ins to its end.
   */
  src?: SourceRef;
}

export interface ValidationError {
  sheet: string;
  /** A1 address of the offending cell; for a missing table, the empty string is never used: see messages. */
  cell: string;
  code: ErrorCode;
  message: string;
}

export type ErrorCode =
  | 'missing-table'
  | 'missing-column'
  | 'missing-value'
  | 'duplicate-id'
  | 'dangling-reference'
  | 'target-equals-baseline'
  | 'negative-weight'
  | 'negative-value'
  | 'invalid-number'
  | 'invalid-percent'
  | 'invalid-date'
  | 'invalid-status'
  | 'invalid-cadence'
  | 'invalid-direction'
  | 'invalid-setting'
  | 'excel-error'
  | 'parent-cycle'
  | 'dependency-cycle'
  | 'no-room'
  | 'protected-sheet'
  | 'ambiguous-reference'
  | 'source-unavailable'
  | 'self-dependency'
  | 'delivered-not-complete';

export type FlagCode =
  | 'stale'
  | 'no-update-date'
  | 'status-contradicts-data'
  | 'masked-dependency-risk'
  | 'dependency-risk'
  | 'flatline'
  | 'stuck-near-done'
  | 'exactly-on-plan'
  | 'status-cliff'
  | 'revised-history'
  | 'commitment-at-risk'
  | 'need-not-met'
  | 'uncommitted-dependency'
  | 'declined-dependency'
  | 'moved-goalposts';

export interface Flag {
  code: FlagCode;
  severity: Severity;
  message: string;
}

// ---------------------------------------------------------------------------------------------
// Results

export interface Impact {
  objectives: string[];
  revenueStreams: string[];
  valueExposed: number;
}

export interface ItemReport {
  id: string;
  kind: ItemKind;
  name: string;
  sheet: string;
  row: number;
  health: Health;
  ownHealth: Health;
  reportedStatus: ReportedStatus | null;
  progress: number | null;
  expected: number | null;
  /** ISO date, initiatives only. */
  forecastFinish: string | null;
  slipDays: number | null;
  /** Objectives only. */
  confidence: number | null;
  flags: Flag[];
  drivers: string[];
  impact: Impact;
  owner: string | null;
  /** The plan this item is judged against (SPEC §2a); null before Throughline has recorded it. */
  baseline: ItemBaseline | null;
  /** Initiatives: forecast finish − the baseline's Due, in days (later is positive). */
  slipVsBaselineDays: number | null;
  /** KPIs and initiatives: one point per as-of date refreshed; null for objectives. */
  forecastHistory: ForecastPoint[] | null;
}

/** A labelled baseline: what `--set-baseline` or *Set baseline…* recorded, and its as-of date. */
export interface BaselineRef {
  label: string;
  /** ISO date. */
  setOn: string;
}

/** An item's plan as its baseline recorded it. Dates ISO; fields the item's kind lacks are null. */
export interface ItemBaseline {
  /** Null for the plan as Throughline first recorded it (no baseline set, or the item came later). */
  label: string | null;
  setOn: string;
  start: string | null;
  due: string | null;
  target: number | null;
  baseline: number | null;
  direction: Direction | null;
  weight: number | null;
  valueAtStake: number | null;
  /** Objectives: the parent; KPIs and initiatives: the objective (or KPI) they serve. */
  parent: string | null;
}

/** The forecast finish (initiatives) or attainment (KPIs) a refresh computed as of a date. */
export interface ForecastPoint {
  asOf: string;
  forecast: string | null;
  attainment: number | null;
}

/** An item of the baseline that is no longer in the workbook. */
export interface RemovedItem {
  id: string;
  kind: ItemKind;
  name: string;
  lastHealth: Health | null;
  /** ISO as-of date of the last refresh that saw it, when known. */
  lastSeen: string | null;
  baseline: ItemBaseline;
  /** One line a person reads, for the Risks sheet and the review. */
  message: string;
}

export interface WhatIfResult {
  delay: { id: string; days: number };
  objectivesChanged: { id: string; from: Health; to: Health }[];
  valueNewlyAtRisk: number;
}

export interface Summary {
  objectives: Record<Health, number>;
  valueAtStake: number;
  valueAtRisk: number;
  stale: number;
  flagged: number;
  errors: number;
}

export interface Report {
  asOf: string;
  summary: Summary;
  items: ItemReport[];
  whatIf: WhatIfResult[];
  errors: ValidationError[];
  /** The newest labelled baseline; null while the plan as first recorded is the baseline. */
  baseline: BaselineRef | null;
  removed: RemovedItem[];
  /** One per dependency row that was read, in sheet order (SPEC §6). */
  dependencies: DependencyReport[];
}

/** A dependency as the report carries it: figures are null where they do not apply, never absent. */
export interface DependencyReport {
  upstream: string;
  downstream: string;
  sheet: string;
  row: number;
  lagDays: number;
  health: Health;
  slackDays: number | null;
  pushDays: number | null;
  /** ISO dates. */
  latestFinish: string | null;
  upstreamForecast: string | null;
  neededBy: string | null;
  committed: string | null;
  status: CommitmentStatus | null;
  flags: Flag[];
  valueExposed: number;
}

// ---------------------------------------------------------------------------------------------
// Write-back plan: what an adapter applies, decided entirely by the engine.

/** A value to write. Dates travel as day numbers so adapters choose their own date type. */
export type OutValue = string | number | { day: Day } | null;

/** Named cell styles; palette.ts maps them to colours. */
export type CellStyle = 'good' | 'neutral' | 'bad' | 'grey';

export interface ColumnWrite {
  header: string;
  /** Sheet column (1-based). */
  column: number;
  /** True when the column is not in the table yet and must be appended at its right. */
  append: boolean;
  /** Excel number format for the data cells, or null to leave the default. */
  numFmt: string | null;
  /** One per data row, in table order. */
  values: OutValue[];
  /** One per data row; null means no fill (the cell's fill is cleared to none). Absent when the column is never filled. */
  styles: (CellStyle | null)[] | null;
}

export interface TableWrite {
  sheet: string;
  /** Formal table name, or null for a plain header-row range. */
  tableName: string | null;
  headerRow: number;
  /** Sheet column of the table's first column. */
  firstColumn: number;
  /** Number of data rows the values cover (the table's data rows). */
  rowCount: number;
  columns: ColumnWrite[];
}

export interface SheetLink {
  sheet: string;
  /** A1 address inside that sheet. */
  cell: string;
}

export interface RisksPlan {
  sheetName: string;
  headers: string[];
  rows: OutValue[][];
  /** Per row: the column index (0-based) of the cell that links to the source, and where it goes. */
  links: ({ column: number; target: SheetLink } | null)[];
  /** Per row: the style of the severity cell (column 0). */
  styles: (CellStyle | null)[];
}

/** A block of the ledger sheet: a header row in row 1 and its rows below, from a 0-based column. */
export interface LedgerBlock {
  column: number;
  headers: string[];
  rows: OutValue[][];
}

/**
 * The hidden audit ledger: what each refresh first saw in History (one row per ID and date), and
 * beside it each item's last computed state. Blocks of different lengths, written side by side.
 */
export interface LedgerPlan {
  sheetName: string;
  blocks: LedgerBlock[];
}

/** A link in a sheet to a cell of another workbook (a portfolio's risks point into each member). */
export interface ExternalLink {
  /** The other workbook, as a path relative to the one written. */
  file: string;
  target: SheetLink;
}

/** A further sheet Throughline owns and writes whole (a portfolio hub's summary sheets). */
export interface OwnedSheetPlan {
  sheetName: string;
  headers: string[];
  rows: OutValue[][];
  /** Per row: the column that links elsewhere, and where to. */
  links: ({ column: number; target: SheetLink | ExternalLink } | null)[];
  /** Per row: the style of its first cell. */
  styles: (CellStyle | null)[];
  widths: number[];
}

export interface WritePlan {
  tables: TableWrite[];
  risks: RisksPlan;
  ledger: LedgerPlan;
  /** Further owned sheets, on file hosts only (the Office adapter does not write them). */
  extraSheets?: OwnedSheetPlan[];
}
