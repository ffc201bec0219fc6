/** The customer table feature's pure core: parsers, validation, safe fixes, IDs, import and export. */
export * from "./a1";
export * from "./parse";
export * from "./validate";
export * from "./fix";
export * from "./ids";
export * from "./import";
export * from "./export";
