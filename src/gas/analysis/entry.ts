// Entry points of the analysis feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
import type { AnalysisApi } from "../../shared/analysis";
import { guarded } from "../platform/guard";
import { menuRunAnalysis } from "./run-analysis";
import { analysisDto, compareGroupsOf, comparePeriodsOf } from "./server";
import { loadAnalysisSettings, storeAnalysisSettings } from "./settings-store";

// The menu job checks "run-jobs" inside runJob, before the lock is taken.
export { menuRunAnalysis };
export const getAnalysis: AnalysisApi["getAnalysis"] = guarded("view", analysisDto);
export const comparePeriods: AnalysisApi["comparePeriods"] = guarded("view", comparePeriodsOf);
export const compareSegments: AnalysisApi["compareSegments"] = guarded("view", compareGroupsOf);
export const getAnalysisSettings: AnalysisApi["getAnalysisSettings"] = guarded("view", loadAnalysisSettings);
export const saveAnalysisSettings: AnalysisApi["saveAnalysisSettings"] = guarded(
  "manage-settings",
  storeAnalysisSettings,
);
