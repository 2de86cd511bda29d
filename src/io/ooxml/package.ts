// An OOXML package in memory: parts are inflated only when read, and on writing every part that was
// not changed keeps its original compressed bytes.
import {
  FIXED_DOS_TIME,
  compressChunks,
  compressChunksLater,
  compressEntry,
  inflateEntry,
  readZip,
  writeZip,
  type ZipEntry,
} from './zip';
import { PackageError } from './errors';
import { MAX_TOTAL_BYTES } from './limits';
import { portableCodec, type Codec } from './codec';
import { normalisePart, partKey, relsPartOf } from './part-names';
import { decodeText } from './xml';
import { readRelationships, type Relationship } from './relationships';

/**
 * How many pieces of a large part may be deflating off the main thread at once: libuv's thread pool
 * has four threads, and each piece in flight holds about a megabyte and a quarter.
 */
const IN_FLIGHT = 4;

/** Pieces of text or UTF-8 as UTF-8. */
function* asBytes(content: Iterable<string | Uint8Array>): Generator<Uint8Array> {
  const encoder = new TextEncoder();
  for (const piece of content) yield typeof piece === 'string' ? encoder.encode(piece) : piece;
}

/** A part: its entry in the opened file (none for a new part) and its entry now (compressed as soon as set). */
interface Slot {
  name: string;
  original: ZipEntry | null;
  current: ZipEntry;
}

export class OoxmlPackage {
  private readonly slots = new Map<string, Slot>();
  /** Keys in archive order; new parts go at the end. */
  private readonly order: string[] = [];
  private inflated = 0;
  private readonly texts = new Map<string, string>();
  /** Entries whose compressed bytes are still being made off this thread (see `settle`). */
  private readonly pending = new Map<ZipEntry, Promise<void>>();

  private constructor(
    entries: ZipEntry[],
    private readonly codec: Codec,
  ) {
    for (const entry of entries) {
      const key = partKey(entry.name);
      if (this.slots.has(key)) throw new PackageError(`the archive holds the part ${normalisePart(entry.name)} twice`);
      this.slots.set(key, {
        name: entry.name,
        original: entry,
        current: entry,
      });
      this.order.push(key);
    }
  }

  /** A package with no parts yet, for a workbook built from scratch. */
  static empty(codec: Codec = portableCodec): OoxmlPackage {
    return new OoxmlPackage([], codec);
  }

  static open(bytes: Uint8Array, codec: Codec = portableCodec): OoxmlPackage {
    return new OoxmlPackage(readZip(bytes), codec);
  }

  /** Part names as stored (without a leading slash). */
  partNames(): string[] {
    return this.order.map((k) => normalisePart(this.slots.get(k)!.name));
  }

  has(part: string): boolean {
    return this.slots.has(partKey(part));
  }

  /** The part's size once inflated, as its archive declares it (0 for a part not in the package). */
  sizeOf(part: string): number {
    return this.slots.get(partKey(part))?.current.size ?? 0;
  }

  /** The part's current bytes. */
  bytes(part: string): Uint8Array {
    const entry = this.entryToInflate(part);
    try {
      return inflateEntry(entry, this.codec);
    } catch (e) {
      if (e instanceof PackageError && e.part === null) throw new PackageError(e.message, normalisePart(part));
      throw e;
    }
  }

  /**
   * The part's stored entry, counted against the package's total as `bytes` counts it, for a caller
   * that inflates it elsewhere (another thread, or a stream that never holds it whole).
   */
  entryToInflate(part: string): ZipEntry {
    const slot = this.slots.get(partKey(part));
    if (!slot)
      throw new PackageError(
        `the workbook refers to the part ${normalisePart(part)}, which is missing from the file`,
        normalisePart(part),
      );
    if (this.pending.has(slot.current))
      throw new Error(`${normalisePart(part)} is still being compressed: settle() the package before reading it`);
    if (this.inflated + slot.current.size > MAX_TOTAL_BYTES) {
      throw new PackageError(
        `the workbook expands to more than ${MAX_TOTAL_BYTES / 1024 ** 2} MB of XML; Throughline refuses it as a possible zip bomb`,
      );
    }
    this.inflated += slot.current.size;
    return slot.current;
  }

  /** The part as text (cached: parts are read more than once while reading and again while writing). */
  text(part: string): string {
    const key = partKey(part);
    const cached = this.texts.get(key);
    if (cached !== undefined) return cached;
    const text = decodeText(this.bytes(part), normalisePart(part));
    this.texts.set(key, text);
    return text;
  }

  /** Drops cached texts: a large sheet's text need not outlive its reading. */
  forget(part: string): void {
    this.texts.delete(partKey(part));
  }

  /** The relationships of a part ("" for the package's own). Missing .rels means none. */
  relationships(source: string): Relationship[] {
    const rels = source === '' ? '_rels/.rels' : relsPartOf(source);
    return this.has(rels) ? readRelationships(this.text(rels), rels, source) : [];
  }

  /**
   * Sets a part's content, creating it when new. Texts are written as UTF-8; content in pieces (a large
   * sheet, made a piece at a time: texts or UTF-8 chunks) is deflated piece by piece, never whole in memory.
   */
  set(part: string, content: string | Iterable<string | Uint8Array> | Uint8Array): void {
    const key = partKey(part);
    const slot = this.slots.get(key);
    const time = slot?.original ? { dosTime: slot.original.dosTime, dosDate: slot.original.dosDate } : FIXED_DOS_TIME;
    const name = slot?.name ?? normalisePart(part);
    let current: ZipEntry;
    if (typeof content === 'string' || content instanceof Uint8Array) {
      const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
      // Content equal to what the file holds keeps the file's own bytes.
      if (slot?.original && this.sameAsFile(slot.original, key, content, bytes)) {
        slot.current = slot.original;
        return;
      }
      current = compressEntry(name, bytes, this.codec, time);
    } else {
      current = compressChunks(name, asBytes(content), this.codec, time);
      // The same size and CRC as the file's part: the same content, so the file's own bytes are kept.
      if (this.keptAsInFile(key, current)) return;
    }
    this.put(key, part, current);
    if (typeof content === 'string') this.texts.set(key, content);
    else this.texts.delete(key);
  }

  /**
   * Sets a large part from its pieces as `set` does, but with a codec that deflates off this thread
   * (Node's zlib) each piece is deflated while the next is made, and this part's last pieces while the
   * next part is. Resolves once every piece is handed over; `settle` waits for the compressed bytes.
   * At most IN_FLIGHT pieces are being deflated at once, so the pieces made are let go of as they go.
   */
  async setLater(part: string, content: Iterable<string | Uint8Array>): Promise<void> {
    const later = this.codec.deflateChunksLater;
    if (!later) return this.set(part, content);
    const key = partKey(part);
    const slot = this.slots.get(key);
    const time = slot?.original ? { dosTime: slot.original.dosTime, dosDate: slot.original.dosDate } : FIXED_DOS_TIME;
    const made = await compressChunksLater(slot?.name ?? normalisePart(part), asBytes(content), later, this.room, time);
    this.texts.delete(key);
    if (this.keptAsInFile(key, made.entry)) return;
    this.pending.set(made.entry, made.done);
    this.put(key, part, made.entry);
  }

  /**
   * Sets a part from content deflated elsewhere (a worker, with the same pieces and level as
   * `setLater`, so the same bytes): raw deflate with the CRC and size of the content. As `set`, content
   * with the file's size and CRC keeps the file's own bytes.
   */
  setDeflated(part: string, deflated: { data: Uint8Array; crc: number; size: number }): void {
    const key = partKey(part);
    const slot = this.slots.get(key);
    const time = slot?.original ? { dosTime: slot.original.dosTime, dosDate: slot.original.dosDate } : FIXED_DOS_TIME;
    const entry: ZipEntry = { name: slot?.name ?? normalisePart(part), method: 8, ...deflated, ...time, flags: 0 };
    this.texts.delete(key);
    if (this.keptAsInFile(key, entry)) return;
    this.put(key, part, entry);
  }

  /** Pieces being deflated now, oldest first, across parts. */
  private readonly inFlight: Promise<unknown>[] = [];

  private readonly room = async (piece: Promise<unknown>): Promise<void> => {
    this.inFlight.push(piece);
    // A piece that failed fails its part (in `settle`); here it only makes room.
    while (this.inFlight.length > IN_FLIGHT) await this.inFlight.shift()!.catch(() => undefined);
  };

  /** When new content has the file's size and CRC, it is the file's content: the file's own bytes are kept. */
  private keptAsInFile(key: string, entry: ZipEntry): boolean {
    const slot = this.slots.get(key);
    if (!slot?.original || slot.original.size !== entry.size || slot.original.crc !== entry.crc) return false;
    slot.current = slot.original;
    this.texts.delete(key);
    return true;
  }

  private put(key: string, part: string, current: ZipEntry): void {
    const slot = this.slots.get(key);
    if (slot) slot.current = current;
    else {
      this.slots.set(key, {
        name: normalisePart(part),
        original: null,
        current,
      });
      this.order.push(key);
    }
  }

  private sameAsFile(entry: ZipEntry, key: string, content: string | Uint8Array, bytes: Uint8Array): boolean {
    const cached = this.texts.get(key);
    if (cached !== undefined && typeof content === 'string' && this.slots.get(key)!.current === entry)
      return cached === content;
    if (entry.size !== bytes.length) return false;
    const original = inflateEntry(entry, this.codec);
    for (let i = 0; i < bytes.length; i++) if (original[i] !== bytes[i]) return false;
    return true;
  }

  remove(part: string): void {
    const key = partKey(part);
    if (!this.slots.delete(key)) return;
    this.order.splice(this.order.indexOf(key), 1);
    this.texts.delete(key);
  }

  /** Parts whose content differs from the file that was opened (new parts included). */
  changedParts(): string[] {
    return this.order
      .filter((k) => this.slots.get(k)!.current !== this.slots.get(k)!.original)
      .map((k) => normalisePart(this.slots.get(k)!.name));
  }

  /** A free part name like "xl/worksheets/sheet7.xml" (numbered past every existing one). */
  freePartName(prefix: string, extension: string): string {
    for (let n = 1; ; n++) {
      const name = `${prefix}${n}${extension}`;
      if (!this.has(name)) return name;
    }
  }

  /** A way back to the package as it is now: a write that fails half-way leaves nothing behind. */
  checkpoint(): () => void {
    const slots = new Map([...this.slots].map(([k, v]) => [k, { ...v }]));
    const order = [...this.order];
    return () => {
      this.slots.clear();
      for (const [k, v] of slots) this.slots.set(k, v);
      this.order.splice(0, this.order.length, ...order);
      this.texts.clear();
      // Parts set since the checkpoint are gone; whatever is still compressing for them no longer counts.
      const kept = new Set([...slots.values()].map((s) => s.current));
      for (const entry of [...this.pending.keys()]) if (!kept.has(entry)) this.pending.delete(entry);
    };
  }

  /**
   * Waits for every part still being compressed off this thread. Parts set from chunks with a codec
   * that deflates later (Node's zlib) are only complete, readable and writable after this.
   */
  async settle(): Promise<void> {
    const waiting = [...this.pending.values()];
    try {
      await Promise.all(waiting);
    } finally {
      this.pending.clear();
    }
  }

  toBytes(): Uint8Array {
    if (this.pending.size > 0)
      throw new Error('parts are still being compressed: settle() the package before writing it');
    return writeZip(
      this.order.map((key) => ({
        name: this.slots.get(key)!.name,
        entry: this.slots.get(key)!.current,
      })),
    );
  }
}
