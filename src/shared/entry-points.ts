/**
 * Every name Apps Script calls in the bundle: simple triggers, installable-trigger and menu handlers, and
 * the server functions the sidebar calls. build.mjs fails when main.ts does not export one of them, so a
 * rename can never ship a broken menu, trigger or sidebar.
 */
import { ANALYSIS_HANDLERS } from "./analysis";
import { SERVER_FUNCTION_NAMES } from "./api";
import { BROWSE_HANDLERS } from "./browse";
import { CLASSIFY_HANDLERS } from "./classify";
import { NOTIFY_HANDLERS } from "./notify";
import { PRIVACY_HANDLERS } from "./privacy";
import { TABLE_HANDLERS } from "./table";
import { SWITCH_HANDLERS } from "./table-settings";
import { TRUST_HANDLERS } from "./trust";
import { FORMS_HANDLERS } from "./forms";
import { WEBAPP_HANDLERS } from "./webapp";

export const SIMPLE_TRIGGERS = ["onOpen", "onInstall", "onEdit"] as const;

export const HANDLER_NAMES: readonly string[] = [
  "menuOpenSidebar",
  "handleEdit",
  "handleDispatch",
  ...TABLE_HANDLERS,
  ...SWITCH_HANDLERS,
  ...CLASSIFY_HANDLERS,
  ...NOTIFY_HANDLERS,
  ...TRUST_HANDLERS,
  ...ANALYSIS_HANDLERS,
  ...BROWSE_HANDLERS,
  ...PRIVACY_HANDLERS,
  ...FORMS_HANDLERS,
];

/**
 * Menu and installable-trigger handlers (above) admit a caller Google hides only from one of the add-on's
 * triggers (gas/platform/entry-guard.ts); the web app's doGet/doPost serve anyone the deployment lets in.
 */
export const ENTRY_POINTS: readonly string[] = [
  ...SIMPLE_TRIGGERS,
  ...HANDLER_NAMES,
  ...WEBAPP_HANDLERS,
  ...SERVER_FUNCTION_NAMES,
];
