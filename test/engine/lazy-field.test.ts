// Lazy fields (src/engine/lazy-field.ts): made once, on first read, from what the object holds, and seen
// as plain values by JSON, structured clone (the pane's worker) and equality, in the order they were added.
import { lazyField } from '../../src/engine/lazy-field';

const SOURCE = Symbol('source');
type Holder = Record<string, unknown> & { [SOURCE]: number };

function holder(source: number, before: Record<string, unknown> = {}): Holder {
  const h = { ...before } as Holder;
  Object.defineProperty(h, SOURCE, { value: source });
  return h;
}

describe('lazyField', () => {
  test('a field is made on first read, once per object, and reads as a plain value', () => {
    let made = 0;
    const LIST = lazyField('list', (h: Holder) => {
      made++;
      return ['x', String(h[SOURCE])];
    });
    const target = holder(7, { a: 1 });
    Object.defineProperty(target, 'list', LIST);
    target.z = 2;
    expect(made).toBe(0);
    expect(target.list).toEqual(['x', '7']);
    expect(target.list).toBe(target.list);
    expect(made).toBe(1);
    expect(Object.keys(target)).toEqual(['a', 'list', 'z']);
    expect(JSON.stringify(target)).toBe('{"a":1,"list":["x","7"],"z":2}');
    expect(target).toEqual({ a: 1, list: ['x', '7'], z: 2 });
  });

  test('one descriptor serves many objects, each with its own value; structured clone copies it', () => {
    const V = lazyField('v', (h: Holder) => h[SOURCE] * 10);
    const W = lazyField('w', () => null);
    const one = holder(1);
    const two = holder(2);
    Object.defineProperty(one, 'v', V);
    Object.defineProperty(two, 'v', V);
    Object.defineProperty(two, 'w', W);
    expect(structuredClone(two)).toEqual({ v: 20, w: null });
    expect([one.v, two.v, two.w]).toEqual([10, 20, null]);
  });
});
