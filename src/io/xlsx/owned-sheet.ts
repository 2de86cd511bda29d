// A sheet Throughline owns (the Risks sheet, a portfolio's sheets) laid out as worksheet rows: bold
// headers, the severity fill on the first cell, money and dates formatted, links that go to a cell
// of this workbook (a location) or of another one (a relationship to the file, plus the location).
import type { CellStyle, OutValue } from '../../engine';
import { PALETTE } from '../../engine';
import { serialFromDay } from '../../engine';
import { columnLetters } from '../../engine';
import type { StyleChange, StyleEditor } from '../ooxml/styles';
import type { NewSheet, RowBuffer } from '../ooxml/worksheet-new';
import { ownedLinks } from './owned-links';
import type { SheetPlanLike } from './owned-plan';

export type { SheetPlanLike } from './owned-plan';

export interface OwnedLayout {
  sheet: NewSheet;
  /** Hyperlink relationships the sheet's part needs (links to other workbooks). */
  relationships: { id: string; target: string }[];
}

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
