// The one refresh every host runs (the pane, the ribbon, the command line, a portfolio): read through a
// port, compute, and write only when nothing stops it. Hosts differ only in the control they pass.
import { refresh, type RefreshOptions, type RefreshResult } from '../engine';
import type { WorkbookSnapshot } from '../engine';
import { type WorkbookPort } from './port';
import { ConcurrentEditError } from './errors';

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
  /**
   * Sees what was computed before anything is written (also when nothing will be: a fatal error, or
   * `write: false`). Throwing here stops the refresh with nothing written.
   */
  beforeWrite?: (result: RefreshResult) => void | Promise<void>;
  /** false: compute only, as a report does; the port is never written. */
  write?: boolean;
  /**
   * false: let go of the rows read as soon as the engine has computed (the command line: at 100,000
   * rows the snapshot is about 100 MB), and of the report before writing; the result is then null.
   */
  keep?: boolean;
}

/** Options may depend on what was read (a portfolio resolves `--delay` IDs against its members). */
export type OptionsFor = RefreshOptions | ((snapshot: WorkbookSnapshot) => RefreshOptions);

const inThisThread = async (snapshot: WorkbookSnapshot, options: RefreshOptions) => refresh(snapshot, options);

/**
 * When the workbook changes between read and write (Excel, where people keep typing), the port
 * refuses to write; the refresh then starts over once from a fresh read, and stops if it happens again.
 */
export async function refreshWorkbook(
  port: WorkbookPort,
  options: OptionsFor,
  control: RefreshControl & { keep: false },
): Promise<null>;
export async function refreshWorkbook(
  port: WorkbookPort,
  options: OptionsFor,
  control?: RefreshControl | ((stage: RefreshStage) => void),
): Promise<PortRefreshResult>;
export async function refreshWorkbook(
  port: WorkbookPort,
  options: OptionsFor,
  control: RefreshControl | ((stage: RefreshStage) => void) = {},
): Promise<PortRefreshResult | null> {
  const c = typeof control === 'function' ? { onStage: control } : control;
  try {
    return await refreshOnce(port, options, c);
  } catch (e) {
    if (!(e instanceof ConcurrentEditError)) throw e;
    return refreshOnce(port, options, c);
  }
}

async function refreshOnce(
  port: WorkbookPort,
  options: OptionsFor,
  c: RefreshControl,
): Promise<PortRefreshResult | null> {
  const stop = () => {
    if (c.signal?.aborted) throw c.cancelled?.() ?? new Error('The refresh was cancelled. Nothing was written.');
  };
  stop();
  await c.onStage?.('reading');
  stop();
  let snapshot: WorkbookSnapshot | null = await port.read();
  stop();
  await c.onStage?.('computing');
  const asked = typeof options === 'function' ? options(snapshot) : options;
  // A caller that keeps nothing lets the engine drop the rows it has parsed, long before its run ends.
  const engineOptions = c.keep === false ? { ...asked, consume: true } : asked;
  let result: RefreshResult | null = await (c.engine ?? inThisThread)(snapshot, engineOptions, c.signal);
  if (c.keep === false) snapshot = null;
  stop();
  await c.beforeWrite?.(result);
  const plan = c.write === false ? null : result.plan;
  if (c.keep === false) result = null;
  if (plan !== null) {
    await c.onStage?.('writing');
    await port.apply(plan);
  }
  return result === null || snapshot === null ? null : { ...result, snapshot };
}
