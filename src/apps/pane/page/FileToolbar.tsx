// The page's controls above the pane: open, add, open a folder, open the example, download; what is
// open, what a portfolio still lacks, and what went wrong.
import { Button, Caption1, MessageBar, MessageBarBody } from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  DocumentAdd20Regular,
  FolderOpen20Regular,
  Folder20Regular,
} from '@fluentui/react-icons';
import { useEffect, useRef } from 'react';
import type { PickedFile } from '../teams/files';
import { filesFromInput } from '../teams/drop';
import { BarTitle } from '../components/BarTitle';
import { leftOutNote, type Opened, type Portfolio } from './page-port';
import { XLSM_TYPE, XLSX_TYPE } from './download';
import { useFileToolbarStyles } from './useFileToolbarStyles.styles';

const ACCEPT = `.xlsx,.xlsm,${XLSX_TYPE},${XLSM_TYPE}`;

/** Whether the browser can pick a whole folder (Chromium, Firefox and Safari can). */
const canPickFolder = typeof HTMLInputElement !== 'undefined' && 'webkitdirectory' in HTMLInputElement.prototype;

export interface FileToolbarProps {
  opened: Opened | null;
  busy: boolean;
  refreshed: boolean;
  /** The worker is writing a refresh whose summary is shown: Download waits for it. */
  preparing?: boolean;
  /** A Download click is waiting for that write. */
  waiting?: boolean;
  error: string | null;
  /** Opens picked files; `add` keeps what is open. */
  onOpen: (files: PickedFile[], add: boolean) => Promise<void>;
  /** Told when picked files cannot be read. */
  onError: (e: unknown) => void;
  onExample: () => void;
  onDownload: () => void;
}

function caption(busy: boolean, opened: Opened | null): string {
  if (busy) return 'Opening…';
  if (opened === null)
    return (
      'Open an .xlsx or .xlsm, several workbooks to roll them up as a portfolio, or a folder; ' +
      'or drop them anywhere on this page. They stay in your browser.'
    );
  if (opened.kind === 'one') return `Open: ${opened.name}`;
  const members = opened.setup.members.map((m) => `${m.info.key} ${m.info.label}`).join(', ');
  return `Open: ${opened.setup.members.length} workbooks as one portfolio (${members})`;
}

export function FileToolbar({
  opened,
  busy,
  refreshed,
  preparing = false,
  waiting = false,
  error,
  onOpen,
  onError,
  onExample,
  onDownload,
}: FileToolbarProps) {
  const styles = useFileToolbarStyles();
  const input = useRef<HTMLInputElement>(null);
  const addInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  useEffect(() => folderInput.current?.setAttribute('webkitdirectory', ''), []);
  const portfolio = opened?.kind === 'portfolio' ? opened : null;

  const fromInput = (add: boolean) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files;
    if (chosen && chosen.length > 0) {
      void filesFromInput(chosen).then(
        (files) => onOpen(files, add),
        (err: unknown) => onError(err),
      );
    }
    e.target.value = '';
  };

  return (
    <div className={styles.toolbar}>
      <div className={styles.buttons}>
        <Button icon={<FolderOpen20Regular />} onClick={() => input.current?.click()}>
          Open workbooks…
        </Button>
        {canPickFolder && (
          <Button icon={<Folder20Regular />} onClick={() => folderInput.current?.click()}>
            Open a folder…
          </Button>
        )}
        {(portfolio || (opened?.kind === 'one' && opened.file)) && (
          <Button icon={<DocumentAdd20Regular />} onClick={() => addInput.current?.click()}>
            Add workbooks…
          </Button>
        )}
        <Button appearance="subtle" onClick={onExample}>
          Open the example
        </Button>
        <Button
          icon={<ArrowDownload20Regular />}
          disabled={!opened || !(refreshed || preparing)}
          aria-busy={waiting}
          onClick={onDownload}
        >
          {portfolio ? 'Download all (.zip)' : 'Download refreshed workbook'}
        </Button>
      </div>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        multiple
        accept={ACCEPT}
        aria-label="Workbook files"
        onChange={fromInput(false)}
      />
      <input
        ref={addInput}
        className={styles.hidden}
        type="file"
        multiple
        accept={ACCEPT}
        aria-label="More workbook files"
        onChange={fromInput(true)}
      />
      <input
        ref={folderInput}
        className={styles.hidden}
        type="file"
        aria-label="Folder of workbooks"
        onChange={fromInput(false)}
      />
      <Caption1 className={styles.caption}>{caption(busy, opened)}</Caption1>
      {/* Always there, so screen readers hear it change (a live region added with its text is often missed). */}
      <Caption1 className={styles.caption} role="status">
        {preparing
          ? waiting
            ? 'Preparing the file… The download starts when it is ready.'
            : 'Preparing the file…'
          : ''}
      </Caption1>
      {portfolio && <PortfolioNotes portfolio={portfolio} refreshed={refreshed} />}
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );
}

/** What an open portfolio lacks, what was left out of it, and what its .zip holds once refreshed. */
function PortfolioNotes({ portfolio, refreshed }: { portfolio: Portfolio; refreshed: boolean }) {
  const styles = useFileToolbarStyles();
  const { setup } = portfolio;
  const hub = setup.members.find((m) => m.info.key === setup.hub)?.info.label ?? 'The hub';
  const missing = setup.missing.map((m) => `${m.file} (${m.key})`).join(', ');
  return (
    <>
      {setup.missing.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <BarTitle>Open these too</BarTitle>
            {hub} lists {missing}. Add them with Add workbooks…; a refresh without them reports their items as not read.
          </MessageBarBody>
        </MessageBar>
      )}
      {setup.leftOut.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <BarTitle>Left out</BarTitle>
            {leftOutNote(setup.leftOut)}
          </MessageBarBody>
        </MessageBar>
      )}
      {refreshed && (
        <Caption1 className={styles.caption}>
          The .zip holds each refreshed workbook, {`portfolio.xlsx`} (risks across workbooks, teams, cross-team pushes)
          and {`portfolio.status.html`}.
        </Caption1>
      )}
    </>
  );
}
