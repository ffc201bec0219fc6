/** One audit entry for an add-on job. */
export interface JobEntry {
  readonly job: string;
  readonly user: string;
  readonly at: Date;
  readonly rows: number;
  readonly detail: string;
}

const AUDIT_SHEET = "AuditLog";
const HEADERS = ["Time", "User", "Sheet", "Range", "OldValue", "NewValue", "Job", "Rows", "Detail"];

function auditSheet(): GoogleAppsScript.Spreadsheet.Sheet {
  const ss = SpreadsheetApp.getActive();
  let sheet = ss.getSheetByName(AUDIT_SHEET);
  if (!sheet) {
    sheet = ss.insertSheet(AUDIT_SHEET);
    sheet.getRange(1, 1, 1, HEADERS.length).setValues([HEADERS]);
    sheet.setFrozenRows(1);
  }
  return sheet;
}

/** Appends one job entry to the audit log. */
export function appendJobEntry(entry: JobEntry): void {
  auditSheet().appendRow([entry.at, entry.user, "", "", "", "", entry.job, entry.rows, entry.detail]);
}
