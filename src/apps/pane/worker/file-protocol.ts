// What the browser page and its worker say to each other about a file: the page hands the worker the
// file's bytes (transferred, never copied) and from then on only asks; the worker unzips, reads,
// computes, writes and zips, and answers with what the page draws: a preview of the sheets, the
// result without its plan's rows, a number format, and the refreshed bytes (transferred back).
import type { RefreshOptions, RefreshResult, SheetLink, Stage, WhatIfResult } from '../../../engine';
import type { OwnerToChase, WorkbookSnapshot, WritePlan } from '../../../engine';
import type { RefreshStage } from '../../../io/refresh';
import type { PreviewSheet } from '../page/preview';
import type { ImpactTable, ResultPart } from './result-transfer';

/** Engine options as they cross: functions do not. */
export type PlainOptions = Omit<RefreshOptions, 'onStage'>;

export type FileRequest =
  | { id: number; kind: 'open'; name: string; bytes: ArrayBuffer }
  | { id: number; kind: 'refresh'; file: number; options: PlainOptions }
  /** The port's own two steps, for a caller that runs the refresh itself (the pane never does on the page). */
  | { id: number; kind: 'read'; file: number }
  | { id: number; kind: 'apply'; file: number; plan: WritePlan }
  /** Stops the refresh asked for by request `target` at its next stage, if it has not begun writing. */
  | { id: number; kind: 'cancel'; target: number }
  | { id: number; kind: 'what-if'; file: number; options: PlainOptions }
  /** The preview of the file as it stands, a sheet per message, then 'done'. */
  | { id: number; kind: 'preview'; file: number }
  | { id: number; kind: 'number-format'; file: number; target: SheetLink }
  | { id: number; kind: 'save'; file: number }
  | { id: number; kind: 'close'; file: number };

/** What the page learns of a file it opened in the worker (its preview comes before, a sheet at a time). */
export interface OpenedInWorker {
  file: number;
  /** A macro-enabled workbook downloads as .xlsm. */
  format: 'xlsx' | 'xlsm';
  /** The workbook holds a Portfolio table: it is a portfolio's hub, which the page opens as a portfolio. */
  hub: boolean;
}

export type FileReply =
  | ({ id: number; kind: 'opened' } & OpenedInWorker)
  | { id: number; kind: 'stage'; stage: RefreshStage }
  | { id: number; kind: 'engine-stage'; stage: Stage }
  /** One sheet of the preview of the file as opened or written, sent before the answer it belongs to. */
  | { id: number; kind: 'preview-sheet'; sheet: PreviewSheet }
  /** A piece of the refresh's result, sent before 'refreshed' (result-transfer.ts). */
  | { id: number; kind: 'result-part'; part: ResultPart }
  /**
   * `result` without what its parts carried, sent before the plan is written (the preview of what was
   * written is asked for after); 'written' ends the refresh, or 'error' if writing failed.
   */
  | {
      id: number;
      kind: 'refreshed';
      result: RefreshResult;
      impacts: ImpactTable;
      /** The number format of the result's money cell, read before the write (the pane asks for it at once). */
      formats: [SheetLink, string | null][];
      /** Owners to chase, and the top risks as indices into the result's items: made here, off the page's thread. */
      owners: OwnerToChase[];
      top: number[];
    }
  | { id: number; kind: 'written' }
  | { id: number; kind: 'what-if'; result: WhatIfResult | string }
  | { id: number; kind: 'snapshot'; snapshot: WorkbookSnapshot }
  | { id: number; kind: 'applied' }
  | { id: number; kind: 'number-format'; format: string | null }
  | { id: number; kind: 'saved'; bytes: ArrayBuffer }
  | { id: number; kind: 'done' }
  | { id: number; kind: 'error'; name: string; message: string };

/** Tells file requests from the engine's own requests (which carry a snapshot and no kind). */
export function isFileRequest(data: unknown): data is FileRequest {
  return typeof data === 'object' && data !== null && 'kind' in data;
}
