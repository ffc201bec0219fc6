export * from "./neutralise";
export * from "./export-view";
export * from "./base64";
