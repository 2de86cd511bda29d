// Memory allocated by one warm engine refresh, by function (V8's sampling heap profiler, objects later
// collected included; builtins such as push, join and Map#set charged to the function that called them):
//
//   npx ts-node --transpile-only scripts/bench/alloc.ts [ROOT] [rows]
//
// ROOT: a checkout whose src/engine is measured (this tree by default; another made with base.sh to
// compare). Allocation is what a loaded machine does not move: read it beside the alternated CPU figures.
import { Session } from 'node:inspector';
import * as path from 'node:path';
import type { WorkbookSnapshot } from '../../src/engine/types';
import { dayFromISO } from '../../src/engine/parse/values';
import { BENCH_AS_OF, generateWorkbook, snapshotOf } from './generate';

type Refresh = (snapshot: WorkbookSnapshot, options: { today: number }) => unknown;
interface ProfileNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: ProfileNode[];
}

const root = process.argv[2] ?? path.join(__dirname, '../..');
const rows = Number(process.argv[3] ?? 100_000);
const { refresh } = require(path.join(root, 'src/engine')) as { refresh: Refresh };
const snapshot = snapshotOf(generateWorkbook(rows));
const today = dayFromISO(BENCH_AS_OF)!;
for (let i = 0; i < 2; i++) refresh(snapshot, { today });

const session = new Session();
session.connect();
const post = <T>(method: string, params: object = {}) =>
  new Promise<T>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));

/** Self bytes by function; a builtin's (no script) are its caller's. */
function bySite(head: ProfileNode): { total: number; sites: Map<string, number> } {
  const sites = new Map<string, number>();
  let total = 0;
  const walk = (n: ProfileNode, caller: string | null) => {
    const f = n.callFrame;
    const own = `${f.functionName || '(anonymous)'} ${f.url.split('/').slice(-2).join('/')}:${f.lineNumber + 1}`;
    const name = f.url === '' && caller !== null ? `${f.functionName} < ${caller}` : own;
    total += n.selfSize;
    sites.set(name, (sites.get(name) ?? 0) + n.selfSize);
    for (const c of n.children) walk(c, f.url === '' ? caller : own);
  };
  walk(head, null);
  return { total, sites };
}

void (async () => {
  await post('HeapProfiler.enable');
  await post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  refresh(snapshot, { today });
  const { profile } = await post<{ profile: { head: ProfileNode } }>('HeapProfiler.stopSampling');
  const { total, sites } = bySite(profile.head);
  console.log(`${rows} rows, one refresh: ${(total / 1e6).toFixed(1)} MB allocated (sampled)`);
  for (const [name, bytes] of [...sites].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log(`${(bytes / 1e6).toFixed(2).padStart(8)} MB  ${name}`);
})();
