// The interop corpus and the Excel corpus, refreshed, pinned to what each refresh writes: a speed-up
// must leave every part's content the same. The pins are SHA-256 digests of each part's *uncompressed*
// bytes, in the package's order, so a change of compression (a deflate level) is not a change of
// behaviour; a change of content that is the point (a new ledger format, new Risks rows) regenerates
// the pins on purpose and says so in its commit:
//   UPDATE_PINS=1 npx jest test/interop/pinned.test.ts
// A workbook that cannot be refreshed (the Excel corpus holds none of Throughline's tables) is pinned
// to its outcome: the error's kind and words, and nothing written.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { XlsxWorkbook } from '../../src/io/xlsx/port';
import { nodeCodec } from '../../src/io/node/codec';
import { refreshWorkbook } from '../../src/io/refresh';
import { describeError } from '../../src/io/errors';
import { entries } from '../support/zip';
import { day } from '../support/snapshot';

const ROOT = path.join(__dirname, '../..');
const PINS = path.join(__dirname, '../fixtures/interop-pins.json');
const SHARED = path.join(ROOT, '../shared');
const update = process.env.UPDATE_PINS === '1';

const sha = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex').slice(0, 24);

function filesIn(dir: string, label: string): { label: string; file: string }[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => /\.xls[xm]$/.test(f))
    .sort()
    .map((f) => ({ label: `${label}/${f}`, file: path.join(dir, f) }));
}

const cases = [
  { label: 'examples/rollout.xlsx', file: path.join(ROOT, 'examples/rollout.xlsx') },
  { label: 'fixtures/rollout-libreoffice.xlsx', file: path.join(ROOT, 'test/fixtures/rollout-libreoffice.xlsx') },
  {
    label: 'fixtures/rollout-refreshed-libreoffice.xlsx',
    file: path.join(ROOT, 'test/fixtures/rollout-refreshed-libreoffice.xlsx'),
  },
  ...filesIn(path.join(ROOT, 'test/fixtures/interop'), 'fixtures/interop'),
  ...filesIn(path.join(SHARED, 'interop'), 'shared/interop'),
  ...filesIn(path.join(SHARED, 'excel-corpus'), 'shared/excel-corpus'),
];

/** Each part's name and the digest of its uncompressed bytes, in the archive's order. */
function partDigests(bytes: Uint8Array): string[] {
  return Object.entries(entries(bytes)).map(([name, data]) => `${name} ${sha(data)}`);
}

/** One refresh of `data` as of `asOf`: the parts it wrote, or the outcome when it could not refresh. */
async function refreshed(data: Uint8Array, name: string, asOf: string): Promise<{ bytes?: Uint8Array; pin: unknown }> {
  try {
    const port = await XlsxWorkbook.fromBuffer(data, name, nodeCodec);
    const result = await refreshWorkbook(port, { today: day(asOf) });
    if (!result.plan) return { pin: { refused: result.fatal.map((e) => `${e.sheet}!${e.cell} ${e.code}`) } };
    const bytes = await port.toBuffer();
    return { bytes, pin: partDigests(bytes) };
  } catch (e) {
    return { pin: { failed: `${(e as Error).constructor.name}: ${describeError(e)}` } };
  }
}

const pins: Record<string, unknown> = existsSync(PINS) ? JSON.parse(readFileSync(PINS, 'utf8')) : {};
const seen: Record<string, unknown> = {};

afterAll(() => {
  if (update) writeFileSync(PINS, `${JSON.stringify(seen, null, 2)}\n`);
});

test.each(cases)('$label refreshes, and again a week later, to the pinned parts', async ({ label, file }) => {
  const input = new Uint8Array(readFileSync(file));
  const first = await refreshed(input, path.basename(file), '2026-06-30');
  const weekly = first.bytes ? await refreshed(first.bytes, path.basename(file), '2026-07-07') : null;
  seen[label] = { first: first.pin, weekly: weekly?.pin ?? null };
  if (!update) expect(seen[label]).toEqual(pins[label]);
});
