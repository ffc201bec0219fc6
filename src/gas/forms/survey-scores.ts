// The survey answers' NPS scores for the weekly report, read from the intake tab (Feedback has no NPS
// column): every survey submission with a score, whatever became of it, dated in the spreadsheet's zone.
import { cellDayReader } from "../../core/calendar";
import type { SurveyScore } from "../../core/intake/satisfaction";
import { readIntake } from "./intake-tab";

export function surveyScores(timeZone: string): SurveyScore[] {
  const dayOf = cellDayReader(timeZone);
  return readIntake()
    .filter((e) => e.form === "survey" && e.nps !== null)
    .map((e) => ({ day: dayOf(e.receivedAt), nps: e.nps! }))
    .filter((s) => s.day === s.day);
}
