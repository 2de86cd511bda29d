// The one refresh every host runs: read through a port, compute, and write only when nothing stops it.
import { refresh, type RefreshOptions, type RefreshResult } from '../engine';
import type { WorkbookPort } from './port';

export async function refreshWorkbook(port: WorkbookPort, options: RefreshOptions): Promise<RefreshResult> {
  const snapshot = await port.read();
  const result = refresh(snapshot, options);
  if (result.plan !== null) await port.apply(result.plan);
  return result;
}
