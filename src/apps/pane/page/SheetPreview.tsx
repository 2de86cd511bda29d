// The open workbook's sheets beside the pane: tabs for its workbooks and sheets, and the sheet itself
// in a frame of its own. State lives in useSheetPreview, the table in SheetTable, styles in
// useSheetPreviewStyles; this file only renders.
import { Caption1, Tab, TabList } from '@fluentui/react-components';
import { SheetTable } from './SheetTable';
import type { SheetPreviewProps } from './SheetPreview.types';
import { useSheetPreview } from './useSheetPreview';
import { useSheetPreviewStyles } from './useSheetPreviewStyles.styles';

export type { SheetPreviewProps } from './SheetPreview.types';

export function SheetPreview(props: SheetPreviewProps) {
  const { onActivate, onPick } = props;
  const styles = useSheetPreviewStyles();
  const state = useSheetPreview(props);
  const { sheets, sheet, book } = state;
  if (!sheet) return null;
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
          {state.workbooks.map((w) => (
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
        {state.tabs.map((s) => (
          <Tab key={s.name} value={s.name} className={styles.tab} content={{ className: styles.tabText }}>
            {s.title ?? s.name}
          </Tab>
        ))}
      </TabList>
      <div
        className={styles.scroll}
        ref={state.frame}
        tabIndex={0}
        role="region"
        aria-label={`Sheet ${state.title}, scrollable`}
        aria-describedby={onPick ? state.hintId : undefined}
        onKeyDown={state.onKeyDown}
        onScroll={state.onScroll}
      >
        <SheetTable
          sheet={sheet}
          width={state.width}
          title={state.title}
          targetRow={state.targetRow}
          targetColumn={state.targetColumn}
          highlighted={state.highlighted}
          drawn={state.drawn}
          onCursor={state.setCursor}
          onPick={onPick}
        />
      </div>
      {onPick && (
        <Caption1 id={state.hintId}>
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
