// Entry points of the table feature (menu handlers); main.ts re-exports them. Its server functions are
// bound with their permission and audit in src/gas/server-functions.ts.
export { menuSetUp, menuValidateAll, menuFixSafe, menuClearProblemMarks } from "./menu-handlers";
export { menuSetupWizard } from "./wizard-menu";
