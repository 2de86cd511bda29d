import { makeStyles, tokens } from '@fluentui/react-components';

export const useSheetPreviewStyles = makeStyles({
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
