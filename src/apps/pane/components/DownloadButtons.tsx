// The Charts tab's two downloads side by side: the status report (HTML) and the board pack (PowerPoint).
// The deck takes a moment to make, so its button says so and cannot be pressed twice meanwhile.
import { useState } from 'react';
import { Button, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export interface DownloadButtonsProps {
  onReport?: () => void;
  onDeck?: () => Promise<void>;
}

export function DownloadButtons({ onReport, onDeck }: DownloadButtonsProps) {
  const styles = useStyles();
  const [making, setMaking] = useState(false);
  if (!onReport && !onDeck) return null;
  const deck = async () => {
    if (!onDeck || making) return;
    setMaking(true);
    try {
      await onDeck();
    } finally {
      setMaking(false);
    }
  };
  return (
    <div className={styles.row}>
      {onReport && (
        <Button appearance="primary" onClick={onReport}>
          Download status report (HTML)
        </Button>
      )}
      {onDeck && (
        <Button appearance="secondary" onClick={() => void deck()} disabledFocusable={making} aria-busy={making}>
          {making ? 'Making board pack…' : 'Download board pack (PowerPoint)'}
        </Button>
      )}
    </div>
  );
}
