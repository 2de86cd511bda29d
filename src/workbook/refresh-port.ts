// The one refresh every host runs: read through a port, compute, and write only when nothing stops it.
import { refresh, type RefreshOptions, type RefreshResult } from '../engine';
import type { WorkbookSnapshot } from '../engine/types';
import { ConcurrentEditError, type WorkbookPort } from './port';

export type RefreshStage = 'reading' | 'computing' | 'writing';

export interface PortRefreshResult extends RefreshResult {
  /** What was read, so a what-if can run again without another round trip. */
  snapshot: WorkbookSnapshot;
}

/**
 * When the workbook changes between read and write (Excel, where people keep typing), the port
 * refuses to write; the refresh then starts over once from a fresh read, and stops if it happens again.
 */
export async function refreshWorkbook(
  port: WorkbookPort,
  options: RefreshOptions,
  onStage: (stage: RefreshStage) => void = () => undefined,
): Promise<PortRefreshResult> {
  try {
    return await refreshOnce(port, options, onStage);
  } catch (e) {
    if (!(e instanceof ConcurrentEditError)) throw e;
    return refreshOnce(port, options, onStage);
  }
}

async function refreshOnce(port: WorkbookPort, options: RefreshOptions, onStage: (stage: RefreshStage) => void): Promise<PortRefreshResult> {
  onStage('reading');
  const snapshot = await port.read();
  onStage('computing');
  const result = refresh(snapshot, options);
  if (result.plan !== null) {
    onStage('writing');
    await port.apply(result.plan);
  }
  return { ...result, snapshot };
}
