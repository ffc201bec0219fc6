/**
 * Copies sheets to hidden backups named "Backup <yyyy-MM-dd HH:mm:ss> <sheet>" before destructive work.
 * Returns the backup sheet names.
 */
export function backupSheets(sheetNames: readonly string[], reason: string): string[] {
  const ss = SpreadsheetApp.getActive();
  const stamp = Utilities.formatDate(new Date(), ss.getSpreadsheetTimeZone(), "yyyy-MM-dd HH:mm:ss");
  const made: string[] = [];
  for (const name of sheetNames) {
    const sheet = ss.getSheetByName(name);
    if (!sheet) continue;
    const copy = sheet.copyTo(ss).setName(`Backup ${stamp} ${name}`);
    copy.hideSheet();
    copy.getRange(1, 1).setNote(`Backup of "${name}" before ${reason}`);
    made.push(copy.getName());
  }
  return made;
}
