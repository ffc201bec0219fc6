export * from "./decode-text";
export * from "./parse-csv";
export * from "./read-xlsx";
export * from "./load-table-file";
export * from "./plan-import";
export * from "./utf8-size";
export * from "./caps";
export * from "./zip-archive";
