// What the page has open (one workbook, or several refreshed as one portfolio) and the port the pane
// refreshes it through. Each port reads the preview's selection and moves the preview on select.
import type { SheetLink, WorkbookSnapshot, WritePlan } from '../../../engine';
import type { RefreshResult } from '../../../engine';
import type { WorkbookPort } from '../../../io/port';
import type { WholeRefresh } from '../host';
import { compositeSheet } from '../../../portfolio';
import type { PortfolioViews } from '../../../portfolio';
import type { OpenedFile, PickedFile } from '../teams/files';
import { fileMember } from '../teams/member';
import type { PageSetup } from '../teams/page-setup';
import { PanePortfolioPort } from '../teams/pane-port';
import type { PreviewSelection } from './preview-selection';
import type { WorkerFile } from './worker-file';

/**
 * The workbook held by the page's worker, as a port; selecting a cell moves the page's preview. The
 * pane refreshes it whole in the worker (`whole`); reading and applying through the port also work,
 * copying the snapshot and the plan across, for callers that run the refresh themselves.
 */
export class PagePort implements WorkbookPort {
  constructor(
    readonly file: WorkerFile,
    private readonly changed: () => void,
    private readonly selected: (target: SheetLink) => void,
    private readonly selection: PreviewSelection,
    /** Told while the worker writes a refresh whose result is shown already (true), and when it is done (false). */
    private readonly preparing: (writing: boolean) => void = () => undefined,
  ) {}
  read(): Promise<WorkbookSnapshot> {
    return this.file.read();
  }
  async apply(plan: WritePlan): Promise<void> {
    await this.file.apply(plan);
    this.changed();
  }
  readonly whole: WholeRefresh = {
    refresh: async (options, control) => {
      const result = await this.file.refresh(options, control);
      if (result.plan !== null) {
        // The result is shown while the worker writes: the download is ready once written, and the
        // preview of what was written follows when the worker has made it.
        this.preparing(true);
        void this.file.written.then(
          () => {
            this.preparing(false);
            this.changed();
            void this.file.loadPreview().then(this.changed, () => undefined);
          },
          () => this.preparing(false),
        );
      }
      return result;
    },
    written: () => this.file.written,
    whatIf: (options) => this.file.whatIf(options),
  };
  async select(target: SheetLink): Promise<void> {
    this.selected(target);
  }
  activeCell = () => this.selection.activeCell();
  watchSelection = (listener: (cell: SheetLink | null) => void) => this.selection.watchSelection(listener);
}

/** One workbook, as the page has always worked. */
export interface OneFile {
  kind: 'one';
  name: string;
  /** What was opened (null for starter sheets built here), so more workbooks can be added to it. */
  file: PickedFile | null;
  port: PagePort;
  selection: PreviewSelection;
}

/** Several workbooks (or a hub) refreshed as one. */
export interface Portfolio {
  kind: 'portfolio';
  files: PickedFile[];
  setup: PageSetup;
  port: PanePortfolioPort;
  selection: PreviewSelection;
}

export type Opened = OneFile | Portfolio;

/** A portfolio's refresh as the engine computed it: what its .zip is made of. */
export interface PortfolioRun {
  result: RefreshResult;
  views: PortfolioViews;
}

/** The port of a portfolio opened on the page: every member written, each selecting in the preview. */
export function portfolioPort(
  setup: PageSetup,
  selection: PreviewSelection,
  goTo: (target: SheetLink) => void,
  written: () => void,
): PanePortfolioPort {
  const members = setup.members.map((m) =>
    fileMember(m.info, m.opened, {
      writable: true,
      missing: `not opened: ${setup.hub ? 'the Portfolio table lists it; ' : ''}open ${m.info.label} too (Add workbooks…)`,
      select: (target) => goTo({ sheet: compositeSheet(m.info.label, target.sheet), cell: target.cell }),
    }),
  );
  return new PanePortfolioPort(members, { hub: setup.hub, selection, written });
}

/** Why Throughline's own portfolio workbooks opened among the teams' are not members. */
export function leftOutNote(files: OpenedFile[]): string {
  return `${files.map((f) => f.file.name).join(', ')}: a portfolio workbook Throughline wrote, not a team's; it is not rolled up.`;
}
