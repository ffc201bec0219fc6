import type { Lang } from "../../core/schema/types";
import { langOfLocale } from "../platform/locale";
import { getDocumentJson } from "../platform/properties";

/**
 * The spreadsheet's language, for mails and the report sheet where the notify settings say "auto": the
 * add-on language chosen for this document when one was (the same "ui" setting userLang reads), else the
 * spreadsheet's own locale (File › Settings; "zh_CN" → zh-CN), which, unlike the user's locale, is the same
 * for the hourly job, an edit trigger and whoever opens the menu
 * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#getspreadsheetlocale).
 * `documentProperties`: all of them when the caller has just read them (saves a property read).
 */
export function bookLang(documentProperties?: Readonly<Record<string, string>>): Lang {
  const chosen = documentProperties
    ? parsedLang(documentProperties.ui)
    : getDocumentJson<{ lang?: Lang }>("ui", {}).lang;
  if (chosen === "en" || chosen === "zh-CN") return chosen;
  return langOfLocale(SpreadsheetApp.getActive().getSpreadsheetLocale());
}

/** The lang of a stored "ui" setting, if it parses. */
function parsedLang(raw: string | undefined): Lang | undefined {
  try {
    return raw ? (JSON.parse(raw) as { lang?: Lang }).lang : undefined;
  } catch {
    return undefined;
  }
}
