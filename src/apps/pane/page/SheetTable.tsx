// One sheet of the preview as a table, with row numbers and column letters, each cell painted as the
// workbook paints it. Drawn again only when the sheet, its highlight or the pick handler changes: a
// big sheet is costly to draw, and the keyboard's cell is marked on the drawn table instead. Of a
// sheet's 1,500 rows only the first are drawn, more as the frame scrolls: every row added lays the
// whole table out again, which at 1,500 rows held the page for half a second at a time.
import { mergeClasses } from '@fluentui/react-components';
import { memo, type RefObject } from 'react';
import { columnLetters } from '../../../engine';
import type { SheetLink } from '../../../engine';
import type { PreviewSheet } from './preview';
import type { Cursor } from './sheet-cursor';
import { useSheetPreviewStyles } from './useSheetPreviewStyles.styles';

export interface SheetTableProps {
  sheet: PreviewSheet;
  /** Columns drawn: the widest row's. */
  width: number;
  title: string;
  /** The highlighted cell's row and column (1-based), when it is on this sheet. */
  targetRow: number | null;
  targetColumn: number | null;
  /** Gets the highlighted row, which the preview scrolls to. */
  highlighted: RefObject<HTMLTableRowElement | null>;
  /** Rows drawn: the first rows of the sheet, more as the frame is scrolled down (useSheetPreview). */
  drawn: number;
  onCursor: (cursor: Cursor) => void;
  onPick?: (target: SheetLink) => void;
}

/** Rows in one block: a block is drawn again only when its own highlight changes. */
export const BLOCK_ROWS = 100;

export const SheetTable = memo(function SheetTable({
  sheet,
  width,
  title,
  targetRow,
  targetColumn,
  highlighted,
  drawn,
  onCursor,
  onPick,
}: SheetTableProps) {
  const styles = useSheetPreviewStyles();
  const blocks = Math.ceil(Math.min(drawn, sheet.rows.length) / BLOCK_ROWS);
  return (
    <table className={styles.table} aria-label={`Sheet ${title}`}>
      <thead>
        <tr>
          <th className={mergeClasses(styles.cell, styles.head, styles.corner)} scope="col">
            Row
          </th>
          {Array.from({ length: width }, (_, c) => (
            <th key={c} className={mergeClasses(styles.cell, styles.head)} scope="col">
              {columnLetters(c + 1)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {Array.from({ length: blocks }, (_, b) => {
          const from = b * BLOCK_ROWS;
          const to = Math.min(sheet.rows.length, from + BLOCK_ROWS);
          const inside = targetRow !== null && targetRow > from && targetRow <= to;
          return (
            <RowBlock
              key={b}
              sheet={sheet}
              from={from}
              to={to}
              width={width}
              targetRow={inside ? targetRow : null}
              targetColumn={inside ? targetColumn : null}
              highlighted={highlighted}
              onCursor={onCursor}
              onPick={onPick}
            />
          );
        })}
      </tbody>
    </table>
  );
});

type RowBlockProps = Omit<SheetTableProps, 'title' | 'drawn'> & { from: number; to: number };

/** Rows `from` (0-based) up to `to` of the sheet; drawn again only when its own highlight changes. */
const RowBlock = memo(function RowBlock({
  sheet,
  from,
  to,
  width,
  targetRow,
  targetColumn,
  highlighted,
  onCursor,
  onPick,
}: RowBlockProps) {
  const styles = useSheetPreviewStyles();
  return (
    <>
      {sheet.rows.slice(from, to).map((row, i) => {
        const r = from + i;
        const isTarget = targetRow === r + 1;
        return (
          <tr
            key={r}
            ref={isTarget ? highlighted : undefined}
            className={isTarget ? styles.highlightRow : undefined}
            aria-current={isTarget ? 'true' : undefined}
            data-row={r + 1}
          >
            <th className={mergeClasses(styles.cell, styles.rowHead)} scope="row">
              {r + 1}
            </th>
            {Array.from({ length: width }, (_, c) => {
              const cell = row[c];
              return (
                <td
                  key={c}
                  className={mergeClasses(
                    styles.cell,
                    !!cell?.fill && styles.painted,
                    isTarget && targetColumn === c + 1 && styles.highlightCell,
                  )}
                  style={
                    cell?.fill
                      ? ({
                          '--cell-fill': cell.fill,
                          ...(cell.colour ? { '--cell-ink': cell.colour } : {}),
                        } as React.CSSProperties)
                      : undefined
                  }
                  title={cell?.text}
                  onClick={
                    onPick &&
                    (() => {
                      onCursor({ sheet: sheet.name, row: r + 1, column: c + 1 });
                      onPick({ sheet: sheet.name, cell: `${columnLetters(c + 1)}${r + 1}` });
                    })
                  }
                >
                  {cell?.text}
                </td>
              );
            })}
          </tr>
        );
      })}
    </>
  );
});
