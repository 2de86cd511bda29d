// One full garbage collection, asked for where a command line has just let go of most of its heap.
// V8 collects the old generation when it reaches a limit set from the last collection (up to four
// times what was then alive), so a million-row portfolio's engine result, let go of before writing,
// would stay in the process's memory while the members are written, and the writing workers' memory
// would come on top of it (docs/benchmarks.md, issue 23). Node offers no collection on demand without
// a flag; vm.measureMemory with eager execution starts one now (Node's vm documentation:
// "With eager execution, the GC will be started right away to measure the memory").
import { getHeapStatistics } from 'node:v8';
import { measureMemory } from 'node:vm';

/** Below this much heap in use a collection would gain little: small runs skip it. */
const WORTH_IT = 256 * 1024 * 1024;

/** Collects garbage now when the heap holds at least `atLeast` bytes; resolves once it is done. */
export async function collectGarbage(atLeast = WORTH_IT): Promise<void> {
  if (getHeapStatistics().used_heap_size < atLeast) return;
  // Node warns on stderr that measureMemory is experimental: the command's output is not the place for
  // it (only its result would change, and it is not read). Other warnings pass as they would.
  const emit = process.emitWarning;
  process.emitWarning = function (this: NodeJS.Process, warning: string | Error, ...rest: unknown[]) {
    if (/measureMemory/.test(String(typeof warning === 'string' ? warning : warning.message))) return;
    return (emit as (...a: unknown[]) => void).call(this, warning, ...rest);
  } as typeof process.emitWarning;
  let measured: Promise<unknown>;
  try {
    measured = measureMemory({ mode: 'summary', execution: 'eager' });
  } finally {
    process.emitWarning = emit;
  }
  await measured;
}
