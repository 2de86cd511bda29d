// exceljs cell values as the engine's CellValue: formulas by their cached result, rich text and
// hyperlinks by their text, merged cells only at their master.
import type ExcelJS from 'exceljs';
import type { CellValue } from '../../engine/types';

type Raw = ExcelJS.CellValue | undefined;

function plain(v: Raw): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' || v instanceof Date) return v;
  if (typeof v !== 'object') return null;
  if ('error' in v && typeof v.error === 'string') return { error: v.error };
  if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
  if ('formula' in v || 'sharedFormula' in v) {
    const result = (v as { result?: unknown }).result;
    return result === undefined ? null : plain(result as Raw);
  }
  if ('hyperlink' in v && 'text' in v) return plain(v.text as Raw);
  if ('text' in v && typeof (v as { text: unknown }).text === 'string') return (v as { text: string }).text;
  return null;
}

export function cellValue(cell: ExcelJS.Cell): CellValue {
  if (cell.isMerged && cell.master.address !== cell.address) return null;
  return plain(cell.value);
}

export function isEmpty(v: CellValue): boolean {
  return v === null || (typeof v === 'string' && v.trim() === '');
}
