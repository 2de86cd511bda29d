// The command line's one collection between computing and writing: it really collects (an object
// nothing refers to is gone after it), and calling it again is harmless.
import { collectGarbage } from '../../src/io/node/heap';

test('collectGarbage makes a full collection: an unreachable object is gone', async () => {
  let target: object | null = { rows: new Array(1000).fill(7) };
  const ref = new WeakRef(target);
  target = null;
  // A WeakRef keeps its target alive until the current job ends.
  await new Promise((resolve) => setImmediate(resolve));
  collectGarbage();
  expect(ref.deref()).toBeUndefined();
  expect(() => collectGarbage()).not.toThrow();
});
