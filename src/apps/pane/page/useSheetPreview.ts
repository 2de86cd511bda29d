// The sheet preview's state: which workbook and sheet are shown, the highlighted cell kept in view,
// and the keyboard's cell, moved by the arrow keys and picked with Enter or Space.
import { useAnnounce } from '@fluentui/react-components';
import { useEffect, useId, useRef, useState, type KeyboardEvent, type UIEvent } from 'react';
import { columnLetters } from '../../../engine';
import { cellPosition } from './preview';
import { moved, type Cursor } from './sheet-cursor';
import type { SheetPreviewProps } from './SheetPreview.types';
import type { PreviewSheet } from './preview';
import { BLOCK_ROWS } from './SheetTable';

/** Rows drawn at first; as many again each time the frame is scrolled near its end. */
const FIRST_ROWS = 200;

/** How many rows of `sheet` are drawn, and the frame's scroll handler that draws more. */
function useDrawnRows(sheet: PreviewSheet | undefined, ...needed: (number | null)[]) {
  const [drawn, setDrawn] = useState({ sheet, rows: FIRST_ROWS });
  if (drawn.sheet !== sheet) setDrawn({ sheet, rows: FIRST_ROWS });
  const rows = drawn.sheet === sheet ? drawn.rows : FIRST_ROWS;
  const onScroll = (e: UIEvent<HTMLDivElement>) => {
    const box = e.currentTarget;
    if (!sheet || rows >= sheet.rows.length || box.scrollTop + box.clientHeight < box.scrollHeight - 400) return;
    setDrawn({ sheet, rows: rows + FIRST_ROWS });
  };
  // The highlighted row and the keyboard's cell are always drawn, with the rest of their block.
  const wanted = Math.max(rows, ...needed.map((r) => (r === null ? 0 : Math.ceil(r / BLOCK_ROWS) * BLOCK_ROWS)));
  return { drawn: wanted, onScroll };
}

export function useSheetPreview({ sheets: all, active, highlight, onPick }: SheetPreviewProps) {
  const { announce } = useAnnounce();
  const hintId = useId();
  const [cursor, setCursor] = useState<Cursor | null>(null);
  const sheets = all.filter((s) => !s.hidden);
  const sheet = sheets.find((s) => s.name === active) ?? sheets[0];
  // A portfolio's sheets are grouped by workbook: one row of tabs for the workbooks, one for the sheets of the chosen one.
  const workbooks = [...new Set(sheets.flatMap((s) => (s.workbook ? [s.workbook] : [])))];
  const book = workbooks.length > 1 ? (sheet?.workbook ?? null) : null;
  const tabs = book === null ? sheets : sheets.filter((s) => s.workbook === book);
  const title = sheet ? `${sheet.title ?? sheet.name}${book ? ` of ${book}` : ''}` : '';
  const target = highlight && sheet && highlight.sheet === sheet.name ? cellPosition(highlight.cell) : null;
  const targetRow = target?.row ?? null;
  const targetColumn = target?.column ?? null;
  const width = sheet ? Math.max(0, ...sheet.rows.map((r) => r.length)) : 0;
  const here = sheet && cursor?.sheet === sheet.name ? cursor : null;
  const { drawn, onScroll } = useDrawnRows(sheet, targetRow, here?.row ?? null);
  const highlighted = useRef<HTMLTableRowElement>(null);
  const frame = useRef<HTMLDivElement>(null);
  // Scroll the frame, never the page: scrollIntoView would also move the window away from the pane.
  useEffect(() => {
    const row = highlighted.current;
    const box = frame.current;
    if (!row || !box) return;
    const rowTop = row.offsetTop;
    box.scrollTop = Math.max(0, rowTop - (box.clientHeight - row.offsetHeight) / 2);
    const column = highlight ? cellPosition(highlight.cell).column : 0;
    const cell = row.children[column] as HTMLElement | undefined;
    if (
      cell &&
      (cell.offsetLeft < box.scrollLeft || cell.offsetLeft + cell.offsetWidth > box.scrollLeft + box.clientWidth)
    )
      box.scrollLeft = Math.max(0, cell.offsetLeft - 40);
  }, [highlight, active]);
  useCursorInView(frame, here, sheet, width);

  /** Arrow keys, Home/End and Page Up/Down move the keyboard's cell; Enter or Space picks it, as a click does. */
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!sheet || !onPick || e.target !== e.currentTarget || e.altKey || e.metaKey) return;
    if (sheet.rows.length === 0 || width === 0) return;
    const from = here ?? (targetRow !== null ? { row: targetRow, column: Math.max(1, targetColumn ?? 1) } : null);
    if (e.key === 'Enter' || e.key === ' ') {
      e.preventDefault();
      const pick = from ?? { row: 1, column: 1 };
      const address = `${columnLetters(pick.column)}${pick.row}`;
      setCursor({ sheet: sheet.name, ...pick });
      onPick({ sheet: sheet.name, cell: address });
      announce(`Picked ${address}.`, { polite: true });
      return;
    }
    const next = moved(e.key, e.ctrlKey, from, sheet.rows.length, width);
    if (!next) return;
    e.preventDefault();
    setCursor({ sheet: sheet.name, ...next });
    const text = sheet.rows[next.row - 1]?.[next.column - 1]?.text;
    announce(`${columnLetters(next.column)}${next.row}: ${text ? text : 'empty'}`, { polite: true });
  };

  return {
    hintId,
    sheets,
    sheet,
    workbooks,
    book,
    tabs,
    title,
    width,
    targetRow,
    targetColumn,
    highlighted,
    frame,
    setCursor,
    onKeyDown,
    drawn,
    onScroll,
  };
}

/** The keyboard's cell is marked on the drawn table and kept in view: a big sheet is not drawn again for it. */
function useCursorInView(
  frame: React.RefObject<HTMLDivElement | null>,
  here: Cursor | null,
  sheet: unknown,
  width: number,
) {
  useEffect(() => {
    const box = frame.current;
    const cell =
      box && here
        ? (box.querySelector(`tr[data-row="${here.row}"]`)?.children[here.column] as HTMLElement | undefined)
        : undefined;
    if (!box || !cell) return undefined;
    cell.setAttribute('data-cursor', 'true');
    const row = cell.parentElement as HTMLElement;
    const head = box.querySelector('thead')?.getBoundingClientRect().height ?? 0;
    if (row.offsetTop - head < box.scrollTop || row.offsetTop + row.offsetHeight > box.scrollTop + box.clientHeight)
      box.scrollTop = Math.max(0, row.offsetTop - box.clientHeight / 2);
    if (cell.offsetLeft < box.scrollLeft || cell.offsetLeft + cell.offsetWidth > box.scrollLeft + box.clientWidth)
      box.scrollLeft = Math.max(0, cell.offsetLeft - 40);
    return () => cell.removeAttribute('data-cursor');
  }, [frame, here, sheet, width]);
}
