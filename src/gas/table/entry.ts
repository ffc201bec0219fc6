// Entry points of the table feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
export { menuSetUp, menuValidateAll, menuFixSafe, menuClearProblemMarks } from "./menu-handlers";
export { setUpSheets } from "./setup";
export { validateAll, clearProblemMarks } from "./problems";
export { previewFixes, applyFixes } from "./fixes";
export { importStage, importPreview, importCommit } from "./import";
export { exportView } from "./export";
export { getCustomColumnTypes, setCustomColumnTypes } from "./settings";
