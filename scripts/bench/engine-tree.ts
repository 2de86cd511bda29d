// The engine of another checkout (TREE, the first argument; this one by default), warmed on the bench's
// 100,000-row workbook: what engine-gc.ts and engine-alloc.ts each measure one refresh of. Loaded from
// TREE's own sources, so that two trees can be compared by running a script once for each.
import * as path from 'node:path';
import type { RefreshResult } from '../../src/engine';
import type { WorkbookSnapshot, WritePlan } from '../../src/engine/types';

type Refresh = (snapshot: WorkbookSnapshot, options: { today: number }) => RefreshResult;

export interface WarmEngine {
  tree: string;
  /** The first refresh's output refreshed (the weekly case) rather than the generated workbook. */
  again: boolean;
  refresh: Refresh;
  snapshot: WorkbookSnapshot;
  today: number;
}

export function warmEngine(argv: readonly string[] = process.argv.slice(2), warmups = 2): WarmEngine {
  const tree = path.resolve(argv[0] ?? '.');
  const again = argv.includes('--again');
  const from = (file: string) => require(path.join(tree, file));
  const refresh = from('src/engine').refresh as Refresh;
  const dayFromISO = from('src/engine/parse/values').dayFromISO as (iso: string) => number;
  const applyPlan = from('test/support/apply-plan').applyPlan as (
    s: WorkbookSnapshot,
    p: WritePlan,
  ) => WorkbookSnapshot;
  const generate = from('scripts/bench/generate');
  const first = generate.snapshotOf(generate.generateWorkbook(100_000)) as WorkbookSnapshot;
  const today = dayFromISO(generate.BENCH_AS_OF);
  const snapshot = again ? applyPlan(first, refresh(first, { today }).plan!) : first;
  for (let i = 0; i < warmups; i++) refresh(snapshot, { today });
  return { tree, again, refresh, snapshot, today };
}
