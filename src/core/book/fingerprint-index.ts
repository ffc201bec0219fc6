/**
 * Dense indexes (0, 1, 2, … in order of first sight) for strings met many times — CustomerIDs, OrderIDs,
 * products: a million lines, up to a few hundred thousand distinct — without a Map: each string's 64-bit
 * fingerprint (two 32-bit hashes taken in one pass over its characters) is looked up in an open-addressing
 * table of typed arrays. A Map probe of a fresh cell string hashes it in the runtime and chases three or
 * four pointers through the heap, and the Map's growth leaves large arrays behind for the garbage
 * collector; this table costs one typed-array probe and allocates nothing per line.
 *
 * Not `exact`, two different strings share an index with probability about n² / 2⁶⁵ for n distinct
 * strings (3 × 10⁻⁹ for 330,000 OrderIDs, 3 × 10⁻⁶ for 10 million). `exact` confirms a fingerprint match
 * against a copy of the characters kept side by side in one typed array: a string met first far away on
 * the heap (a cell of another row) is not read again, which would cost a cache miss per lookup.
 */
export class FingerprintIndex {
  /** The first string met for each index. */
  readonly names: string[] = [];
  private mask = 0;
  private lastString = "";
  private lastIndex = -1;
  /**
   * The slots, two integers each side by side: the first hash and index + 1 of the string whose
   * fingerprint lands there (0 = empty), so a probe passing other strings' slots reads nothing else. What
   * else is known of each index sits in `meta`, `width` integers side by side: the second hash, and when
   * `exact` where the string's characters start in `chars` and how many there are. Typed arrays: zeroed
   * by the system page by page as they are touched, they cost nothing to allocate, and they stay off the
   * garbage collector's heap; kept small all the same, since such memory also brings on a full collection
   * of the heap (see columnsOf in arena.ts), which while the cells are read holds the sheet's rows.
   */
  private table = new Int32Array(0);
  private meta = new Int32Array(0);
  private readonly width: number;
  /** When `exact`: every string's UTF-16 code units, one after the other. */
  private chars = new Uint16Array(0);
  private charsUsed = 0;

  /**
   * @param expected About how many distinct strings will come (the table is sized for it once).
   * @param exact Whether a fingerprint match is confirmed by comparing the characters themselves: exact, at
   *   the cost of keeping a copy of every distinct string's characters.
   */
  constructor(
    expected = 1024,
    private readonly exact = true,
  ) {
    this.width = exact ? 3 : 1;
    this.resize(Math.max(1024, 2 ** Math.ceil(Math.log2(expected * 2))));
  }

  get size(): number {
    return this.names.length;
  }

  /** The index of `s`, or −1 when it was never given one. */
  find(s: string): number {
    const before = this.names.length;
    const k = this.id(s, false);
    return k < before ? k : -1;
  }

  /** The index of `s`, assigning the next one when it is new (unless `add` is false: then −1, see find). */
  id(s: string, add = true): number {
    // The lines of one order repeat their IDs back to back: the previous string is checked first.
    if (s === this.lastString && this.lastIndex >= 0) return this.lastIndex;
    let a = 0x811c9dc5 | 0;
    let b = s.length ^ 0x9e3779b9;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b + c, 0x5bd1e995) ^ (b >>> 15);
    }
    const { mask, table, meta } = this;
    let at = ((a ^ (b >>> 7)) & mask) * 2;
    for (;;) {
      const k = table[at + 1];
      if (k === 0) break;
      if (table[at] === a) {
        const m = (k - 1) * this.width;
        if (meta[m] === b && (!this.exact || this.holds(m, s))) {
          this.lastString = s;
          this.lastIndex = k - 1;
          return k - 1;
        }
      }
      at = at + 2 > mask * 2 ? 0 : at + 2;
    }
    const index = this.names.length;
    if (!add) return index;
    this.names.push(s);
    table[at] = a;
    table[at + 1] = index + 1;
    const m = index * this.width;
    meta[m] = b;
    if (this.exact) this.keep(m, s);
    if (this.names.length * 2 > mask) this.resize((mask + 1) * 2);
    this.lastString = s;
    this.lastIndex = index;
    return index;
  }

  /** Whether the characters kept at `meta[m …]` are those of `s`. */
  private holds(m: number, s: string): boolean {
    const from = this.meta[m + 1];
    if (this.meta[m + 2] !== s.length) return false;
    const chars = this.chars;
    for (let i = 0; i < s.length; i++) if (chars[from + i] !== s.charCodeAt(i)) return false;
    return true;
  }

  /** Copies the characters of `s` and notes where they are at `meta[m …]`. */
  private keep(m: number, s: string): void {
    const from = this.charsUsed;
    if (from + s.length > this.chars.length) {
      const grown = new Uint16Array(Math.max(4096, (from + s.length) * 2));
      grown.set(this.chars.subarray(0, from));
      this.chars = grown;
    }
    const chars = this.chars;
    for (let i = 0; i < s.length; i++) chars[from + i] = s.charCodeAt(i);
    this.meta[m + 1] = from;
    this.meta[m + 2] = s.length;
    this.charsUsed = from + s.length;
  }

  private resize(capacity: number): void {
    const old = this.table;
    const mask = capacity - 1;
    const table = new Int32Array(capacity * 2);
    // At most half the slots are filled before the table grows again.
    const meta = new Int32Array((capacity / 2 + 1) * this.width);
    meta.set(this.meta.subarray(0, Math.min(this.meta.length, meta.length)));
    for (let from = 0; from < old.length; from += 2) {
      const k = old[from + 1];
      if (k === 0) continue;
      const a = old[from];
      let at = ((a ^ (meta[(k - 1) * this.width] >>> 7)) & mask) * 2;
      while (table[at + 1] !== 0) at = at + 2 > mask * 2 ? 0 : at + 2;
      table[at] = a;
      table[at + 1] = k;
    }
    this.mask = mask;
    this.table = table;
    this.meta = meta;
  }
}
