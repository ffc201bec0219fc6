export * from "./neutralise";
export * from "./export-view";
