// The rows of an owned sheet as the writer takes them (the Risks sheet, the ledger's blocks): shared by
// the sheet's cells and its links, each written in its own module.
import type { CellStyle, ExternalLink, OutValue, SheetLink } from '../../engine';

export interface SheetPlanLike {
  headers: string[];
  rows: OutValue[][];
  links: ({ column: number; target: SheetLink | ExternalLink } | null)[];
  styles: (CellStyle | null)[];
}
