// Patching a refresh's sheets somewhere else (the command line: a worker thread, on the second core)
// while this thread writes the owned sheets. Browser-safe and host-free: the host supplies the codec
// and the thread; without a host's offload the write runs as it always did (write.ts).
import type { TableWrite } from '../../engine';
import type { Codec } from '../ooxml/codec';
import { StyleEditor, type StyleChange } from '../ooxml/styles';
import { inflateEntry, type ZipEntry } from '../ooxml/zip';
import { patchWorksheetBytes } from '../ooxml/worksheet-patch';
import { sheetPatch } from './table-cells';

/** A part as stored in the archive. */
export interface StoredPart {
  name: string;
  method: number;
  data: Uint8Array;
  crc: number;
  size: number;
}

export interface SheetJobs {
  /** The style sheet as the write starts from it (its text and part), copied where the sheets are patched. */
  styles: { source: string; part: string };
  date1904: boolean;
  /** In the order this thread would patch them: formats are derived in that order. */
  sheets: { part: string; stored: StoredPart; writes: TableWrite[] }[];
}

export interface Deflated {
  data: Uint8Array;
  crc: number;
  size: number;
}

export interface SheetJobsDone {
  sheets: { deflated: Deflated; formulasReplaced: string[] }[];
  /** Every format derivation asked for, in order: replayed here, they number the new formats alike. */
  derived: [number, StyleChange][];
}

/** Where a host patches sheets: another thread. Rejects when it cannot (the write then patches here). */
export interface SheetOffload {
  run(jobs: SheetJobs): Promise<SheetJobsDone>;
}

/** How many pieces of a sheet may be deflating at once (as the package's own setLater allows). */
const IN_FLIGHT = 4;

/**
 * Patches the sheets over their bytes, deflated with the package's pieces and level, so the bytes are
 * those the package would make itself. A sheet the byte scanner does not read (NotPlainXml) rejects
 * the whole run: the caller then patches every sheet in its own thread, the text way where needed.
 */
export async function runSheetJobs(jobs: SheetJobs, codec: Codec): Promise<SheetJobsDone> {
  const editor = new StyleEditor(jobs.styles.source, jobs.styles.part);
  const derived: [number, StyleChange][] = [];
  const derive = (base: number, change: StyleChange) => {
    derived.push([base, change]);
    return editor.derive(base, change);
  };
  const sheets: SheetJobsDone['sheets'] = [];
  for (const sheet of jobs.sheets) {
    const entry: ZipEntry = { ...sheet.stored, dosTime: 0, dosDate: 0, flags: 0 };
    const bytes = inflateEntry(entry, codec);
    const patched = patchWorksheetBytes(bytes, sheet.part, sheetPatch(sheet.writes, derive, jobs.date1904));
    sheets.push({ deflated: await deflated(patched.chunks, codec), formulasReplaced: patched.formulasReplaced });
  }
  return { sheets, derived };
}

async function deflated(chunks: Iterable<Uint8Array>, codec: Codec): Promise<Deflated> {
  if (!codec.deflateChunksLater) return codec.deflateChunks(chunks);
  const inFlight: Promise<unknown>[] = [];
  const room = async (piece: Promise<unknown>) => {
    inFlight.push(piece);
    while (inFlight.length > IN_FLIGHT) await inFlight.shift()!.catch(() => undefined);
  };
  const made = await codec.deflateChunksLater(chunks, room);
  return { data: await made.data, crc: made.crc, size: made.size };
}
