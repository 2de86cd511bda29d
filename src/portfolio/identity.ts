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

/** Characters that make "KEY:" part of a longer word or ID when they come just before it. */
const WORD_BEFORE = /[A-Za-z0-9_:.-]/;
/** Characters after "KEY:" that leave no ID to name (a space, another colon, or nothing). */
const NO_ID_AFTER = /[\s:]/;

/**
 * Free text with the member's own key taken off the IDs it names: "KEY:" goes where it starts the text
 * or follows a character that cannot be part of an ID, and an ID follows it. Other teams' keys stay.
 * (The same as replacing /(^|[^A-Za-z0-9_:.-])KEY:(?=[^\s:])/g by its first group, without a regular
 * expression per member: a portfolio's Risks rows are hundreds of thousands of texts.)
 */
export function withoutKey(text: string, key: string): string {
  const tag = `${key}${SEPARATOR}`;
  let at = text.indexOf(tag);
  if (at < 0) return text;
  let out = '';
  let from = 0;
  for (; at >= 0; at = text.indexOf(tag, at + 1)) {
    const after = at + tag.length;
    if (at > 0 && WORD_BEFORE.test(text[at - 1])) continue;
    if (after >= text.length || NO_ID_AFTER.test(text[after])) continue;
    out += text.slice(from, at);
    from = after;
    at = after - 1;
  }
  return from === 0 ? text : out + text.slice(from);
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
