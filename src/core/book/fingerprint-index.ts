import { CompactTexts, type TextList } from "./text-list";

/** The two 32-bit hashes `fingerprint` gives, in a scratch pair so that a probe allocates nothing. */
const HASH = new Int32Array(2);

/** The fingerprint of `s`: two 32-bit hashes taken in one pass over its characters, into HASH. */
function fingerprint(s: string): void {
  let a = 0x811c9dc5 | 0;
  let b = s.length ^ 0x9e3779b9;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b + c, 0x5bd1e995) ^ (b >>> 15);
  }
  HASH[0] = a;
  HASH[1] = b;
}

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
 *
 * Strings met in ascending order (shorter first, then by UTF-16 code units: O9 before O10) need no table:
 * each is new, exactly, since it follows the greatest before it. IDs appended as a sheet fills (O1, O2, …;
 * SO-2024-00017…) come so, and a million lines of them then cost one comparison each, no hash and no
 * random read of a table of megabytes (on a virtual machine each first touch of a page of it costs
 * microseconds). The table is built once, from every string so far, when one arrives out of that order.
 */
export class FingerprintIndex {
  /** The first string met for each index; empty when `compact` (see list). */
  readonly names: string[] = [];
  /** When `compact`: the first string met for each index, as code units. */
  private readonly texts: CompactTexts | null;
  /** The greatest string so far while they come in ascending order. */
  private top = "";
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
  /** Whether every string so far came in ascending order (no table yet: see the class). */
  private ascending = true;
  /** When `exact`: every string's UTF-16 code units, one after the other. */
  private chars = new Uint16Array(0);
  private charsUsed = 0;

  /**
   * @param expected About how many distinct strings will come (the table is sized for it once).
   * @param exact Whether a fingerprint match is confirmed by comparing the characters themselves: exact, at
   *   the cost of keeping a copy of every distinct string's characters.
   * @param compact Whether the strings are kept as code units (CompactTexts) rather than as the strings
   *   given: many strings the caller keeps for long, as a book keeps its OrderIDs.
   */
  constructor(
    private readonly expected = 1024,
    private readonly exact = true,
    compact = false,
  ) {
    this.width = exact ? 3 : 1;
    this.texts = compact ? new CompactTexts() : null;
  }

  get size(): number {
    return this.texts ? this.texts.length : this.names.length;
  }

  /** The first string met for each index, by index. */
  get list(): TextList {
    return this.texts ?? this.names;
  }

  /** The index of `s`, or −1 when it was never given one. */
  find(s: string): number {
    const before = this.size;
    const k = this.id(s, false);
    return k < before ? k : -1;
  }

  /**
   * The index of `s`, assigning the next one when it is new (unless `add` is false: then the index it would
   * get, see find). Strings taken in ascending order are told apart exactly even when not `exact`.
   */
  id(s: string, add = true): number {
    // The lines of one order repeat their IDs back to back: the previous string is checked first.
    if (s === this.lastString && this.lastIndex >= 0) return this.lastIndex;
    if (this.ascending) {
      const { top, size } = this;
      if (size === 0 || s.length > top.length || (s.length === top.length && s > top)) {
        if (!add) return size;
        this.remember(s);
        this.top = s;
        this.lastString = s;
        this.lastIndex = size;
        return size;
      }
      this.buildTable();
    }
    fingerprint(s);
    const a = HASH[0];
    const b = HASH[1];
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
    const index = this.size;
    if (!add) return index;
    this.remember(s);
    this.place(at, a, b, index, s);
    if (this.size * 2 > mask) this.resize((mask + 1) * 2);
    this.lastString = s;
    this.lastIndex = index;
    return index;
  }

  /** Keeps `s` as the next index's string. */
  private remember(s: string): void {
    if (this.texts) this.texts.push(s);
    else this.names.push(s);
  }

  /** The table of every string so far, sized for `expected` or twice as many as there are. */
  private buildTable(): void {
    this.ascending = false;
    const { size, list } = this;
    this.resize(Math.max(1024, 2 ** Math.ceil(Math.log2(Math.max(this.expected, size) * 2))));
    for (let index = 0; index < size; index++) {
      const s = list.at(index)!;
      fingerprint(s);
      const a = HASH[0];
      const b = HASH[1];
      let at = ((a ^ (b >>> 7)) & this.mask) * 2;
      while (this.table[at + 1] !== 0) at = at + 2 > this.mask * 2 ? 0 : at + 2;
      this.place(at, a, b, index, s);
    }
  }

  /** Puts the string `s` of fingerprint (a, b) and index `index` at slot `at`. */
  private place(at: number, a: number, b: number, index: number, s: string): void {
    const table = this.table;
    table[at] = a;
    table[at + 1] = index + 1;
    const m = index * this.width;
    this.meta[m] = b;
    if (this.exact) this.keep(m, s);
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
