import { makeStyles, tokens } from '@fluentui/react-components';

export const useFileToolbarStyles = makeStyles({
  toolbar: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  caption: { overflowWrap: 'anywhere' },
  hidden: { display: 'none' },
});
