/**
 * Dictionary coding of a column: each distinct key gets a small integer, in order of first appearance, so
 * a column can be stored or grouped as integers without a per-cell object.
 */

/**
 * Fills `codes[i]` with the position in the returned dictionary of `keyOf(values[i])`, or -1 where
 * `keyOf` answers null (a cell that names nothing). Stops and answers null as soon as the dictionary would
 * hold more than `maxDistinct` keys (for a caller that falls back to another form).
 */
export function dictionaryCodes<V, K>(
  values: readonly V[],
  keyOf: (value: V) => K | null,
  codes: { [i: number]: number },
  maxDistinct = Infinity,
): K[] | null {
  const codeOf = new Map<K, number>();
  const dict: K[] = [];
  for (let i = 0; i < values.length; i++) {
    const key = keyOf(values[i]);
    if (key === null) {
      codes[i] = -1;
      continue;
    }
    let code = codeOf.get(key);
    if (code === undefined) {
      code = dict.length;
      if (code + 1 > maxDistinct) return null;
      dict.push(key);
      codeOf.set(key, code);
    }
    codes[i] = code;
  }
  return dict;
}
