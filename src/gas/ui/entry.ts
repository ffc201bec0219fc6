import type { SessionInfo } from "../../shared/ui";
import { currentUser, langOfLocale, spreadsheetTimeZone, userLang } from "../platform/locale";
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

export function getSessionInfo(): SessionInfo {
  return {
    user: currentUser(),
    lang: userLang(),
    timeZone: spreadsheetTimeZone(),
    spreadsheetName: SpreadsheetApp.getActive().getName(),
  };
}
