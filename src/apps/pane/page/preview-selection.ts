// The cell picked in the page's preview: what a click in the grid is in Excel. The ports read it and
// the pane's map follows it.
import type { SheetLink } from '../../../engine';
import type { SelectionSource } from '../teams/pane-port';

/** The cell picked in the preview, and who wants to hear of each new pick (the map follows it). */
export class PreviewSelection implements SelectionSource {
  private readonly watchers = new Set<(cell: SheetLink | null) => void>();
  constructor(private readonly current: () => SheetLink | null) {}
  async activeCell(): Promise<SheetLink | null> {
    return this.current();
  }
  async watchSelection(listener: (cell: SheetLink | null) => void): Promise<() => void> {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }
  /** A cell picked in the preview: what a click in the grid is in Excel. */
  picked(cell: SheetLink): void {
    for (const w of this.watchers) w(cell);
  }
}
