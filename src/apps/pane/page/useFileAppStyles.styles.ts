import { makeStyles, tokens } from '@fluentui/react-components';

/** The page: the pane beside the preview, one above the other when narrow. */
export const useFileAppStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(320px, 400px) minmax(0, 1fr)',
    minHeight: '100vh',
    maxWidth: '100vw',
    '@media (max-width: 800px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  side: { backgroundColor: tokens.colorNeutralBackground2, minWidth: 0 },
  preview: {
    padding: tokens.spacingHorizontalM,
    backgroundColor: tokens.colorNeutralBackground2,
    minWidth: 0,
    color: tokens.colorNeutralForeground1,
    // Beside the pane, the preview stays in view while the pane's long lists scroll.
    '@media (min-width: 801px)': {
      position: 'sticky',
      top: 0,
      alignSelf: 'start',
      maxHeight: '100vh',
      overflowY: 'auto',
      boxSizing: 'border-box',
    },
  },
  dropping: { outline: `3px dashed ${tokens.colorBrandStroke1}`, outlineOffset: '-6px' },
});
