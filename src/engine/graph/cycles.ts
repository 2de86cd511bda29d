// Cycle detection that returns cycles as data: the caller turns them into errors and Grey items.

export interface CycleResult {
  /** Nodes in an order where every edge goes forward; nodes on or behind a cycle are still listed, after their non-cycled upstreams. */
  order: string[];
  /** Each strongly connected component that cycles: a closed path through it ([a, b, c, a]) and all its members. */
  cycles: { path: string[]; members: string[] }[];
  /** Every node that lies on some cycle. */
  onCycle: Set<string>;
}

/** What a finished frame's targets are left as (its list is not kept alive). */
const EMPTY: readonly string[] = [];

/**
 * Strongly connected components (Tarjan, iterative so deep chains cannot overflow the stack),
 * then a topological order of the condensed graph. A component of more than one node, or a
 * node with an edge to itself, is a cycle.
 */
export function findCycles(nodes: readonly string[], next: (node: string) => readonly string[]): CycleResult {
  // Each node gets a number when first seen; index, low link and stack flags are typed arrays over
  // those numbers (no map look-up by ID text per edge, no frame object per node), made once at the
  // size of `nodes` rather than grown a push at a time (a target outside `nodes` grows them).
  const number = new Map<string, number>();
  const names: string[] = [];
  let size = Math.max(16, nodes.length);
  let index = new Int32Array(size);
  let low = new Int32Array(size);
  let onStack = new Uint8Array(size);
  let selfLoop = new Uint8Array(size);
  // The Tarjan stack and the components: each node is on it at most once, so `size` is room enough.
  let stack = new Int32Array(size);
  let stackTop = 0;
  // Components as runs of one array (members in the order they were popped) and where each run ends.
  let members = new Int32Array(size);
  let memberCount = 0;
  const ends: number[] = [];
  // The depth-first stack: the node, its targets and the next target to follow.
  let frameNode = new Int32Array(size);
  let frameAt = new Int32Array(size);
  const frameEdges: (readonly string[])[] = [];
  let depth = 0;
  let counter = 0;

  const grow = () => {
    const wider = <T extends Int32Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(size * 2);
      b.set(a);
      return b;
    };
    [index, low, stack, members, frameNode, frameAt] = [index, low, stack, members, frameNode, frameAt].map(wider);
    [onStack, selfLoop] = [onStack, selfLoop].map(wider);
    size *= 2;
  };

  const enter = (node: string): void => {
    const n = names.length;
    if (n === size) grow();
    number.set(node, n);
    names.push(node);
    index[n] = counter;
    low[n] = counter;
    onStack[n] = 1;
    counter++;
    stack[stackTop++] = n;
    frameNode[depth] = n;
    frameAt[depth] = 0;
    frameEdges[depth++] = next(node);
  };

  for (let r = 0; r < nodes.length; r++) {
    const root = nodes[r];
    if (number.has(root)) continue;
    enter(root);
    while (depth > 0) {
      const top = depth - 1;
      const n = frameNode[top];
      const edges = frameEdges[top];
      if (frameAt[top] < edges.length) {
        const target = edges[frameAt[top]++];
        const t = number.get(target);
        if (t === undefined) enter(target);
        else {
          if (t === n) selfLoop[n] = 1;
          if (onStack[t] === 1) low[n] = Math.min(low[n], index[t]);
        }
        continue;
      }
      depth--;
      frameEdges[depth] = EMPTY;
      if (depth > 0) {
        const parent = frameNode[depth - 1];
        low[parent] = Math.min(low[parent], low[n]);
      }
      if (low[n] === index[n]) {
        let member: number;
        do {
          member = stack[--stackTop];
          onStack[member] = 0;
          members[memberCount++] = member;
        } while (member !== n);
        ends.push(memberCount);
      }
    }
  }

  // Tarjan emits components in reverse topological order.
  const order: string[] = [];
  const cycles: CycleResult['cycles'] = [];
  const onCycle = new Set<string>();
  for (let c = ends.length - 1; c >= 0; c--) {
    const from = c === 0 ? 0 : ends[c - 1];
    const to = ends[c];
    if (to - from === 1 && selfLoop[members[from]] === 0) {
      order.push(names[members[from]]);
      continue;
    }
    const component: string[] = [];
    for (let k = from; k < to; k++) component.push(names[members[k]]);
    for (const m of component) onCycle.add(m);
    cycles.push({ path: cyclePath(component, new Set(component), next), members: [...component] });
    for (let k = to - 1; k >= from; k--) order.push(names[members[k]]);
  }
  return { order, cycles, onCycle };
}

/** A closed path through a strongly connected component, starting from its smallest member for stable messages. */
function cyclePath(component: string[], members: Set<string>, next: (node: string) => readonly string[]): string[] {
  const start = [...component].sort()[0];
  // Breadth-first search back to the start gives the shortest cycle through it.
  const previous = new Map<string, string>();
  const queue = [start];
  while (queue.length > 0) {
    const node = queue.shift()!;
    for (const target of next(node)) {
      if (!members.has(target)) continue;
      if (target === start) {
        const path = [start];
        for (let n = node; n !== start; n = previous.get(n)!) path.push(n);
        path.push(start);
        return [path[0], ...path.slice(1, -1).reverse(), start];
      }
      if (!previous.has(target)) {
        previous.set(target, node);
        queue.push(target);
      }
    }
  }
  return [start, start];
}
