// Adding a worksheet to a workbook, and removing a part with everything that points at it: the
// workbook's sheet list, its relationships and the content types change only by the entries involved.
import type { OoxmlPackage } from './package';
import { STRICT_RELS, type WorkbookInfo } from './workbook';
import { CONTENT_TYPE, CONTENT_TYPES_PART, withOverride, withoutOverride } from './content-types';
import { REL, RELATIONSHIPS_NS, addRelationship, freeRelationshipId, removeRelationship } from './relationships';
import { relativeTarget, relsPartOf, partKey } from './part-names';
import { child, escapeXml, parseXml, prefixFor, prefixOf } from './xml';
import { PackageError } from './errors';

export function relationshipNamespace(info: WorkbookInfo): string {
  return info.strict ? STRICT_RELS : RELATIONSHIPS_NS;
}

/** A relationship type as this workbook spells it: Strict packages use the Strict namespace's types. */
export function relType(info: WorkbookInfo, type: string): string {
  return info.strict ? `${STRICT_RELS}/${type.slice(type.lastIndexOf('/') + 1)}` : type;
}

/**
 * Adds a worksheet at the end of the workbook; returns its part name. With `xml` null the caller sets
 * the part's content itself, right after (a large sheet set with `setLater`).
 */
export function addWorksheet(
  pkg: OoxmlPackage,
  info: WorkbookInfo,
  name: string,
  xml: string | Iterable<string | Uint8Array> | null,
  state: 'visible' | 'hidden',
): string {
  const folder = info.part.includes('/') ? info.part.slice(0, info.part.lastIndexOf('/') + 1) : '';
  const part = pkg.freePartName(`${folder}worksheets/sheet`, '.xml');
  if (xml !== null) pkg.set(part, xml);

  const relsPart = relsPartOf(info.part);
  const relsText = pkg.has(relsPart) ? pkg.text(relsPart) : null;
  const id = freeRelationshipId(pkg.relationships(info.part));
  pkg.set(
    relsPart,
    addRelationship(relsText, relsPart, {
      id,
      type: relType(info, REL.worksheet),
      target: relativeTarget(info.part, part),
    }),
  );

  pkg.set(CONTENT_TYPES_PART, withOverride(pkg.text(CONTENT_TYPES_PART), part, CONTENT_TYPE.worksheet));

  const text = pkg.text(info.part);
  const root = parseXml(text, info.part);
  const sheets = child(root, 'sheets');
  if (!sheets) throw new PackageError(`${info.part} has no list of sheets`, info.part);
  const p = prefixOf(sheets.name) ? `${prefixOf(sheets.name)}:` : '';
  const rel = prefixFor(root, relationshipNamespace(info), 'r');
  const sheetId = Math.max(0, ...info.sheets.map((s) => s.sheetId)) + 1;
  const hidden = state === 'hidden' ? ' state="hidden"' : '';
  const element = `<${p}sheet name="${escapeXml(name)}" sheetId="${sheetId}"${hidden}${rel.declare ?? ''} ${rel.prefix}id="${id}"/>`;
  const updated = sheets.selfClosing
    ? `${text.slice(0, sheets.start)}<${sheets.name}>${element}</${sheets.name}>${text.slice(sheets.end)}`
    : (() => {
        const closeAt = text.lastIndexOf('</', sheets.end - 1);
        return text.slice(0, closeAt) + element + text.slice(closeAt);
      })();
  pkg.set(info.part, updated);
  info.sheets.push({ name, sheetId, relId: id, state, kind: 'worksheet', part });
  return part;
}

/** Removes a part the workbook points at (the calculation chain), its relationship and its content type. */
export function removeWorkbookPart(pkg: OoxmlPackage, info: WorkbookInfo, part: string): void {
  const relsPart = relsPartOf(info.part);
  const rel = pkg.relationships(info.part).find((r) => r.part !== null && partKey(r.part) === partKey(part));
  if (rel && pkg.has(relsPart)) pkg.set(relsPart, removeRelationship(pkg.text(relsPart), relsPart, rel.id));
  pkg.set(CONTENT_TYPES_PART, withoutOverride(pkg.text(CONTENT_TYPES_PART), part));
  pkg.remove(part);
  pkg.remove(relsPartOf(part));
}
