// Entry points of the analysis feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
export {};
