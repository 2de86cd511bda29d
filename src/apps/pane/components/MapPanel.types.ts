import type { Report, SheetLink } from '../../../engine';
import type { ItemLinks } from '../../../engine';

export interface MapPanelProps {
  report: Report;
  links: ItemLinks;
  /** The item the map starts from; null picks the worst risk. */
  start: string | null;
  onStart: (id: string) => void;
  onSelect: (target: SheetLink) => void;
  /** The item on the row selected in the sheet; absent where there is no sheet selection. */
  fromSelection?: () => Promise<string | null>;
  /** Calls back with the item on each newly selected row (null off item rows); resolves to how to stop. */
  followSelection?: (onItem: (id: string | null) => void) => Promise<() => void>;
}
