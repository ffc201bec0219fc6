// Entry points of the ui feature (simple triggers, the sidebar menu item); main.ts re-exports them.
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

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as unknown as GoogleAppsScript.Events.SheetsOnOpen);
}

export function menuOpenSidebar(): void {
  const html = HtmlService.createHtmlOutputFromFile("Sidebar").setTitle("Sheet CRM");
  SpreadsheetApp.getUi().showSidebar(html);
}
