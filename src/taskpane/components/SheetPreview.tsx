import { Caption1, Tab, TabList, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useEffect, useRef } from 'react';
import { columnLetters } from '../../engine/recognise/locate';
import type { SheetLink } from '../../engine/types';
import { cellPosition, type PreviewSheet } from '../preview';

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
  },
  corner: { fontWeight: tokens.fontWeightRegular },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, whiteSpace: 'nowrap' },
  cell: { border: `1px solid ${tokens.colorNeutralStroke3}`, padding: '2px 6px', maxWidth: '28em', overflow: 'hidden', textOverflow: 'ellipsis' },
  // A cell's own fill and font colour, as the workbook sets them (a contrast theme replaces both).
  painted: { backgroundColor: 'var(--cell-fill)', color: 'var(--cell-ink, inherit)' },
  head: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, position: 'sticky', top: 0, fontWeight: tokens.fontWeightRegular },
  rowHead: { backgroundColor: tokens.colorNeutralBackground3, color: tokens.colorNeutralForeground3, textAlign: 'right' },
  highlightRow: { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: '-2px' },
  highlightCell: { boxShadow: `inset 0 0 0 2px ${tokens.colorPaletteRedBorderActive}` },
});

export interface SheetPreviewProps {
  sheets: PreviewSheet[];
  active: string | null;
  highlight: SheetLink | null;
  onActivate: (sheet: string) => void;
  /** A click on a cell selects it, as in a spreadsheet (the pane's map can start from its row). */
  onPick?: (target: SheetLink) => void;
}

export function SheetPreview({ sheets: all, active, highlight, onActivate, onPick }: SheetPreviewProps) {
  const styles = useStyles();
  const sheets = all.filter((s) => !s.hidden);
  const sheet = sheets.find((s) => s.name === active) ?? sheets[0];
  // A portfolio's sheets are grouped by workbook: one row of tabs for the workbooks, one for the sheets of the chosen one.
  const workbooks = [...new Set(sheets.flatMap((s) => (s.workbook ? [s.workbook] : [])))];
  const book = workbooks.length > 1 ? (sheet?.workbook ?? null) : null;
  const tabs = book === null ? sheets : sheets.filter((s) => s.workbook === book);
  const title = sheet ? `${sheet.title ?? sheet.name}${book ? ` of ${book}` : ''}` : '';
  const target = highlight && sheet && highlight.sheet === sheet.name ? cellPosition(highlight.cell) : null;
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
    if (cell && (cell.offsetLeft < box.scrollLeft || cell.offsetLeft + cell.offsetWidth > box.scrollLeft + box.clientWidth)) box.scrollLeft = Math.max(0, cell.offsetLeft - 40);
  }, [highlight, active]);
  if (!sheet) return null;
  const width = Math.max(0, ...sheet.rows.map((r) => r.length));
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
      <TabList className={styles.tabs} selectedValue={sheet.name} onTabSelect={(_, d) => onActivate(String(d.value))} size="small" aria-label={book ? `Sheets of ${book}` : 'Sheets'}>
        {tabs.map((s) => (
          <Tab key={s.name} value={s.name} className={styles.tab} content={{ className: styles.tabText }}>
            {s.title ?? s.name}
          </Tab>
        ))}
      </TabList>
      <div className={styles.scroll} ref={frame} tabIndex={0} role="region" aria-label={`Sheet ${title}, scrollable`}>
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
              const isTarget = target?.row === r + 1;
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
                        className={mergeClasses(styles.cell, !!cell?.fill && styles.painted, isTarget && target?.column === c + 1 && styles.highlightCell)}
                        style={cell?.fill ? ({ '--cell-fill': cell.fill, ...(cell.colour ? { '--cell-ink': cell.colour } : {}) } as React.CSSProperties) : undefined}
                        title={cell?.text}
                        onClick={onPick && (() => onPick({ sheet: sheet.name, cell: `${columnLetters(c + 1)}${r + 1}` }))}
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
      </div>
      {sheet.totalRows > sheet.rows.length && (
        <Caption1>
          Showing the first {sheet.rows.length} of {sheet.totalRows} rows.
        </Caption1>
      )}
    </section>
  );
}
