// Relationship parts (.rels): what each part points at.
import { childrenOf, escapeXml, parseXml } from './xml';
import { resolveTarget } from './part-names';

export const REL = {
  officeDocument: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument',
  strictOfficeDocument: 'http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument',
  worksheet: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet',
  sharedStrings: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings',
  styles: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles',
  table: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/table',
  calcChain: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/calcChain',
  hyperlink: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink',
} as const;

/** The namespace of r:id attributes. */
export const RELATIONSHIPS_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

export interface Relationship {
  id: string;
  type: string;
  /** The target as written. */
  target: string;
  external: boolean;
  /** The part it resolves to (internal targets only). */
  part: string | null;
}

/** Relationships of `source`, read from the text of its .rels part. */
export function readRelationships(text: string, relsPart: string, source: string): Relationship[] {
  const root = parseXml(text, relsPart);
  return childrenOf(root, 'Relationship').map((r) => {
    const external = (r.attrs.TargetMode ?? '').toLowerCase() === 'external';
    const target = r.attrs.Target ?? '';
    return {
      id: r.attrs.Id ?? '',
      type: r.attrs.Type ?? '',
      target,
      external,
      part: external ? null : resolveTarget(source, target),
    };
  });
}

/** Relationship types compare without regard to the transitional/strict namespace. */
export function isType(rel: Relationship, type: string): boolean {
  const tail = (t: string) => t.slice(t.lastIndexOf('/') + 1);
  return rel.type === type || tail(rel.type) === tail(type);
}

/** An unused relationship id in the style Excel writes ("rId7"). */
export function freeRelationshipId(rels: Relationship[]): string {
  const taken = new Set(rels.map((r) => r.id));
  let n = rels.length + 1;
  while (taken.has(`rId${n}`)) n++;
  return `rId${n}`;
}

/** The .rels text with one relationship added (a new part when `text` is null). */
export function addRelationship(
  text: string | null,
  relsPart: string,
  rel: { id: string; type: string; target: string },
): string {
  const element = `<Relationship Id="${escapeXml(rel.id)}" Type="${escapeXml(rel.type)}" Target="${escapeXml(rel.target)}"/>`;
  if (text === null) {
    return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${element}</Relationships>`;
  }
  const root = parseXml(text, relsPart);
  if (root.selfClosing)
    return `${text.slice(0, root.start)}${text.slice(root.start, root.end - 2)}>${element}</${root.name}>${text.slice(root.end)}`;
  const closeAt = text.lastIndexOf('</', root.end - 1);
  return text.slice(0, closeAt) + element + text.slice(closeAt);
}

/** The .rels text without the relationship `id`. */
export function removeRelationship(text: string, relsPart: string, id: string): string {
  const root = parseXml(text, relsPart);
  const rel = childrenOf(root, 'Relationship').find((r) => r.attrs.Id === id);
  return rel ? text.slice(0, rel.start) + text.slice(rel.end) : text;
}

/** A relationships part of hyperlinks to other files (a sheet's links into other workbooks). */
export function hyperlinkRelationships(links: { id: string; target: string }[], type: string = REL.hyperlink): string {
  const rels = links
    .map(
      (l) =>
        `<Relationship Id="${escapeXml(l.id)}" Type="${type}" Target="${escapeXml(l.target)}" TargetMode="External"/>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`;
}
