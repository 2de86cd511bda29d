// One tree's `refresh()` in a process of its own: wall time, CPU time of the process and the collector's
// work (scavenges and full collections, from `gc` performance entries) of each timed refresh. Run it
// for two trees in turn, several times in the same minutes, to compare them on a shared machine:
//
//   node --expose-gc -r ts-node/register/transpile-only scripts/bench/engine-gc.ts TREE [--again] [runs]
//
// TREE is a checkout (this one, or `bash scripts/bench/base.sh <commit> DIR`); `--again` refreshes the
// first refresh's output (the weekly case). Prints one line: wall/cpu/scavenges:ms/full:ms per run.
import * as path from 'node:path';
import { PerformanceObserver, constants, type PerformanceEntry } from 'node:perf_hooks';
import { warmEngine } from './engine-tree';

const { tree, again, refresh, snapshot, today } = warmEngine();
const runs = Number(process.argv.slice(3).find((a) => /^\d+$/.test(a)) ?? 5);

const gc = { on: false, minor: 0, minorMs: 0, major: 0, majorMs: 0 };
new PerformanceObserver((list) => {
  if (!gc.on) return;
  for (const e of list.getEntries() as (PerformanceEntry & { detail?: { kind?: number } })[]) {
    if (e.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      gc.minor++;
      gc.minorMs += e.duration;
    } else {
      gc.major++;
      gc.majorMs += e.duration;
    }
  }
}).observe({ entryTypes: ['gc'] });

const pause = () => new Promise((resolve) => setTimeout(resolve, 20));
void (async () => {
  const lines: string[] = [];
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await pause();
    Object.assign(gc, { on: true, minor: 0, minorMs: 0, major: 0, majorMs: 0 });
    const cpu = process.cpuUsage();
    const started = performance.now();
    refresh(snapshot, { today });
    const wall = performance.now() - started;
    const used = process.cpuUsage(cpu);
    await pause(); // the entries of the last collections arrive after the refresh
    gc.on = false;
    const ms = (x: number) => x.toFixed(0);
    lines.push(
      `${ms(wall)}/${ms((used.user + used.system) / 1000)}/${gc.minor}:${ms(gc.minorMs)}/${gc.major}:${ms(gc.majorMs)}`,
    );
  }
  console.log(path.basename(tree), again ? 'again' : 'first', 'wall/cpu/scavenges:ms/full:ms', lines.join('  '));
})();
