// A sheet Throughline owns (the Risks sheet, a portfolio's sheets) laid out as worksheet rows: bold
// headers, the severity fill on the first cell, money and dates formatted, links that go to a cell
// of this workbook (a location) or of another one (a relationship to the file, plus the location).
import type { CellStyle, ExternalLink, OutValue, SheetLink } from '../../engine';
import { PALETTE } from '../../engine';
import { serialFromDay } from '../../engine';
import { columnLetters } from '../../engine';
import type { StyleChange, StyleEditor } from '../ooxml/styles';
import type { ByteWriter } from '../ooxml/byte-writer';
import type { LinkWriter, NewSheet, RowBuffer } from '../ooxml/worksheet-new';

export interface SheetPlanLike {
  headers: string[];
  rows: OutValue[][];
  links: ({ column: number; target: SheetLink | ExternalLink } | null)[];
  styles: (CellStyle | null)[];
}

export interface OwnedLayout {
  sheet: NewSheet;
  /** Hyperlink relationships the sheet's part needs (links to other workbooks). */
  relationships: { id: string; target: string }[];
}

const isExternal = (t: SheetLink | ExternalLink): t is ExternalLink => 'file' in t;
const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

export function fillChange(style: CellStyle | null): StyleChange {
  if (style === null) return { fill: 'none', fontColour: 'auto' };
  return { fill: PALETTE[style].fill, fontColour: PALETTE[style].font };
}

export type OwnedStyles = Record<'plain' | 'date' | 'bold' | 'link' | 'money' | CellStyle, number>;

/** The cell formats of every owned sheet (Risks, the ledger, a portfolio's), each derived once. */
export function ownedStyles(styles: StyleEditor): OwnedStyles {
  const d = (change: StyleChange) => styles.derive(0, change);
  return {
    plain: 0,
    date: d({ numFmt: 'yyyy-mm-dd' }),
    bold: d({ bold: true }),
    link: d({ fontColour: 'FF0563C1', underline: true }),
    money: d({ numFmt: '#,##0' }),
    good: d(fillChange('good')),
    neutral: d(fillChange('neutral')),
    bad: d(fillChange('bad')),
    grey: d(fillChange('grey')),
  };
}

/** Puts a value of an owned sheet into a row; dates get the date format whatever the column. */
export function putOwnedValue(
  row: RowBuffer,
  c: number,
  value: OutValue,
  style: number,
  date: number,
  date1904: boolean,
) {
  if (value !== null && typeof value === 'object') {
    row.values[c] = serialFromDay(value.day, date1904);
    row.styles[c] = date;
  } else {
    row.values[c] = value;
    row.styles[c] = value === null ? 0 : style;
  }
}

/** An owned sheet's rows and links; `s` from ownedStyles (numbered once all other formats are derived). */
export function ownedLayout(plan: SheetPlanLike, widths: number[], s: OwnedStyles, date1904: boolean): OwnedLayout {
  let width = plan.headers.length;
  for (const row of plan.rows) if (row.length > width) width = row.length;
  // Each column's format for a plain value: money where the header says so.
  const columnStyle = Array.from({ length: width }, (_, c) =>
    /^value (exposed|at stake)$/i.test(plan.headers[c] ?? '') ? s.money : s.plain,
  );
  const fill = (i: number, row: RowBuffer): void => {
    if (i === 0) {
      plan.headers.forEach((h, c) => putOwnedValue(row, c, h, s.bold, s.date, date1904));
      return;
    }
    const r = i - 1;
    const values = plan.rows[r];
    const severity = plan.styles[r];
    const link = plan.links[r];
    const linkColumn = link ? link.column : -1;
    for (let c = 0; c < values.length; c++) {
      const v = values[c];
      // The buffer's cells start empty: a null leaves them so.
      if (v === null) continue;
      if (typeof v === 'object') {
        row.values[c] = serialFromDay(v.day, date1904);
        row.styles[c] = s.date;
      } else {
        row.values[c] = v;
        row.styles[c] = c === 0 && severity ? s[severity] : c === linkColumn ? s.link : columnStyle[c];
      }
    }
  };
  const { links, relationships } = ownedLinks(plan);
  return {
    sheet: {
      height: plan.rows.length + 1,
      width,
      fill,
      widths: plan.headers.map((_, i) => widths[i] ?? 14),
      freezeBelow: 2,
      autoFilter: `A1:${columnLetters(plan.headers.length)}${Math.max(1, plan.rows.length + 1)}`,
      links,
    },
    relationships,
  };
}

/**
 * The sheet's links, one for each row that has one, written as the part is (the Risks sheet has one
 * on every row: no object or string is made for each). A link to another workbook goes through a
 * relationship, numbered in the order of the rows.
 */
function ownedLinks(plan: SheetPlanLike): { links: LinkWriter; relationships: { id: string; target: string }[] } {
  const relationships: { id: string; target: string }[] = [];
  const relIds = new Map<number, string>();
  let any = false;
  plan.links.forEach((link, r) => {
    if (!link) return;
    any = true;
    if (!isExternal(link.target)) return;
    const id = `rId${relationships.length + 1}`;
    relationships.push({ id, target: link.target.file });
    relIds.set(r, id);
  });
  const letters: string[] = [];
  const sheets = new QuotedSheets();
  const write = (r: number, out: ByteWriter): void => {
    const link = plan.links[r];
    if (!link) return;
    const external = isExternal(link.target);
    const target = isExternal(link.target) ? link.target.target : link.target;
    const value = plan.rows[r][link.column];
    const shown = typeof value === 'string' ? value : String(value ?? '');
    out.ascii('<hyperlink ref="');
    out.ascii(letters[link.column] ?? (letters[link.column] = columnLetters(link.column + 1)));
    out.integer(r + 2);
    if (external) {
      out.ascii('" r:id="');
      out.xmlText(relIds.get(r)!);
    }
    out.ascii('" location="');
    out.xmlText(sheets.quoted(target.sheet));
    out.ascii('!');
    out.xmlText(target.cell);
    out.ascii('" display="');
    // A link within the workbook shows where it goes when its cell is empty (sheet!cell: escaped
    // piece by piece, the same as whole, as no escape spans the "!").
    if (shown || external) out.xmlText(shown);
    else {
      out.xmlText(target.sheet);
      out.ascii('!');
      out.xmlText(target.cell);
    }
    out.ascii('"/>');
  };
  return { links: { any, size: plan.links.length, write }, relationships };
}

/** A sheet's name quoted for a formula ('It''s'), made once for the run of links to the same sheet. */
class QuotedSheets {
  private last = '';
  private lastQuoted = quoted('');
  private readonly all = new Map<string, string>();

  quoted(sheet: string): string {
    if (sheet === this.last) return this.lastQuoted;
    let q = this.all.get(sheet);
    if (q === undefined) this.all.set(sheet, (q = quoted(sheet)));
    this.last = sheet;
    this.lastQuoted = q;
    return q;
  }
}
