export * from "./neutralise";
