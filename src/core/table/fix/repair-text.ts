import type { ColumnType } from "../../schema/types";
import type { RepairStep } from "./fix-change";

/**
 * Characters nobody means to type that break a reading: zero-width space/joiners, word joiner, BOM, soft
 * hyphen, Mongolian vowel separator, and control characters other than tab and line breaks (which are
 * white space the parsers already skip).
 */
const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF\u00AD\u180E\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
/** Hyphen and dash look-alikes a phone or a date may be typed with (the full-width one folds by itself). */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63]/g;
/** The ideographic full stop, typed for "." by a Chinese input method left on. */
const FULL_STOP = /\u3002/g;
/** White space on either side of an address's "@" or "." (an address holds none). */
const EMAIL_SPACES = /\s*([@.])\s*/g;
/** Punctuation left after a phone number ("13812345678；"). */
const PHONE_TAIL = /[。，,；;、]+(?=\s*$)/;

/**
 * The longest cell repaired: longer than any cell a reading accepts (the longest, a plain number, is 400
 * characters), so a 50,000-character cell costs nothing and the patterns above never see long runs.
 */
export const MAX_REPAIR_CHARS = 400;

const DATES: ReadonlySet<ColumnType> = new Set(["date", "datetime"]);
const NUMBERS: ReadonlySet<ColumnType> = new Set(["integer", "number", "currency", "percent"]);

/** Whether a cell is meant as an e-mail address: an e-mail column, or an Owner given by address. */
function isAddress(type: ColumnType, text: string): boolean {
  return type === "email" || (type === "owner" && /[@＠]/.test(text));
}

interface Step {
  readonly name: RepairStep;
  readonly applies: (type: ColumnType, text: string) => boolean;
  readonly run: (text: string) => string;
}

/** The repairs, in the order they run; each only for the column types where it cannot change meaning. */
const STEPS: readonly Step[] = [
  { name: "invisible", applies: () => true, run: (s) => s.replace(INVISIBLE, "") },
  {
    name: "dashes",
    applies: (t) => t === "phone" || DATES.has(t) || NUMBERS.has(t),
    run: (s) => s.replace(DASHES, "-"),
  },
  {
    name: "full-stop",
    applies: (t, s) => isAddress(t, s) || DATES.has(t) || NUMBERS.has(t),
    run: (s) => s.replace(FULL_STOP, "."),
  },
  { name: "email-spaces", applies: isAddress, run: (s) => s.replace(EMAIL_SPACES, "$1") },
  { name: "trailing-punctuation", applies: (t) => t === "phone", run: (s) => s.replace(PHONE_TAIL, "") },
  { name: "trim", applies: () => true, run: (s) => s.trim() },
];

/** A repaired text and the steps that changed it. */
export interface Repair {
  readonly text: string;
  readonly steps: readonly RepairStep[];
}

/**
 * The text of a cell with the mechanical slips that stop it being read removed (see {@link RepairStep}),
 * or null when no repair changes it (or it is not text). Repairs only remove what cannot carry meaning in
 * a column of `type`: no digit, letter or sign is ever added, dropped or guessed. Cells longer than
 * {@link MAX_REPAIR_CHARS} are left. Whether the repaired text then reads is for the caller to check.
 */
export function repairText(type: ColumnType, value: unknown): Repair | null {
  if (typeof value !== "string" || value.length > MAX_REPAIR_CHARS) return null;
  let text = value;
  const steps: RepairStep[] = [];
  for (const step of STEPS) {
    if (!step.applies(type, text)) continue;
    const next = step.run(text);
    if (next !== text) steps.push(step.name);
    text = next;
  }
  // Trimming alone never repairs a problem (every reading trims): only real repairs count.
  return steps.some((s) => s !== "trim") ? { text, steps } : null;
}
