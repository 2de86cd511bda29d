// The engine as the command line runs it: once, in a fresh process, on a workbook read by the tree's own
// reader. Compare two built trees by running this for each in turn, several times in the same minutes:
//   node --expose-gc --initial-old-space-size=300 scripts/bench/engine-cold.js LIB FILE [--snapshot OUT]
// LIB is a built tree's lib/ (this one's, or a checkout's from scripts/bench/base.sh). Prints one line of
// JSON: the engine's wall, process CPU (all threads) and main-thread CPU (Linux, 10 ms ticks), each stage
// as [wall, cpu, main], the scavenges during the engine and their time, and the heap left after a full
// collection while the result is held (its links read, as a host that keeps a result reads them) and
// while only the plan is (what the command line keeps through the write). On a shared machine the CPU
// figures move less than wall time; the heap and the scavenges not at all.
'use strict';
const path = require('node:path');
const { readFileSync } = require('node:fs');
const { PerformanceObserver, performance, constants } = require('node:perf_hooks');
const v8 = require('node:v8');

const lib = path.resolve(process.argv[2]);
const file = process.argv[3];
const snapshotAt = process.argv.indexOf('--snapshot');
const { openXlsxFile } = require(path.join(lib, 'io/node/xlsx-file.js'));
const { refreshWorkbook } = require(path.join(lib, 'io/refresh.js'));
const { dayFromISO } = require(path.join(lib, 'engine/parse/values.js'));

const gcs = [];
new PerformanceObserver((list) => gcs.push(...list.getEntries())).observe({ entryTypes: ['gc'] });

const processCpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** The main thread's own CPU, from its task's stat (utime + stime, in ticks of 10 ms). */
const mainCpu = () => {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
};
const heapMB = () => {
  global.gc();
  return Math.round(process.memoryUsage().heapUsed / 1e5) / 10;
};

async function main() {
  const workbook = await openXlsxFile(file);
  const asOf = dayFromISO('2026-06-30');
  const stages = {};
  let start = null;
  let last = null;
  let result = null;
  const now = () => ({ wall: performance.now(), cpu: processCpu(), main: mainCpu() });
  await refreshWorkbook(
    workbook,
    {
      today: asOf,
      settings: { asOf },
      onStage: (stage) => {
        const t = now();
        stages[stage] = [Math.round(t.wall - last.wall), Math.round(t.cpu - last.cpu), t.main - last.main];
        last = t;
      },
    },
    {
      keep: false,
      write: false,
      onStage: (stage) => {
        if (stage !== 'computing') return;
        global.gc();
        start = last = now();
      },
      beforeWrite: (r) => {
        result = r;
      },
    },
  );
  const end = now();
  await new Promise((resolve) => setTimeout(resolve, 50)); // the gc entries arrive after the run
  let scavenges = 0;
  let scavengeMs = 0;
  let full = 0;
  for (const e of gcs) {
    if (e.startTime < start.wall || e.startTime > end.wall) continue;
    if (e.detail.kind === constants.NODE_PERFORMANCE_GC_MINOR) {
      scavenges++;
      scavengeMs += e.duration;
    } else full++;
  }
  void result.links;
  const retainedMB = heapMB();
  const plan = result.plan;
  result = null;
  const planOnlyMB = heapMB();
  console.log(
    JSON.stringify({
      wall: Math.round(end.wall - start.wall),
      cpu: Math.round(end.cpu - start.cpu),
      main: end.main - start.main,
      scavenges,
      scavengeMs: Math.round(scavengeMs),
      full,
      retainedMB,
      planOnlyMB,
      stages,
    }),
  );
  if (snapshotAt > 0) v8.writeHeapSnapshot(process.argv[snapshotAt + 1]);
  void plan;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
