// Sets of small integers (objective indexes) as bit chunks: 1,024 bits a chunk, only the chunks in
// use. An item reaches the objectives of its own part of the tree, so in a portfolio of many
// workbooks its reach touches a few chunks, not one word per objective of the whole portfolio.
const CHUNK_BITS = 1024;
const CHUNK_WORDS = CHUNK_BITS / 32;

export class ChunkedBits {
  private readonly chunks = new Map<number, Uint32Array>();
  /** The chunk numbers in increasing order, kept as chunks are added (there are few). */
  private readonly order: number[] = [];
  /** hash() as last computed; undefined once a member is added. */
  private hashed: number | undefined;

  add(i: number): void {
    this.hashed = undefined;
    const c = Math.floor(i / CHUNK_BITS);
    let words = this.chunks.get(c);
    if (!words) this.addChunk(c, (words = new Uint32Array(CHUNK_WORDS)));
    const bit = i % CHUNK_BITS;
    words[bit >>> 5] |= 1 << (bit & 31);
  }

  or(other: ChunkedBits): void {
    this.hashed = undefined;
    for (const c of other.order) {
      const from = other.chunks.get(c)!;
      const into = this.chunks.get(c);
      if (!into) this.addChunk(c, from.slice());
      else for (let w = 0; w < CHUNK_WORDS; w++) into[w] |= from[w];
    }
  }

  /** Every member, in increasing order. */
  forEach(visit: (i: number) => void): void {
    for (const c of this.sortedChunks()) {
      const words = this.chunks.get(c)!;
      for (let w = 0; w < CHUNK_WORDS; w++) {
        let word = words[w];
        while (word !== 0) {
          const bit = 31 - Math.clz32(word & -word);
          word &= word - 1;
          visit(c * CHUNK_BITS + (w << 5) + bit);
        }
      }
    }
  }

  /** Every member also in `mask`, in increasing order. */
  forEachIn(mask: ChunkedBits, visit: (i: number) => void): void {
    for (const c of this.sortedChunks()) {
      const words = this.chunks.get(c)!;
      const allowed = mask.chunks.get(c);
      if (!allowed) continue;
      for (let w = 0; w < CHUNK_WORDS; w++) {
        let word = words[w] & allowed[w];
        while (word !== 0) {
          const bit = 31 - Math.clz32(word & -word);
          word &= word - 1;
          visit(c * CHUNK_BITS + (w << 5) + bit);
        }
      }
    }
  }

  /** The first `max` members, in increasing order. */
  first(max: number): number[] {
    const found: number[] = [];
    for (const c of this.sortedChunks()) {
      const words = this.chunks.get(c)!;
      for (let w = 0; w < CHUNK_WORDS; w++) {
        let word = words[w];
        while (word !== 0) {
          if (found.length >= max) return found;
          const bit = 31 - Math.clz32(word & -word);
          word &= word - 1;
          found.push(c * CHUNK_BITS + (w << 5) + bit);
        }
      }
    }
    return found;
  }

  /** How many members. */
  size(): number {
    let n = 0;
    for (const words of this.chunks.values())
      for (let w = 0; w < CHUNK_WORDS; w++) {
        let word = words[w];
        while (word !== 0) {
          word &= word - 1;
          n++;
        }
      }
    return n;
  }

  /**
   * A number equal for equal sets (and mostly different for different ones): for sharing one result
   * among items that reach the same objectives without building a key string per item.
   */
  hash(): number {
    if (this.hashed !== undefined) return this.hashed;
    let h = 0x811c9dc5;
    for (const c of this.sortedChunks()) {
      const words = this.chunks.get(c)!;
      for (let w = 0; w < CHUNK_WORDS; w++) {
        if (words[w] === 0) continue;
        h = Math.imul(h ^ (c * CHUNK_WORDS + w), 0x01000193);
        h = Math.imul(h ^ words[w], 0x01000193);
      }
    }
    return (this.hashed = h >>> 0);
  }

  /** The same members (chunks that hold none count as absent). */
  equals(other: ChunkedBits): boolean {
    return this.within(other) && other.within(this);
  }

  private within(other: ChunkedBits): boolean {
    for (const c of this.order) {
      const words = this.chunks.get(c)!;
      const theirs = other.chunks.get(c);
      for (let w = 0; w < CHUNK_WORDS; w++)
        if (words[w] !== 0 && (theirs === undefined || (words[w] & ~theirs[w]) !== 0)) return false;
    }
    return true;
  }

  private sortedChunks(): readonly number[] {
    return this.order;
  }

  private addChunk(c: number, words: Uint32Array): void {
    this.chunks.set(c, words);
    let at = this.order.length;
    while (at > 0 && this.order[at - 1] > c) at--;
    this.order.splice(at, 0, c);
  }
}
