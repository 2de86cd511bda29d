import { Caption1, Tab, TabList, makeStyles, mergeClasses, tokens, useAnnounce } from '@fluentui/react-components';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { columnLetters } from '../../../engine';
import type { SheetLink } from '../../../engine';
import { cellPosition, type PreviewSheet } from './preview';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  tabs: { flexWrap: 'wrap', minWidth: 0, maxWidth: '100%' },
  // A workbook's file name often has no spaces (Regional_Operations_…_final_v3.xlsx): its tab wraps
  // anywhere rather than push the page sideways; the whole name stays visible and is the tab's name.
  tab: { maxWidth: '100%', minWidth: 0 },
  tabText: { overflowWrap: 'anywhere', whiteSpace: 'normal', minWidth: 0, textAlign: 'start' },
  // The only thing on the page that scrolls sideways: the sheet, inside its own frame.
  scroll: {
    overflow: 'auto',
    maxHeight: '70vh',
    maxWidth: '100%',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground1,
    color: tokens.colorNeutralForeground1,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
    // The keyboard's cell: marked by attribute, so moving it never draws the table again.
    '& td[data-cursor]': { outline: `2px dashed ${tokens.colorStrokeFocus2}`, outlineOffset: '-3px' },
  },
  corner: { fontWeight: tokens.fontWeightRegular },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
  cell: {
    border: `1px solid ${tokens.colorNeutralStroke3}`,
    padding: '2px 6px',
    maxWidth: '28em',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
  },
  // A cell's own fill and font colour, as the workbook sets them (a contrast theme replaces both).
  painted: { backgroundColor: 'var(--cell-fill)', color: 'var(--cell-ink, inherit)' },
  head: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    position: 'sticky',
    top: 0,
    fontWeight: tokens.fontWeightRegular,
  },
  rowHead: {
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground3,
    textAlign: 'right',
  },
  highlightRow: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  highlightCell: { boxShadow: `inset 0 0 0 2px ${tokens.colorPaletteRedBorderActive}` },
});

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

/** A cell of the drawn rows, 1-based, on one sheet. */
interface Cursor {
  sheet: string;
  row: number;
  column: number;
}

/** Rows a Page Up or Page Down moves. */
const PAGE_ROWS = 10;

/** Where the arrow keys, Home/End and Page Up/Down take the keyboard's cell; null for other keys. */
function moved(
  key: string,
  ctrl: boolean,
  from: { row: number; column: number } | null,
  rows: number,
  columns: number,
): { row: number; column: number } | null {
  const at = from ?? { row: 1, column: 1 };
  const clamp = (row: number, column: number) => ({
    row: Math.min(rows, Math.max(1, row)),
    column: Math.min(columns, Math.max(1, column)),
  });
  // The first arrow press lands on the first cell (or the highlighted one) rather than past it.
  const step = from ? 1 : 0;
  switch (key) {
    case 'ArrowDown':
      return clamp(at.row + step, at.column);
    case 'ArrowUp':
      return clamp(at.row - step, at.column);
    case 'ArrowRight':
      return clamp(at.row, at.column + step);
    case 'ArrowLeft':
      return clamp(at.row, at.column - step);
    case 'Home':
      return clamp(ctrl ? 1 : at.row, 1);
    case 'End':
      return clamp(ctrl ? rows : at.row, columns);
    case 'PageDown':
      return clamp(at.row + PAGE_ROWS, at.column);
    case 'PageUp':
      return clamp(at.row - PAGE_ROWS, at.column);
    default:
      return null;
  }
}

export function SheetPreview({ sheets: all, active, highlight, onActivate, onPick }: SheetPreviewProps) {
  const styles = useStyles();
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
  // The keyboard's cell is marked on the drawn table and kept in view: a big sheet is not drawn again for it.
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
  }, [here, sheet, width]);

  const table = useMemo(() => {
    if (!sheet) return null;
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
          {sheet.rows.map((row, r) => {
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
                          setCursor({ sheet: sheet.name, row: r + 1, column: c + 1 });
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
        </tbody>
      </table>
    );
  }, [sheet, width, title, targetRow, targetColumn, styles, onPick]);

  if (!sheet) return null;

  /** Arrow keys, Home/End and Page Up/Down move the keyboard's cell; Enter or Space picks it, as a click does. */
  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!onPick || e.target !== e.currentTarget || e.altKey || e.metaKey || sheet.rows.length === 0 || width === 0)
      return;
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

  return (
    <section className={styles.root} aria-label="Workbook preview">
      {book !== null && (
        <TabList
          className={styles.tabs}
          selectedValue={book}
          onTabSelect={(_, d) => onActivate(sheets.find((s) => s.workbook === d.value)!.name)}
          size="small"
          aria-label="Workbooks"
        >
          {workbooks.map((w) => (
            <Tab key={w} value={w} className={styles.tab} content={{ className: styles.tabText }}>
              {w}
            </Tab>
          ))}
        </TabList>
      )}
      <TabList
        className={styles.tabs}
        selectedValue={sheet.name}
        onTabSelect={(_, d) => onActivate(String(d.value))}
        size="small"
        aria-label={book ? `Sheets of ${book}` : 'Sheets'}
      >
        {tabs.map((s) => (
          <Tab key={s.name} value={s.name} className={styles.tab} content={{ className: styles.tabText }}>
            {s.title ?? s.name}
          </Tab>
        ))}
      </TabList>
      <div
        className={styles.scroll}
        ref={frame}
        tabIndex={0}
        role="region"
        aria-label={`Sheet ${title}, scrollable`}
        aria-describedby={onPick ? hintId : undefined}
        onKeyDown={onKeyDown}
      >
        {table}
      </div>
      {onPick && (
        <Caption1 id={hintId}>
          In the sheet, the arrow keys move between cells and Enter picks one (the map can start from its row).
        </Caption1>
      )}
      {sheet.totalRows > sheet.rows.length && (
        <Caption1>
          Showing the first {sheet.rows.length} of {sheet.totalRows} rows.
        </Caption1>
      )}
    </section>
  );
}
