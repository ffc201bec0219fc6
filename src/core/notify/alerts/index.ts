export * from "./types";
export * from "./settings";
export * from "./evaluate";
export * from "./plan";
export * from "./alert-log";
export * from "./deliveries";
export * from "./render";
