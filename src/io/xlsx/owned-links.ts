// The hyperlinks of an owned sheet, written as its part is made: the Risks sheet of a 100,000-row
// workbook has 53,000, one on every row, and an object and four strings for each would be garbage
// held until the part is done. Each column's `<hyperlink ref="J` and each linked sheet's
// `" location="'Initiatives'!` are encoded once; the rest goes straight into the chunk. The bytes
// are those of the element made from strings and escapeXml (test/io/owned-bytes.test.ts).
import type { ExternalLink, SheetLink } from '../../engine';
import { columnLetters } from '../../engine';
import { XML_TEXT_ROOM, type ByteWriter } from '../ooxml/byte-writer';
import type { LinkWriter } from '../ooxml/worksheet-new';
import { escapeXml } from '../ooxml/xml';
import type { SheetPlanLike } from './owned-plan';

const isExternal = (t: SheetLink | ExternalLink): t is ExternalLink => 'file' in t;
const quoted = (sheet: string) => `'${sheet.replace(/'/g, "''")}'`;

const encoder = new TextEncoder();
const REL_ID = encoder.encode('" r:id="');
const LOCATION = encoder.encode('" location="');
const DISPLAY = encoder.encode('" display="');
const CLOSE = encoder.encode('"/>');
/** Room for the markup around the texts: the head, a row number, the display's and the close's. */
const ROOM = 96;

/** `" location="` and a sheet's quoted name with its "!", escaped and encoded once for each sheet. */
class Locations {
  private last: string | null = null;
  private lastBytes: Uint8Array = LOCATION;
  private readonly all = new Map<string, Uint8Array>();

  of(sheet: string): Uint8Array {
    if (sheet === this.last) return this.lastBytes;
    let b = this.all.get(sheet);
    if (b === undefined) this.all.set(sheet, (b = encoder.encode(`" location="${escapeXml(quoted(sheet))}!`)));
    this.last = sheet;
    this.lastBytes = b;
    return b;
  }
}

/**
 * The sheet's links, one for each row that has one (`index` is the plan's row), and the relationships
 * its links to other workbooks go through, numbered in the order of the rows.
 */
export function ownedLinks(plan: SheetPlanLike): {
  links: LinkWriter;
  relationships: { id: string; target: string }[];
} {
  const relationships: { id: string; target: string }[] = [];
  const relIds = new Map<number, string>();
  let any = false;
  plan.links.forEach((link, r) => {
    if (!link) return;
    any = true;
    if (!isExternal(link.target)) return;
    const id = `rId${relationships.length + 1}`;
    relationships.push({ id, target: link.target.file });
    relIds.set(r, id);
  });
  const heads: Uint8Array[] = [];
  const locations = new Locations();
  const write = (r: number, out: ByteWriter): void => {
    const link = plan.links[r];
    if (!link) return;
    const external = isExternal(link.target);
    const target = isExternal(link.target) ? link.target.target : link.target;
    const value = plan.rows[r][link.column];
    const shown = typeof value === 'string' ? value : String(value ?? '');
    const head =
      heads[link.column] ?? (heads[link.column] = encoder.encode(`<hyperlink ref="${columnLetters(link.column + 1)}`));
    const location = locations.of(target.sheet);
    const relId = external ? relIds.get(r)! : '';
    const texts = relId.length + 2 * target.cell.length + target.sheet.length + shown.length;
    out.reserve(ROOM + head.length + location.length + XML_TEXT_ROOM * texts);
    out.putBytes(head);
    out.putInteger(r + 2);
    if (external) {
      out.putBytes(REL_ID);
      out.putXmlText(relId);
    }
    out.putBytes(location);
    out.putXmlText(target.cell);
    out.putBytes(DISPLAY);
    // A link within the workbook shows where it goes when its cell is empty (sheet!cell, escaped piece
    // by piece: the same as whole, as no escape spans the "!").
    if (shown || external) out.putXmlText(shown);
    else {
      out.putXmlText(target.sheet);
      out.current[out.at++] = 0x21;
      out.putXmlText(target.cell);
    }
    out.putBytes(CLOSE);
  };
  return { links: { any, size: plan.links.length, write }, relationships };
}
