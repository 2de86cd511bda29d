// Workbooks picked or dropped in the browser, opened with the same file layer the page and the command
// line use (nothing leaves the browser), and made into portfolio members. Only the page and the Excel
// pane's team workbooks load this module, and only when files are opened.
import { describeError } from '../../../io/errors';
import { XlsxWorkbook } from '../../../io/xlsx/port';
import { readNamedRange } from '../../../io/xlsx/named-range';
import { isManifest, isPortfolioName, readManifest, type ManifestEntry } from '../../../portfolio';

export interface PickedFile {
  /** The file's own name ("proc.xlsx"). */
  name: string;
  /** Its path inside a folder that was opened ("portfolio/proc.xlsx"); the name otherwise. */
  path: string;
  bytes: Uint8Array;
  /** When the file was last saved (ms since 1970), where the browser says. */
  modified: number | null;
}

export interface OpenedFile {
  file: PickedFile;
  /** Null when the file could not be opened; `problem` says why. */
  workbook: XlsxWorkbook | null;
  problem: string | null;
  /** The workbook's Portfolio table, when it has one: it is then the portfolio's hub. */
  manifest: { entries: ManifestEntry[]; problems: string[] } | null;
}

const WORKBOOK = /\.(xlsx|xlsm)$/i;
/** Office's lock files and dot-files are never members; nor, inside a folder, earlier refreshed copies. */
const LOCK_OR_HIDDEN = /^(~\$|\.)/;
const REFRESHED = /\.refreshed\.(xlsx|xlsm)$/i;

/** Whether a file found in an opened folder (or picked, when `inFolder` is false) is a candidate member. */
export function isMemberFile(name: string, inFolder: boolean): boolean {
  if (LOCK_OR_HIDDEN.test(name)) return false;
  if (!inFolder) return true;
  return WORKBOOK.test(name) && !REFRESHED.test(name);
}

export { baseName } from './team-keys';

export async function pickedFile(file: File, path?: string): Promise<PickedFile> {
  const relative = path ?? (file as File & { webkitRelativePath?: string }).webkitRelativePath;
  return {
    name: file.name,
    path: relative || file.name,
    bytes: new Uint8Array(await file.arrayBuffer()),
    modified: file.lastModified || null,
  };
}

export function openPicked(file: PickedFile): OpenedFile {
  let workbook: XlsxWorkbook;
  try {
    workbook = XlsxWorkbook.open(file.bytes, file.name);
  } catch (e) {
    return { file, workbook: null, problem: describeError(e), manifest: null };
  }
  let manifest: OpenedFile['manifest'] = null;
  try {
    const range = readNamedRange(workbook, isPortfolioName);
    if (range && isManifest(range.headers, range.rows))
      manifest = readManifest(range.headers, range.rows, range.headerRow);
  } catch {
    // A Portfolio table that cannot be read is no hub; reading the workbook itself will say what is wrong.
  }
  return { file, workbook, problem: null, manifest };
}
