// Creates sheets and tables through Office.js: the pane's "Create starter sheets" and "Insert example".
import type { SheetSpec, SpecValue } from '../../example/sheet-spec';
import { isDateHeader, serialFromDay } from '../../engine';
import type { ExcelRun } from './port';
import { rangeAt } from './range';

/** Sheets or tables the workbook already has would be overwritten: refuse before writing anything. */
export class SheetsExistError extends Error {
  constructor(readonly names: string[]) {
    super(
      `This workbook already has ${names.map((n) => `"${n}"`).join(', ')}. Use a blank workbook, or rename them first.`,
    );
    this.name = 'SheetsExistError';
  }
}

const toCell = (v: SpecValue, date1904: boolean): string | number =>
  v === null ? '' : v instanceof Date ? serialFromDay(Math.floor(v.getTime() / 86_400_000), date1904) : v;

export async function insertSheets(run: ExcelRun, specs: SheetSpec[], about: string[] = []): Promise<void> {
  await run(async (context) => {
    const sheets = context.workbook.worksheets.load('items/name');
    const tables = context.workbook.tables.load('items/name');
    const probe = context.workbook.functions.date(2000, 1, 1).load('value');
    await context.sync();
    const date1904 = probe.value !== 36526;
    const taken = new Set([
      ...sheets.items.map((s) => s.name.toLowerCase()),
      ...tables.items.map((t) => t.name.toLowerCase()),
    ]);
    const wanted = [
      ...(about.length ? ['About'] : []),
      ...specs.flatMap((s) => [s.sheet, ...(s.table ? [s.table] : [])]),
    ];
    const clashes = [...new Set(wanted.filter((n) => taken.has(n.toLowerCase())))];
    if (clashes.length > 0) throw new SheetsExistError(clashes);

    if (about.length) {
      const ws = sheets.add('About');
      rangeAt(ws, { top: 1, left: 1, bottom: about.length, right: 1 }).values = about.map((line) => [line]);
      ws.getRange('A1').format.font.bold = true;
    }
    for (const spec of specs) {
      const ws = sheets.add(spec.sheet);
      // A table's header in row 1; a plain range's in row 3, below its title.
      const top = spec.table ? 1 : 3;
      const width = spec.headers.length;
      if (!spec.table && spec.title) ws.getRange('A1').values = [[spec.title]];
      const body = spec.rows.length ? spec.rows : spec.table ? [spec.headers.map(() => null)] : [];
      const range = rangeAt(ws, { top, left: 1, bottom: top + body.length, right: width });
      range.values = [spec.headers, ...body.map((row) => row.map((v) => toCell(v, date1904)))];
      spec.headers.forEach((h, c) => {
        if (isDateHeader(h) && body.length)
          rangeAt(ws, { top: top + 1, left: c + 1, bottom: top + body.length, right: c + 1 }).numberFormat = body.map(
            () => ['yyyy-mm-dd'],
          );
      });
      if (spec.table) {
        const table = ws.tables.add(range, true);
        table.name = spec.table;
      } else {
        rangeAt(ws, { top, left: 1, bottom: top, right: width }).format.font.bold = true;
      }
      range.format.autofitColumns();
    }
    await context.sync();
  });
}
