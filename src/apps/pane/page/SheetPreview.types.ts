import type { SheetLink } from '../../../engine';
import type { PreviewSheet } from './preview';

export interface SheetPreviewProps {
  sheets: PreviewSheet[];
  active: string | null;
  highlight: SheetLink | null;
  onActivate: (sheet: string) => void;
  /**
   * A click on a cell selects it, as in a spreadsheet (the pane's map can start from its row); so do
   * Enter and Space on the cell the arrow keys moved to.
   */
  onPick?: (target: SheetLink) => void;
}
