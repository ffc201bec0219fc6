/**
 * Every name Apps Script calls in the bundle: simple triggers, installable-trigger handlers and the server
 * functions the sidebar calls. build.mjs fails when main.ts does not export one of them, so a rename can
 * never ship a broken menu, trigger or sidebar.
 */
import { SERVER_FUNCTION_NAMES } from "./api";

export const SIMPLE_TRIGGERS = ["onOpen", "onInstall", "onEdit"] as const;

/** Handlers of installable triggers and menu items (menu items call top-level functions by name). */
export const HANDLER_NAMES = ["menuOpenSidebar"] as const;

export const ENTRY_POINTS: readonly string[] = [
  ...SIMPLE_TRIGGERS,
  ...HANDLER_NAMES,
  ...SERVER_FUNCTION_NAMES,
];
