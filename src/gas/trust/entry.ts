// Entry points of the trust feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
export {};
