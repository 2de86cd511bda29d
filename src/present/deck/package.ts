// Tidies the package pptxgenjs wrote so the same input gives the same deck: the document's dates are
// the day it was made (not the clock's second), zip entries carry that date too (the charts' data
// workbooks inside as well), and a chart point
// without a value is left out (a blank, as PowerPoint writes it) rather than written as an empty value.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';

const CORE = 'docProps/core.xml';

export function tidyPackage(data: Uint8Array, madeOn: string): Uint8Array {
  const files = unzipSync(data);
  const stamp = `${madeOn}T00:00:00Z`;
  const out: Zippable = {};
  // Zip times are local wall-clock fields; noon keeps the date the same in every time zone.
  const mtime = new Date(`${madeOn}T12:00:00Z`);
  for (const [name, bytes] of Object.entries(files)) {
    let content: Uint8Array = bytes;
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
    out[name] = [content, { mtime, level: name.startsWith('ppt/media/') ? 0 : 6 }];
  }
  return zipSync(out);
}
