export * from "./customer-ids";
