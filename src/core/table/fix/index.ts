export * from "./propose-fixes";
