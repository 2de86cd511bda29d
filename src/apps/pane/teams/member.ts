// A workbook opened in the browser as a portfolio member: written by the refresh on the page, only
// read from Excel (a team's file), or unavailable with the reason (not opened, not picked again, corrupt).
// Free of the file layer itself, so the Excel pane's main bundle can hold it.
import type { SheetLink, WorkbookSnapshot, WritePlan } from '../../../engine';
import type { MemberInfo } from '../../../portfolio';
import type { PortfolioMember } from '../../../portfolio';

/** What a member needs of an opened file: its workbook (XlsxWorkbook), or why there is none. */
export interface OpenedWorkbook {
  workbook: { read(): Promise<WorkbookSnapshot>; apply(plan: WritePlan): Promise<void> } | null;
  problem: string | null;
}

export interface FileMemberOptions {
  /** Written by the refresh (the page); false for a team's file seen from Excel, which is only read. */
  writable: boolean;
  /** Moves the page's preview to a cell of this member (its own sheet name). */
  select?: (target: SheetLink) => void;
  /** Called after the member has been written. */
  written?: () => void;
  /** Why the member cannot be read when there is no workbook (not opened, not picked again). */
  missing?: string;
}

/**
 * A file that is only read can never be written from here, so nothing in it may stop the refresh:
 * its protected sheets and the cells beside its tables do not matter.
 */
function readOnly(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  return {
    ...snapshot,
    protectedSheets: [],
    tables: snapshot.tables.map((t) => ({ ...t, occupiedRight: [], shiftBlocker: null })),
  };
}

export function fileMember(
  info: MemberInfo,
  opened: OpenedWorkbook | null,
  options: FileMemberOptions,
): PortfolioMember {
  const workbook = opened?.workbook ?? null;
  const reason = opened?.problem ?? options.missing ?? 'it was not opened';
  return {
    info,
    read: async () => {
      if (!workbook) throw new Error(reason);
      const snapshot = await workbook.read();
      return options.writable ? snapshot : readOnly(snapshot);
    },
    apply:
      options.writable && workbook
        ? async (plan) => {
            await workbook.apply(plan);
            options.written?.();
          }
        : null,
    select: async (target) => {
      if (options.select) options.select(target);
      else
        throw new Error(
          `that row is in ${info.label}, which Throughline reads from the file picked ` +
            `but Excel does not have open here (${target.sheet}!${target.cell})`,
        );
    },
  };
}
