// `npm run bench -- --links [--runs N]`: what the Dependencies link columns (issue 20) add to the
// 100k-row refresh. The same generated workbook (as generated, then with commitment columns on every
// dependency) is refreshed by this tree and by a copy of this tree with the link work cut out
// (scripts/bench/links-off.ts), in alternating runs in one process so both see the same machine load.
// The two differ by exactly what issue 20 adds. Medians and fastest runs are compared.
import * as path from 'node:path';
import type { SheetSpec, SpecValue } from '../../src/example/sheet-spec';
import { generateWorkbook } from './generate';
import { buildWorkbook } from '../../src/io/xlsx/build';
import { median } from './stats';

type Engine = { refresh: (snapshot: unknown, options: { today: number }) => unknown };
type Io = {
  XlsxWorkbook: {
    fromBuffer(data: Uint8Array, name: string, codec?: unknown): Promise<{ toBuffer(): Promise<Uint8Array> }>;
  };
  refreshWorkbook: (port: unknown, options: { today: number }) => Promise<unknown>;
  nodeCodec: unknown;
  dayFromISO: (iso: string) => number;
};

function load(root: string): { engine: Engine; io: Io } {
  const engine = require(path.join(root, 'src/engine')) as Engine & { dayFromISO: Io['dayFromISO'] };
  const io: Io = {
    XlsxWorkbook: require(path.join(root, 'src/io/xlsx/port')).XlsxWorkbook,
    refreshWorkbook: require(path.join(root, 'src/io/refresh')).refreshWorkbook,
    nodeCodec: require(path.join(root, 'src/io/node/codec')).nodeCodec,
    dayFromISO: engine.dayFromISO,
  };
  return { engine, io };
}

/**
 * Every dependency made a commitment: a Needed By, most with a Committed date, a status on each;
 * Delivered only where the upstream is complete, as a team would mark it.
 */
export function withCommitments(sheets: SheetSpec[]): SheetSpec[] {
  const initiatives = sheets.find((s) => s.sheet === 'Initiatives')!;
  const done = new Set(initiatives.rows.filter((r) => Number(r[6]) >= 1).map((r) => String(r[0])));
  const statuses = ['Committed', 'Requested', 'Committed', 'Delivered', 'Declined', null];
  const statusOf = (upstream: string, i: number) => {
    const s = statuses[i % statuses.length];
    return s === 'Delivered' && !done.has(upstream) ? 'Committed' : s;
  };
  const base = Date.UTC(2026, 5, 1);
  return sheets.map((s) =>
    s.sheet !== 'Dependencies'
      ? s
      : {
          ...s,
          headers: [...s.headers, 'Needed By', 'Committed', 'Status'],
          rows: s.rows.map((r, i): SpecValue[] => [
            ...r,
            new Date(base + (i % 120) * 86_400_000),
            i % 4 === 0 ? null : new Date(base + ((i * 7) % 150) * 86_400_000),
            statusOf(String(r[0]), i),
          ]),
        },
  );
}

// Other work on the machine still disturbs CPU time a little (caches, frequency): the fastest run is the least disturbed.
const fastest = (xs: number[]) => Math.min(...xs);

interface Compared {
  before: number;
  after: number;
  addedPct: number;
  fastestBefore: number;
  fastestAfter: number;
  fastestAddedPct: number;
}

export interface LinksBench {
  /** Whether every dependency carried Needed By, Committed and Status (else only Upstream, Downstream, Lag). */
  commitments: boolean;
  rows: number;
  dependencies: number;
  /** Rows of the Risks sheet before and after: one more per link at risk. */
  risksRows: { before: number; after: number };
  /** Report `dependencies` entries before and after: none without the link work, one per link with it. */
  reportLinks: { before: number; after: number };
  runs: number;
  engineMs: Compared;
  fileMs: Compared;
}

export async function benchLinks(
  base: string,
  rows: number,
  runs: number,
  log: (s: string) => void,
  commitments: boolean,
): Promise<LinksBench> {
  const here = load(path.join(__dirname, '../..'));
  const before = load(path.resolve(base));
  const today = here.io.dayFromISO('2026-06-30');
  const gen = generateWorkbook(rows);
  const sheets = commitments ? withCommitments(gen.sheets) : gen.sheets;
  const data = buildWorkbook(sheets);
  // The engine alone, on the snapshot the file port reads (so both engines parse the same cells).
  const reader = await here.io.XlsxWorkbook.fromBuffer(data, 'bench', here.io.nodeCodec);
  const snapshot = await (reader as unknown as { read(): Promise<unknown> }).read();

  // CPU time of this process (user + system, GC threads included), not wall time: on a machine shared
  // with other work, wall time measures their load as much as ours.
  const time = async (f: () => unknown) => {
    const started = process.cpuUsage();
    await f();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / 1000;
  };
  const engine = { before: [] as number[], after: [] as number[] };
  const file = { before: [] as number[], after: [] as number[] };
  const fileRefresh = (t: typeof here) => async () => {
    const port = await t.io.XlsxWorkbook.fromBuffer(data, 'bench', t.io.nodeCodec);
    await t.io.refreshWorkbook(port, { today });
    await port.toBuffer();
  };
  await time(() => before.engine.refresh(snapshot, { today }));
  await time(() => here.engine.refresh(snapshot, { today }));
  for (let i = 0; i < runs; i++) {
    log(`  round ${i + 1} of ${runs}…`);
    // Each round swaps which tree goes first, so neither always runs on the other's garbage.
    const order = i % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
    for (const which of order) {
      const t = which === 'before' ? before : here;
      engine[which].push(await time(() => t.engine.refresh(snapshot, { today })));
    }
    for (const which of order) file[which].push(await time(fileRefresh(which === 'before' ? before : here)));
  }
  const pct = (b: number, a: number) => Math.round(((a - b) / b) * 1000) / 10;
  const summary = (m: { before: number[]; after: number[] }): Compared => {
    const [b, a] = [median(m.before), median(m.after)];
    const [fb, fa] = [fastest(m.before), fastest(m.after)];
    return {
      before: Math.round(b),
      after: Math.round(a),
      addedPct: pct(b, a),
      fastestBefore: Math.round(fb),
      fastestAfter: Math.round(fa),
      fastestAddedPct: pct(fb, fa),
    };
  };
  type Result = {
    plan: { risks: { rows: unknown[] }; tables: { sheet: string }[] };
    report: { dependencies: unknown[] };
  };
  const [b, a] = [before, here].map((t) => t.engine.refresh(snapshot, { today }) as Result);
  // The base must really be without the link work, or the figure means nothing.
  if (b.report.dependencies.length > 0 || b.plan.tables.some((t) => t.sheet === 'Dependencies'))
    throw new Error('links-off: the base tree still computes or writes the links');
  return {
    commitments,
    rows: gen.counts.total,
    dependencies: gen.counts.dependencies,
    risksRows: { before: b.plan.risks.rows.length, after: a.plan.risks.rows.length },
    reportLinks: { before: b.report.dependencies.length, after: a.report.dependencies.length },
    runs,
    engineMs: summary(engine),
    fileMs: summary(file),
  };
}

const n = (x: number) => x.toLocaleString('en-US');

export function linksMarkdown(cases: LinksBench[], machine: string, load: string): string {
  return [
    `Measured on ${machine}, load average ${load}. ${cases[0]?.runs ?? 0} alternating rounds of this tree with the link work ` +
      'cut out (scripts/bench/links-off.ts) and this tree, CPU time of the process (user + system).',
  ]
    .concat(cases.map(linksCase))
    .join('\n\n');
}

function linksCase(r: LinksBench): string {
  const row = (what: string, c: Compared) =>
    `| ${what} | ${n(c.before)} → ${n(c.after)} | ${c.addedPct} % ` +
    `| ${n(c.fastestBefore)} → ${n(c.fastestAfter)} | ${c.fastestAddedPct} % |`;
  return [
    `**${r.commitments ? 'Every dependency a commitment' : 'Dependencies as the generator writes them'}**: ` +
      `${n(r.rows)} data rows, ${n(r.dependencies)} dependencies` +
      `${r.commitments ? ', each with Needed By, most with Committed, a Status on each' : ' (Upstream, Downstream, Lag)'}; ` +
      `the Risks sheet goes from ${n(r.risksRows.before)} to ${n(r.risksRows.after)} rows (one per link at risk), ` +
      `the report's dependencies from ${n(r.reportLinks.before)} to ${n(r.reportLinks.after)} entries.`,
    '',
    `| ${n(r.rows)}-row refresh (CPU time) | median ms, cut out → with links | added | fastest ms, cut out → with links | added |`,
    '|---|---|---|---|---|',
    row('engine (`refresh()`)', r.engineMs),
    row('file (read, refresh, write the .xlsx)', r.fileMs),
  ].join('\n');
}
