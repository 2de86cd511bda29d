// How items and sheets are named across a portfolio. Teams number independently, so an item's
// portfolio identity is TEAM:ID; a sheet is named as Excel names another workbook's sheet, [file]Sheet.

export const SEPARATOR = ':';

export interface MemberInfo {
  /** The team key that qualifies the member's IDs ("PROC"). */
  key: string;
  /** The member's file name, as messages and links show it ("proc.xlsx"). */
  label: string;
}

export function qualify(key: string, id: string): string {
  return `${key}${SEPARATOR}${id}`;
}

/**
 * "PROC:INI-1" (or "proc:INI-1") -> { key: "PROC", id: "INI-1" } when PROC is a member's key; null
 * otherwise. Keys are upper case, and people type them as they like.
 */
export function splitQualified(value: string, keys: ReadonlySet<string>): { key: string; id: string } | null {
  const at = value.indexOf(SEPARATOR);
  if (at <= 0) return null;
  const key = value.slice(0, at).trim().toUpperCase();
  return keys.has(key) ? { key, id: value.slice(at + 1).trim() } : null;
}

/** The key part of a value shaped like TEAM:ID ("NOPE" of "NOPE:INI-3"), whether or not a member has it. */
export function keyShaped(value: string): string | null {
  const at = value.indexOf(SEPARATOR);
  if (at <= 0) return null;
  const key = value.slice(0, at).trim();
  return /^[A-Za-z0-9_-]+$/.test(key) && value.slice(at + 1).trim() !== '' ? key.toUpperCase() : null;
}

/** The ID without its team key, when the key is the given member's. */
export function localId(value: string, key: string): string {
  return value.startsWith(`${key}${SEPARATOR}`) ? value.slice(key.length + SEPARATOR.length) : value;
}

export function compositeSheet(label: string, sheet: string): string {
  return `[${label}]${sheet}`;
}

/** "[emea.xlsx]Initiatives" -> { label: "emea.xlsx", sheet: "Initiatives" }. */
export function splitComposite(name: string): { label: string; sheet: string } | null {
  if (!name.startsWith('[')) return null;
  const end = name.indexOf(']');
  return end < 0 ? null : { label: name.slice(1, end), sheet: name.slice(end + 1) };
}

/**
 * A team key from a file name: "emea-sales.xlsx" -> "EMEA-SALES". Letters, digits, "-" and "_" only,
 * upper case; keys already taken get a number.
 */
export function keyFromFileName(file: string, taken: ReadonlySet<string>): string {
  const base = file.replace(/^.*[\\/]/, '').replace(/\.(xlsx|xlsm)$/i, '');
  const key =
    base
      .toUpperCase()
      .replace(/[^A-Z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'TEAM';
  if (!taken.has(key)) return key;
  for (let n = 2; ; n++) if (!taken.has(`${key}${n}`)) return `${key}${n}`;
}
