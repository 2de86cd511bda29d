// What a refresh may change inside a part, and nothing more: the helpers take both versions of a part
// and strip what the plan writes, so the rest can be compared as text. Independent of the package
// layer they check: plain string work on the XML.
import type { WritePlan } from '../../src/engine/types';

const letters = (column: number) => {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** Addresses ("M2") of every cell the plan writes on a sheet: owned headers and owned data cells. */
export function ownedCells(plan: WritePlan, sheet: string): Set<string> {
  const cells = new Set<string>();
  for (const t of plan.tables) {
    if (t.sheet !== sheet) continue;
    for (const c of t.columns)
      for (let r = t.headerRow; r <= t.headerRow + t.rowCount; r++) cells.add(`${letters(c.column)}${r}`);
  }
  return cells;
}

/** Columns the plan appends on a sheet (they gain a <col> width). */
export function appendedColumns(plan: WritePlan, sheet: string): Set<number> {
  return new Set(
    plan.tables.filter((t) => t.sheet === sheet).flatMap((t) => t.columns.filter((c) => c.append).map((c) => c.column)),
  );
}

const CELL = /<((?:[\w.-]+:)?)c\b([^>]*?)(\/>|>[\s\S]*?<\/\1c>)/g;

/**
 * A worksheet's XML without the owned cells, the row spans and the dimension (both hints that follow
 * the cells), the widths of appended columns, and rows left empty.
 */
export function sheetOutsideOwned(xml: string, owned: Set<string>, appended: Set<number>): string {
  let out = xml.replace(CELL, (whole, _p: string, attrs: string) => {
    const ref = /\br="([A-Z]+\d+)"/.exec(attrs)?.[1];
    return ref && owned.has(ref) ? '' : whole;
  });
  out = out.replace(/<((?:[\w.-]+:)?)dimension\b[^>]*\/>/, '');
  out = out.replace(/(<(?:[\w.-]+:)?row\b[^>]*?)\s+spans="[^"]*"/g, '$1');
  out = out.replace(/<((?:[\w.-]+:)?)col\b([^>]*)\/>/g, (whole, _p: string, attrs: string) => {
    const min = Number(/\bmin="(\d+)"/.exec(attrs)?.[1]);
    const max = Number(/\bmax="(\d+)"/.exec(attrs)?.[1]);
    return min === max && appended.has(min) ? '' : whole;
  });
  out = out.replace(/<((?:[\w.-]+:)?)cols>\s*<\/\1cols>/g, '');
  out = out.replace(/<((?:[\w.-]+:)?)row\b[^>]*?(?:\/>|>\s*<\/\1row>)/g, '');
  return out;
}

/** A table part without its ref, its filter's ref, its column count and the columns named in `appended`. */
export function tableOutsideOwned(xml: string, appended: Set<string>): string {
  return xml
    .replace(/(<(?:[\w.-]+:)?table\b[^>]*?)\sref="[^"]*"/, '$1')
    .replace(/(<(?:[\w.-]+:)?autoFilter\b[^>]*?)\sref="[^"]*"/, '$1')
    .replace(/(<(?:[\w.-]+:)?tableColumns\b[^>]*?)\scount="[^"]*"/, '$1')
    .replace(/<((?:[\w.-]+:)?)tableColumn\b[^>]*\bname="([^"]*)"[^>]*\/>/g, (whole, _p: string, name: string) =>
      appended.has(name) ? '' : whole,
    );
}

/** The children of a style sheet's collection (fonts, fills, borders, cellXfs, numFmts) as written. */
export function styleItems(xml: string, collection: string, item: string): string[] {
  const m = new RegExp(`<((?:[\\w.-]+:)?)${collection}\\b[^>]*?(?:/>|>([\\s\\S]*?)</\\1${collection}>)`).exec(xml);
  if (!m || m[2] === undefined) return [];
  return [
    ...m[2].matchAll(new RegExp(`<(?:[\\w.-]+:)?${item}\\b[^>]*?(?:/>|>[\\s\\S]*?</(?:[\\w.-]+:)?${item}>)`, 'g')),
  ].map((x) => x[0]);
}

/** The XML without the elements of `tag` whose `attr` is one of `values` (new sheets, relationships, overrides). */
export function without(xml: string, tag: string, attr: string, values: Set<string>): string {
  return xml.replace(
    new RegExp(`<(?:[\\w.-]+:)?${tag}\\b[^>]*?\\b${attr}="([^"]*)"[^>]*?/>`, 'g'),
    (whole, value: string) => (values.has(value) ? '' : whole),
  );
}

const STYLE_COLLECTIONS: [string, string][] = [
  ['numFmts', 'numFmt'],
  ['fonts', 'font'],
  ['fills', 'fill'],
  ['borders', 'border'],
  ['cellStyleXfs', 'xf'],
  ['cellXfs', 'xf'],
  ['dxfs', 'dxf'],
];

/**
 * A style sheet cut back to what `original` had: each collection keeps as many items as the original
 * held, without its count, and a collection the original lacked is gone. Equal for both versions when
 * a refresh only appended formats and touched nothing else in the part.
 */
export function stylesAsBefore(xml: string, original: string): string {
  let out = xml;
  for (const [collection, item] of STYLE_COLLECTIONS) {
    const had = new RegExp(`<(?:[\\w.-]+:)?${collection}\\b`).test(original);
    const keep = styleItems(original, collection, item).length;
    const element = new RegExp(`<((?:[\\w.-]+:)?)${collection}\\b([^>]*?)(?:/>|>([\\s\\S]*?)</\\1${collection}>)`);
    out = out.replace(element, (_whole, p: string, attrs: string) => {
      if (!had) return '';
      const kept = styleItems(xml, collection, item).slice(0, keep).join('');
      return `<${p}${collection}${attrs.replace(/\scount="[^"]*"/, '')}>${kept}</${p}${collection}>`;
    });
  }
  return out;
}
