import { isDate, newDate, type Realm } from "./realm";

export type TimeInput = string | number | Date;

export function toMs(t: TimeInput): number {
  const ms = isDate(t) ? t.getTime() : typeof t === "number" ? t : Date.parse(t);
  if (!Number.isFinite(ms)) throw new Error(`not a time: ${String(t)}`);
  return ms;
}

/** The emulated "now": it only moves when a test sets or advances it (or Utilities.sleep runs). */
export class Clock {
  private ms: number;

  constructor(
    start: TimeInput,
    private readonly realm: Realm,
  ) {
    this.ms = toMs(start);
  }

  /** Now, as a Date of the bundle's realm. */
  now(): Date {
    return newDate(this.realm, this.ms);
  }

  nowMs(): number {
    return this.ms;
  }

  set(t: TimeInput): void {
    this.ms = toMs(t);
  }

  advance(ms: number): void {
    if (!(ms >= 0)) throw new Error(`the clock only moves forward (got ${ms} ms)`);
    this.ms += ms;
  }
}
