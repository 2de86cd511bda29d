// The house rules for imports, checked by `npm run lint` and by test/architecture.test.ts:
// each room may import only the rooms below it, the engine and the portfolio are entered through
// their index.ts, and no file imports itself back through a cycle. docs/architecture.md draws the same
// table; change both together.
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/** Rooms by folder, most specific first: a file belongs to the first room whose folder holds it. */
export const ROOMS: ReadonlyArray<readonly [room: string, folder: string]> = [
  ['cells', 'src/cells/'],
  ['engine', 'src/engine/'],
  ['portfolio', 'src/portfolio/'],
  ['example', 'src/example/'],
  ['io/ooxml', 'src/io/ooxml/'],
  ['io/xlsx', 'src/io/xlsx/'],
  ['io/office', 'src/io/office/'],
  ['io/node', 'src/io/node/'],
  ['io', 'src/io/'],
  ['present', 'src/present/'],
  ['apps/pane', 'src/apps/pane/'],
  ['apps/ribbon', 'src/apps/ribbon/'],
  ['apps/cli', 'src/apps/cli/'],
];

/** What each room may import besides itself. Adapters never import an app; the engine imports nothing. */
const ROOM_IMPORTS: Readonly<Record<string, readonly string[]>> = {
  cells: [],
  engine: [],
  example: ['engine'],
  io: ['engine'],
  portfolio: ['engine', 'io'],
  'io/ooxml': [],
  'io/xlsx': ['engine', 'io', 'io/ooxml', 'portfolio', 'example'],
  'io/office': ['engine', 'io', 'io/ooxml', 'portfolio', 'example'],
  'io/node': ['engine', 'io', 'io/ooxml', 'io/xlsx', 'portfolio'],
  present: ['engine', 'portfolio'],
  'apps/pane': ['engine', 'portfolio', 'io', 'io/ooxml', 'io/xlsx', 'io/office', 'present', 'example'],
  'apps/ribbon': ['engine', 'io', 'io/office'],
  'apps/cli': ['engine', 'portfolio', 'io', 'io/ooxml', 'io/xlsx', 'io/node', 'present', 'example'],
};

/** Every room may name cells: `cells` (A1 addresses and cell boxes) lies under all of them. */
export const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = Object.fromEntries(
  Object.entries(ROOM_IMPORTS).map(([room, rooms]) => [room, room === 'cells' ? rooms : ['cells', ...rooms]]),
);

/** Rooms entered only through their index.ts from outside. */
export const DOORS = ['src/cells/index.ts', 'src/engine/index.ts', 'src/portfolio/index.ts'];

export function roomOf(file: string): string | null {
  return ROOMS.find(([, folder]) => file.startsWith(folder))?.[0] ?? null;
}

function sourceFiles(root: string, dir = 'src'): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) return sourceFiles(root, rel);
    return /\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [rel] : [];
  });
}

function resolve(root: string, from: string, spec: string): string | null {
  if (!spec.startsWith('.')) return null;
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(from), spec)).replace(/\.js$/, '');
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const full = path.join(root, candidate);
    if (fs.existsSync(full) && fs.statSync(full).isFile()) return candidate;
  }
  return null;
}

/** Every relative import of every source file (static, dynamic, type-only, require), resolved to a file. */
export function importGraph(root: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    const info = ts.preProcessFile(text, true, true);
    const targets = info.importedFiles
      .map((f) => resolve(root, file, f.fileName))
      .filter((t): t is string => t !== null && /\.(ts|tsx)$/.test(t));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** Strongly connected components of more than one file (or a file importing itself), as import chains. */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const order = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (v: string) => {
    order.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!order.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
    }
    if (low.get(v) !== order.get(v)) return;
    const component: string[] = [];
    let w: string;
    do {
      w = stack.pop()!;
      onStack.delete(w);
      component.push(w);
    } while (w !== v);
    if (component.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(component.sort());
  };
  for (const v of graph.keys()) if (!order.has(v)) visit(v);
  return found;
}

/** Every broken house rule, in words; empty when the tree keeps them all. */
export function checkArchitecture(root: string): string[] {
  const graph = importGraph(root);
  const problems: string[] = [];
  for (const [file, targets] of graph) {
    const from = roomOf(file);
    if (from === null) {
      problems.push(`${file} lies in no room: add its folder to ROOMS in scripts/lint/architecture.ts`);
      continue;
    }
    for (const target of targets) {
      const to = roomOf(target);
      if (to === null || to === from) continue;
      if (!MAY_IMPORT[from].includes(to)) problems.push(`${file} imports ${target}: ${from} may not import ${to}`);
      const door = DOORS.find((d) => target.startsWith(path.posix.dirname(d) + '/'));
      if (door && target !== door) problems.push(`${file} imports ${target}: enter ${to} through ${door}`);
    }
  }
  for (const cycle of cycles(graph)) problems.push(`import cycle: ${cycle.join(' ↔ ')}`);
  return problems;
}

if (require.main === module) {
  const problems = checkArchitecture(path.join(__dirname, '../..'));
  for (const p of problems) process.stderr.write(`${p}\n`);
  if (problems.length > 0) process.exitCode = 1;
  else process.stdout.write('Architecture: every import keeps the house rules.\n');
}
