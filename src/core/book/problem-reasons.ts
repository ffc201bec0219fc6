import type { Localized } from "../schema/types";
import type { ProblemReason } from "./types";

/** Each finer problem reason in both languages, for messages that name why a cell was refused. */
export const PROBLEM_REASON_TEXT: Readonly<Record<ProblemReason, Localized>> = {
  "date-order": {
    en: "The date's day/month order conflicts with the column's: other dates of this column prove the other order. Write it as YYYY-MM-DD.",
    "zh-CN": "此日期的日/月顺序与本列其他日期相反（本列其他日期证明了另一种顺序）。请写成 YYYY-MM-DD。",
  },
};
