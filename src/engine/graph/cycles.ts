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
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;

  for (const root of nodes) {
    if (index.has(root)) continue;
    const work: { node: string; edges: readonly string[]; i: number }[] = [];
    const enter = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: next(node), i: 0 });
    };
    enter(root);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.edges.length) {
        const target = frame.edges[frame.i++];
        if (!index.has(target)) enter(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }

  // Tarjan emits components in reverse topological order.
  const order: string[] = [];
  const cycles: CycleResult['cycles'] = [];
  const onCycle = new Set<string>();
  for (let c = components.length - 1; c >= 0; c--) {
    const component = components[c];
    const members = new Set(component);
    const selfLoop = component.length === 1 && next(component[0]).includes(component[0]);
    if (component.length > 1 || selfLoop) {
      for (const m of component) onCycle.add(m);
      cycles.push({ path: cyclePath(component, members, next), members: [...component] });
    }
    order.push(...component.reverse());
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
