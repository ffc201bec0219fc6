// Entry points of the notify feature (menu handlers, trigger handlers, server functions); main.ts re-exports them.
export {};
