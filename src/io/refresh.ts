// The one refresh every host runs: read through a port, compute, and write only when nothing stops it.
import { refresh, type RefreshOptions, type RefreshResult } from '../engine';
import type { WorkbookSnapshot } from '../engine';
import { ConcurrentEditError, type WorkbookPort } from './port';

export type RefreshStage = 'reading' | 'computing' | 'writing';

export interface PortRefreshResult extends RefreshResult {
  /** What was read, so a what-if can run again without another round trip. */
  snapshot: WorkbookSnapshot;
}

export interface RefreshControl {
  /** Told as each stage starts; a returned promise is awaited first (a page lets the stage paint before blocking work). */
  onStage?: (stage: RefreshStage) => void | Promise<void>;
  /** Runs the engine (a host may run it in a worker); the engine in this thread by default. */
  engine?: (snapshot: WorkbookSnapshot, options: RefreshOptions, signal?: AbortSignal) => Promise<RefreshResult>;
  /**
   * Cancels before the first write. Once writing has begun the refresh finishes, because stopping
   * between two writes would leave a half-refreshed workbook.
   */
  signal?: AbortSignal;
  /** Builds the error a cancelled refresh rejects with. */
  cancelled?: () => Error;
}

const inThisThread = async (snapshot: WorkbookSnapshot, options: RefreshOptions) => refresh(snapshot, options);

/**
 * When the workbook changes between read and write (Excel, where people keep typing), the port
 * refuses to write; the refresh then starts over once from a fresh read, and stops if it happens again.
 */
export async function refreshWorkbook(
  port: WorkbookPort,
  options: RefreshOptions,
  control: RefreshControl | ((stage: RefreshStage) => void) = {},
): Promise<PortRefreshResult> {
  const c = typeof control === 'function' ? { onStage: control } : control;
  try {
    return await refreshOnce(port, options, c);
  } catch (e) {
    if (!(e instanceof ConcurrentEditError)) throw e;
    return refreshOnce(port, options, c);
  }
}

async function refreshOnce(port: WorkbookPort, options: RefreshOptions, c: RefreshControl): Promise<PortRefreshResult> {
  const stop = () => {
    if (c.signal?.aborted) throw c.cancelled?.() ?? new Error('The refresh was cancelled. Nothing was written.');
  };
  stop();
  await c.onStage?.('reading');
  stop();
  const snapshot = await port.read();
  stop();
  await c.onStage?.('computing');
  const result = await (c.engine ?? inThisThread)(snapshot, options, c.signal);
  stop();
  if (result.plan !== null) {
    await c.onStage?.('writing');
    await port.apply(result.plan);
  }
  return { ...result, snapshot };
}
