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
  /**
   * Two small integers per slot, side by side: the first hash and index + 1 (0 = empty). The second hash
   * is kept per index (`second`), read only when the first matches. Plain arrays of small integers, not
   * typed arrays: the table lives while the cells are read and dies with them, and V8 starts a full
   * collection of the whole heap (the sheet's million cells) each time 64 MB of typed-array memory has
   * been allocated since the last one — the book's columns come close to that alone. On the heap the
   * table costs one fill, and the collector only sweeps it.
   */
  private table: number[] = [];
  private second: number[] = [];

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
    const { mask, table, second } = this;
    let at = ((a ^ (b >>> 7)) & mask) * 2;
    for (;;) {
      const k = table[at + 1];
      if (k === 0) break;
      if (table[at] === a && second[k - 1] === b && (!this.exact || this.names[k - 1] === s)) {
        this.lastString = s;
        this.lastIndex = k - 1;
        return k - 1;
      }
      at = at + 2 > mask * 2 ? 0 : at + 2;
    }
    const index = this.names.length;
    if (!add) return index;
    this.names.push(s);
    table[at] = a;
    table[at + 1] = index + 1;
    second[index] = b;
    if (this.names.length * 2 > mask) this.resize((mask + 1) * 2);
    this.lastString = s;
    this.lastIndex = index;
    return index;
  }

  private resize(capacity: number): void {
    const old = this.table;
    const oldSecond = this.second;
    this.mask = capacity - 1;
    const table = new Array<number>(capacity * 2).fill(0);
    // At most half the slots are filled before the table grows again.
    const second = new Array<number>(capacity / 2 + 1).fill(0);
    for (let k = 0; k < oldSecond.length && k < second.length; k++) second[k] = oldSecond[k];
    for (let from = 0; from < old.length; from += 2) {
      const k = old[from + 1];
      if (k === 0) continue;
      let to = ((old[from] ^ (second[k - 1] >>> 7)) & this.mask) * 2;
      while (table[to + 1] !== 0) to = to + 2 > this.mask * 2 ? 0 : to + 2;
      table[to] = old[from];
      table[to + 1] = k;
    }
    this.table = table;
    this.second = second;
  }
}
