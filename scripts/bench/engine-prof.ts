// A CPU profile of the engine's `refresh()` alone (not the generator, not the warm-up), first refresh or
// the refresh again, written for /tmp/profsum.js-style summaries or Chrome's profiler:
//
//   npx ts-node --transpile-only scripts/bench/engine-prof.ts OUT.cpuprofile [rows] [--again] [--runs N]
//
// Uses an `inspector` session started after the warm-up, so the profile holds only the timed refreshes.
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import { refresh } from '../../src/engine';
import { dayFromISO } from '../../src/engine/parse/values';
import { applyPlan } from '../../test/support/apply-plan';
import { BENCH_AS_OF, generateWorkbook, snapshotOf } from './generate';

const args = process.argv.slice(2);
const out = args[0];
const rows = Number(args.slice(1).find((a) => /^\d+$/.test(a)) ?? 100_000);
const again = args.includes('--again');
const runsAt = args.indexOf('--runs');
const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 3;
const first = snapshotOf(generateWorkbook(rows));
const today = dayFromISO(BENCH_AS_OF)!;
const snapshot = again ? applyPlan(first, refresh(first, { today }).plan!) : first;
for (let i = 0; i < 2; i++) refresh(snapshot, { today });

const session = new Session();
session.connect();
const post = (method: string, params?: object) =>
  new Promise<unknown>((resolve, reject) =>
    session.post(method, params ?? {}, (err, res) => (err ? reject(err) : resolve(res))),
  );
void (async () => {
  await post('Profiler.enable');
  await post('Profiler.setSamplingInterval', { interval: 250 });
  await post('Profiler.start');
  const started = performance.now();
  for (let i = 0; i < runs; i++) refresh(snapshot, { today });
  const wall = performance.now() - started;
  const { profile } = (await post('Profiler.stop')) as { profile: unknown };
  writeFileSync(out, JSON.stringify(profile));
  process.stdout.write(
    `${rows} rows${again ? ', again' : ''}: ${runs} refreshes, ${(wall / runs).toFixed(0)} ms wall each\n`,
  );
})();
