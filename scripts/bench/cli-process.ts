// How the benches start the real command line so that the process they measure is the one doing the work.
// bin/throughline.js starts node again with heap settings for a large workbook (src/apps/cli/heap.ts); a
// bench that ran the bin inside its own measuring script would measure only the parent, which waits.
// So the settings the bin would choose are applied to the measured process directly, and the bin is told
// it has already restarted. A tree built before those settings existed (a --base) runs as it always did.
import { existsSync } from 'node:fs';
import * as path from 'node:path';

interface HeapModule {
  heapFlagsFor(argv: readonly string[], execArgv: readonly string[], env: NodeJS.ProcessEnv): string[] | null;
  heapEnv(env: NodeJS.ProcessEnv): Record<string, string>;
  RESTARTED: string;
}

/** Node's flags and the environment for running `bin` with `argv` as the user's shell would, in one process. */
export function commandLineProcess(bin: string, argv: readonly string[]): { flags: string[]; env: NodeJS.ProcessEnv } {
  const heapFile = path.join(path.dirname(bin), '../lib/apps/cli/heap.js');
  if (!existsSync(heapFile)) return { flags: [], env: process.env };
  const heap = require(heapFile) as HeapModule;
  const flags = heap.heapFlagsFor(argv, [], process.env);
  if (!flags) return { flags: [], env: process.env };
  return { flags, env: { ...process.env, ...heap.heapEnv(process.env), [heap.RESTARTED]: '1' } };
}
