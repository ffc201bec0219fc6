/**
 * The one file whose exports Apps Script sees: build.mjs turns each export into a real top-level
 * function in dist/Code.js. The server functions (google.script.run) are bound in server-functions.ts;
 * each feature keeps its menu and trigger handlers in its own entry.ts.
 */
export * from "./server-functions";
export * from "./ui/entry";
export { onEdit, handleEdit } from "./edit-router";
export * from "./scheduled-jobs";
export * from "./switch-entry";
export * from "./table/entry";
export * from "./classify/entry";
export * from "./notify/entry";
export * from "./trust/entry";
export * from "./trust/privacy-entry";
export * from "./analysis/entry";
export * from "./forms/entry";
export { doGet, doPost } from "./webapp/entry";
// Called first by build.mjs's forwarder of every handler; a name ending in "_" is private to Apps Script.
export { admitHandler as admitHandler_ } from "./platform/entry-guard";
