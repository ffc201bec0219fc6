export * from "./fix-change";
export * from "./fix-targets";
export * from "./propose-problem-fixes";
export * from "./propose-tidy";
export * from "./repair-text";
