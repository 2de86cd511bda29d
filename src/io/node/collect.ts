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

/** Collects garbage now when the heap is large; resolves once the collection has measured the heap. */
export async function collectGarbage(): Promise<void> {
  if (getHeapStatistics().used_heap_size < WORTH_IT) return;
  await measureMemory({ mode: 'summary', execution: 'eager' });
}
