// A sheet to create: a formal table (or a plain range under a title) with its rows.
export type SpecValue = string | number | Date | null;

export interface SheetSpec {
  sheet: string;
  /** Table name, or null for a plain header-row range. */
  table: string | null;
  /** A title written two rows above a plain range's header. */
  title?: string;
  headers: string[];
  rows: SpecValue[][];
}
