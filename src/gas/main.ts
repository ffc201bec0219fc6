/**
 * The one file whose exports Apps Script sees: build.mjs turns each export into a real top-level
 * function in dist/Code.js. Each feature keeps its entry points in its own entry.ts.
 */
export * from "./ui/entry";
export { onEdit } from "./edit-router";
