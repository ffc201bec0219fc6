// Entry points of the table feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
export {};
