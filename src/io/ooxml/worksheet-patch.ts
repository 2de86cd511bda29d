// Patches a worksheet's XML in place: the cells asked for are replaced, inserted or removed inside
// <sheetData>; <dimension> widens and <cols> gains widths for new columns. Every other byte of the
// part stays where it was, so a patched sheet differs from the original only where Throughline writes.
import { streamXml, setAttr, splice } from './xml';
import { columnOfRef, rowOfRef } from '../../cells';

/** A cell as it stands before the patch. */
export interface ExistingCell {
  /** Its style index (`s`), 0 when absent. */
  style: number;
  hasFormula: boolean;
}

/**
 * Produces the XML of one cell (without knowing the element prefix: `c` is passed in), or null to
 * leave the cell out. `existing` is null when the sheet has no such cell; `styleOf` reads the style of
 * another cell in the same row (0 when there is none).
 */
export type CellRender = (
  c: string,
  existing: ExistingCell | null,
  styleOf: (column: number) => number,
) => string | null;

export interface WorksheetPatch {
  /** row -> column -> render. */
  cells: Map<number, Map<number, CellRender>>;
  /** Widths for columns that have no <col> entry yet. */
  widths?: Map<number, number>;
}

export interface PatchResult {
  text: string;
  /** Addresses of replaced cells that held a formula (the calculation chain must forget them). */
  formulasReplaced: string[];
}

interface RowInfo {
  row: number;
  start: number;
  openEnd: number;
  end: number;
  selfClosing: boolean;
  spans: string | null;
  cells: { column: number; start: number; end: number; style: number; hasFormula: boolean }[];
}

const local = (name: string) => {
  const colon = name.indexOf(':');
  return colon < 0 ? name : name.slice(colon + 1);
};

function letters(column: number): string {
  let s = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

export function patchWorksheet(text: string, part: string, patch: WorksheetPatch): PatchResult {
  const rows: RowInfo[] = [];
  const rowStarts: { row: number; start: number }[] = [];
  let sheetData: { name: string; start: number; openEnd: number; end: number; selfClosing: boolean } | null = null;
  let dimension: { start: number; openEnd: number; ref: string } | null = null;
  let cols: {
    name: string;
    start: number;
    openEnd: number;
    end: number;
    selfClosing: boolean;
    ranges: { min: number; max: number; start: number }[];
  } | null = null;
  let inCols = false;
  let current: RowInfo | null = null;
  let rowNumber = 0;
  let lastColumn = 0;
  let cell: RowInfo['cells'][number] | null = null;

  streamXml(text, part, {
    open(tag, start, openEnd) {
      const name = local(tag.name);
      if (name === 'c') {
        if (!current) {
          lastColumn = columnOfRef(tag.attributes.r ?? '') || lastColumn + 1;
          return;
        }
        const ref = tag.attributes.r;
        const column = ref ? columnOfRef(ref) : lastColumn + 1;
        lastColumn = column;
        cell = {
          column,
          start,
          end: openEnd,
          style: tag.attributes.s ? Number(tag.attributes.s) : 0,
          hasFormula: false,
        };
        current.cells.push(cell);
      } else if (name === 'f') {
        if (cell) cell.hasFormula = true;
      } else if (name === 'row') {
        rowNumber = tag.attributes.r ? Number(tag.attributes.r) : rowNumber + 1;
        lastColumn = 0;
        rowStarts.push({ row: rowNumber, start });
        current = patch.cells.has(rowNumber)
          ? {
              row: rowNumber,
              start,
              openEnd,
              end: openEnd,
              selfClosing: Boolean(tag.isSelfClosing),
              spans: tag.attributes.spans ?? null,
              cells: [],
            }
          : null;
      } else if (name === 'sheetData') {
        sheetData = { name: tag.name, start, openEnd, end: openEnd, selfClosing: Boolean(tag.isSelfClosing) };
      } else if (name === 'dimension') {
        dimension = { start, openEnd, ref: tag.attributes.ref ?? '' };
      } else if (name === 'cols') {
        cols = { name: tag.name, start, openEnd, end: openEnd, selfClosing: Boolean(tag.isSelfClosing), ranges: [] };
        inCols = true;
      } else if (name === 'col' && inCols && cols) {
        (cols as { ranges: { min: number; max: number; start: number }[] }).ranges.push({
          min: Number(tag.attributes.min ?? 0),
          max: Number(tag.attributes.max ?? 0),
          start,
        });
      }
    },
    close(tagName, end) {
      const name = local(tagName);
      if (name === 'c') {
        if (cell) cell.end = end;
        cell = null;
      } else if (name === 'row') {
        if (current) {
          current.end = end;
          rows.push(current);
        }
        current = null;
      } else if (name === 'sheetData' && sheetData) {
        (sheetData as { end: number }).end = end;
      } else if (name === 'cols' && cols) {
        (cols as { end: number }).end = end;
        inCols = false;
      }
    },
  });
  if (!sheetData) throw new Error(`${part} has no sheetData`);
  const sd = sheetData as { name: string; start: number; openEnd: number; end: number; selfClosing: boolean };
  const prefix = sd.name.includes(':') ? `${sd.name.split(':')[0]}:` : '';
  const c = `${prefix}c`;
  const edits: { start: number; end: number; text: string }[] = [];
  const formulasReplaced: string[] = [];
  let maxRow = 0;
  let maxColumn = 0;

  const renderRow = (
    rowNo: number,
    wanted: Map<number, CellRender>,
    info: RowInfo | null,
  ): { replace: { start: number; end: number; text: string }[]; inserts: { before: number; text: string }[] } => {
    const existing = new Map((info?.cells ?? []).map((x) => [x.column, x]));
    const styleOf = (col: number) => existing.get(col)?.style ?? 0;
    const replace: { start: number; end: number; text: string }[] = [];
    const inserts: { before: number; text: string }[] = [];
    for (const col of [...wanted.keys()].sort((a, b) => a - b)) {
      const had = existing.get(col);
      const xml = wanted.get(col)!(c, had ? { style: had.style, hasFormula: had.hasFormula } : null, styleOf);
      if (xml !== null) {
        maxRow = Math.max(maxRow, rowNo);
        maxColumn = Math.max(maxColumn, col);
      }
      if (had) {
        const old = text.slice(had.start, had.end);
        if (xml !== old) {
          replace.push({ start: had.start, end: had.end, text: xml ?? '' });
          if (had.hasFormula) formulasReplaced.push(`${letters(col)}${rowNo}`);
        }
      } else if (xml !== null) {
        inserts.push({ before: col, text: xml });
      }
    }
    return { replace, inserts };
  };

  const seen = new Set<number>();
  for (const info of rows) {
    seen.add(info.row);
    const { replace, inserts } = renderRow(info.row, patch.cells.get(info.row)!, info);
    edits.push(...replace);
    if (inserts.length === 0) continue;
    let startTag = text.slice(info.start, info.openEnd);
    if (info.spans !== null) {
      const [lo, hi] = info.spans.split(':').map(Number);
      const top = Math.max(hi || 0, ...inserts.map((i) => i.before));
      if (Number.isFinite(lo) && top !== hi) startTag = setAttr(startTag, 'spans', `${lo}:${top}`);
    }
    if (info.selfClosing) {
      const open = startTag.replace(/\s*\/>$/, '>');
      edits.push({
        start: info.start,
        end: info.end,
        text: `${open}${inserts.map((i) => i.text).join('')}</${tagNameOf(startTag)}>`,
      });
      continue;
    }
    if (startTag !== text.slice(info.start, info.openEnd))
      edits.push({ start: info.start, end: info.openEnd, text: startTag });
    const closeAt = text.lastIndexOf('</', info.end - 1);
    for (const ins of inserts) {
      const next = info.cells.find((x) => x.column > ins.before);
      const at = next ? next.start : closeAt;
      edits.push({ start: at, end: at, text: ins.text });
    }
  }

  // Rows the sheet does not have yet, inserted in order.
  const missing = [...patch.cells.keys()].filter((r) => !seen.has(r)).sort((a, b) => a - b);
  if (missing.length > 0) {
    rowStarts.sort((a, b) => a.row - b.row);
    const sdClose = sd.selfClosing ? -1 : text.lastIndexOf('</', sd.end - 1);
    const extra: { at: number; text: string }[] = [];
    let k = 0;
    for (const r of missing) {
      const { inserts } = renderRow(r, patch.cells.get(r)!, null);
      if (inserts.length === 0) continue;
      while (k < rowStarts.length && rowStarts[k].row < r) k++;
      const at = k < rowStarts.length ? rowStarts[k].start : sdClose;
      extra.push({ at, text: `<${prefix}row r="${r}">${inserts.map((i) => i.text).join('')}</${prefix}row>` });
    }
    if (sd.selfClosing) {
      if (extra.length > 0)
        edits.push({
          start: sd.start,
          end: sd.end,
          text: `${text.slice(sd.start, sd.end).replace(/\s*\/>$/, '>')}${extra.map((e) => e.text).join('')}</${sd.name}>`,
        });
    } else {
      for (const e of extra) edits.push({ start: e.at, end: e.at, text: e.text });
    }
  }

  const dim = dimension as { start: number; openEnd: number; ref: string } | null;
  if (dim && maxRow > 0) {
    const widened = widenRef(dim.ref, maxRow, maxColumn);
    if (widened !== dim.ref)
      edits.push({
        start: dim.start,
        end: dim.openEnd,
        text: setAttr(text.slice(dim.start, dim.openEnd), 'ref', widened),
      });
  }

  if (patch.widths && patch.widths.size > 0) {
    const cl = cols as {
      name: string;
      start: number;
      openEnd: number;
      end: number;
      selfClosing: boolean;
      ranges: { min: number; max: number; start: number }[];
    } | null;
    const covered = (col: number) => cl?.ranges.some((r) => r.min <= col && col <= r.max) ?? false;
    const fresh = [...patch.widths.entries()].filter(([col]) => !covered(col)).sort((a, b) => a[0] - b[0]);
    const colXml = (col: number, width: number) =>
      `<${prefix}col min="${col}" max="${col}" width="${width}" customWidth="1"/>`;
    if (fresh.length > 0) {
      if (!cl) {
        edits.push({
          start: sd.start,
          end: sd.start,
          text: `<${prefix}cols>${fresh.map(([col, w]) => colXml(col, w)).join('')}</${prefix}cols>`,
        });
      } else if (cl.selfClosing) {
        edits.push({
          start: cl.start,
          end: cl.end,
          text: `<${cl.name}>${fresh.map(([col, w]) => colXml(col, w)).join('')}</${cl.name}>`,
        });
      } else {
        const closeAt = text.lastIndexOf('</', cl.end - 1);
        for (const [col, w] of fresh) {
          const next = cl.ranges.find((r) => r.min > col);
          const at = next ? next.start : closeAt;
          edits.push({ start: at, end: at, text: colXml(col, w) });
        }
      }
    }
  }
  return { text: edits.length === 0 ? text : splice(text, edits), formulasReplaced };
}

function tagNameOf(startTag: string): string {
  return /^<([^\s/>]+)/.exec(startTag)![1];
}

/** "A1:I8" grown to reach `row` and `column`. */
export function widenRef(ref: string, row: number, column: number): string {
  const [a, b = a] = ref.split(':');
  const left = columnOfRef(a) || 1;
  const top = rowOfRef(a) || 1;
  const right = Math.max(columnOfRef(b) || left, column);
  const bottom = Math.max(rowOfRef(b) || top, row);
  const widened = `${letters(left)}${top}:${letters(right)}${bottom}`;
  const original = `${letters(left)}${top}:${letters(columnOfRef(b) || left)}${rowOfRef(b) || top}`;
  return widened === original ? ref : widened;
}

export { letters as columnLetters };
