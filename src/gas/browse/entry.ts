// Entry points of the browse feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
export {};
