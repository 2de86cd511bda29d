// Where the command line writes when not told, and which names Excel will open.
import * as path from 'node:path';

export function defaultOutput(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.refreshed${ext || '.xlsx'}`);
}

export function defaultReportOutput(input: string): string {
  const ext = path.extname(input);
  return path.join(path.dirname(input), `${path.basename(input, ext)}.status.html`);
}

/** Excel opens an .xlsm only if it is macro-enabled inside, and an .xlsx only if it is not. */
export function outputKindProblem(kind: 'xlsx' | 'xlsm', output: string): string | null {
  const ext = path.extname(output).toLowerCase();
  const stem = path.basename(output, path.extname(output));
  if (ext !== '.xlsx' && ext !== '.xlsm')
    return `Excel opens a workbook by its extension; name the output ${stem}.${kind}`;
  if (kind === 'xlsm' && ext !== '.xlsm')
    return `the workbook holds macros, so Excel only opens it as .xlsm; name the output ${stem}.xlsm`;
  if (kind === 'xlsx' && ext === '.xlsm')
    return `the workbook holds no macros, so Excel refuses it as .xlsm; name the output ${stem}.xlsx`;
  return null;
}
