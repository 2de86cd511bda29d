// The fair base for `npm run bench -- --links`: this very tree with issue 20's link work taken out, so
// the comparison holds exactly what the link columns add and nothing else that changed since. A copy of
// src/ is made and edited here; the product has no switch for it.
//
// Taken out: the link figures and flags (so no link flags on the upstream items, no report
// `dependencies` entries, no link Risks rows, no slack on the map's edges) and the Dependencies
// table's seven owned columns (no write to the Dependencies sheet at all). Left in: reading the
// optional Needed By, Committed and Status input columns, which the parser does with the other cells.
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

interface Cut {
  file: string;
  from: string;
  to: string;
}

export const LINKS_OFF: readonly Cut[] = [
  {
    file: 'src/engine/refresh.ts',
    from: 'const links = linkStates(model, states, settings, (d, field) => address(d.src, field), linkWarnings);',
    to: 'const links: LinkState[] = [];',
  },
  {
    file: 'src/engine/plan/columns.ts',
    from: 'const owned = OWNED_COLUMNS_BY_KIND[table.kind];',
    to: "const owned = table.kind === 'dependencies' ? undefined : OWNED_COLUMNS_BY_KIND[table.kind];",
  },
];

/** Applies each cut to the tree at `root`; one that no longer matches exactly once stops the bench. */
export function cutLinks(root: string, cuts: readonly Cut[] = LINKS_OFF): void {
  for (const cut of cuts) {
    const file = path.join(root, cut.file);
    const text = readFileSync(file, 'utf8');
    const found = text.split(cut.from).length - 1;
    if (found !== 1)
      throw new Error(
        `links-off: ${cut.file} holds "${cut.from}" ${found} times, not once: update scripts/bench/links-off.ts`,
      );
    writeFileSync(file, text.replace(cut.from, cut.to));
  }
}

/** A copy of this tree's src/ (as it is on disk, uncommitted edits included) with the link work cut out. */
export function linksOffTree(root: string): { dir: string; dispose: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'links-off-'));
  cpSync(path.join(root, 'src'), path.join(dir, 'src'), { recursive: true });
  for (const f of ['package.json', 'tsconfig.json']) cpSync(path.join(root, f), path.join(dir, f));
  const modules = path.join(root, 'node_modules');
  if (existsSync(modules)) symlinkSync(modules, path.join(dir, 'node_modules'));
  cutLinks(dir);
  return { dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}
