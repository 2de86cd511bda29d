// Opening on the page: what was picked or dropped (one plain workbook as before; several, or a hub, as
// a portfolio), or the bundled example. Focus stays where it was, or goes to Refresh if it was lost.
import { useCallback, type RefObject } from 'react';
import { useAnnounce } from '@fluentui/react-components';
import { openPicked, type PickedFile } from '../teams/files';
import { pageSetup } from '../teams/page-setup';
import { leftOutNote, type Opened } from './page-port';
import type { PageWorkbook } from './usePageWorkbook';
import { pageFiles } from './page-host';

/** The files already open that an opening with `add` keeps. */
function keptFiles(now: Opened | null, add: boolean): PickedFile[] {
  if (!add) return [];
  if (now?.kind === 'portfolio') return now.files;
  return now?.kind === 'one' && now.file ? [now.file] : [];
}

/** Once the page has drawn: focus back where it was, or on Refresh, if the opening lost it. */
function keepFocus(had: Element | null, refreshButton: RefObject<HTMLButtonElement | null>): void {
  requestAnimationFrame(() => {
    const lost = !document.activeElement || document.activeElement === document.body;
    if (!lost) return;
    if (had instanceof HTMLElement && had !== document.body && had.isConnected) had.focus();
    else refreshButton.current?.focus();
  });
}

/** `fail` shows what went wrong in the page's error bar. */
export function useOpenFiles(
  workbook: PageWorkbook,
  refreshButton: RefObject<HTMLButtonElement | null>,
  fail: (e: unknown) => void,
) {
  const { openedNow, adopt, adoptPortfolio, setBusy } = workbook;
  const { announce } = useAnnounce();

  /** Opens what was picked or dropped: one plain workbook as before; several, or a hub, as a portfolio. `add` keeps what is open. */
  const openFiles = useCallback(
    async (picked: PickedFile[], add = false) => {
      // Whatever had focus (Open workbooks…, Open the example) keeps it; if the page lost it, Refresh is next.
      const had = document.activeElement;
      const previous = keptFiles(openedNow.current, add);
      try {
        if (picked.length === 0) throw new Error('there is no .xlsx or .xlsm workbook in what was opened');
        // A file picked again replaces the one of the same path.
        const files = [...previous.filter((f) => !picked.some((p) => p.path === f.path)), ...picked];
        setBusy(true);
        if (files.length === 1) {
          // One workbook: unzipped, previewed (and later refreshed and zipped) in the page's worker.
          const file = await pageFiles.open(files[0].name, files[0].bytes);
          if (!file.hub) {
            adopt(files[0].name, file, files[0]);
            return;
          }
          // A hub: a portfolio, opened on this thread with the members it lists.
          file.close();
        }
        // Let "Opening…" paint: opening several workbooks here blocks the page for a moment.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const all = files.map(openPicked);
        const setup = pageSetup(all);
        if (setup.leftOut.length > 0) announce(leftOutNote(setup.leftOut), { polite: true });
        if (!setup.portfolio) {
          const one = all.find((f) => !setup.leftOut.includes(f)) ?? all[0];
          if (!one.workbook) throw new Error(one.problem ?? `Cannot open ${one.file.name}.`);
          adopt(one.file.name, await pageFiles.open(one.file.name, one.file.bytes), one.file);
        } else if (setup.problems.some((p) => p.startsWith('more than one workbook holds a Portfolio table'))) {
          throw new Error(setup.problems.join('; '));
        } else {
          adoptPortfolio(files, setup);
          const missing = setup.missing.length > 0 ? `; ${setup.missing.length} listed by the hub not open` : '';
          announce(`Opened ${setup.members.length - setup.missing.length} workbooks as one portfolio${missing}.`, {
            polite: true,
          });
        }
      } catch (e) {
        fail(e);
      } finally {
        setBusy(false);
        keepFocus(had, refreshButton);
      }
    },
    [openedNow, adopt, adoptPortfolio, fail, setBusy, announce, refreshButton],
  );

  /** A workbook built on the page (the starter sheets) opened in place of what is open. */
  const openBuilt = useCallback(
    async (name: string, bytes: Uint8Array) => adopt(name, await pageFiles.open(name, bytes)),
    [adopt],
  );

  const openExample = useCallback(async () => {
    try {
      const response = await fetch('examples/rollout.xlsx');
      if (!response.ok) throw new Error(`the example could not be loaded (${response.status})`);
      await openFiles([
        {
          name: 'rollout.xlsx',
          path: 'rollout.xlsx',
          bytes: new Uint8Array(await response.arrayBuffer()),
          modified: null,
        },
      ]);
    } catch (e) {
      fail(e);
    }
  }, [openFiles, fail]);

  return { openFiles, openExample, openBuilt };
}
