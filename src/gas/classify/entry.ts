// Entry points of the classify feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
export {};
