// Entry points of the analysis feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
import type { AnalysisApi } from "../../shared/analysis";
import { serverFunction } from "../platform/guard";
import { menuRunAnalysis } from "./run-analysis";
import { analysisDto, compareGroupsOf, comparePeriodsOf } from "./server";
import { loadAnalysisSettings, storeAnalysisSettings } from "./settings-store";

// The menu job checks "run-jobs" inside runJob, before the lock is taken. Server functions take their
// permission from SERVER_FUNCTION_PERMISSIONS (src/shared/trust.ts), the table the role tests check.
export { menuRunAnalysis };
export const getAnalysis: AnalysisApi["getAnalysis"] = serverFunction("getAnalysis", analysisDto);
export const comparePeriods: AnalysisApi["comparePeriods"] = serverFunction(
  "comparePeriods",
  comparePeriodsOf,
);
export const compareSegments: AnalysisApi["compareSegments"] = serverFunction(
  "compareSegments",
  compareGroupsOf,
);
export const getAnalysisSettings: AnalysisApi["getAnalysisSettings"] = serverFunction(
  "getAnalysisSettings",
  loadAnalysisSettings,
);
export const saveAnalysisSettings: AnalysisApi["saveAnalysisSettings"] = serverFunction(
  "saveAnalysisSettings",
  storeAnalysisSettings,
);
