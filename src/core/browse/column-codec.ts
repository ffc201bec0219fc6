import type { CellValue } from "./customer-index";
import { dictionaryCodes } from "./dictionary-codes";

/**
 * A column of cell values as compact text for a cache: repeated values (enum keys, regions, owners, dates)
 * are dictionary-encoded, the rest stored as they are. JSON, because JSON.parse is the fastest decoder an
 * Apps Script execution has.
 */
type Encoded =
  { readonly v: readonly CellValue[] } | { readonly d: readonly CellValue[]; readonly c: readonly number[] };

/** Dictionary form pays off once values repeat this often on average. */
const REPEATS_FOR_DICTIONARY = 3;

/** Encodes a column (see decodeColumn); null cells survive, numbers stay numbers. */
export function encodeColumn(values: readonly CellValue[]): string {
  const codes = new Array<number>(values.length);
  // Mostly distinct (names, e-mails): plain form; stop counting early.
  const dict = dictionaryCodes(values, (v) => v, codes, values.length / REPEATS_FOR_DICTIONARY);
  return JSON.stringify(dict ? { d: dict, c: codes } : { v: values });
}

/** The values encodeColumn encoded; throws on text it did not make. */
export function decodeColumn(text: string): CellValue[] {
  const parsed = JSON.parse(text) as Encoded;
  if ("v" in parsed && Array.isArray(parsed.v)) return parsed.v as CellValue[];
  if ("d" in parsed && Array.isArray(parsed.d) && Array.isArray(parsed.c)) {
    const { d, c } = parsed;
    const out = new Array<CellValue>(c.length);
    for (let i = 0; i < c.length; i++) out[i] = c[i] < 0 ? null : d[c[i]];
    return out;
  }
  throw new Error("not an encoded column");
}

/** 32-bit FNV-1a twice with different multipliers, as base 36: a short, stable key for long text. */
export function shortHash(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193) >>> 0;
    b = Math.imul(b ^ c, 0x85ebca6b) >>> 0;
  }
  return a.toString(36) + b.toString(36);
}
