// Applies a write-back plan to a snapshot in memory, the way an adapter followed by a re-read would,
// so engine tests can check idempotence without a file.
import type { CellValue, OutValue, WorkbookSnapshot, WritePlan } from '../../src/engine/types';

const toCell = (v: OutValue): CellValue =>
  v !== null && typeof v === 'object' ? new Date(v.day * 86_400_000) : v;

export function applyPlan(snapshot: WorkbookSnapshot, plan: WritePlan): WorkbookSnapshot {
  const tables = snapshot.tables.map((t) => ({ ...t, headers: [...t.headers], rows: t.rows.map((r) => [...r]) }));
  for (const write of plan.tables) {
    const t = tables.find((x) => x.name === write.tableName && x.sheet === write.sheet);
    if (!t) throw new Error(`plan names a table the snapshot lacks: ${write.tableName}`);
    for (const column of write.columns) {
      const index = column.column - t.firstColumn;
      if (column.append) {
        if (index !== t.headers.length) throw new Error(`appended ${column.header} at ${column.column}, not at the table's end`);
        t.headers.push(column.header);
        t.rows.forEach((r, i) => r.push(toCell(column.values[i])));
      } else {
        if (t.headers[index] !== column.header) throw new Error(`overwrote ${t.headers[index]} with ${column.header}`);
        t.rows.forEach((r, i) => (r[index] = toCell(column.values[i])));
      }
    }
  }
  const owned = [plan.risks.sheetName, plan.ledger.sheetName].filter((n) => !snapshot.sheetNames.includes(n));
  const ledger = [plan.ledger.headers, ...plan.ledger.rows.map((r) => r.map(toCell))];
  return { ...snapshot, sheetNames: [...snapshot.sheetNames, ...owned], tables, ledger };
}
