// The pane outside Office: open an .xlsx (picker or drop), refresh it in the browser, look at the
// result, download it. Nothing leaves the browser. This module is a lazy chunk: the .xlsx layer loads only here.
import { Body1, Button, Caption1, MessageBar, MessageBarBody, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, FolderOpen20Regular } from '@fluentui/react-icons';
import { useCallback, useMemo, useRef, useState, type DragEvent } from 'react';
import type { SheetLink, WorkbookSnapshot, WritePlan } from '../engine/types';
import { todayDay } from '../engine/parse/values';
import { XlsxWorkbook } from '../workbook/xlsx';
import { buildWorkbook } from '../workbook/xlsx/build';
import type { WorkbookPort } from '../workbook/port';
import { STARTER_SHEETS } from '../example/starter';
import { App } from './App';
import type { PaneHost } from './host';
import { MemorySettingsStore } from './settings-store';
import { numberFormatAt, previewOf, type PreviewSheet } from './preview';
import { SheetPreview } from './components/SheetPreview';
import { describeError } from './usePane';
import { workerEngine } from './engine/runner';
import { startEngineWorker } from './engine/start-worker';

const useStyles = makeStyles({
  layout: {
    display: 'grid',
    gridTemplateColumns: 'minmax(320px, 400px) minmax(0, 1fr)',
    minHeight: '100vh',
    maxWidth: '100vw',
    '@media (max-width: 800px)': { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  side: { backgroundColor: tokens.colorNeutralBackground2, minWidth: 0 },
  preview: { padding: tokens.spacingHorizontalM, backgroundColor: tokens.colorNeutralBackground2, minWidth: 0, color: tokens.colorNeutralForeground1 },
  dropping: { outline: `3px dashed ${tokens.colorBrandStroke1}`, outlineOffset: '-6px' },
  toolbar: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  buttons: { display: 'flex', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  hidden: { display: 'none' },
});

/** The in-memory workbook as a port; selecting a cell moves the page's preview. */
class PagePort implements WorkbookPort {
  constructor(
    readonly workbook: XlsxWorkbook,
    private readonly changed: () => void,
    private readonly selected: (target: SheetLink) => void,
    private readonly current: () => SheetLink | null,
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
  async activeCell(): Promise<SheetLink | null> {
    return this.current();
  }
  private readonly watchers = new Set<(cell: SheetLink | null) => void>();
  async watchSelection(listener: (cell: SheetLink | null) => void): Promise<() => void> {
    this.watchers.add(listener);
    return () => this.watchers.delete(listener);
  }
  /** A cell picked in the preview: what a click in the grid is in Excel. */
  picked(cell: SheetLink): void {
    for (const w of this.watchers) w(cell);
  }
}

interface OpenFile {
  name: string;
  port: PagePort;
}

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSM_TYPE = 'application/vnd.ms-excel.sheet.macroEnabled.12';

/** "plan.xlsm" -> "plan.refreshed.xlsm": a refreshed workbook keeps its kind. */
export function refreshedName(name: string): string {
  const m = /\.(xlsx|xlsm)$/i.exec(name);
  const extension = m ? m[0] : '.xlsx';
  return `${m ? name.slice(0, -extension.length) : name}.refreshed${extension}`;
}

/** One engine worker for the page, whichever file is open. */
const engine = workerEngine(startEngineWorker);

export function FileApp() {
  const styles = useStyles();
  const refreshButton = useRef<HTMLButtonElement>(null);
  const [file, setFile] = useState<OpenFile | null>(null);
  const [preview, setPreview] = useState<PreviewSheet[]>([]);
  const [active, setActive] = useState<string | null>(null);
  const [highlight, setHighlight] = useState<SheetLink | null>(null);
  // The port outlives renders; it reads the preview's selection through this.
  const selection = useRef<SheetLink | null>(null);
  selection.current = highlight;
  const [refreshed, setRefreshed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [dropping, setDropping] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  const show = useCallback((workbook: XlsxWorkbook) => {
    const sheets = previewOf(workbook);
    setPreview(sheets);
    return sheets;
  }, []);

  const adopt = useCallback(
    (name: string, workbook: XlsxWorkbook) => {
      const port = new PagePort(
        workbook,
        () => {
          show(workbook);
          setRefreshed(true);
        },
        (target) => {
          setActive(target.sheet);
          setHighlight(target);
        },
        () => selection.current,
      );
      setFile({ name, port });
      setRefreshed(false);
      setHighlight(null);
      setError(null);
      setActive(show(workbook)[0]?.name ?? null);
    },
    [show],
  );

  const open = useCallback(
    async (name: string, data: ArrayBuffer) => {
      // Whatever had focus (Open workbook…, Open the example) keeps it; if the page lost it, Refresh is next.
      const had = document.activeElement;
      try {
        adopt(name, await XlsxWorkbook.fromBuffer(data, name));
      } catch (e) {
        setError(describeError(e));
      }
      requestAnimationFrame(() => {
        const lost = !document.activeElement || document.activeElement === document.body;
        if (!lost) return;
        if (had instanceof HTMLElement && had !== document.body && had.isConnected) had.focus();
        else refreshButton.current?.focus();
      });
    },
    [adopt],
  );

  const openExample = useCallback(async () => {
    try {
      const response = await fetch('examples/rollout.xlsx');
      if (!response.ok) throw new Error(`the example could not be loaded (${response.status})`);
      await open('rollout.xlsx', await response.arrayBuffer());
    } catch (e) {
      setError(describeError(e));
    }
  }, [open]);

  const download = useCallback(async () => {
    if (!file) return;
    const data = await file.port.workbook.toBuffer();
    const type = /\.xlsm$/i.test(file.name) ? XLSM_TYPE : XLSX_TYPE;
    const url = URL.createObjectURL(new Blob([data as BlobPart], { type }));
    const link = document.createElement('a');
    link.href = url;
    link.download = refreshedName(file.name);
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }, [file]);

  const onDrop = useCallback(
    (e: DragEvent) => {
      e.preventDefault();
      setDropping(false);
      const dropped = e.dataTransfer.files[0];
      if (dropped) void dropped.arrayBuffer().then((data) => open(dropped.name, data));
    },
    [open],
  );

  const host: PaneHost = useMemo(
    () => ({
      mode: 'file',
      port: file?.port ?? null,
      settings: new MemorySettingsStore(),
      today: todayDay,
      engine,
      locale: typeof navigator === 'undefined' ? undefined : navigator.language,
      numberFormat: async (target) => (file ? numberFormatAt(file.port.workbook, target) : null),
      source: () => file?.name ?? 'workbook',
      createStarterSheets: async () => adopt('throughline-starter.xlsx', XlsxWorkbook.open(buildWorkbook(STARTER_SHEETS), 'throughline-starter.xlsx')),
      insertExample: openExample,
    }),
    [file, adopt, openExample],
  );

  const toolbar = (
    <div className={styles.toolbar}>
      <div className={styles.buttons}>
        <Button icon={<FolderOpen20Regular />} onClick={() => input.current?.click()}>
          Open workbook…
        </Button>
        <Button appearance="subtle" onClick={() => void openExample()}>
          Open the example
        </Button>
        <Button icon={<ArrowDownload20Regular />} disabled={!file || !refreshed} onClick={() => void download()}>
          Download refreshed workbook
        </Button>
      </div>
      <input
        ref={input}
        className={styles.hidden}
        type="file"
        accept=".xlsx,.xlsm,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.ms-excel.sheet.macroEnabled.12"
        aria-label="Workbook file"
        onChange={(e) => {
          const chosen = e.target.files?.[0];
          if (chosen) void chosen.arrayBuffer().then((data) => open(chosen.name, data));
          e.target.value = '';
        }}
      />
      <Caption1>{file ? `Open: ${file.name}` : 'Open an .xlsx or .xlsm, or drop one anywhere on this page. It stays in your browser.'}</Caption1>
      {error && (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </div>
  );

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
          <SheetPreview sheets={preview} active={active} highlight={highlight} onActivate={setActive} onPick={(cell) => {
              setHighlight(cell);
              file?.port.picked(cell);
            }}
          />
        ) : (
          <Body1>The sheets of the open workbook appear here.</Body1>
        )}
      </div>
    </div>
  );
}
