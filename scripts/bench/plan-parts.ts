// CPU time of the plan stage's parts, one engine refresh at a time, by wrapping the functions the refresh
// calls through their modules' exports (CommonJS, as ts-node runs them):
//
//   npx ts-node --transpile-only scripts/bench/plan-parts.ts [rows] [runs] [--again] [DIR]
//
// DIR: another checkout's copy (as engine-ab.ts takes it) measured in alternation with this tree. Prints
// the median and fastest CPU ms (user + system) of each part. Inclusive times: a part called inside
// another counts in both.
import * as path from 'node:path';
import type { WorkbookSnapshot } from '../../src/engine/types';
import { dayFromISO } from '../../src/engine/parse/values';
import { applyPlan } from '../../test/support/apply-plan';
import { BENCH_AS_OF, generateWorkbook, snapshotOf } from './generate';
import { median } from './stats';

const PARTS: [string, string][] = [
  ['plan/columns', 'tableWrite'],
  ['plan/risks', 'risksPlan'],
  ['plan/cells', 'fitPlan'],
  ['flags/ledger', 'ledgerPlan'],
  ['compute/impact', 'buildImpactIndex'],
  ['map/link-index', 'itemLinks'],
  ['report', 'buildReport'],
  ['changes', 'markItems'],
];

type Refresh = (snapshot: WorkbookSnapshot, options: { today: number }) => unknown;

function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** The tree's refresh with its parts wrapped, and the CPU ms each part took in the last call. */
function instrumented(root: string): { refresh: Refresh; spent: Record<string, number> } {
  const spent: Record<string, number> = {};
  for (const [file, name] of PARTS) {
    const mod = require(path.join(root, 'src/engine', file)) as Record<string, (...a: unknown[]) => unknown>;
    const inner = mod[name];
    mod[name] = (...args: unknown[]) => {
      const started = cpuMs();
      try {
        return inner(...args);
      } finally {
        spent[name] = (spent[name] ?? 0) + cpuMs() - started;
      }
    };
  }
  const { refresh } = require(path.join(root, 'src/engine')) as { refresh: Refresh };
  const run: Refresh = (snapshot, options) => {
    for (const k of Object.keys(spent)) spent[k] = 0;
    const started = cpuMs();
    const result = refresh(snapshot, options);
    spent.total = cpuMs() - started;
    return result;
  };
  return { refresh: run, spent };
}

function main() {
  const args = process.argv.slice(2);
  const numbers = args.filter((a) => /^\d+$/.test(a)).map(Number);
  const rows = numbers[0] ?? 100_000;
  const runs = numbers[1] ?? 5;
  const again = args.includes('--again');
  const other = args.find((a) => !/^\d+$/.test(a) && !a.startsWith('--'));
  const trees = [{ name: 'this', ...instrumented(path.resolve(__dirname, '../..')) }];
  if (other) trees.unshift({ name: 'other', ...instrumented(path.resolve(other)) });
  const today = dayFromISO(BENCH_AS_OF)!;
  const first = snapshotOf(generateWorkbook(rows));
  const { plan } = trees[trees.length - 1].refresh(first, { today }) as { plan: Parameters<typeof applyPlan>[1] };
  const snapshot = again ? applyPlan(first, plan) : first;
  const seen = trees.map(() => [] as Record<string, number>[]);
  for (let i = 0; i < runs + 2; i++)
    trees.forEach((t, k) => {
      t.refresh(snapshot, { today });
      if (i >= 2) seen[k].push({ ...t.spent });
    });
  for (const key of [...PARTS.map((p) => p[1]), 'total']) {
    const line = trees.map((t, k) => {
      const xs = seen[k].map((s) => s[key] ?? 0);
      return `${t.name} ${median(xs).toFixed(0).padStart(5)} · ${Math.min(...xs)
        .toFixed(0)
        .padStart(5)}`;
    });
    process.stdout.write(`${key.padEnd(18)} ${line.join('   ')}\n`);
  }
}

main();
