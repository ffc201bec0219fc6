/**
 * Set up's number formats and data validation as a resumable job: on a big book covering every column once
 * costs more than one execution may take (at 100,000 customers ~2.6M cells written, ~6 minutes under the
 * cost model), so the work goes in pieces of one column over at most MAX_PIECE_ROWS rows, checkpointed by
 * runResumable and continued by the hourly dispatcher (src/gas/scheduled-jobs.ts).
 *
 * A piece writes as it goes (unlike jobs that only compute in `step`): formats and rules are set, not
 * added, so a piece done twice (a run cut after the piece, before its checkpoint) changes nothing, and a
 * book paused between pieces has some columns covered and others not yet, which breaks nothing. What
 * is done is recorded per column (applied-rules.ts), so the plan made when the checkpoint runs out
 * (the last step plans again) also picks up columns a later Set up added.
 */
import { SHEETS, sheetSpec } from "../../core/schema/sheets";
import type { Lang } from "../../core/schema/types";
import { userLang } from "../platform/locale";
import type { ResumableJob } from "../platform/resumable";
import { findSheet } from "../platform/sheet-table";
import { applyPiece, planSheet, type RulePiece } from "./applied-rules";

export const SETUP_FORMATS_JOB = "setup-formats";

interface FormatsState {
  readonly pieces: readonly RulePiece[];
}

/** Every piece of format/validation work the canonical sheets still need (see planSheet). */
export function planFormats(lang: Lang, check: boolean): RulePiece[] {
  const out: RulePiece[] = [];
  for (const spec of SHEETS) {
    const sheet = findSheet(spec);
    if (sheet) out.push(...planSheet(spec, sheet, lang, check));
  }
  return out;
}

export const setupFormatsJob: ResumableJob<FormatsState> = {
  name: SETUP_FORMATS_JOB,
  permission: "manage-settings",
  begin: () => ({ pieces: planFormats(userLang(), false) }),
  step(state) {
    const pieces = state.pieces.length ? state.pieces : planFormats(userLang(), false);
    if (!pieces.length) return { state: { pieces: [] }, done: true };
    const [piece, ...rest] = pieces;
    applyPiece(sheetSpec(piece.spec), piece);
    return { state: { pieces: rest }, done: false };
  },
  finish: () => ({ rowsAffected: 0, detail: "number formats and data validation applied" }),
};
