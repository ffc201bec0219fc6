import type { Lang } from "../../core/schema/types";
import { getDocumentJson } from "./properties";

/** The add-on language: the document setting when set, else the user's locale (zh* → zh-CN). */
export function userLang(): Lang {
  const chosen = getDocumentJson<{ lang?: Lang }>("ui", {}).lang;
  if (chosen === "en" || chosen === "zh-CN") return chosen;
  return langOfLocale(Session.getActiveUserLocale());
}

export function langOfLocale(locale: string): Lang {
  return /^zh/i.test(locale || "") ? "zh-CN" : "en";
}

/** Dates in the sheet are read and counted in the spreadsheet's zone, not the script's. */
export function spreadsheetTimeZone(): string {
  return SpreadsheetApp.getActive().getSpreadsheetTimeZone();
}

/** The signed-in user's e-mail ('' when Apps Script hides it, e.g. in simple triggers of consumer accounts). */
export function currentUser(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail() || "";
}
