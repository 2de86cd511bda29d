// What the file adapter knows of a workbook's structure: its sheets, their tables, the styles and
// shared strings. Read once per open or write; the cells themselves are streamed when needed.
import type { OoxmlPackage } from '../ooxml/package';
import { readWorkbookInfo, type SheetEntry, type WorkbookInfo } from '../ooxml/workbook';
import { readTablePart, type TablePart } from '../ooxml/table';
import { EMPTY_STYLES, readStyles, type StyleInfo } from '../ooxml/styles';
import { readSharedStrings, type SheetContext } from './worksheet-read';
import { REL, isType } from '../ooxml/relationships';
import { MAX_SHARED_STRINGS } from '../ooxml/limits';
import { decodeRef, type CellBox } from '../../cells';

export interface TableModel extends TablePart {
  box: CellBox;
}

export interface SheetModel {
  entry: SheetEntry & { part: string };
  tables: TableModel[];
}

export class WorkbookModel {
  private stylesCache: StyleInfo | null = null;
  private stringsCache: string[] | null = null;

  private constructor(
    readonly pkg: OoxmlPackage,
    readonly info: WorkbookInfo,
    /** Worksheets whose part is in the package, in workbook order. */
    readonly sheets: SheetModel[],
  ) {}

  static load(pkg: OoxmlPackage): WorkbookModel {
    const info = readWorkbookInfo(pkg);
    const sheets: SheetModel[] = [];
    for (const entry of info.sheets) {
      if (entry.kind !== 'worksheet' || entry.part === null) continue;
      const part = entry.part;
      const tables: TableModel[] = [];
      for (const rel of pkg.relationships(part)) {
        if (!isType(rel, REL.table) || rel.part === null || !pkg.has(rel.part)) continue;
        const table = readTablePart(pkg.text(rel.part), rel.part);
        const box = decodeRef(table.ref);
        if (box) tables.push({ ...table, box });
      }
      sheets.push({ entry: { ...entry, part }, tables });
    }
    return new WorkbookModel(pkg, info, sheets);
  }

  sheet(name: string): SheetModel | undefined {
    return this.sheets.find((s) => s.entry.name === name);
  }

  get styles(): StyleInfo {
    if (!this.stylesCache) {
      const part = this.info.stylesPart;
      this.stylesCache = part && this.pkg.has(part) ? readStyles(this.pkg.text(part), part) : EMPTY_STYLES;
    }
    return this.stylesCache;
  }

  get sharedStrings(): string[] {
    if (!this.stringsCache) {
      const part = this.info.sharedStringsPart;
      this.stringsCache = part ? readSharedStrings(this.pkg.text(part), part, MAX_SHARED_STRINGS) : [];
      if (part) this.pkg.forget(part);
    }
    return this.stringsCache;
  }

  get context(): SheetContext {
    return { sharedStrings: this.sharedStrings, styles: this.styles, date1904: this.info.date1904 };
  }
}
