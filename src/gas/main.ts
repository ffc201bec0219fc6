/**
 * The one file whose exports Apps Script sees: build.mjs turns each export into a real top-level
 * function in dist/Code.js. Each feature keeps its entry points in its own entry.ts.
 */
export * from "./ui/entry";
export { onEdit, handleEdit } from "./edit-router";
export * from "./table/entry";
export * from "./classify/entry";
export * from "./notify/entry";
export * from "./trust/entry";
export * from "./analysis/entry";
export * from "./browse/entry";
