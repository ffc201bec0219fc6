/**
 * Strings by index, read with `at` (an array of strings is one): what the book keeps of the OrderIDs,
 * hundreds of thousands of them, in CompactTexts.
 */
export interface TextList {
  readonly length: number;
  /** The string at `index`; undefined outside 0 … length − 1. */
  at(index: number): string | undefined;
}

/** Strings joined into one: a chunk holds 2^CHUNK_BITS of them. */
const CHUNK_BITS = 12;
const CHUNK = 1 << CHUNK_BITS;

/**
 * Strings kept few to an object: every 4,096 of them joined into one string, with where each ends in it.
 * A million-line book keeps every OrderID; as strings (the cells' own) they would be hundreds of thousands
 * of objects the garbage collector walks at every full collection for as long as the book lives, joined
 * they are a hundred. The strings are on the heap and only each chunk's small table of ends (16 KB) is a
 * typed array: while the cells are read, megabytes outside the heap bring on a full collection, which would
 * walk every cell of the sheet (see columnsOf in arena.ts).
 * `at` cuts a new string each time it is called.
 */
export class CompactTexts implements TextList {
  private readonly chunks: string[] = [];
  /** Where each entry of a chunk ends in it. */
  private readonly ends: Int32Array[] = [];
  /**
   * The strings of the chunk being filled, in one array reused chunk after chunk (entries past the
   * count are stale): a fresh array grown push by push would be garbage for every chunk.
   */
  private readonly pending: string[] = [];
  /** Where each pending string will end in its chunk, noted while the string is at hand. */
  private pendingEnds = new Int32Array(CHUNK);
  private count = 0;

  get length(): number {
    return this.count;
  }

  /** Appends `s` as the next entry. */
  push(s: string): void {
    const within = this.count & (CHUNK - 1);
    this.pending[within] = s;
    this.pendingEnds[within] = (within === 0 ? 0 : this.pendingEnds[within - 1]) + s.length;
    this.count++;
    if (within === CHUNK - 1) {
      this.ends.push(this.pendingEnds);
      this.pendingEnds = new Int32Array(CHUNK);
      this.chunks.push(this.pending.join(""));
    }
  }

  /** As Array.prototype.at: a fraction is truncated, a negative index counts from the end. */
  at(index: number): string | undefined {
    const i = Math.trunc(index) || 0;
    const k = i < 0 ? i + this.count : i;
    if (!(k >= 0 && k < this.count)) return undefined;
    const chunk = k >>> CHUNK_BITS;
    const within = k & (CHUNK - 1);
    if (chunk === this.chunks.length) return this.pending[within];
    const ends = this.ends[chunk];
    return this.chunks[chunk].slice(within === 0 ? 0 : ends[within - 1], ends[within]);
  }
}
