// Profiles one engine refresh:
//
//   npx ts-node --transpile-only scripts/bench/profile.ts 100000 [--again] [--runs N]
//   node --cpu-prof -r ts-node/register/transpile-only scripts/bench/profile.ts 100000 --again
//
// `--again` refreshes the first refresh's output (the weekly case: ledger, owned columns and plans over
// time present), as engine-ab.ts does. Prints the wall time of the last run and each stage's CPU time
// (user + system of the process), which a shared machine inflates less than wall time.
import { refresh, type Stage } from '../../src/engine';
import { dayFromISO } from '../../src/engine/parse/values';
import { applyPlan } from '../../test/support/apply-plan';
import { BENCH_AS_OF, generateWorkbook, snapshotOf } from './generate';

const args = process.argv.slice(2);
const rows = Number(args.find((a) => /^\d+$/.test(a)) ?? 10_000);
const again = args.includes('--again');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 1;
const gen = generateWorkbook(rows);
const first = snapshotOf(gen);
const today = dayFromISO(BENCH_AS_OF)!;
const snapshot = again ? applyPlan(first, refresh(first, { today }).plan!) : first;
for (let i = 0; i < 3; i++) refresh(snapshot, { today });

const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
let wall = 0;
const cpu: Record<string, number>[] = [];
for (let i = 0; i < runs; i++) {
  const stages: Record<string, number> = {};
  const started = performance.now();
  const cpuStarted = cpuMs();
  let last = cpuStarted;
  refresh(snapshot, {
    today,
    onStage: (s: Stage) => {
      const now = cpuMs();
      stages[s] = now - last;
      last = now;
    },
  });
  const end = cpuMs();
  stages.report = end - last;
  stages.total = end - cpuStarted;
  wall = performance.now() - started;
  cpu.push(stages);
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuMedian = Object.fromEntries(Object.keys(cpu[0]).map((k) => [k, Math.round(median(cpu.map((c) => c[k])))]));
process.stdout.write(
  `${rows} rows${again ? ', refresh again' : ''}: ${wall.toFixed(1)} ms wall (last run); ` +
    `CPU ms${runs > 1 ? ` (median of ${runs})` : ''} ${JSON.stringify(cpuMedian)}\n`,
);
