// Sets of small integers (objective indexes) as bit chunks: 1,024 bits a chunk, only the chunks in
// use. An item reaches the objectives of its own part of the tree, so in a portfolio of many
// workbooks its reach touches a few chunks, not one word per objective of the whole portfolio.
const CHUNK_BITS = 1024;
const CHUNK_WORDS = CHUNK_BITS / 32;

export class ChunkedBits {
  private readonly chunks = new Map<number, Uint32Array>();

  add(i: number): void {
    const c = Math.floor(i / CHUNK_BITS);
    let words = this.chunks.get(c);
    if (!words) this.chunks.set(c, (words = new Uint32Array(CHUNK_WORDS)));
    const bit = i % CHUNK_BITS;
    words[bit >>> 5] |= 1 << (bit & 31);
  }

  or(other: ChunkedBits): void {
    for (const [c, from] of other.chunks) {
      const into = this.chunks.get(c);
      if (!into) this.chunks.set(c, from.slice());
      else for (let w = 0; w < CHUNK_WORDS; w++) into[w] |= from[w];
    }
  }

  /** Every member, in increasing order. */
  forEach(visit: (i: number) => void): void {
    for (const c of [...this.chunks.keys()].sort((a, b) => a - b)) {
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

  /** A string equal for equal sets: for sharing one result among items that reach the same objectives. */
  key(): string {
    const parts: string[] = [];
    for (const c of [...this.chunks.keys()].sort((a, b) => a - b)) {
      const words = this.chunks.get(c)!;
      let any = false;
      for (let w = 0; w < CHUNK_WORDS && !any; w++) any = words[w] !== 0;
      if (any) parts.push(`${c}:${words.join(',')}`);
    }
    return parts.join(';');
  }
}
