// A portfolio as one WorkbookPort: reading reads every member (a member that cannot be read is
// unavailable, not fatal) and merges them; applying splits the engine's plan and hands each writable
// member its own. The pane, the command line and the engine then treat a portfolio as one workbook.
import type { OwnedSheetPlan, SheetLink, ValidationError, WorkbookSnapshot, WritePlan } from '../engine';
import { messages } from '../engine';
import { isPortfolioName } from './manifest';
import type { WorkbookPort } from '../io/port';
import { WorkbookWriteError, describeError } from '../io/errors';
import { mergeMembers, type MemberRead, type MergeResult } from './merge';
import { localPlan, planSplitter, type SharedPlan } from './split';
import { ownedSheetFor } from '../engine';
import { splitComposite, type MemberInfo } from './identity';
import { cellPool, shareCells } from './intern';

export interface PortfolioMember {
  info: MemberInfo;
  /** Reads the member; throwing makes it unavailable (its reason is the error's message). */
  read(): Promise<WorkbookSnapshot>;
  /** Writes the member's own plan; null for a member that is only read (a team's file seen from Excel). */
  apply: ((plan: WritePlan) => Promise<void>) | null;
  /**
   * Writes the member's part of the portfolio's plan, making it its own plan where it is written
   * (localPlan): a host writing in a worker saves the main thread a copy of every row. Used instead of
   * apply when present.
   */
  applyShared?: (shared: SharedPlan) => Promise<void>;
  select?(target: SheetLink): Promise<void>;
}

export interface PortfolioOptions {
  /** The member whose workbook holds the Portfolio table (its settings apply; it gets the portfolio sheets). */
  hub?: string | null;
  /** Called as each member has been read, for progress. */
  onMemberRead?: (info: MemberInfo, ok: boolean) => void;
  /**
   * At most this many members written at once, each one's plan made just before it is handed over
   * (a host writing in workers: a little more than its workers, so that none waits). All at once by default.
   */
  writeConcurrency?: number;
  /**
   * The engine's plan is let go of row by row as the members' plans are made from it (the command line,
   * where nothing reads that plan after writing; a million rows' Risks and ledger rows are hundreds of MB).
   */
  consumePlan?: boolean;
}

/**
 * One data error per member that could not be read: without it, objectives whose KPIs and initiatives
 * live in that workbook would quietly look healthier. It sits on the hub's Portfolio sheet when there is
 * one (so the hub's Risks sheet lists it), else on the member itself.
 */
function notRead(reads: MemberRead[], hub: string | null): ValidationError[] {
  const hubRead = reads.find((r) => r.info.key === hub && 'snapshot' in r);
  const hubSheet = hubRead && 'snapshot' in hubRead ? hubRead.snapshot.sheetNames.find(isPortfolioName) : undefined;
  return reads.flatMap((r) =>
    'unavailable' in r
      ? [
          {
            sheet: hubRead && hubSheet ? `[${hubRead.info.label}]${hubSheet}` : `[${r.info.label}]`,
            cell: 'A1',
            code: 'source-unavailable' as const,
            message: messages.memberNotRead(r.info.label, r.unavailable),
          },
        ]
      : [],
  );
}

export class PortfolioPort implements WorkbookPort {
  /** What the last read merged (null before the first read). */
  merge: MergeResult | null = null;
  private snapshots = new Map<string, WorkbookSnapshot>();
  private extra = new Map<string, OwnedSheetPlan[]>();

  constructor(
    readonly members: PortfolioMember[],
    private readonly options: PortfolioOptions = {},
  ) {}

  async read(): Promise<WorkbookSnapshot> {
    // Dropped with this call: once merged, the rows hold the texts and dates they share.
    const pool = cellPool();
    const reads: MemberRead[] = await Promise.all(
      this.members.map(async (m): Promise<MemberRead> => {
        try {
          const snapshot = await m.read();
          shareCells(snapshot, pool);
          this.options.onMemberRead?.(m.info, true);
          return { info: m.info, snapshot };
        } catch (e) {
          this.options.onMemberRead?.(m.info, false);
          return { info: m.info, unavailable: describeError(e) };
        }
      }),
    );
    const merged = mergeMembers(reads, this.options.hub ?? null);
    this.merge = {
      ...merged,
      snapshot: {
        ...merged.snapshot,
        hostErrors: [...(merged.snapshot.hostErrors ?? []), ...notRead(reads, this.options.hub ?? null)],
      },
    };
    // Each member's rows now live in the merged snapshot; what the split needs of a member is small.
    this.snapshots = new Map(
      reads.flatMap((r) =>
        'snapshot' in r
          ? [
              [
                r.info.key,
                {
                  date1904: r.snapshot.date1904,
                  sheetNames: r.snapshot.sheetNames,
                  tables: [],
                  sheets: [],
                  protectedSheets: r.snapshot.protectedSheets,
                  ledger: r.snapshot.ledger,
                  sheetHeads: r.snapshot.sheetHeads,
                },
              ] as const,
            ]
          : [],
      ),
    );
    return this.merge.snapshot;
  }

  /** Lets the merged snapshot go once the engine has read it (a portfolio's rows can take gigabytes). */
  releaseSnapshot(): void {
    if (this.merge)
      this.merge = { ...this.merge, snapshot: { ...this.merge.snapshot, tables: [], sheets: [], ledger: null } };
  }

  /** Further owned sheets for the next write, by member key (the hub's portfolio sheets, made from the refresh's result). */
  setExtraSheets(sheets: Map<string, OwnedSheetPlan[]>): void {
    this.extra = sheets;
  }

  /** Each writable, readable member gets its part of the plan; a protected target stops them all. */
  async apply(plan: WritePlan): Promise<void> {
    if (!this.merge) throw new WorkbookWriteError('the portfolio was not read before writing');
    // A sheet of the hub's own that has a portfolio sheet's name is never written: ours takes another.
    const extra = new Map(
      [...this.extra].map(([key, sheets]) => {
        const own = this.snapshots.get(key);
        return [key, own ? sheets.map((s) => ({ ...s, sheetName: ownedSheetFor(own, s.sheetName) })) : sheets] as const;
      }),
    );
    const extraNames = new Map([...extra].map(([key, sheets]) => [key, sheets.map((s) => s.sheetName)]));
    const split = planSplitter(plan, this.merge, this.snapshots, extraNames, this.options.consumePlan ?? false);
    if (split.locked.length > 0)
      throw new WorkbookWriteError(`nothing was written: ${split.locked.map((e) => e.message).join(' ')}`);
    const writable = split.keys.flatMap((key) => {
      const member = this.members.find((m) => m.info.key === key)!;
      return member.apply ? [{ key, member }] : [];
    });
    // Side by side, up to writeConcurrency at once, each member's plan made as its turn comes. Every
    // write begun settles before a failure is reported (the first in the members' order), so the host
    // can discard them all; none is begun after a failure.
    const failures = new Map<number, unknown>();
    let next = 0;
    const lane = async () => {
      while (next < writable.length && failures.size === 0) {
        const at = next++;
        const { key, member } = writable[at];
        try {
          const shared = { ...split.sharedOf(key), extraSheets: extra.get(key) };
          await (member.applyShared ? member.applyShared(shared) : member.apply!(localPlan(shared)));
        } catch (e) {
          failures.set(at, e);
        }
      }
    };
    const lanes = Math.max(1, Math.min(this.options.writeConcurrency ?? writable.length, writable.length));
    await Promise.all(Array.from({ length: lanes }, lane));
    if (failures.size > 0) throw failures.get(Math.min(...failures.keys()));
  }

  async select(target: SheetLink): Promise<void> {
    const where = splitComposite(target.sheet);
    const member = where && this.members.find((m) => m.info.label === where.label);
    if (member?.select) await member.select({ sheet: where!.sheet, cell: target.cell });
  }
}
