/**
 * Spreadsheets a script creates (SpreadsheetApp.create) and opens again (openById / openByUrl). Each is a
 * Workbook of its own (its own 10,000,000-cell limit), owned in Drive by the effective user who created it.
 * SpreadsheetApp.create/openById need the `spreadsheets` scope (scopes.ts); the emulator is stricter still
 * and lets the app reopen only files it created for that user — what the narrower `drive.file` scope would
 * allow (https://developers.google.com/workspace/drive/api/guides/api-specific-auth) — so the add-on never
 * relies on reaching a user's other files. openById needs both: the user can reach the file in Drive
 * (owner or editor) and the app created it for that user.
 */
import type { Workbook } from "./workbook";

/** Apps Script's text when the effective user cannot open a document. */
export const NO_ACCESS_TEXT = "You do not have permission to access the requested document.";
/** Apps Script's text for an id that names no document. */
export const MISSING_DOCUMENT_TEXT =
  "Unexpected error while getting the method or property openById on object SpreadsheetApp.";

/** A spreadsheet in the project's emulated Drive. */
export interface DriveFile {
  readonly wb: Workbook;
  /** Users for whom the app created (or opened) the file: what `drive.file` lets it open again. */
  readonly appUsers: Set<string>;
  trashed: boolean;
}

/** Whether the app may open `file` for `user` (Drive access and a drive.file grant). */
export function appMayOpen(file: DriveFile, user: string): boolean {
  if (file.trashed || !user) return false;
  const inDrive = file.wb.owner === user || file.wb.editors.has(user);
  return inDrive && file.appUsers.has(user);
}

/** How SpreadsheetApp reaches Drive: create and open, with the checks above. */
export interface DriveAccess {
  create(name: string, rows?: number, columns?: number): GoogleAppsScript.Spreadsheet.Spreadsheet;
  open(id: string): GoogleAppsScript.Spreadsheet.Spreadsheet;
}
