// One full garbage collection, for the command line between computing a refresh and writing it. By then
// the rows read and the engine's working data are garbage (at 100,000 rows about 190 MB of a 260 MB
// heap), which V8 would only collect once the write had grown the heap further: collecting first keeps
// the process's peak about 110 MB lower (docs/benchmarks.md, issue 23), for a collection V8 would
// mostly have made anyway.
//
// V8 offers `gc` only behind its --expose-gc flag. The flag may be set while running, and then a fresh
// context has the function; reading it there evaluates the constant name `gc`, never text from a
// workbook. Where any of this is refused, nothing is collected and the refresh goes on as before.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

let collect: (() => void) | null | undefined;

export function collectGarbage(): void {
  if (collect === undefined) {
    try {
      setFlagsFromString('--expose-gc');
      const found: unknown = runInNewContext('typeof gc === "function" ? gc : null');
      collect = typeof found === 'function' ? (found as () => void) : null;
    } catch {
      collect = null;
    }
  }
  collect?.();
}
