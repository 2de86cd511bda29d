// The pane outside Office: open one .xlsx (picker or drop), refresh it in the browser, look at the
// result, download it; or open several (or a folder, or a hub with its Portfolio table) and refresh
// them as one portfolio, downloading every refreshed member and the portfolio's workbook and report
// in one .zip. Nothing leaves the browser. This module is a lazy chunk: the .xlsx layer loads only here.
import {
  Body1,
  Button,
  Caption1,
  MessageBar,
  MessageBarBody,
  makeStyles,
  mergeClasses,
  tokens,
  useAnnounce,
} from '@fluentui/react-components';
import {
  ArrowDownload20Regular,
  DocumentAdd20Regular,
  FolderOpen20Regular,
  Folder20Regular,
} from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from 'react';
import type { SheetLink, WorkbookSnapshot, WritePlan } from '../../../engine';
import type { RefreshResult } from '../../../engine';
import { todayDay, isoFromDay } from '../../../engine';
import { XlsxWorkbook } from '../../../io/xlsx/port';
import { buildWorkbook } from '../../../io/xlsx/build';
import type { WorkbookPort } from '../../../io/port';
import { STARTER_SHEETS } from '../../../example/starter';
import { compositeSheet, splitComposite } from '../../../portfolio';
import { portfolioSheets } from '../../../portfolio';
import type { PortfolioViews } from '../../../portfolio';
import { App } from '../App';
import type { PaneHost } from '../host';
import { MemorySettingsStore } from '../../../io/settings';
import { numberFormatAt, previewOf, type PreviewSheet } from './preview';
import { SheetPreview } from './SheetPreview';
import { describeError } from '../../../io/errors';
import { workerEngine } from '../worker/runner';
import { startEngineWorker } from '../worker/start-worker';
import { openPicked, type OpenedFile, type PickedFile } from '../teams/files';
import { fileMember } from '../teams/member';
import { filesFromDrop, filesFromInput } from '../teams/drop';
import { pageSetup, type PageSetup } from '../teams/page-setup';
import { PanePortfolioPort, type SelectionSource } from '../teams/pane-port';
import { portfolioZip, refreshedName } from '../teams/bundle';
import { BarTitle } from '../components/BarTitle';

export { refreshedName };

const useStyles = makeStyles({
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
  toolbar: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  caption: { overflowWrap: 'anywhere' },
  hidden: { display: 'none' },
});

/** The cell picked in the preview, and who wants to hear of each new pick (the map follows it). */
class PreviewSelection implements SelectionSource {
  private readonly watchers = new Set<(cell: SheetLink | null) => void>();
  constructor(private readonly current: () => SheetLink | null) {}
  async activeCell(): Promise<SheetLink | null> {
    return this.current();
  }
  async watchSelection(listener: (cell: SheetLink | null) => void): Promise<() => void> {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }
  /** A cell picked in the preview: what a click in the grid is in Excel. */
  picked(cell: SheetLink): void {
    for (const w of this.watchers) w(cell);
  }
}

/** The in-memory workbook as a port; selecting a cell moves the page's preview. */
class PagePort implements WorkbookPort {
  constructor(
    readonly workbook: XlsxWorkbook,
    private readonly changed: () => void,
    private readonly selected: (target: SheetLink) => void,
    private readonly selection: PreviewSelection,
  ) {}
  read(): Promise<WorkbookSnapshot> {
    return this.workbook.read();
  }
  async apply(plan: WritePlan): Promise<void> {
    await this.workbook.apply(plan);
    this.changed();
  }
  async select(target: SheetLink): Promise<void> {
    this.selected(target);
  }
  activeCell = () => this.selection.activeCell();
  watchSelection = (listener: (cell: SheetLink | null) => void) => this.selection.watchSelection(listener);
}

/** One workbook, as the page has always worked. */
interface OneFile {
  kind: 'one';
  name: string;
  /** What was opened (null for starter sheets built here), so more workbooks can be added to it. */
  file: PickedFile | null;
  port: PagePort;
  selection: PreviewSelection;
}

/** Several workbooks (or a hub) refreshed as one. */
interface Portfolio {
  kind: 'portfolio';
  files: PickedFile[];
  setup: PageSetup;
  port: PanePortfolioPort;
  selection: PreviewSelection;
}

type Opened = OneFile | Portfolio;

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSM_TYPE = 'application/vnd.ms-excel.sheet.macroEnabled.12';
const ACCEPT = `.xlsx,.xlsm,${XLSX_TYPE},${XLSM_TYPE}`;
export const PORTFOLIO_ZIP = 'portfolio.refreshed.zip';

/** One engine worker for the page, whichever file is open. */
const engine = workerEngine(startEngineWorker);

function save(data: Uint8Array, name: string, type: string): void {
  const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Each readable member's sheets, named [file]Sheet as the portfolio names them, grouped by file. */
function portfolioPreview(setup: PageSetup): PreviewSheet[] {
  return setup.members.flatMap((m) => {
    const workbook = m.opened?.workbook;
    if (!workbook) return [];
    return previewOf(workbook).map((s) => ({
      ...s,
      name: compositeSheet(m.info.label, s.name),
      workbook: m.info.label,
      title: s.name,
    }));
  });
}

/** Whether the browser can pick a whole folder (Chromium, Firefox and Safari can). */
const canPickFolder = typeof HTMLInputElement !== 'undefined' && 'webkitdirectory' in HTMLInputElement.prototype;

/** Why Throughline's own portfolio workbooks opened among the teams' are not members. */
function leftOutNote(files: OpenedFile[]): string {
  return `${files.map((f) => f.file.name).join(', ')}: a portfolio workbook Throughline wrote, not a team's; it is not rolled up.`;
}

export function FileApp() {
  const styles = useStyles();
  const refreshButton = useRef<HTMLButtonElement>(null);
  const [opened, setOpened] = useState<Opened | null>(null);
  // What is open, for handlers that add to it without being remade at each opening.
  const openedNow = useRef<Opened | null>(null);
  openedNow.current = opened;
  // Settings chosen on the page last while these workbooks are open: a new store for each opening.
  const settings = useMemo(() => new MemorySettingsStore(), [opened]);
  const [preview, setPreview] = useState<PreviewSheet[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<SheetLink | null>(null);
  // The ports outlive renders; they read the preview's selection through this.
  const selection = useRef<SheetLink | null>(null);
  selection.current = highlight;
  const [refreshed, setRefreshed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dropping, setDropping] = useState(false);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const addInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);
  // The last refresh of a portfolio that was written, for the .zip.
  const pending = useRef<{ result: RefreshResult; views: PortfolioViews } | null>(null);
  const lastRun = useRef<{ result: RefreshResult; views: PortfolioViews } | null>(null);

  useEffect(() => folderInput.current?.setAttribute('webkitdirectory', ''), []);

  const show = useCallback((workbook: XlsxWorkbook) => {
    const sheets = previewOf(workbook);
    setPreview(sheets);
    return sheets;
  }, []);

  const goTo = useCallback((target: SheetLink) => {
    setActive(target.sheet);
    setHighlight(target);
  }, []);

  const { announce } = useAnnounce();

  const adopt = useCallback(
    (name: string, workbook: XlsxWorkbook, file: PickedFile | null = null) => {
      const picks = new PreviewSelection(() => selection.current);
      const port = new PagePort(
        workbook,
        () => {
          show(workbook);
          setRefreshed(true);
        },
        goTo,
        picks,
      );
      setOpened({ kind: 'one', name, file, port, selection: picks });
      setRefreshed(false);
      setHighlight(null);
      setError(null);
      setActive(show(workbook)[0]?.name ?? null);
    },
    [show, goTo],
  );

  const adoptPortfolio = useCallback(
    (files: PickedFile[], setup: PageSetup) => {
      const picks = new PreviewSelection(() => selection.current);
      const members = setup.members.map((m) =>
        fileMember(m.info, m.opened, {
          writable: true,
          missing: `not opened: ${setup.hub ? 'the Portfolio table lists it; ' : ''}open ${m.info.label} too (Add workbooks…)`,
          select: (target) => goTo({ sheet: compositeSheet(m.info.label, target.sheet), cell: target.cell }),
        }),
      );
      const port = new PanePortfolioPort(members, {
        hub: setup.hub,
        selection: picks,
        written: () => {
          lastRun.current = pending.current;
          setPreview(portfolioPreview(setup));
          setRefreshed(true);
        },
      });
      pending.current = null;
      lastRun.current = null;
      setOpened({ kind: 'portfolio', files, setup, port, selection: picks });
      setRefreshed(false);
      setHighlight(null);
      setError(setup.problems.length > 0 ? setup.problems.join('; ') : null);
      const sheets = portfolioPreview(setup);
      setPreview(sheets);
      setActive(sheets.find((s) => !s.hidden)?.name ?? null);
    },
    [goTo],
  );

  /** Opens what was picked or dropped: one plain workbook as before; several, or a hub, as a portfolio. `add` keeps what is open. */
  const openFiles = useCallback(
    async (picked: PickedFile[], add = false) => {
      // Whatever had focus (Open workbooks…, Open the example) keeps it; if the page lost it, Refresh is next.
      const had = document.activeElement;
      const now = openedNow.current;
      const previous = !add
        ? []
        : now?.kind === 'portfolio'
          ? now.files
          : now?.kind === 'one' && now.file
            ? [now.file]
            : [];
      try {
        if (picked.length === 0) throw new Error('there is no .xlsx or .xlsm workbook in what was opened');
        // A file picked again replaces the one of the same path.
        const files = [...previous.filter((f) => !picked.some((p) => p.path === f.path)), ...picked];
        setBusy(true);
        // Let "Opening…" paint: opening large workbooks blocks the page for a moment.
        await new Promise((resolve) => setTimeout(resolve, 0));
        const all = files.map(openPicked);
        const setup = pageSetup(all);
        if (setup.leftOut.length > 0) announce(leftOutNote(setup.leftOut), { polite: true });
        if (!setup.portfolio) {
          const one = all.find((f) => !setup.leftOut.includes(f)) ?? all[0];
          if (!one.workbook) throw new Error(one.problem ?? `Cannot open ${one.file.name}.`);
          adopt(one.file.name, one.workbook, one.file);
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
        setError(describeError(e));
      } finally {
        setBusy(false);
      }
      requestAnimationFrame(() => {
        const lost = !document.activeElement || document.activeElement === document.body;
        if (!lost) return;
        if (had instanceof HTMLElement && had !== document.body && had.isConnected) had.focus();
        else refreshButton.current?.focus();
      });
    },
    [adopt, adoptPortfolio, announce],
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
      setError(describeError(e));
    }
  }, [openFiles]);

  const download = useCallback(async () => {
    if (!opened) return;
    try {
      if (opened.kind === 'one') {
        const data = await opened.port.workbook.toBuffer();
        save(data, refreshedName(opened.name), /\.xlsm$/i.test(opened.name) ? XLSM_TYPE : XLSX_TYPE);
        return;
      }
      const run = lastRun.current;
      if (!run) return;
      const { statusReportHtml } = await import(/* webpackChunkName: "report" */ '../../../present/html-report.js');
      const zip = await portfolioZip(
        {
          members: opened.setup.members.map((m) => ({ info: m.info, workbook: m.opened?.workbook ?? null })),
          result: run.result,
          views: run.views,
          generated: isoFromDay(todayDay()),
        },
        (result, views, source) =>
          statusReportHtml(result, { source, generated: isoFromDay(todayDay()), portfolio: views }),
      );
      save(zip, PORTFOLIO_ZIP, 'application/zip');
    } catch (e) {
      setError(`The download could not be made: ${describeError(e)}`);
    }
  }, [opened]);

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      setDropping(false);
      void filesFromDrop(e.dataTransfer).then(
        (files) => openFiles(files),
        (err: unknown) => setError(describeError(err)),
      );
    },
    [openFiles],
  );

  const host: PaneHost = useMemo(() => {
    const base = {
      mode: 'file' as const,
      settings,
      today: todayDay,
      engine,
      locale: typeof navigator === 'undefined' ? undefined : navigator.language,
      createStarterSheets: async () =>
        adopt('throughline-starter.xlsx', XlsxWorkbook.open(buildWorkbook(STARTER_SHEETS), 'throughline-starter.xlsx')),
      insertExample: openExample,
      // Both open a new workbook in place of what is open: the pane asks before closing it.
      replaces:
        opened === null
          ? undefined
          : opened.kind === 'one'
            ? opened.name
            : `the ${opened.setup.members.length} workbooks of the open portfolio`,
    };
    if (opened?.kind === 'portfolio') {
      const { setup, port } = opened;
      const workbookOf = (label: string) => setup.members.find((m) => m.info.label === label)?.opened?.workbook ?? null;
      return {
        ...base,
        port,
        source: () => 'portfolio',
        numberFormat: async (target: SheetLink) => {
          const where = splitComposite(target.sheet);
          const workbook = where && workbookOf(where.label);
          return workbook ? numberFormatAt(workbook, { sheet: where.sheet, cell: target.cell }) : null;
        },
        portfolio: {
          merge: () => port.merge,
          home: null,
          beforeWrite: (result: RefreshResult, views: PortfolioViews) => {
            pending.current = { result, views };
            // The hub gets the portfolio's sheets, linking to each member's refreshed copy beside it in the .zip.
            if (setup.hub !== null) {
              const nameOf = new Map(setup.members.map((m) => [m.info.key, refreshedName(m.info.label)]));
              port.setExtraSheets(new Map([[setup.hub, portfolioSheets(views, (key) => nameOf.get(key) ?? key)]]));
            }
          },
        },
      };
    }
    return {
      ...base,
      port: opened?.port ?? null,
      numberFormat: async (target: SheetLink) =>
        opened?.kind === 'one' ? numberFormatAt(opened.port.workbook, target) : null,
      source: () => (opened?.kind === 'one' ? opened.name : 'workbook'),
    };
  }, [opened, settings, adopt, openExample]);

  const fromInput = (add: boolean) => (e: React.ChangeEvent<HTMLInputElement>) => {
    const chosen = e.target.files;
    if (chosen && chosen.length > 0) {
      void filesFromInput(chosen).then(
        (files) => openFiles(files, add),
        (err: unknown) => setError(describeError(err)),
      );
    }
    e.target.value = '';
  };

  const portfolio = opened?.kind === 'portfolio' ? opened : null;
  const caption = busy
    ? 'Opening…'
    : opened === null
      ? 'Open an .xlsx or .xlsm, several workbooks to roll them up as a portfolio, or a folder; or drop them anywhere on this page. They stay in your browser.'
      : opened.kind === 'one'
        ? `Open: ${opened.name}`
        : `Open: ${opened.setup.members.length} workbooks as one portfolio (${opened.setup.members.map((m) => `${m.info.key} ${m.info.label}`).join(', ')})`;

  const toolbar = (
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
        <Button appearance="subtle" onClick={() => void openExample()}>
          Open the example
        </Button>
        <Button icon={<ArrowDownload20Regular />} disabled={!opened || !refreshed} onClick={() => void download()}>
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
      <Caption1 className={styles.caption}>{caption}</Caption1>
      {portfolio && portfolio.setup.missing.length > 0 && (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <BarTitle>Open these too</BarTitle>
            {portfolio.setup.members.find((m) => m.info.key === portfolio.setup.hub)?.info.label ??
              'The hub'} lists {portfolio.setup.missing.map((m) => `${m.file} (${m.key})`).join(', ')}. Add them with
            Add workbooks…; a refresh without them reports their items as not read.
          </MessageBarBody>
        </MessageBar>
      )}
      {portfolio && portfolio.setup.leftOut.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <BarTitle>Left out</BarTitle>
            {leftOutNote(portfolio.setup.leftOut)}
          </MessageBarBody>
        </MessageBar>
      )}
      {portfolio && refreshed && (
        <Caption1 className={styles.caption}>
          The .zip holds each refreshed workbook, {`portfolio.xlsx`} (risks across workbooks, teams, cross-team pushes)
          and {`portfolio.status.html`}.
        </Caption1>
      )}
      {error && (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );

  const pick = (cell: SheetLink) => {
    setHighlight(cell);
    opened?.selection.picked(cell);
  };

  return (
    <div
      className={mergeClasses(styles.layout, dropping && styles.dropping)}
      onDragOver={(e) => {
        e.preventDefault();
        setDropping(true);
      }}
      onDragLeave={() => setDropping(false)}
      onDrop={onDrop}
    >
      <div className={styles.side}>
        <App host={host} toolbar={toolbar} refreshRef={refreshButton} />
      </div>
      <div className={styles.preview}>
        {preview.length > 0 ? (
          <SheetPreview sheets={preview} active={active} highlight={highlight} onActivate={setActive} onPick={pick} />
        ) : (
          <Body1>The sheets of the open workbook appear here.</Body1>
        )}
      </div>
    </div>
  );
}
