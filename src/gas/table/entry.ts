// Entry points of the table feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
import type { TableApi } from "../../shared/table";
import { serverFunction } from "../platform/guard";
import { parseImportFile as readImportFile } from "./parse-file";

export { menuSetUp, menuValidateAll, menuFixSafe, menuClearProblemMarks } from "./menu-handlers";
export { setUpSheets } from "./setup";
export { validateAll, clearProblemMarks } from "./problems";
export { previewFixes, applyFixes } from "./fixes";
export { importStage, importPreview, importCommit } from "./import";
// The permission comes from SERVER_FUNCTION_PERMISSIONS (src/shared/trust.ts), the table the role tests check.
export const parseImportFile: TableApi["parseImportFile"] = serverFunction("parseImportFile", readImportFile);
export { exportView } from "./export";
export { getCustomColumnTypes, setCustomColumnTypes } from "./settings";
