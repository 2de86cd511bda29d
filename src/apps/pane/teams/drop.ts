// Files handed to the page: picked (one or several), a folder picked (webkitdirectory), or dropped —
// where Chromium and the others give a dropped folder as a directory entry, its workbooks are read
// from it, sub-folders included. What is not a candidate workbook in a folder is left out.
import { isMemberFile, pickedFile, type PickedFile } from './files';

/** Files from an <input type=file> (with webkitdirectory they carry their path inside the folder). */
export async function filesFromInput(list: FileList | File[]): Promise<PickedFile[]> {
  const files = [...list];
  const chosen = files.filter((f) => {
    const inFolder = Boolean((f as File & { webkitRelativePath?: string }).webkitRelativePath);
    return isMemberFile(f.name, inFolder);
  });
  return Promise.all(chosen.map((f) => pickedFile(f)));
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));

async function entriesOf(dir: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = dir.createReader();
  const all: FileSystemEntry[] = [];
  // readEntries gives a folder's entries a batch at a time, an empty batch at the end.
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

async function walk(
  entry: FileSystemEntry,
  inFolder: boolean,
  out: { file: File; path: string; inFolder: boolean }[],
): Promise<void> {
  if (entry.isFile) {
    out.push({ file: await fileOf(entry as FileSystemFileEntry), path: entry.fullPath.replace(/^\//, ''), inFolder });
  } else if (entry.isDirectory) {
    for (const child of await entriesOf(entry as FileSystemDirectoryEntry)) await walk(child, true, out);
  }
}

/**
 * What was dropped. The entries must be taken from the event before it returns (the browser empties
 * the list afterwards), so this is called synchronously and awaited later.
 */
export function filesFromDrop(data: DataTransfer): Promise<PickedFile[]> {
  const entries = [...data.items].map((item) => (item.kind === 'file' ? (item.webkitGetAsEntry?.() ?? null) : null));
  const plain = [...data.files];
  return (async () => {
    if (entries.length === 0 || entries.some((e) => e === null)) return filesFromInput(plain);
    const found: { file: File; path: string; inFolder: boolean }[] = [];
    for (const entry of entries) await walk(entry!, false, found);
    const chosen = found
      .filter((f) => isMemberFile(f.file.name, f.inFolder))
      .sort((a, b) => a.path.localeCompare(b.path));
    return Promise.all(chosen.map((f) => pickedFile(f.file, f.path)));
  })();
}
