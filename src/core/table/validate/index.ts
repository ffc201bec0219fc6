export * from "./messages";
export * from "./read-cell";
export * from "./validate-table";
export * from "./value-lists";
export * from "./enforcement";
