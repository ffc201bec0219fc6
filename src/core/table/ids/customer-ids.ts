import { isBlank } from "../parse";

/** An empty sheet's first ID is C000001: "C" and six digits. */
const DEFAULT_PATTERN: IdPattern = { prefix: "C", width: 6 };

/** Longest numeric suffix counted: 15 digits stay exact in a double (2^53 ≈ 9.007e15), so n + 1 ≠ n. */
const MAX_SUFFIX_DIGITS = 15;

/** How a sheet writes its customer IDs: the text before the number, and the digits it pads the number to. */
export interface IdPattern {
  readonly prefix: string;
  /** Digits the number is zero-padded to ("C00300" → 5; "42" → 1, no padding). */
  readonly width: number;
}

/** An ID split into its prefix and numeric suffix, or null when it ends in no usable number. */
interface SplitId {
  readonly prefix: string;
  readonly digits: string;
  readonly n: number;
}

/**
 * Splits "KH-0099" into "KH-" and "0099" (99). Null when the ID has no trailing digits or more than
 * MAX_SUFFIX_DIGITS of them (a typed "C99999999999999999999" would otherwise stop the count: past 2^53,
 * n + 1 is n, and every new customer would get the same ID). One scan from the end: the pattern
 * /(\d+)\s*$/ retried every start in a long run of digits (quadratic).
 */
function splitId(id: unknown): SplitId | null {
  const text = String(id).trim();
  let start = text.length;
  while (start > 0 && text[start - 1] >= "0" && text[start - 1] <= "9") start--;
  const digits = text.slice(start);
  if (digits.length === 0 || digits.length > MAX_SUFFIX_DIGITS) return null;
  return { prefix: text.slice(0, start), digits, n: Number(digits) };
}

/** The most frequent key of a tally; ties go to the key seen last (the sheet's latest convention). */
function mostCommon<K>(counts: ReadonlyMap<K, { count: number; last: number }>): K | undefined {
  let best: K | undefined;
  let score = { count: -1, last: -1 };
  for (const [k, s] of counts)
    if (s.count > score.count || (s.count === score.count && s.last > score.last)) {
      best = k;
      score = s;
    }
  return best;
}

function tally<K>(map: Map<K, { count: number; last: number }>, key: K, at: number): void {
  const s = map.get(key);
  if (s) {
    s.count++;
    s.last = at;
  } else map.set(key, { count: 1, last: at });
}

/**
 * The pattern a sheet's IDs follow: the most common prefix ("C", "KH-", "" for bare numbers), and the
 * width its zero-padded IDs share most often (001 → 3; no padded ID → no padding). IDs ending in no number
 * are ignored; a sheet without any numbered ID gets C + 6 digits.
 */
export function idPattern(existing: Iterable<unknown>): IdPattern {
  const prefixes = new Map<string, { count: number; last: number }>();
  const split: SplitId[] = [];
  let at = 0;
  for (const id of existing) {
    at++;
    if (isBlank(id)) continue;
    const s = splitId(id);
    if (!s) continue;
    split.push(s);
    tally(prefixes, s.prefix, at);
  }
  const prefix = mostCommon(prefixes);
  if (prefix === undefined) return DEFAULT_PATTERN;
  // A padded number ("0099") shows the width; an unpadded one ("100") only that it outgrew it.
  const widths = new Map<number, { count: number; last: number }>();
  split.forEach((s, i) => {
    if (s.prefix === prefix && s.digits.length > 1 && s.digits[0] === "0") tally(widths, s.digits.length, i);
  });
  return { prefix, width: mostCommon(widths) ?? 1 };
}

/**
 * `count` new customer IDs in the sheet's own pattern (see {@link idPattern}): after C00300 comes C00301,
 * after 001 comes "002" (text), after KH-0099 comes KH-0100; the number grows past the width when it must
 * (C99999 → C100000). Numbering continues from the highest number with the pattern's prefix. Blank cells
 * are ignored; an empty sheet starts at C000001. IDs returned are distinct from each other and from every
 * existing ID (compared case-insensitively, spaces trimmed).
 */
export function nextCustomerIds(existing: Iterable<unknown>, count: number): string[] {
  const all = [...existing];
  const pattern = idPattern(all);
  let highest = 0;
  const taken = new Set<string>();
  for (const id of all) {
    if (isBlank(id)) continue;
    taken.add(String(id).trim().toUpperCase());
    const s = splitId(id);
    if (s && s.prefix === pattern.prefix) highest = Math.max(highest, s.n);
  }
  const ids: string[] = [];
  for (let n = highest + 1; ids.length < count; n++) {
    const id = pattern.prefix + String(n).padStart(pattern.width, "0");
    if (!taken.has(id.toUpperCase())) ids.push(id);
  }
  return ids;
}

/** Column positions the stamping needs (0-based; undefined when the sheet lacks the column). */
export interface StampColumns {
  readonly id?: number;
  readonly createdAt?: number;
  readonly updatedAt?: number;
}

/** New values for the stamp columns of the edited rows; each array is parallel to the edited rows. */
export interface StampPlan {
  readonly ids: readonly unknown[];
  readonly createdAt: readonly unknown[];
  readonly updatedAt: readonly unknown[];
  /** Rows that got a new ID. */
  readonly assigned: number;
}

/**
 * Stamps a block of edited Customers rows: rows with data but no CustomerID get the next free IDs (in row
 * order), CreatedAt is set once (kept when present), UpdatedAt is `now` for every row with data. Rows whose
 * every non-stamp cell is blank (a deleted row) keep their stamps as they were. `allIds` are the IDs of
 * the whole column (including the edited rows), so new IDs never collide with rows outside the block.
 */
export function planStamps(
  edited: readonly (readonly unknown[])[],
  columns: StampColumns,
  allIds: Iterable<unknown>,
  now: unknown,
): StampPlan {
  const stampIndexes = new Set([columns.id, columns.createdAt, columns.updatedAt]);
  const hasData = edited.map((row) => row.some((v, i) => !stampIndexes.has(i) && !isBlank(v)));
  const needing = edited.filter(
    (row, r) => hasData[r] && columns.id !== undefined && isBlank(row[columns.id]),
  );
  const fresh = nextCustomerIds(allIds, needing.length);
  let next = 0;
  const cell = (row: readonly unknown[], i: number | undefined) => (i === undefined ? "" : row[i]);
  const ids = edited.map((row, r) =>
    hasData[r] && isBlank(cell(row, columns.id)) && columns.id !== undefined
      ? fresh[next++]
      : cell(row, columns.id),
  );
  return {
    ids,
    createdAt: edited.map((row, r) =>
      hasData[r] && isBlank(cell(row, columns.createdAt)) ? now : cell(row, columns.createdAt),
    ),
    updatedAt: edited.map((row, r) => (hasData[r] ? now : cell(row, columns.updatedAt))),
    assigned: next,
  };
}
