/**
 * Cell parsers shared by validation, fixes, import and other features (classification, CLI). Each is pure
 * and returns a tagged {@link ParseResult}; none throws on bad input.
 */
export * from "./result";
export * from "./date";
export * from "./amount";
export * from "./phone";
export * from "./email";
export * from "./scalars";
