// Where the add-on's own tabs are, under either name (src/core/schema/system-tabs.ts). A new tab is named in
// the book's language (bookLang: the add-on language chosen for the document, else the spreadsheet's
// locale). An existing tab is never renamed, not even once when the language changes: the owner-only audit
// log and vault can be renamed only by the owner (a trigger or a manager's call would fail half way), a
// rename would break any formula or link a user points at the tab, and a book switched back and forth would
// be renamed each time. Nothing depends on the name: the audit chain knows its tabs by sheet id, backups
// restore onto a tab by id and then by either name, so an English-named tab in a Chinese book keeps working.
import {
  SYSTEM_TAB_NAMES,
  auditArchiveNumber,
  systemTabNames,
  type SystemTab,
} from "../../core/schema/system-tabs";
import { bookLang } from "../notify/mail-lang";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** System tab `tab` as it exists in the book, under either name (the English one first), or null. */
export function findSystemTab(tab: SystemTab): Sheet | null {
  const ss = SpreadsheetApp.getActive();
  for (const name of systemTabNames(tab)) {
    const sheet = ss.getSheetByName(name);
    if (sheet) return sheet;
  }
  return null;
}

/**
 * The name a new system tab `tab` is given: the one in the book's language. `documentProperties`: all of
 * them when the caller has just read them (bookLang then needs no property read of its own).
 */
export function systemTabNameToCreate(
  tab: SystemTab,
  documentProperties?: Readonly<Record<string, string>>,
): string {
  return SYSTEM_TAB_NAMES[tab][bookLang(documentProperties)];
}

/** A new system tab `tab`, named in the book's language (the caller checked none exists). */
export function insertSystemTab(
  tab: SystemTab,
  documentProperties?: Readonly<Record<string, string>>,
): Sheet {
  return SpreadsheetApp.getActive().insertSheet(systemTabNameToCreate(tab, documentProperties));
}

/** The audit log's archives ("AuditLog 1", "审计日志 2", …) under either name, oldest (lowest number) first. */
export function auditArchives(): Sheet[] {
  return SpreadsheetApp.getActive()
    .getSheets()
    .map((sheet) => ({ sheet, n: auditArchiveNumber(sheet.getName()) }))
    .filter((a): a is { sheet: Sheet; n: number } => a.n !== undefined)
    .sort((a, b) => a.n - b.n)
    .map((a) => a.sheet);
}
