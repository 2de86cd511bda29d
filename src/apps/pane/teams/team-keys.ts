// Team keys for the workbooks the Excel pane rolls up: kept from an earlier session, else what a
// hub's Portfolio table says, else made from the file's name; edited keys checked as the command
// line checks a Portfolio table's.
import { keyFromFileName } from '../../../portfolio';
import type { ManifestEntry } from '../../../portfolio';

/** The last part of a path, as typed in a Portfolio table ("..\\teams\\emea.xlsx" -> "emea.xlsx"). */
export function baseName(path: string): string {
  return path.replace(/^.*[\\/]/, '');
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

/** A key typed by the user, upper-cased; or why it cannot be one. `others` are the keys of the other members. */
export function checkKey(raw: string, others: Iterable<string>): { key: string } | { problem: string } {
  const key = raw.trim().toUpperCase();
  if (!key) return { problem: 'A team key is needed: letters, digits, "-" or "_".' };
  if (!/^[A-Z0-9_-]+$/.test(key)) return { problem: 'Only letters, digits, "-" and "_".' };
  if ([...others].some((k) => k === key)) return { problem: `${key} is another workbook's key already.` };
  return { key };
}

/** The key a hub's Portfolio table gives a file of this name, if any table lists it. */
export function listedKey(name: string, manifests: ManifestEntry[][]): string | null {
  for (const entries of manifests) {
    const found = entries.find((e) => same(baseName(e.path), name));
    if (found) return found.key;
  }
  return null;
}

/** The open workbook's key before anyone chose one: the hub's word for it, its file name, or THIS. */
export function defaultSelfKey(documentName: string | null, manifests: ManifestEntry[][]): string {
  return (
    (documentName && listedKey(documentName, manifests)) ??
    (documentName ? keyFromFileName(documentName, new Set()) : 'THIS')
  );
}

/**
 * Keys for newly picked files, in order: a file picked before keeps its key; a file a hub lists gets
 * the hub's key when it is free; any other gets one from its name. `taken` holds the keys in use.
 */
export function keysForPicked(
  names: string[],
  remembered: { name: string; key: string }[],
  manifests: ManifestEntry[][],
  taken: Set<string>,
): string[] {
  const used = new Set(taken);
  return names.map((name) => {
    const before = remembered.find((r) => same(r.name, name))?.key;
    const listed = listedKey(name, manifests);
    const key = before ?? (listed && !used.has(listed) ? listed : keyFromFileName(name, used));
    used.add(key);
    return key;
  });
}
