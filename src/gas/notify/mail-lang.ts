import type { Lang } from "../../core/schema/types";
import { langOfLocale } from "../platform/locale";
import { getDocumentJson } from "../platform/properties";

/**
 * The spreadsheet's language, for mails and the report sheet where the notify settings say "auto": the
 * add-on language chosen for this document when one was (the same "ui" setting userLang reads), else the
 * spreadsheet's own locale (File › Settings; "zh_CN" → zh-CN), which, unlike the user's locale, is the same
 * for the hourly job, an edit trigger and whoever opens the menu
 * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getspreadsheetlocale).
 */
export function bookLang(): Lang {
  const chosen = getDocumentJson<{ lang?: Lang }>("ui", {}).lang;
  if (chosen === "en" || chosen === "zh-CN") return chosen;
  return langOfLocale(SpreadsheetApp.getActive().getSpreadsheetLocale());
}
