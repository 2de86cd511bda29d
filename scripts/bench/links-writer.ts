// The writer alone, against another tree: `npx ts-node scripts/bench/links-writer.ts BASE_DIR [ROUNDS]`.
// On the 100k-row generated workbook with every dependency a commitment (scripts/bench/links.ts), one
// engine refresh makes the plan; then each tree patches each input sheet's owned columns over its
// bytes (table-cells.ts sheetPatch, worksheet-patch.ts patchWorksheetBytes, every chunk drained; no
// deflate, which both trees share) and applies the whole plan to a freshly opened workbook (the
// package settled: deflate included). CPU time of this process, the two trees alternating in each
// round so both see the same machine load; medians and fastest rounds. Also checks both trees give the
// same patched bytes.
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { generateWorkbook } from './generate';
import { withCommitments } from './links';
import { buildWorkbook } from '../../src/io/xlsx/build';
import { median } from './stats';

interface Tree {
  name: string;
  XlsxWorkbook: {
    fromBuffer(data: Uint8Array, name: string, codec?: unknown): Promise<unknown>;
  };
  nodeCodec: unknown;
  sheetPatch: (writes: unknown[], derive: unknown, date1904: boolean) => unknown;
  writesBySheet: (writes: unknown[]) => Map<string, unknown[]>;
  patchWorksheetBytes: (b: Uint8Array, part: string, patch: unknown) => { chunks: Iterable<Uint8Array> };
  StyleEditor: new (source: string, part: string) => { derive: unknown };
}

function load(name: string, root: string): Tree {
  const r = (p: string) => require(path.join(root, p));
  return {
    name,
    XlsxWorkbook: r('src/io/xlsx/port').XlsxWorkbook,
    nodeCodec: r('src/io/node/codec').nodeCodec,
    sheetPatch: r('src/io/xlsx/table-cells').sheetPatch,
    writesBySheet: r('src/io/xlsx/table-cells').writesBySheet,
    patchWorksheetBytes: r('src/io/ooxml/worksheet-patch').patchWorksheetBytes,
    StyleEditor: r('src/io/ooxml/styles').StyleEditor,
  };
}

type Model = {
  pkg: { bytes(part: string): Uint8Array; text(part: string): string; has(part: string): boolean };
  info: { stylesPart: string | null; date1904: boolean };
  sheet(name: string): { entry: { part: string } } | undefined;
};
type Port = { model: Model; read(): Promise<unknown>; apply(plan: unknown): Promise<void> };

const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** Patches one sheet's owned columns over its bytes with the tree's own code; returns CPU ms and a digest. */
function patchSheet(t: Tree, model: Model, sheet: string, writes: unknown[]): { ms: number; digest: string } {
  const part = model.sheet(sheet)!.entry.part;
  const bytes = model.pkg.bytes(part);
  const stylesPart = model.info.stylesPart ?? 'xl/styles.xml';
  const editor = new t.StyleEditor(model.pkg.text(stylesPart), stylesPart);
  const hash = createHash('sha1');
  const started = cpu();
  const patch = t.sheetPatch(writes, (editor.derive as (...a: unknown[]) => number).bind(editor), model.info.date1904);
  let n = 0;
  for (const chunk of t.patchWorksheetBytes(bytes, part, patch).chunks) n += chunk.length;
  const ms = cpu() - started;
  for (const chunk of t.patchWorksheetBytes(
    bytes,
    part,
    t.sheetPatch(writes, () => 1, model.info.date1904),
  ).chunks)
    hash.update(chunk);
  return { ms, digest: `${n}:${hash.digest('hex')}` };
}

async function main(): Promise<void> {
  const base = process.argv[2];
  const rounds = Number(process.argv[3] ?? 9);
  if (!base) throw new Error('usage: links-writer.ts BASE_DIR [ROUNDS]');
  const trees = [load('base', path.resolve(base)), load('this', path.join(__dirname, '../..'))];
  const engine = require(path.join(__dirname, '../../src/engine'));
  const gen = generateWorkbook(100_000);
  const data = buildWorkbook(withCommitments(gen.sheets));
  const today = engine.dayFromISO('2026-06-30');
  const open = async (t: Tree) => (await t.XlsxWorkbook.fromBuffer(data, 'bench', t.nodeCodec)) as Port;
  const reader = await open(trees[1]);
  const plan = engine.refresh(await reader.read(), { today }).plan as { tables: unknown[] };
  const bySheet = trees[1].writesBySheet(plan.tables);
  const times = new Map<string, number[]>();
  const push = (key: string, ms: number) => times.set(key, [...(times.get(key) ?? []), ms]);
  const digests = new Map<string, string>();
  for (let i = 0; i < rounds; i++) {
    const order = i % 2 === 0 ? trees : [...trees].reverse();
    for (const t of order) {
      for (const [sheet, writes] of bySheet) {
        const r = patchSheet(t, reader.model, sheet, writes);
        push(`${t.name}\tpatch ${sheet}`, r.ms);
        const other = digests.get(sheet);
        if (other && other !== r.digest) throw new Error(`${sheet}: the trees patch it differently`);
        digests.set(sheet, r.digest);
      }
    }
    for (const t of order) {
      const port = await open(t);
      await port.read();
      const started = cpu();
      await port.apply(plan);
      push(`${t.name}\tapply the whole plan (deflate included)`, cpu() - started);
    }
    process.stderr.write(`round ${i + 1} of ${rounds}\n`);
  }
  const keys = [...new Set([...times.keys()].map((k) => k.split('\t')[1]))];
  console.log(`${rounds} alternated rounds, CPU ms, median / fastest: base → this`);
  for (const k of keys) {
    const [b, a] = [times.get(`base\t${k}`)!, times.get(`this\t${k}`)!];
    const f = (xs: number[]) => `${Math.round(median(xs))} / ${Math.round(Math.min(...xs))}`;
    console.log(`${k}: ${f(b)} → ${f(a)}`);
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
