// Entry points of the ui feature (simple triggers, the sidebar menu item); main.ts re-exports them.
import { claimInstaller } from "../platform/guard";
import { langOfLocale, userLang } from "../platform/locale";
import { buildMenu } from "./menu";

/**
 * Simple trigger. In AuthMode.NONE (add-on not yet enabled in this document) properties are off limits,
 * so the language comes from the locale alone.
 */
export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  const limited = e && e.authMode === ScriptApp.AuthMode.NONE;
  buildMenu(limited ? langOfLocale(Session.getActiveUserLocale()) : userLang());
}

/**
 * Runs when a user installs the add-on from this document (in AuthMode.FULL): records them as its
 * installer here (an owner until the role table says otherwise; never overwritten), then adds the menu.
 * https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle
 */
export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  claimInstaller();
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function menuOpenSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile("Sidebar").setTitle("Sheet CRM");
  SpreadsheetApp.getUi().showSidebar(html);
}
