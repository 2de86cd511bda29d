import { MessageBarTitle, makeStyles } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  // Heard, not seen: the title's full stop.
  stop: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

/**
 * A message bar's title that reads as a sentence of its own. Fluent's MessageBar announces its body's
 * text content, where the gap after the title is only CSS: "Nothing was writtenThroughline needs…".
 * A full stop (for the ear only) and a real space keep the title apart from what follows.
 */
export function BarTitle({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <>
      <MessageBarTitle>{children}</MessageBarTitle>
      <span className={styles.stop}>.</span>{' '}
    </>
  );
}
