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
 * Idempotent: when the blocks are already protected nothing changes (so a manager can re-run it even
 * though only the owner may remove the owner's protections).
 */
export function protectOwnedColumns(
  sheet: Sheet,
  ownedIndexes: readonly number[],
  description: string,
): void {
  const sorted = [...ownedIndexes].sort((a, b) => a - b);
  const rows = sheet.getMaxRows();
  const wanted: GoogleAppsScript.Spreadsheet.Range[] = [];
  for (let i = 0; i < sorted.length;) {
    let j = i + 1;
    while (j < sorted.length && sorted[j] === sorted[j - 1] + 1) j++;
    wanted.push(sheet.getRange(1, sorted[i] + 1, rows, j - i));
    i = j;
  }
  const existing = sheet
    .getProtections(SpreadsheetApp.ProtectionType.RANGE)
    .filter((p) => p.getDescription() === description);
  const key = (ranges: GoogleAppsScript.Spreadsheet.Range[]) =>
    ranges
      .map((r) => r.getA1Notation())
      .sort()
      .join();
  if (key(existing.map((p) => p.getRange())) === key(wanted)) return;
  for (const p of existing) p.remove();
  for (const range of wanted) range.protect().setDescription(description).setWarningOnly(true);
}

export const AUDIT_PROTECTION = "Sheet CRM audit log: only the owner may edit";
export const VAULT_PROTECTION = "Sheet CRM vault: encrypted sensitive fields";
