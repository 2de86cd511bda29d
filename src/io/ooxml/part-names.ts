// Part names and relationship targets as the Open Packaging Conventions define them: targets are
// relative to the source part's folder unless absolute, may be %-escaped, and part names compare
// case-insensitively.

/** "/xl/worksheets/sheet1.xml" and "xl/worksheets/sheet1.xml" alike become "xl/worksheets/sheet1.xml". */
export function normalisePart(name: string): string {
  return name.replace(/\\/g, '/').replace(/^\/+/, '');
}

/** The key parts are compared by. */
export function partKey(name: string): string {
  let decoded = normalisePart(name);
  try {
    decoded = decodeURIComponent(decoded);
  } catch {
    // A stray "%" is part of the name.
  }
  return decoded.toLowerCase();
}

function folderOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return slash < 0 ? '' : part.slice(0, slash + 1);
}

/** The part a relationship of `source` points at ("" for the package's own relationships). */
export function resolveTarget(source: string, target: string): string {
  const withoutFragment = target.split('#')[0];
  const absolute = withoutFragment.startsWith('/');
  const joined = absolute ? withoutFragment : folderOf(normalisePart(source)) + withoutFragment;
  const segments: string[] = [];
  for (const seg of joined.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') segments.pop();
    else segments.push(seg);
  }
  return segments.join('/');
}

/** The relationships part that belongs to a part ("xl/workbook.xml" -> "xl/_rels/workbook.xml.rels"). */
export function relsPartOf(part: string): string {
  const p = normalisePart(part);
  const slash = p.lastIndexOf('/');
  return slash < 0 ? `_rels/${p}.rels` : `${p.slice(0, slash)}/_rels/${p.slice(slash + 1)}.rels`;
}

/** A relative target from one part to another, as Excel writes them ("worksheets/sheet2.xml"). */
export function relativeTarget(source: string, target: string): string {
  const from = folderOf(normalisePart(source)).split('/').filter(Boolean);
  const to = normalisePart(target).split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...from.slice(common).map(() => '..'), ...to.slice(common)].join('/');
}
