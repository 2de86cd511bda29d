// Table parts (xl/tables/tableN.xml): where a table sits, whether it has a header and a totals row,
// its columns; and growing it by columns without touching anything else in the part.
import { child, childrenOf, escapeXml, parseXml, prefixOf, setAttr, splice } from './xml';

export interface TablePart {
  part: string;
  /** The name Excel shows (displayName; `name` when a writer left it out). */
  name: string;
  ref: string;
  /** Header rows: 1 unless the part says otherwise (the attribute is optional and Excel leaves it out). */
  headerRowCount: number;
  totalsRowCount: number;
  columns: { id: number; name: string }[];
}

export function readTablePart(text: string, part: string): TablePart {
  const root = parseXml(text, part);
  const columnsEl = child(root, 'tableColumns');
  const columns = columnsEl
    ? childrenOf(columnsEl, 'tableColumn').map((c) => ({ id: Number(c.attrs.id ?? 0), name: c.attrs.name ?? '' }))
    : [];
  const header = root.attrs.headerRowCount;
  const totals = root.attrs.totalsRowCount;
  return {
    part,
    name: root.attrs.displayName ?? root.attrs.name ?? '',
    ref: root.attrs.ref ?? '',
    headerRowCount: header === undefined ? 1 : Number(header) || 0,
    totalsRowCount: totals === undefined ? 0 : Number(totals) || 0,
    columns,
  };
}

/**
 * The part with `names` appended as new columns and its range (and its filter's, when it has one)
 * widened to `ref` / `filterRef`. Every other attribute and element stays as written.
 */
export function appendTableColumns(
  text: string,
  part: string,
  names: string[],
  ref: string,
  filterRef: string,
): string {
  const root = parseXml(text, part);
  const p = prefixOf(root.name) ? `${prefixOf(root.name)}:` : '';
  const edits: { start: number; end: number; text: string }[] = [];
  edits.push({ start: root.start, end: root.openEnd, text: setAttr(text.slice(root.start, root.openEnd), 'ref', ref) });
  const filter = child(root, 'autoFilter');
  if (filter)
    edits.push({
      start: filter.start,
      end: filter.openEnd,
      text: setAttr(text.slice(filter.start, filter.openEnd), 'ref', filterRef),
    });
  const columnsEl = child(root, 'tableColumns');
  if (!columnsEl) throw new Error(`${part} has no tableColumns`);
  const existing = childrenOf(columnsEl, 'tableColumn');
  let id = Math.max(0, ...existing.map((c) => Number(c.attrs.id ?? 0)));
  const added = names.map((n) => `<${p}tableColumn id="${++id}" name="${escapeXml(n)}"/>`).join('');
  const open = setAttr(text.slice(columnsEl.start, columnsEl.openEnd), 'count', String(existing.length + names.length));
  if (columnsEl.selfClosing) {
    edits.push({
      start: columnsEl.start,
      end: columnsEl.end,
      text: `${open.slice(0, -2)}>${added}</${columnsEl.name}>`,
    });
  } else {
    edits.push({ start: columnsEl.start, end: columnsEl.openEnd, text: open });
    const closeAt = text.lastIndexOf('</', columnsEl.end - 1);
    edits.push({ start: closeAt, end: closeAt, text: added });
  }
  return splice(text, edits);
}
