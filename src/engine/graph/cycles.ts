// Cycle detection that returns cycles as data: the caller turns them into errors and Grey items.

export interface CycleResult {
  /** Nodes in an order where every edge goes forward; nodes on or behind a cycle are still listed, after their non-cycled upstreams. */
  order: string[];
  /** Each strongly connected component that cycles: a closed path through it ([a, b, c, a]) and all its members. */
  cycles: { path: string[]; members: string[] }[];
  /** Every node that lies on some cycle. */
  onCycle: Set<string>;
}

/**
 * Strongly connected components (Tarjan, iterative so deep chains cannot overflow the stack),
 * then a topological order of the condensed graph. A component of more than one node, or a
 * node with an edge to itself, is a cycle.
 */
export function findCycles(nodes: readonly string[], next: (node: string) => readonly string[]): CycleResult {
  // Each node gets a number when first seen; index, low link and stack flags are arrays over those
  // numbers (no map look-up by ID text per edge, no frame object per node).
  const number = new Map<string, number>();
  const names: string[] = [];
  const index: number[] = [];
  const low: number[] = [];
  const onStack: boolean[] = [];
  const selfLoop: boolean[] = [];
  const stack: number[] = [];
  // Components as runs of one array (members in the order they were popped) and where each run ends.
  const members: number[] = [];
  const ends: number[] = [];
  // The depth-first stack: the node, its targets and the next target to follow.
  const frameNode: number[] = [];
  const frameEdges: (readonly string[])[] = [];
  const frameAt: number[] = [];
  let counter = 0;

  const enter = (node: string): number => {
    const n = names.length;
    number.set(node, n);
    names.push(node);
    index.push(counter);
    low.push(counter);
    onStack.push(true);
    selfLoop.push(false);
    counter++;
    stack.push(n);
    frameNode.push(n);
    frameEdges.push(next(node));
    frameAt.push(0);
    return n;
  };

  for (const root of nodes) {
    if (number.has(root)) continue;
    enter(root);
    while (frameNode.length > 0) {
      const top = frameNode.length - 1;
      const n = frameNode[top];
      const edges = frameEdges[top];
      if (frameAt[top] < edges.length) {
        const target = edges[frameAt[top]++];
        const t = number.get(target);
        if (t === undefined) enter(target);
        else {
          if (t === n) selfLoop[n] = true;
          if (onStack[t]) low[n] = Math.min(low[n], index[t]);
        }
        continue;
      }
      frameNode.pop();
      frameEdges.pop();
      frameAt.pop();
      if (frameNode.length > 0) {
        const parent = frameNode[frameNode.length - 1];
        low[parent] = Math.min(low[parent], low[n]);
      }
      if (low[n] === index[n]) {
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = false;
          members.push(member);
        } while (member !== n);
        ends.push(members.length);
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
    if (to - from === 1 && !selfLoop[members[from]]) {
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
