// One sheet of the preview as a table, with row numbers and column letters, each cell painted as the
// workbook paints it. Drawn again only when the sheet, its highlight or the pick handler changes: a
// big sheet is costly to draw, and the keyboard's cell is marked on the drawn table instead. A sheet
// of 1,500 rows is drawn a block of rows at a time, one block a turn, so the page never stalls on it.
import { mergeClasses } from '@fluentui/react-components';
import { memo, useEffect, useState, type RefObject } from 'react';
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
  onCursor: (cursor: Cursor) => void;
  onPick?: (target: SheetLink) => void;
}

/** Rows drawn in one turn of the page. */
const BLOCK_ROWS = 100;

/** How many blocks of `sheet` are drawn: one more each turn until all are, starting again for another sheet. */
function useDrawnBlocks(sheet: PreviewSheet, targetRow: number | null): number {
  const [drawn, setDrawn] = useState({ sheet, blocks: 1 });
  if (drawn.sheet !== sheet) setDrawn({ sheet, blocks: 1 });
  const total = Math.ceil(sheet.rows.length / BLOCK_ROWS);
  const blocks = drawn.sheet === sheet ? drawn.blocks : 1;
  useEffect(() => {
    if (blocks >= total) return undefined;
    const next = setTimeout(() => setDrawn((d) => (d.sheet === sheet ? { sheet, blocks: d.blocks + 1 } : d)), 0);
    return () => clearTimeout(next);
  }, [sheet, blocks, total]);
  // The highlighted row is drawn at once, wherever it is.
  return Math.max(blocks, targetRow === null ? 0 : Math.ceil(targetRow / BLOCK_ROWS));
}

export const SheetTable = memo(function SheetTable({
  sheet,
  width,
  title,
  targetRow,
  targetColumn,
  highlighted,
  onCursor,
  onPick,
}: SheetTableProps) {
  const styles = useSheetPreviewStyles();
  const blocks = Math.min(useDrawnBlocks(sheet, targetRow), Math.ceil(sheet.rows.length / BLOCK_ROWS));
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

type RowBlockProps = Omit<SheetTableProps, 'title'> & { from: number; to: number };

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
