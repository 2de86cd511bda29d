// Bytes one `refresh()` allocates (objects later collected included), by V8's sampling heap profiler,
// with each built-in's share given to the JavaScript function that called it:
//
//   npx ts-node --transpile-only scripts/bench/engine-alloc.ts TREE [--again] [--quiet]
//
// TREE is a checkout (this one, or `bash scripts/bench/base.sh <commit> DIR`). The sampling makes the
// total vary by a percent or two between runs of the same tree: compare several runs.
import * as path from 'node:path';
import { Session } from 'node:inspector';
import { warmEngine } from './engine-tree';

interface SampleNode {
  callFrame: { functionName: string; url: string; lineNumber: number };
  selfSize: number;
  children: SampleNode[];
}
const { tree, again, refresh, snapshot, today } = warmEngine();

const session = new Session();
session.connect();
const post = <T>(method: string, params: object = {}) =>
  new Promise<T>((resolve, reject) => session.post(method, params, (e, r) => (e ? reject(e) : resolve(r as T))));

void (async () => {
  await post('HeapProfiler.enable');
  const collected = { includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true };
  await post('HeapProfiler.startSampling', { samplingInterval: 4096, ...collected });
  refresh(snapshot, { today });
  const { profile } = await post<{ profile: { head: SampleNode } }>('HeapProfiler.stopSampling');
  const bytes = new Map<string, number>();
  let total = 0;
  const walk = (n: SampleNode, caller: string) => {
    const f = n.callFrame;
    const here = `${f.functionName || '(anonymous)'} ${f.url.split('/src/')[1] ?? f.url}:${f.lineNumber + 1}`;
    const key = f.url ? here : `${f.functionName}<${caller}`;
    total += n.selfSize;
    bytes.set(key, (bytes.get(key) ?? 0) + n.selfSize);
    for (const c of n.children) walk(c, f.url ? here : caller);
  };
  walk(profile.head, '');
  console.log(path.basename(tree), again ? 'again' : 'first', 'allocated MB', (total / 1e6).toFixed(1));
  if (process.argv.includes('--quiet')) return;
  for (const [k, v] of [...bytes].sort((a, b) => b[1] - a[1]).slice(0, 40))
    console.log((v / 1e6).toFixed(1).padStart(7), k);
})();
