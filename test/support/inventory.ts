// What openpyxl (scripts/interop/inventory.py) and LibreOffice (inventory_lo.py) see in workbooks, and
// that inventory without what a refresh is meant to change, so input and output can be compared.
import { execFile, execFileSync } from 'node:child_process';
import * as path from 'node:path';
import { OWNED_HEADER_SET } from '../../src/engine/recognise/names';

const SCRIPTS = path.join(__dirname, '../../scripts/interop');

/** One run of an inventory over every file (one soffice start for all): each file's entry, by path as given. */
export function inventory(tool: 'inventory.py' | 'inventory_lo.py', files: string[]): Record<string, unknown> {
  const out = execFileSync(path.join(SCRIPTS, tool), files, {
    encoding: 'utf8',
    maxBuffer: 256 << 20,
    timeout: 240_000,
  });
  return (JSON.parse(out) as { files: Record<string, unknown> }).files;
}

/** The same, run in the background: a test can go on with other work while soffice loads the files. */
export function inventoryAsync(
  tool: 'inventory.py' | 'inventory_lo.py',
  files: string[],
): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(
      path.join(SCRIPTS, tool),
      files,
      { encoding: 'utf8', maxBuffer: 256 << 20, timeout: 240_000 },
      (error, stdout) => {
        if (error) reject(error);
        else resolve((JSON.parse(stdout) as { files: Record<string, unknown> }).files);
      },
    );
  });
}

/**
 * An inventory without what a refresh is meant to change: the owned sheets, table ranges and owned
 * column names, sheet dimensions, part counts and timings.
 */
export function comparable(value: unknown, owned: Set<string>): unknown {
  const DROP = new Set([
    'elapsed_s',
    'startup_s',
    'restarts',
    'dimensions',
    'ref',
    'range',
    'parts',
    'relative',
    'hyperlinkCount',
    'autoFilter',
  ]);
  const isOwnedSheet = (v: unknown) => {
    if (!v || typeof v !== 'object') return false;
    const o = v as Record<string, unknown>;
    return (
      (typeof o.sheet === 'string' && owned.has(o.sheet)) ||
      (typeof o.name === 'string' && owned.has(o.name) && ('state' in o || 'visible' in o || 'type' in o))
    );
  };
  if (Array.isArray(value)) {
    return value
      .filter((v) => !isOwnedSheet(v) && !(typeof v === 'string' && OWNED_HEADER_SET.has(v)))
      .map((v) => comparable(v, owned));
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (DROP.has(k) || owned.has(k)) continue;
      out[k] = comparable(v, owned);
    }
    return out;
  }
  return value;
}
