/** The element type of a column: 8-byte floats, 4-byte integers or bytes. */
export type ColumnKind = "f64" | "i32" | "u8";
type ArrayOf<K extends ColumnKind> = K extends "f64"
  ? Float64Array
  : K extends "i32"
    ? Int32Array
    : Uint8Array;

const WIDTH: Readonly<Record<ColumnKind, number>> = { f64: 8, i32: 4, u8: 1 };

/**
 * Zero-filled typed arrays for many columns, carved from ONE ArrayBuffer. V8 counts typed-array memory as
 * external memory and starts a full collection each time it grows by 64 MB more: ten 50 MB columns allocated
 * one by one next to a large heap (the rows getValues returned) cost several full collections of that heap,
 * one buffer of the same size at most one. Columns are 8-byte aligned by laying out the widest first.
 * A column of length 0 is still a valid (empty) view.
 */
export function columnsOf<S extends Record<string, readonly [ColumnKind, number]>>(
  spec: S,
): { [K in keyof S]: ArrayOf<S[K][0]> } {
  const names = Object.keys(spec).sort((a, b) => WIDTH[spec[b][0]] - WIDTH[spec[a][0]]);
  let bytes = 0;
  for (const name of names) bytes += WIDTH[spec[name][0]] * spec[name][1];
  const buffer = new ArrayBuffer(bytes);
  const out: Record<string, Float64Array | Int32Array | Uint8Array> = {};
  let offset = 0;
  for (const name of names) {
    const [kind, length] = spec[name];
    out[name] =
      kind === "f64"
        ? new Float64Array(buffer, offset, length)
        : kind === "i32"
          ? new Int32Array(buffer, offset, length)
          : new Uint8Array(buffer, offset, length);
    offset += WIDTH[kind] * length;
  }
  return out as { [K in keyof S]: ArrayOf<S[K][0]> };
}

/**
 * A `columnsOf` spec for several columns of one kind and length, named by `keys`: tables hold many columns
 * alike (one per customer measure), and listing them once lets the caller reuse the same key list.
 */
export function columnsLike<const K extends string, C extends ColumnKind>(
  kind: C,
  length: number,
  keys: readonly K[],
): Record<K, readonly [C, number]> {
  const spec = {} as Record<K, readonly [C, number]>;
  for (const key of keys) spec[key] = [kind, length];
  return spec;
}

/**
 * Each column cut to its first `n` entries (views, nothing copied; a null column stays null): the tables are
 * sized for every sheet row and filled for the non-blank ones.
 */
export function firstEntries<T extends Record<string, Float64Array | Int32Array | Uint8Array | null>>(
  columns: T,
  n: number,
): T {
  const out: Record<string, Float64Array | Int32Array | Uint8Array | null> = {};
  for (const name of Object.keys(columns)) out[name] = columns[name] && columns[name]!.subarray(0, n);
  return out as T;
}
