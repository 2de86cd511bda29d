// The engine of this tree against the engine of another (a copy of an earlier commit: `git archive <commit> src
// | tar -x -C DIR`, DIR/node_modules linked to this one's), stage by stage, in alternating runs in one process:
//
//   npx ts-node --transpile-only scripts/bench/engine-ab.ts DIR [rows] [rounds]
//
// CPU time of the process (user + system, GC threads included) per stage, on the first refresh and on the
// refresh again (the same workbook with the first refresh's plan applied). On a shared machine wall time
// measures the others' load as much as ours; CPU time much less so.
import * as path from 'node:path';
import type { RefreshResult, Stage } from '../../src/engine';
import type { WorkbookSnapshot } from '../../src/engine/types';
import { dayFromISO } from '../../src/engine/parse/values';
import { applyPlan } from '../../test/support/apply-plan';
import { BENCH_AS_OF, generateWorkbook, snapshotOf } from './generate';
import { median } from './stats';

type Refresh = (snapshot: WorkbookSnapshot, options: { today: number; onStage?: (s: Stage) => void }) => RefreshResult;
const STAGES: Stage[] = ['recognise', 'parse', 'link', 'evaluate', 'flags', 'plan'];
type Timing = Record<Stage | 'report' | 'total', number>;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** One refresh, CPU time per stage; `report` is what follows the plan stage (the report and the pane's views). */
function timed(refresh: Refresh, snapshot: WorkbookSnapshot, today: number): Timing {
  const t = { total: 0, report: 0 } as Timing;
  const started = cpuMs();
  let last = started;
  refresh(snapshot, {
    today,
    onStage: (s) => {
      const now = cpuMs();
      t[s] = now - last;
      last = now;
    },
  });
  const end = cpuMs();
  t.report = end - last;
  t.total = end - started;
  return t;
}

function main() {
  const base = path.resolve(process.argv[2] ?? '');
  const rows = Number(process.argv[3] ?? 100_000);
  const rounds = Number(process.argv[4] ?? 5);
  const before = (require(path.join(base, 'src/engine')) as { refresh: Refresh }).refresh;
  const after = (require('../../src/engine') as { refresh: Refresh }).refresh;
  const gen = generateWorkbook(rows);
  const first = snapshotOf(gen);
  const today = dayFromISO(BENCH_AS_OF)!;
  const again = applyPlan(first, after(first, { today }).plan!);
  const runs = {
    first: { before: [] as Timing[], after: [] as Timing[] },
    again: { before: [] as Timing[], after: [] as Timing[] },
  };
  for (const f of [before, after]) for (const s of [first, again]) timed(f, s, today);
  for (let i = 0; i < rounds; i++) {
    process.stderr.write(`round ${i + 1} of ${rounds}\n`);
    runs.first.before.push(timed(before, first, today));
    runs.first.after.push(timed(after, first, today));
    runs.again.before.push(timed(before, again, today));
    runs.again.after.push(timed(after, again, today));
  }
  const keys = [...STAGES, 'report', 'total'] as const;
  for (const which of ['first', 'again'] as const) {
    process.stdout.write(
      `\n${rows} rows, ${which === 'first' ? 'first refresh' : 'refresh again'}, CPU ms (median of ${rounds} · fastest)\n`,
    );
    for (const k of keys) {
      const b = runs[which].before.map((t) => t[k]);
      const a = runs[which].after.map((t) => t[k]);
      const fmt = (xs: number[]) =>
        `${median(xs).toFixed(0).padStart(6)} · ${Math.min(...xs)
          .toFixed(0)
          .padStart(5)}`;
      process.stdout.write(`  ${k.padEnd(10)} before ${fmt(b)}   after ${fmt(a)}\n`);
    }
  }
}

main();
