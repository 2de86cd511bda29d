// What the page has open, and adopting a new opening: one workbook or a portfolio, each with its port,
// a fresh preview and no error left from before.
import { useCallback, useRef, useState } from 'react';
import type { PickedFile } from '../teams/files';
import type { PageSetup } from '../teams/page-setup';
import { PagePort, portfolioPort, type Opened, type PortfolioRun } from './page-port';
import { portfolioPreview, type PagePreview } from './usePagePreview';
import type { WorkerFile } from './worker-file';

/** The worker lets go of a workbook the page no longer shows. */
function closeOld(now: Opened | null, next: WorkerFile | null): void {
  if (now?.kind === 'one' && now.port.file !== next) now.port.file.close();
}

export function usePageWorkbook(view: PagePreview) {
  const [opened, setOpened] = useState<Opened | null>(null);
  // What is open, for handlers that add to it without being remade at each opening.
  const openedNow = useRef<Opened | null>(null);
  openedNow.current = opened;
  const [refreshed, setRefreshed] = useState(false);
  // The worker writes a refresh whose summary is shown already; the download waits for it.
  const [preparing, setPreparing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // The last refresh of a portfolio that was written, for the .zip.
  const pending = useRef<PortfolioRun | null>(null);
  const lastRun = useRef<PortfolioRun | null>(null);
  const { show, goTo, newSelection, setPreview, setActive, setHighlight } = view;

  const adopt = useCallback(
    (name: string, workbook: WorkerFile, file: PickedFile | null = null) => {
      closeOld(openedNow.current, workbook);
      const picks = newSelection();
      const port = new PagePort(
        workbook,
        () => {
          show(workbook.preview);
          setRefreshed(true);
        },
        goTo,
        picks,
        (writing) => openedNow.current?.kind === 'one' && openedNow.current.port === port && setPreparing(writing),
      );
      setOpened({ kind: 'one', name, file, port, selection: picks });
      setRefreshed(false);
      setPreparing(false);
      setHighlight(null);
      setError(null);
      setActive(show(workbook.preview)[0]?.name ?? null);
    },
    [show, goTo, newSelection, setActive, setHighlight],
  );

  const adoptPortfolio = useCallback(
    (files: PickedFile[], setup: PageSetup) => {
      closeOld(openedNow.current, null);
      const picks = newSelection();
      const port = portfolioPort(setup, picks, goTo, () => {
        lastRun.current = pending.current;
        setPreview(portfolioPreview(setup));
        setRefreshed(true);
      });
      pending.current = null;
      lastRun.current = null;
      setOpened({ kind: 'portfolio', files, setup, port, selection: picks });
      setRefreshed(false);
      setPreparing(false);
      setHighlight(null);
      setError(setup.problems.length > 0 ? setup.problems.join('; ') : null);
      const sheets = portfolioPreview(setup);
      setPreview(sheets);
      setActive(sheets.find((s) => !s.hidden)?.name ?? null);
    },
    [goTo, newSelection, setPreview, setActive, setHighlight],
  );

  return {
    opened,
    openedNow,
    refreshed,
    preparing,
    error,
    setError,
    busy,
    setBusy,
    pending,
    lastRun,
    adopt,
    adoptPortfolio,
  };
}

export type PageWorkbook = ReturnType<typeof usePageWorkbook>;
