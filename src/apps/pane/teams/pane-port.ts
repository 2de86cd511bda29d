// The portfolio as the pane's port: the core PortfolioPort, plus what the pane asks of a host's port
// (the selected cell, as a [file]Sheet name, so the map can start from it) and a word once written.
import type { SheetLink, WritePlan } from '../../../engine';
import type { WorkbookPort } from '../../../io/port';
import { PortfolioPort, type PortfolioMember, type PortfolioOptions } from '../../../portfolio';
import { compositeSheet } from '../../../portfolio';

export interface SelectionSource {
  activeCell(): Promise<SheetLink | null>;
  watchSelection(listener: (cell: SheetLink | null) => void): Promise<() => void>;
}

export interface PanePortOptions extends PortfolioOptions {
  /** Where the selected cell comes from, already named as the portfolio names sheets. */
  selection?: SelectionSource;
  /** Called once every writable member has been written. */
  written?: () => void;
}

export class PanePortfolioPort extends PortfolioPort {
  activeCell?: () => Promise<SheetLink | null>;
  watchSelection?: (listener: (cell: SheetLink | null) => void) => Promise<() => void>;

  constructor(
    members: PortfolioMember[],
    private readonly paneOptions: PanePortOptions = {},
  ) {
    super(members, paneOptions);
    const selection = paneOptions.selection;
    if (selection) {
      this.activeCell = () => selection.activeCell();
      this.watchSelection = (listener) => selection.watchSelection(listener);
    }
  }

  override async apply(plan: WritePlan): Promise<void> {
    await super.apply(plan);
    this.paneOptions.written?.();
  }
}

/** A member's own selection (Excel's open workbook) named as the portfolio names its sheets. */
export function memberSelection(port: WorkbookPort, label: string): SelectionSource | undefined {
  const { activeCell, watchSelection } = port;
  if (!activeCell || !watchSelection) return undefined;
  const named = (cell: SheetLink | null): SheetLink | null =>
    cell ? { sheet: compositeSheet(label, cell.sheet), cell: cell.cell } : null;
  return {
    activeCell: async () => named(await activeCell.call(port)),
    watchSelection: (listener) => watchSelection.call(port, (cell) => listener(named(cell))),
  };
}
