// Entry points of the analysis feature (menu handlers); main.ts re-exports them. Its server functions are
// bound with their permission and audit in src/gas/server-functions.ts.
// The menu job checks "run-jobs" inside runJob, before the lock is taken; so does the private export.
export { menuRunAnalysis } from "./run-analysis";
export { analysisExport_ } from "./export";
