/**
 * Dense indexes (0, 1, 2, … in order of first sight) for strings met many times — CustomerIDs, OrderIDs,
 * products: a million lines, up to a few hundred thousand distinct — without a Map: each string's 64-bit
 * fingerprint (two 32-bit hashes taken in one pass over its characters) is looked up in an open-addressing
 * table of typed arrays. A Map probe of a fresh cell string hashes it in the runtime and chases three or
 * four pointers through the heap, and the Map's growth leaves large arrays behind for the garbage
 * collector; this table costs one typed-array probe and allocates nothing per line.
 *
 * Not `exact`, two different strings share an index with probability about n² / 2⁶⁵ for n distinct
 * strings (3 × 10⁻⁹ for 330,000 OrderIDs, 3 × 10⁻⁶ for 10 million).
 */
export class FingerprintIndex {
  /** The first string met for each index. */
  readonly names: string[] = [];
  private mask = 0;
  private lastString = "";
  private lastIndex = -1;
  /** Three Int32 per slot, side by side (one cache line per probe): hash a, hash b, index + 1 (0 = empty). */
  private table = new Int32Array(0);

  /**
   * @param expected About how many distinct strings will come (the table is sized for it once).
   * @param exact Whether a fingerprint match is confirmed by comparing the strings themselves: exact, at
   *   the cost of reading the stored string (a cache miss when there are hundreds of thousands).
   */
  constructor(
    expected = 1024,
    private readonly exact = true,
  ) {
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
    let a = 0x811c9dc5;
    let b = s.length ^ 0x9e3779b9;
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b + c, 0x5bd1e995) ^ (b >>> 15);
    }
    const { mask, table } = this;
    let at = ((a ^ (b >>> 7)) & mask) * 3;
    for (;;) {
      const k = table[at + 2];
      if (k === 0) break;
      if (table[at] === a && table[at + 1] === b && (!this.exact || this.names[k - 1] === s)) {
        this.lastString = s;
        this.lastIndex = k - 1;
        return k - 1;
      }
      at = at + 3 > mask * 3 ? 0 : at + 3;
    }
    const index = this.names.length;
    if (!add) return index;
    this.names.push(s);
    table[at] = a;
    table[at + 1] = b;
    table[at + 2] = index + 1;
    if (this.names.length * 2 > mask) this.resize((mask + 1) * 2);
    this.lastString = s;
    this.lastIndex = index;
    return index;
  }

  private resize(capacity: number): void {
    const old = this.table;
    this.mask = capacity - 1;
    const table = new Int32Array(capacity * 3);
    for (let from = 0; from < old.length; from += 3) {
      if (old[from + 2] === 0) continue;
      let to = ((old[from] ^ (old[from + 1] >>> 7)) & this.mask) * 3;
      while (table[to + 2] !== 0) to = to + 3 > this.mask * 3 ? 0 : to + 3;
      table[to] = old[from];
      table[to + 1] = old[from + 1];
      table[to + 2] = old[from + 2];
    }
    this.table = table;
  }
}
