// Whether this tree's engine gives the same results as another's (a copy of an earlier commit, as
// engine-ab.ts takes it), over four refreshes of the generated workbook: the first, again on its own
// output, a week later and 40 days after that. A speed change must leave every result as it was:
//
//   npx ts-node --transpile-only scripts/bench/engine-same.ts DIR [rows]
//
// Hashes everything a host reads (report with its lazy fields expanded, plan, changes, links, trends,
// money cells) rather than comparing in memory, so two 100k-row results need not be held at once.
import { createHash, type Hash } from 'node:crypto';
import * as path from 'node:path';
import type { RefreshResult } from '../../src/engine';
import type { WorkbookSnapshot } from '../../src/engine/types';
import { dayFromISO } from '../../src/engine/parse/values';
import { applyPlan } from '../../test/support/apply-plan';
import { BENCH_AS_OF, generateWorkbook, snapshotOf } from './generate';

type Refresh = (snapshot: WorkbookSnapshot, options: { today: number }) => RefreshResult;

/** Feeds a value to the hash in a form that tells types and structure apart (Maps and Sets by entries). */
function feed(hash: Hash, v: unknown): void {
  if (v === null || v === undefined || typeof v !== 'object') {
    hash.update(`${typeof v}:${String(v)};`);
    return;
  }
  if (v instanceof Map) {
    hash.update(`map${v.size}[`);
    for (const [k, x] of v) {
      feed(hash, k);
      feed(hash, x);
    }
  } else if (v instanceof Set) {
    hash.update(`set${v.size}[`);
    for (const x of v) feed(hash, x);
  } else if (Array.isArray(v)) {
    hash.update(`arr${v.length}[`);
    for (const x of v) feed(hash, x);
  } else if (v instanceof Date) {
    hash.update(`date:${v.getTime()}`);
  } else {
    hash.update('{');
    for (const k of Object.keys(v)) {
      const x = (v as Record<string, unknown>)[k];
      if (typeof x === 'function') continue;
      hash.update(`${k}=`);
      feed(hash, x);
    }
  }
  hash.update(']');
}

function digests(refresh: Refresh, first: WorkbookSnapshot, today: number): string[] {
  const out: string[] = [];
  let snapshot = first;
  for (const day of [today, today, today + 7, today + 47]) {
    const result = refresh(snapshot, { today: day });
    const parts = {
      report: result.report,
      plan: result.plan,
      fatal: result.fatal,
      settings: result.settings,
      changes: result.changes,
      links: result.links,
      trends: result.trends,
      moneyCells: result.moneyCells,
    };
    const line: string[] = [];
    for (const [name, value] of Object.entries(parts)) {
      const hash = createHash('sha256');
      feed(hash, value);
      line.push(`${name} ${hash.digest('hex').slice(0, 12)}`);
    }
    out.push(line.join(', '));
    snapshot = applyPlan(snapshot, result.plan!);
  }
  return out;
}

function main() {
  const base = path.resolve(process.argv[2] ?? '');
  const rows = Number(process.argv[3] ?? 20_000);
  const before = (require(path.join(base, 'src/engine')) as { refresh: Refresh }).refresh;
  const after = (require('../../src/engine') as { refresh: Refresh }).refresh;
  const first = snapshotOf(generateWorkbook(rows));
  const today = dayFromISO(BENCH_AS_OF)!;
  const a = digests(before, first, today);
  const b = digests(after, first, today);
  let same = true;
  a.forEach((line, i) => {
    const ok = line === b[i];
    same &&= ok;
    process.stdout.write(`refresh ${i + 1}: ${ok ? 'same' : `DIFFERENT\n  before ${line}\n  after  ${b[i]}`}\n`);
  });
  process.stdout.write(same ? `${rows} rows: the same results\n` : `${rows} rows: results differ\n`);
  process.exitCode = same ? 0 : 1;
}

main();
