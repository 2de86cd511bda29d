// The collection a portfolio refresh asks for before writing (src/io/node/collect.ts): it must finish,
// leave the heap no larger, and say nothing on stderr (Node's experimental-feature warning is its own).
import { getHeapStatistics } from 'node:v8';
import { collectGarbage } from '../../src/io/node/collect';

describe('collectGarbage', () => {
  test('collects when the heap is over the threshold, without a warning, and frees what was let go of', async () => {
    const warnings: string[] = [];
    const listen = (w: Error) => warnings.push(w.message);
    process.on('warning', listen);
    let garbage: number[][] | null = Array.from({ length: 2000 }, (_, i) => Array.from({ length: 500 }, () => i));
    const held = getHeapStatistics().used_heap_size;
    expect(garbage.length).toBe(2000);
    garbage = null;
    await collectGarbage(0);
    await new Promise((r) => setImmediate(r));
    process.off('warning', listen);
    expect(warnings.filter((w) => /measureMemory/.test(w))).toEqual([]);
    // 2,000 arrays of 500 small integers are about 8 MB: gone after the collection.
    expect(getHeapStatistics().used_heap_size).toBeLessThan(held - 4 * 1024 * 1024);
  });

  test('a warning of another kind raised meanwhile is still emitted', async () => {
    const emit = jest.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    await collectGarbage(0);
    process.emitWarning('something else');
    expect(emit).toHaveBeenCalledWith('something else');
    emit.mockRestore();
  });

  test('below the threshold it returns at once', async () => {
    await expect(collectGarbage(Number.MAX_SAFE_INTEGER)).resolves.toBeUndefined();
  });
});
