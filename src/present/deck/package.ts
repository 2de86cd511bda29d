// Tidies the package pptxgenjs wrote so the same input gives the same deck: the document's dates are
// the day it was made (not the clock's second), zip entries carry that date too (the charts' data
// workbooks inside as well), content types name only parts that exist, and a chart point
// without a value is left out (a blank, as PowerPoint writes it) rather than written as an empty value.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

const CORE = 'docProps/core.xml';

/** pptxgenjs numbers charts with a counter shared by every deck the process makes: each deck's count from 1. */
function chartNumbers(names: string[]): (name: string) => string {
  const ids = names
    .map((n) => /^ppt\/charts\/chart(\d+)\.xml$/.exec(n)?.[1])
    .filter((id): id is string => id !== undefined)
    .sort((a, b) => Number(a) - Number(b));
  const renumber = new Map(ids.map((id, i) => [id, String(i + 1)]));
  return (text) =>
    text.replace(
      /\b(chart|Microsoft_Excel_Worksheet)(\d+)\.(xml|xlsx)\b/g,
      (m, stem: string, id: string, ext: string) => (renumber.has(id) ? `${stem}${renumber.get(id)}.${ext}` : m),
    );
}

const TEXT_PART = /\.(xml|rels)$/;

/** pptxgenjs declares a slide master per slide; a content type is kept only for a part the package has. */
function presentOnly(types: string, parts: ReadonlySet<string>): string {
  return types.replace(/<Override PartName="\/([^"]+)"[^>]*\/>/g, (m, part: string) => (parts.has(part) ? m : ''));
}

export function tidyPackage(data: Uint8Array, madeOn: string): Uint8Array {
  const files = unzipSync(data);
  const renumber = chartNumbers(Object.keys(files));
  const parts = new Set(Object.keys(files).map(renumber));
  const stamp = `${madeOn}T00:00:00Z`;
  const out: Zippable = {};
  // Zip times are local wall-clock fields; noon keeps the date the same in every time zone.
  const mtime = new Date(`${madeOn}T12:00:00Z`);
  for (const [name, bytes] of Object.entries(files)) {
    // Folder entries are not parts; OOXML readers ignore them.
    if (name.endsWith('/')) continue;
    let content: Uint8Array = bytes;
    if (name === '[Content_Types].xml' || name.endsWith('.rels')) content = strToU8(renumber(strFromU8(bytes)));
    if (name === '[Content_Types].xml') content = strToU8(presentOnly(strFromU8(content), parts));
    if (name === CORE) {
      content = strToU8(
        strFromU8(bytes).replace(
          /(<dcterms:(created|modified)[^>]*>)[^<]*(<\/dcterms:\2>)/g,
          (_m, open: string, _k: string, close: string) => `${open}${stamp}${close}`,
        ),
      );
    } else if (/^ppt\/charts\/chart\d+\.xml$/.test(name)) {
      content = strToU8(strFromU8(bytes).replace(/<c:pt idx="\d+"><c:v><\/c:v><\/c:pt>/g, ''));
    } else if (/^ppt\/embeddings\/.+\.xlsx$/.test(name)) {
      // Each chart's data workbook is a zip of its own, with the same clock dates inside.
      content = tidyPackage(bytes, madeOn);
    }
    out[renumber(name)] = [content, { mtime, level: TEXT_PART.test(name) ? 6 : 0 }];
  }
  return zipSync(out);
}
