// The .xlsx read of this tree's command line against another build's (issue 23, "the read path on two
// cores"), in alternating fresh processes, each opening and reading one file as `throughline refresh` does:
//
//   npx tsc -p tsconfig.build.json && bash scripts/bench/base.sh main /tmp/read-base
//   npx ts-node --transpile-only scripts/bench/read-ab.ts /tmp/read-base FILE [rounds]
//
// Per run: wall time, CPU of the main thread (/proc/thread-self/stat: what the read's critical path costs
// on a machine whose other core is free), CPU of the whole process (every thread, GC and the worker
// included) and the peak RSS sampled during the read. On a shared machine wall time measures the others'
// load as much as ours; the main thread's CPU much less so.
import { execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { median } from './stats';

const PROBE = `
const lib = process.argv[1];
const file = process.argv[2];
const fs = require('fs');
const threadCpu = () => {
  const f = fs.readFileSync('/proc/thread-self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(f[11]) + Number(f[12])) * 10;
};
const { openXlsxFile } = require(lib + '/io/node/xlsx-file.js');
(async () => {
  let peak = 0;
  const sample = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const main0 = threadCpu();
  const all0 = process.cpuUsage();
  const t0 = performance.now();
  // The command line's refresh asks for the second thread; a build without it ignores the option.
  const snapshot = await (await openXlsxFile(file, { readOnTwoThreads: true })).read();
  const wall = performance.now() - t0;
  const all = process.cpuUsage(all0);
  clearInterval(sample);
  peak = Math.max(peak, process.memoryUsage().rss);
  const rows = snapshot.tables.reduce((n, t) => n + t.rows.length, 0);
  console.log(JSON.stringify({ wall, main: threadCpu() - main0, all: (all.user + all.system) / 1000, peak, rows }));
})();
`;

interface Run {
  wall: number;
  main: number;
  all: number;
  peak: number;
  rows: number;
}

function once(lib: string, file: string): Run {
  return JSON.parse(execFileSync(process.execPath, ['-e', PROBE, lib, file], { encoding: 'utf8' })) as Run;
}

function main(): void {
  const [baseDir, file, roundsArg] = process.argv.slice(2);
  if (!baseDir || !file) throw new Error('usage: read-ab.ts BASE_DIR FILE [rounds]');
  const rounds = Number(roundsArg ?? 5);
  const builds = { base: path.resolve(baseDir, 'lib'), this: path.resolve(__dirname, '../../lib') };
  const runs: Record<keyof typeof builds, Run[]> = { base: [], this: [] };
  for (let r = 0; r < rounds; r++) {
    for (const name of ['base', 'this'] as const) runs[name].push(once(builds[name], file));
  }
  for (const name of ['base', 'this'] as const) {
    const pick = (k: keyof Run) => runs[name].map((x) => x[k]);
    const fmt = (k: keyof Run) => `${Math.round(median(pick(k)))} (${pick(k).map(Math.round).join(', ')})`;
    console.log(
      `${name.padEnd(5)} wall ${fmt('wall')} ms | main thread CPU ${fmt('main')} ms | all threads CPU ${fmt('all')} ms` +
        ` | peak RSS ${Math.round(median(pick('peak')) / 1e6)} MB | rows ${runs[name][0].rows}`,
    );
  }
}

main();
