// The command line run in-process, as the CLI tests drive it: its output captured, no terminal, and a
// fixed as-of date so the example's figures hold.
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/apps/cli/main';
import { day } from './snapshot';

export async function runCli(argv: string[], asOf = '2026-06-30') {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    today: () => day(asOf),
    isTTY: false,
  });
  return { code, stdout, stderr };
}

/** A fresh copy of a folder of workbooks, without the outputs an earlier run left beside them. */
export function copyFolder(from: string, prefix: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  cpSync(from, dir, { recursive: true, filter: (f) => !/\.refreshed\./.test(f) });
  return dir;
}
