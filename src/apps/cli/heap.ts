// The V8 settings the command line runs with on large workbooks (issue 23): the heap's, and TurboFan's
// inlining budget. V8 sizes its heap
// when the process starts: `v8.setFlagsFromString('--initial-old-space-size=…')` after that changes
// nothing (measured: the same five full collections at 100,000 rows), so bin/throughline.js starts
// the command once more with the flags when a named workbook is large. Kept free of everything else
// of the command line, so deciding costs the parent process no module loading.
import { statSync } from 'node:fs';

/**
 * An old generation that starts at 300 MB: the heap of a 100,000-row refresh grows to about that, and
 * growing to it from V8's default start costs three extra full collections (5 → 2; CPU −5 to −9 % in
 * alternated runs, the same peak RSS). A larger young generation (--max-semi-space-size) saved a little
 * more CPU at 64 MB but added 80–90 MB of RSS, and nothing measurable at 16 or 32 MB.
 */
const HEAP_SIZE_FLAGS: readonly string[] = ['--initial-old-space-size=300'];

/**
 * A smaller budget of bytecode TurboFan may inline into one optimised function (V8's default is 920).
 * The command line runs the engine, the read and the write once, cold: TurboFan compiles some 550
 * functions on the other core while the main thread waits for them, and a weekly 100,000-row refresh's
 * compile jobs competed with the reading thread, the collector and zlib for that core. A quarter of
 * the budget made every one of 14 alternated refreshes faster than every one with the default
 * (first: median 2.06 → 1.85 s, CPU 3.0 → 2.6 s; weekly 2.39 → 2.19 s, CPU 3.5 → 3.05 s), and the warm
 * engine (profile.ts) no slower. 100 measured the same as 230; 460 and no inlining at all, slower.
 */
const INLINING_FLAGS: readonly string[] = ['--max-inlined-bytecode-size-cumulative=230'];

/** What a process that refreshes a large workbook is started with (V8 reads these at start). */
export const HEAP_FLAGS: readonly string[] = [...HEAP_SIZE_FLAGS, ...INLINING_FLAGS];

/**
 * glibc's malloc gives each thread that allocates its own arena (up to eight per core), and memory
 * freed there mostly stays with the process: zlib's threads (and the write's worker, when asked for)
 * each kept their inflated sheets' and deflated pieces' arenas. Two arenas took the 100,000-row
 * refresh's peak RSS with the worker from 398–432 to 379–380 MB at the same CPU (alternated runs). Other C libraries ignore it; a value
 * the user set is kept.
 */
export function heapEnv(env: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return env.MALLOC_ARENA_MAX === undefined ? { MALLOC_ARENA_MAX: '2' } : {};
}

/** From this size a workbook (or a folder of them) is worth a second process start (about 40 ms). */
export const LARGE_BYTES = 1_000_000;

/** Set in the restarted process, so it never restarts again. */
export const RESTARTED = 'THROUGHLINE_HEAP_SET';

/** The commands that read workbooks; --help, --version and mistakes run as they are. */
const READERS = new Set(['refresh', 'report']);

function isLarge(arg: string): boolean {
  try {
    const stat = statSync(arg);
    // A folder is a portfolio: its members are read in this process too.
    return stat.isDirectory() || stat.size >= LARGE_BYTES;
  } catch {
    return false;
  }
}

/**
 * The node flags to restart with, or null to run here: only for a command that reads a large workbook,
 * and not when already restarted or when the user chose heap settings of their own.
 */
export function heapFlagsFor(
  argv: readonly string[],
  execArgv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
  large: (arg: string) => boolean = isLarge,
): string[] | null {
  if (env[RESTARTED]) return null;
  if (!READERS.has(argv[0] ?? '')) return null;
  const ownSettings = [...execArgv, ...(env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (ownSettings.some((f) => /^--(initial-old-space-size|initial-heap-size|max-semi-space-size)\b/.test(f)))
    return null;
  if (!argv.slice(1).some((a) => !a.startsWith('-') && large(a))) return null;
  // An inlining budget the user set stays theirs: ours would come later on the command line and win.
  return HEAP_FLAGS.filter((f) => !ownSettings.some((own) => own.split('=')[0] === f.split('=')[0]));
}
