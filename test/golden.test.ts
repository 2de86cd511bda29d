// The refreshed example, pinned to its bytes. A change that only moves or renames code (issue 17's
// new house, a refactor, a speed-up) must leave every byte the same; a change of output that is the
// point (a new owned column, a new ledger format) regenerates the pins on purpose:
//   UPDATE_GOLDEN=1 npx jest test/golden.test.ts
// and says so in its commit. The pins are SHA-256 digests of what `throughline` writes.
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../src/apps/cli/main';
import { day } from './support/snapshot';

const ROOT = path.join(__dirname, '..');
const PINS = path.join(__dirname, 'fixtures/golden.json');
const EXAMPLE = path.join(ROOT, 'examples/rollout.xlsx');

async function cli(...argv: string[]): Promise<string> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    today: () => day('2026-06-30'),
    isTTY: false,
  });
  if (code !== 0) throw new Error(`throughline ${argv.join(' ')} exited ${code}: ${stderr}`);
  return stdout;
}

const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

test('the refreshed example, its weekly re-refresh, the JSON report and the HTML report keep their bytes', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-golden-'));
  const first = path.join(dir, 'first.xlsx');
  const weekly = path.join(dir, 'weekly.xlsx');
  const html = path.join(dir, 'report.html');
  const json = await cli('refresh', EXAMPLE, '--out', first, '--as-of', '2026-06-30', '--json');
  await cli('refresh', first, '--out', weekly, '--as-of', '2026-07-07');
  await cli('report', first, '--out', html, '--as-of', '2026-06-30');
  const actual = {
    refreshed: sha(readFileSync(first)),
    weekly: sha(readFileSync(weekly)),
    json: sha(json),
    html: sha(readFileSync(html)),
  };
  if (process.env.UPDATE_GOLDEN) writeFileSync(PINS, JSON.stringify(actual, null, 2) + '\n');
  expect(actual).toEqual(JSON.parse(readFileSync(PINS, 'utf8')));
});
