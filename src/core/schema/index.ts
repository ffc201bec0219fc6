export * from "./types";
export * from "./sheets";
export * from "./headers";
export * from "./options";
