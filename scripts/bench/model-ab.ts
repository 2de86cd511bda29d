// The engine's model stages alone (parse, link, evaluate, item flags, plan over time), this tree's against
// another's (a copy of an earlier commit, as engine-ab.ts takes it), alternating in one process:
//
//   npx ts-node --transpile-only scripts/bench/model-ab.ts DIR [rows] [rounds]
//
// engine-ab.ts times whole stages, where the collector's work lands on whichever stage it interrupts and
// the other developers' stages (impact index, plan, ledger) share the figure; this times the functions of
// the model one by one, on the first refresh's workbook and on it again with the first refresh's plan
// applied (the ledger holding plans and forecast history). CPU time of the process, median and fastest.
import * as path from 'node:path';
import { BENCH_AS_OF, generateWorkbook, snapshotOf } from './generate';
import { applyPlan } from '../../test/support/apply-plan';
import { refresh } from '../../src/engine';
import { dayFromISO } from '../../src/engine/parse/values';
import { median } from './stats';

type Module = Record<string, (...args: never[]) => unknown>;
const args = process.argv.slice(2);
const base = path.resolve(args[0] ?? '');
const rows = Number(args[1] ?? 100_000);
const rounds = Number(args[2] ?? 7);
const first = snapshotOf(generateWorkbook(rows));
const again = applyPlan(first, refresh(first, { today: dayFromISO(BENCH_AS_OF)! }).plan!);

function load(dir: string) {
  const m = (p: string) => require(path.join(dir, 'src/engine', p)) as Module;
  return {
    locate: m('recognise/locate'),
    rows: m('parse/rows'),
    links: m('graph/links'),
    evaluate: m('compute/evaluate'),
    flags: m('compute/item-flags'),
    overTime: m('baseline/index'),
    settings: m('parse/settings'),
  };
}

const trees = { before: load(base), after: load(path.resolve(__dirname, '../..')) };
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const times = new Map<string, number[]>();
const note = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);

function run(which: 'before' | 'after', name: string, snap: typeof first): void {
  const m = trees[which] as Record<string, Record<string, (...a: any[]) => any>>;
  const today = dayFromISO(BENCH_AS_OF)!;
  const tables = m.locate.locateTables(snap);
  const s = m.settings.resolveSettings({}, {}, today);
  let t = cpuMs();
  const lap = (stage: string) => {
    const now = cpuMs();
    note(`${name} ${stage} ${which}`, now - t);
    t = cpuMs();
  };
  const parsed = m.rows.parseRows(tables, snap.date1904);
  lap('parseRows');
  const model = m.links.linkRows(parsed, () => 'A1', []);
  lap('linkRows');
  const states = m.evaluate.evaluate(model, s);
  lap('evaluate');
  m.flags.itemFlags(model, states, s);
  lap('itemFlags');
  m.overTime.planOverTime({
    states,
    skipped: parsed.skippedIds,
    ledger: snap.ledger,
    date1904: snap.date1904,
    asOf: s.asOf,
    setBaseline: null,
    previousMarks: new Map(),
    valueText: (_id: string, v: number) => String(v),
  });
  lap('planOverTime');
}

for (let i = 0; i < rounds; i++) {
  process.stderr.write(`round ${i + 1} of ${rounds}\n`);
  for (const [name, snap] of [
    ['first', first],
    ['again', again],
  ] as const)
    for (const which of i % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const))
      run(which, name, snap);
}
const fmt = (xs: number[]) => `${Math.round(median(xs))} · ${Math.round(Math.min(...xs))}`;
for (const name of ['first', 'again'])
  for (const stage of ['parseRows', 'linkRows', 'evaluate', 'itemFlags', 'planOverTime']) {
    const before = times.get(`${name} ${stage} before`)!;
    const after = times.get(`${name} ${stage} after`)!;
    process.stdout.write(
      `${name.padEnd(6)} ${stage.padEnd(13)} before ${fmt(before).padStart(10)}   after ${fmt(after).padStart(10)}\n`,
    );
  }
