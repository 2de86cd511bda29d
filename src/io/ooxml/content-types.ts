// [Content_Types].xml: the media type of every part, by extension or by name.
import { childrenOf, escapeXml, parseXml } from './xml';
import { partKey } from './part-names';

export const CONTENT_TYPES_PART = '[Content_Types].xml';

export const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  macroWorkbook: 'application/vnd.ms-excel.sheet.macroEnabled.main+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  sharedStrings: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml',
  relationships: 'application/vnd.openxmlformats-package.relationships+xml',
} as const;

export interface ContentTypes {
  defaults: Map<string, string>;
  overrides: Map<string, string>;
}

export function readContentTypes(text: string): ContentTypes {
  const root = parseXml(text, CONTENT_TYPES_PART);
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const d of childrenOf(root, 'Default'))
    defaults.set((d.attrs.Extension ?? '').toLowerCase(), d.attrs.ContentType ?? '');
  for (const o of childrenOf(root, 'Override'))
    overrides.set(partKey(o.attrs.PartName ?? ''), o.attrs.ContentType ?? '');
  return { defaults, overrides };
}

export function contentTypeOf(types: ContentTypes, part: string): string | null {
  const key = partKey(part);
  const override = types.overrides.get(key);
  if (override !== undefined) return override;
  const dot = key.lastIndexOf('.');
  return dot < 0 ? null : (types.defaults.get(key.slice(dot + 1)) ?? null);
}

/** The content types text with an override for `part` (replacing one that names it). */
export function withOverride(text: string, part: string, type: string): string {
  const root = parseXml(text, CONTENT_TYPES_PART);
  const element = `<Override PartName="/${escapeXml(part)}" ContentType="${escapeXml(type)}"/>`;
  const existing = childrenOf(root, 'Override').find((o) => partKey(o.attrs.PartName ?? '') === partKey(part));
  if (existing) return text.slice(0, existing.start) + element + text.slice(existing.end);
  const closeAt = text.lastIndexOf('</', root.end - 1);
  return text.slice(0, closeAt) + element + text.slice(closeAt);
}

/** The content types text without an override for `part`. */
export function withoutOverride(text: string, part: string): string {
  const root = parseXml(text, CONTENT_TYPES_PART);
  const existing = childrenOf(root, 'Override').find((o) => partKey(o.attrs.PartName ?? '') === partKey(part));
  return existing ? text.slice(0, existing.start) + text.slice(existing.end) : text;
}
