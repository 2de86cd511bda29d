// Applies a write-back plan to a snapshot in memory, the way an adapter followed by a re-read would,
// so engine tests can check idempotence without a file.
import type { CellValue, OutValue, WorkbookSnapshot, WritePlan } from '../../src/engine/types';

const toCell = (v: OutValue): CellValue => (v !== null && typeof v === 'object' ? new Date(v.day * 86_400_000) : v);

export function applyPlan(snapshot: WorkbookSnapshot, plan: WritePlan): WorkbookSnapshot {
  const tables = snapshot.tables.map((t) => ({ ...t, headers: [...t.headers], rows: t.rows.map((r) => [...r]) }));
  for (const write of plan.tables) {
    const t = tables.find((x) => x.name === write.tableName && x.sheet === write.sheet);
    if (!t) throw new Error(`plan names a table the snapshot lacks: ${write.tableName}`);
    for (const column of write.columns) {
      const index = column.column - t.firstColumn;
      if (column.append) {
        if (index !== t.headers.length)
          throw new Error(`appended ${column.header} at ${column.column}, not at the table's end`);
        t.headers.push(column.header);
        t.rows.forEach((r, i) => r.push(toCell(column.values[i])));
      } else {
        if (t.headers[index] !== column.header) throw new Error(`overwrote ${t.headers[index]} with ${column.header}`);
        t.rows.forEach((r, i) => (r[index] = toCell(column.values[i])));
      }
    }
  }
  const owned = [plan.risks.sheetName, plan.ledger.sheetName].filter((n) => !snapshot.sheetNames.includes(n));
  // The ledger sheet's used area, as an adapter reads it back: blocks side by side, blanks as null.
  const height = Math.max(...plan.ledger.blocks.map((b) => b.rows.length + 1));
  const width = Math.max(...plan.ledger.blocks.map((b) => b.column + b.headers.length));
  const ledger: CellValue[][] = Array.from({ length: height }, () => new Array<CellValue>(width).fill(null));
  for (const b of plan.ledger.blocks) {
    [b.headers, ...b.rows].forEach((row, r) =>
      row.forEach((v, c) => (ledger[r][b.column + c] = r === 0 ? (v as CellValue) : toCell(v as OutValue))),
    );
  }
  return { ...snapshot, sheetNames: [...snapshot.sheetNames, ...owned], tables, ledger };
}
