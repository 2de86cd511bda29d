// Whether a workbook the command line is about to replace is open in someone's spreadsheet program.
// Two signs, since no one of them works everywhere:
// - the owner file a program leaves beside a workbook it has open: Excel (Windows and Mac) writes
//   `~$<name>` holding the user's display name, LibreOffice `.~lock.<name>#` holding a CSV line whose
//   first field is the user's name. On a Mac or on Linux, or on a network share, it is the only sign:
//   nothing stops a rename over an open file there, and the user's next save would overwrite the refresh.
// - the operating system refusing to move the file: on Windows, Excel holds an open workbook without
//   sharing delete access, so renaming it fails with EBUSY (a sharing violation) or EPERM (access
//   denied); a read-only or immutable file fails the same way on any system.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';

/** A name fit to show: not empty, and no control characters (a damaged file reads as noise). */
const printable = (name: string) => name.length > 0 && [...name].every((c) => c.charCodeAt(0) >= 0x20 && c !== '\x7f');

/** The owner files of `file`, with the program that leaves each. */
export function ownerFiles(file: string): { file: string; program: 'Excel' | 'LibreOffice' }[] {
  const dir = path.dirname(file);
  const name = path.basename(file);
  return [
    { file: path.join(dir, `~$${name}`), program: 'Excel' },
    { file: path.join(dir, `.~lock.${name}#`), program: 'LibreOffice' },
  ];
}

/**
 * The user an Excel owner file names: its first byte is the length of the display name that follows in
 * the ANSI code page (read here as Latin-1). Anything else (empty, cut short, control characters) names nobody.
 */
export function excelOwnerName(data: Uint8Array): string | null {
  const length = data[0];
  if (!length || length > 54 || data.length < 1 + length) return null;
  const name = Buffer.from(data.subarray(1, 1 + length))
    .toString('latin1')
    .trim();
  return printable(name) ? name : null;
}

/**
 * The user a LibreOffice lock file names: its one CSV line starts with the name set in LibreOffice's
 * options, then the system account (used when that name is empty, as it is by default on Linux).
 */
export function libreOfficeOwnerName(data: Uint8Array): string | null {
  const [name, account] = Buffer.from(data)
    .toString('utf8')
    .split(/[\r\n;]/)[0]
    .split(',')
    .map((f) => f.trim());
  const who = name || account || '';
  return printable(who) && who.length <= 100 ? who : null;
}

/** Why `file` counts as open in a spreadsheet program, from its owner file; null when no owner file is there. */
export async function ownerFileLock(file: string): Promise<string | null> {
  for (const owner of ownerFiles(file)) {
    // An owner file that is there but cannot be read (held by its program, say) still says "open".
    const data = await fs
      .readFile(owner.file)
      .catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' || e.code === 'ENOTDIR' ? null : Buffer.alloc(0)));
    if (data === null) continue;
    const who = owner.program === 'Excel' ? excelOwnerName(data) : libreOfficeOwnerName(data);
    return (
      `it is open in ${owner.program}${who ? ` by ${who}` : ''} (${path.basename(owner.file)} is beside it; ` +
      'if nobody has it open, that file was left by a program that stopped: delete it)'
    );
  }
  return null;
}

/** Whether a failed rename of an existing file means the file is held or protected, rather than a fault. */
export function isLockError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException)?.code;
  return code === 'EBUSY' || code === 'EPERM' || code === 'EACCES';
}
