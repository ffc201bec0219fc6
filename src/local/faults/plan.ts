import type { Random } from "../random";

/** One injected fault. Call numbers count the bundle's service calls from the job's start (1 = first). */
export type Fault =
  | { readonly kind: "time-limit"; readonly atCall: number }
  /**
   * Apps Script's 6-minute cut at a call, then the job's next run (the hourly dispatcher's retry, or the
   * user running it again) must finish it: nothing lost, nothing done twice, nothing half written.
   */
  | { readonly kind: "cut-resume"; readonly atCall: number }
  | { readonly kind: "lock-contention" }
  | { readonly kind: "mail-quota"; readonly remaining: number }
  | { readonly kind: "sheet-renamed"; readonly sheet: string; readonly to: string; readonly atCall: number }
  | { readonly kind: "sheet-deleted"; readonly sheet: string; readonly atCall: number }
  | {
      readonly kind: "row-inserted";
      readonly sheet: string;
      readonly beforeRow: number;
      readonly atCall: number;
    }
  | { readonly kind: "trigger-twice" };

export const FAULT_KINDS: readonly Fault["kind"][] = [
  "time-limit",
  "cut-resume",
  "lock-contention",
  "mail-quota",
  "sheet-renamed",
  "sheet-deleted",
  "row-inserted",
  "trigger-twice",
];

/**
 * A fault for run `index` of a job whose clean run made `calls` service calls on sheets with `rows` data
 * rows each. Kinds rotate from `firstKind` so every kind is injected for every job given enough runs;
 * the call, sheet and row are random.
 */
export function planFault(
  rnd: Random,
  index: number,
  firstKind: number,
  calls: number,
  sheets: ReadonlyMap<string, number>,
): Fault {
  const kind = FAULT_KINDS[(index + firstKind) % FAULT_KINDS.length];
  const atCall = rnd.int(1, Math.max(1, calls));
  const names = [...sheets.keys()];
  const sheet = rnd.pick(names);
  switch (kind) {
    case "time-limit":
    case "cut-resume":
      return { kind, atCall };
    case "lock-contention":
    case "trigger-twice":
      return { kind };
    case "mail-quota":
      return { kind, remaining: rnd.int(0, 2) };
    case "sheet-renamed":
      return { kind, sheet, to: `${sheet} (renamed)`, atCall };
    case "sheet-deleted":
      return { kind, sheet, atCall };
    case "row-inserted":
      return { kind, sheet, beforeRow: rnd.int(2, Math.max(2, (sheets.get(sheet) ?? 0) + 1)), atCall };
  }
}

export function describeFault(f: Fault): string {
  switch (f.kind) {
    case "time-limit":
      return `time limit at call ${f.atCall}`;
    case "cut-resume":
      return `cut at call ${f.atCall}, then resumed`;
    case "lock-contention":
      return "lock held by another job";
    case "mail-quota":
      return `mail quota ${f.remaining} left`;
    case "sheet-renamed":
      return `"${f.sheet}" renamed at call ${f.atCall}`;
    case "sheet-deleted":
      return `"${f.sheet}" deleted at call ${f.atCall}`;
    case "row-inserted":
      return `row inserted in "${f.sheet}" before row ${f.beforeRow} at call ${f.atCall}`;
    case "trigger-twice":
      return "trigger fired twice";
  }
}
