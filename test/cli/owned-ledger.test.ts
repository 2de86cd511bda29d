// A user's own sheet that happens to be called "Throughline Ledger" is never overwritten or hidden:
// the refresh stops, says so, and writes nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/apps/cli/main';
import { day } from '../support/snapshot';

const EXAMPLE = path.join(__dirname, '../../examples/rollout.xlsx');

test('a sheet called Throughline Ledger that Throughline did not write stops the refresh, naming it', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-ledger-'));
  const file = path.join(dir, 'plan.xlsx');
  const script = `import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nws = wb.create_sheet('Throughline Ledger')\nws.append(['My notes on Throughline', 'keep'])\nwb.save(sys.argv[2])\n`;
  execFileSync('/usr/bin/python3', ['-c', script, EXAMPLE, file]);
  let stderr = '';
  const code = await main(['refresh', file], {
    stdout: () => undefined,
    stderr: (s) => (stderr += s),
    today: () => day('2026-06-30'),
    isTTY: false,
  });
  expect(code).toBe(1);
  expect(stderr).toContain('The sheet Throughline Ledger was not written by Throughline');
  expect(stderr.match(/Nothing was written/g)).toHaveLength(1);
  expect(existsSync(path.join(dir, 'plan.refreshed.xlsx'))).toBe(false);
});

test("Throughline's own ledger, and an empty sheet of that name, are refreshed as before", async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'throughline-ledger-'));
  const once = path.join(dir, 'once.xlsx');
  const io = { stdout: () => undefined, stderr: () => undefined, today: () => day('2026-06-30'), isTTY: false };
  expect(await main(['refresh', EXAMPLE, '--out', once], io)).toBe(0);
  expect(await main(['refresh', once, '--out', path.join(dir, 'twice.xlsx')], io)).toBe(0);
  const empty = path.join(dir, 'empty.xlsx');
  execFileSync('/usr/bin/python3', [
    '-c',
    `import openpyxl, sys\nwb = openpyxl.load_workbook(sys.argv[1])\nwb.create_sheet('Throughline Ledger')\nwb.save(sys.argv[2])\n`,
    EXAMPLE,
    empty,
  ]);
  expect(await main(['refresh', empty, '--out', path.join(dir, 'empty.refreshed.xlsx')], io)).toBe(0);
});
