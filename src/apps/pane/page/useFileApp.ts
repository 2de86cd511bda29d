// The browser page's state: what is open and its preview, the host the pane runs on, opening by
// picking or dropping, and the download. FileApp only renders what this holds.
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import type { SheetLink } from '../../../engine';
import { MemorySettingsStore } from '../../../io/settings';
import { describeError } from '../../../io/errors';
import { filesFromDrop } from '../teams/drop';
import { downloadOpened } from './download';
import { pageHost } from './page-host';
import { useOpenFiles } from './useOpenFiles';
import { usePagePreview } from './usePagePreview';
import { usePageWorkbook } from './usePageWorkbook';

export function useFileApp() {
  const refreshButton = useRef<HTMLButtonElement>(null);
  const view = usePagePreview();
  const workbook = usePageWorkbook(view);
  const { opened, setError, pending, lastRun } = workbook;
  // Settings chosen on the page last while these workbooks are open: a new store for each opening.
  const settings = useMemo(() => new MemorySettingsStore(), [opened]);
  const [dropping, setDropping] = useState(false);
  // A Download click made while the worker still writes the refresh: kept, and said so, until the file is ready.
  const [waiting, setWaiting] = useState(false);
  const fail = useCallback((e: unknown) => setError(describeError(e)), [setError]);
  const { openFiles, openExample, openBuilt } = useOpenFiles(workbook, refreshButton, fail);

  const download = useCallback(async () => {
    if (!opened) return;
    setWaiting(true);
    try {
      await downloadOpened(opened, lastRun.current);
    } catch (e) {
      setError(`The download could not be made: ${describeError(e)}`);
    } finally {
      setWaiting(false);
    }
  }, [opened, lastRun, setError]);

  const onDragOver = useCallback((e: DragEvent) => {
    e.preventDefault();
    setDropping(true);
  }, []);
  const onDragLeave = useCallback(() => setDropping(false), []);
  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      setDropping(false);
      void filesFromDrop(e.dataTransfer).then(
        (files) => openFiles(files),
        (err: unknown) => fail(err),
      );
    },
    [openFiles, fail],
  );

  const host = useMemo(
    () => pageHost(opened, { settings, adopt: openBuilt, openExample, pending }),
    [opened, settings, openBuilt, openExample, pending],
  );

  /** A cell picked in the preview: highlighted there, and told to whoever follows the selection. */
  const pick = (cell: SheetLink) => {
    view.setHighlight(cell);
    opened?.selection.picked(cell);
  };

  return {
    ...workbook,
    view,
    refreshButton,
    host,
    dropping,
    onDragOver,
    onDragLeave,
    onDrop,
    openFiles,
    openExample,
    download,
    waiting,
    fail,
    pick,
  };
}
