type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * Protects a whole sheet so that only the spreadsheet owner can edit it by hand (the audit log, the
 * vault). Idempotent: an existing sheet protection is tightened again rather than duplicated.
 */
export function protectOwnerOnly(sheet: Sheet, description: string): void {
  const existing = sheet.getProtections(SpreadsheetApp.ProtectionType.SHEET);
  const protection = existing.length ? existing[0] : sheet.protect();
  protection.setDescription(description);
  const owner = SpreadsheetApp.getActive().getOwner();
  const ownerEmail = owner ? owner.getEmail().toLowerCase() : "";
  const others = protection.getEditors().filter((u) => u.getEmail().toLowerCase() !== ownerEmail);
  if (others.length) protection.removeEditors(others);
  if (protection.canDomainEdit()) protection.setDomainEdit(false);
}

/**
 * Protects each contiguous block of add-on-owned columns with a warning: people are asked before they
 * overwrite a computed column, while the add-on (running as whoever starts a job) can still write it.
 */
export function protectOwnedColumns(
  sheet: Sheet,
  ownedIndexes: readonly number[],
  description: string,
): void {
  for (const p of sheet.getProtections(SpreadsheetApp.ProtectionType.RANGE)) {
    if (p.getDescription() === description) p.remove();
  }
  const sorted = [...ownedIndexes].sort((a, b) => a - b);
  const rows = sheet.getMaxRows();
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[j - 1] + 1) j++;
    sheet
      .getRange(1, sorted[i] + 1, rows, j - i)
      .protect()
      .setDescription(description)
      .setWarningOnly(true);
    i = j;
  }
}
