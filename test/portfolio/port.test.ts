// PortfolioPort's write-back: members written a few at a time when the host asks (writeConcurrency),
// each getting the same plan however it is handed over (apply, or applyShared made local by localPlan),
// the first failure in the members' order reported, and none begun after a failure.
import { RISKS_HEADERS, refresh, type WritePlan } from '../../src/engine';
import type { CellValue, WorkbookSnapshot } from '../../src/engine/types';
import { PortfolioPort, localPlan, type PortfolioMember, type SharedPlan } from '../../src/portfolio';
import { INITIATIVE_HEADERS, OBJECTIVE_HEADERS, day, snapshot, table } from '../support/snapshot';

const today = day('2026-06-30');
const I = (id: string, supports: string): CellValue[] => [
  id,
  `Initiative ${id}`,
  supports,
  '2026-01-01',
  '2026-05-31',
  null,
  0.5,
  'Green',
  '2026-06-20',
  1,
];
const team = (key: string): WorkbookSnapshot =>
  snapshot([
    table({
      name: 'Objectives',
      headers: OBJECTIVE_HEADERS,
      rows: [[`OBJ-${key}`, 'Grow', null, 'CEO', 1, 1_000, 'S']],
    }),
    table({
      name: 'Initiatives',
      headers: INITIATIVE_HEADERS,
      rows: [I('INI-1', `OBJ-${key}`), I('INI-2', 'A:INI-1')],
    }),
  ]);

interface Log {
  started: string[];
  running: number;
  most: number;
  plans: Map<string, WritePlan>;
}

/** A member that records its writes; `fails` makes its write reject after a tick. */
function member(key: string, log: Log, how: 'apply' | 'shared', fails = false): PortfolioMember {
  const write = async (plan: WritePlan) => {
    log.started.push(key);
    log.most = Math.max(log.most, ++log.running);
    await new Promise((r) => setTimeout(r, 5));
    log.running--;
    log.plans.set(key, plan);
    if (fails) throw new Error(`${key} failed`);
  };
  return {
    info: { key, label: `${key.toLowerCase()}.xlsx` },
    read: async () => team(key),
    apply: write,
    ...(how === 'shared' ? { applyShared: (s: SharedPlan) => write(localPlan(structuredClone(s))) } : {}),
  };
}

async function writeAll(
  keys: string[],
  options: { how: 'apply' | 'shared'; concurrency?: number; failing?: string[] },
) {
  const log: Log = { started: [], running: 0, most: 0, plans: new Map() };
  const members = keys.map((k) => member(k, log, options.how, options.failing?.includes(k)));
  const port = new PortfolioPort(members, {
    writeConcurrency: options.concurrency,
    consumePlan: options.how === 'shared',
  });
  const result = refresh(await port.read(), { today });
  const error = await port.apply(result.plan!).then(
    () => null,
    (e: Error) => e.message,
  );
  return { log, error };
}

const KEYS = ['A', 'B', 'C', 'D', 'E'];

describe('writing a portfolio back', () => {
  test('all at once by default; at most writeConcurrency at once when asked, in the members order', async () => {
    expect((await writeAll(KEYS, { how: 'apply' })).log.most).toBe(5);
    const { log } = await writeAll(KEYS, { how: 'apply', concurrency: 2 });
    expect(log.most).toBe(2);
    expect(log.started).toEqual(KEYS);
  });

  test('a member written from its shared part (in a worker) gets the plan it would get directly', async () => {
    const direct = await writeAll(KEYS, { how: 'apply' });
    const shared = await writeAll(KEYS, { how: 'shared', concurrency: 3 });
    expect(shared.error).toBeNull();
    for (const k of KEYS) expect(shared.log.plans.get(k)).toEqual(direct.log.plans.get(k));
    // Its own IDs are plain in its own workbook; another team's keep their key.
    const items = direct.log.plans.get('B')!.risks.rows.map((r) => r[RISKS_HEADERS.indexOf('Item')]);
    expect(items).toContain('INI-1');
    expect(items.some((i) => typeof i === 'string' && i.startsWith('B:'))).toBe(false);
  });

  test('the first failure in the members order is reported; none is begun after one', async () => {
    const { log, error } = await writeAll(KEYS, { how: 'apply', concurrency: 2, failing: ['B', 'C'] });
    expect(error).toBe('B failed');
    // A and B run together; C starts when A is done, then B's failure stops the rest.
    expect(log.started).toEqual(['A', 'B', 'C']);
    expect((await writeAll(KEYS, { how: 'apply', failing: ['D', 'B'] })).error).toBe('B failed');
  });
});
