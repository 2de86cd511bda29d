// Lazy fields (src/engine/lazy.ts): made once, on first read, and seen as plain values by JSON,
// structured clone (the pane's worker) and equality, in the order they were added.
import { defineLazy } from '../../src/engine/lazy';

describe('defineLazy', () => {
  test('a field is made on first read, once, and reads as a plain value', () => {
    let made = 0;
    const target: Record<string, unknown> = { a: 1 };
    defineLazy(target, 'list', () => {
      made++;
      return ['x', 'y'];
    });
    target.z = 2;
    expect(made).toBe(0);
    expect(target.list).toEqual(['x', 'y']);
    expect(target.list).toBe(target.list);
    expect(made).toBe(1);
    expect(Object.keys(target)).toEqual(['a', 'list', 'z']);
    expect(JSON.stringify(target)).toBe('{"a":1,"list":["x","y"],"z":2}');
    expect(target).toEqual({ a: 1, list: ['x', 'y'], z: 2 });
  });

  test('structured clone copies the value, and fields of different objects stay apart', () => {
    const one: Record<string, unknown> = {};
    const two: Record<string, unknown> = {};
    defineLazy(one, 'v', () => 1);
    defineLazy(two, 'v', () => 2);
    defineLazy(two, 'w', () => null);
    expect(structuredClone(two)).toEqual({ v: 2, w: null });
    expect([one.v, two.v, two.w]).toEqual([1, 2, null]);
  });
});
