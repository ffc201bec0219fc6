export * from "./messages";
export * from "./read-cell";
export * from "./validate-table";
