import { writeValues } from "../platform/write-values";
import { mapHeaders } from "../../core/schema/headers";
import { CUSTOMERS } from "../../core/schema/sheets";
import { planStamps } from "../../core/table/ids/customer-ids";
import { withDocumentLock } from "../platform/lock";
import { adoptRowEntries } from "../trust/vault";
import { customerEdit } from "./customer-edit";

/**
 * IDs and stamps for edits of the Customers sheet (called by the installable edit trigger). For the edited
 * rows that have data: a missing CustomerID gets the next free ID, CreatedAt is set once, UpdatedAt on
 * every edit. Runs under the document lock so two people adding rows at once never get the same ID, and
 * in a fixed number of calls however many rows were pasted: one header read, one ID-column read, one
 * read of the edited rows and one write per contiguous block of stamp columns.
 */
export function onCustomerEdit(e: GoogleAppsScript.Events.SheetsOnEdit): void {
  const edit = customerEdit(e);
  if (!edit) return;
  const { range, sheet, firstRow, lastRow } = edit;
  withDocumentLock(() => {
    const width = sheet.getLastColumn();
    if (width < 1) return;
    const headers = sheet.getRange(1, 1, 1, width).getValues()[0];
    const map = mapHeaders(CUSTOMERS, headers);
    const columns = {
      id: map.index.get("CustomerID"),
      createdAt: map.index.get("CreatedAt"),
      updatedAt: map.index.get("UpdatedAt"),
    };
    if (columns.id === undefined && columns.createdAt === undefined && columns.updatedAt === undefined)
      return;
    // An edit that only touched the stamp columns themselves is the user correcting them: leave it.
    const editedFrom = range.getColumn() - 1;
    const editedTo = editedFrom + range.getNumColumns() - 1;
    const stampCols = [columns.id, columns.createdAt, columns.updatedAt].filter(
      (c): c is number => c !== undefined,
    );
    const onlyStamps = Array.from({ length: editedTo - editedFrom + 1 }, (_, i) => editedFrom + i).every(
      (c) => stampCols.includes(c),
    );
    if (onlyStamps) return;
    const count = lastRow - firstRow + 1;
    const edited = sheet.getRange(firstRow, 1, count, width).getValues();
    const lastDataRow = sheet.getLastRow();
    const allIds =
      columns.id !== undefined && lastDataRow >= 2
        ? sheet
            .getRange(2, columns.id + 1, lastDataRow - 1, 1)
            .getValues()
            .map((r) => r[0])
        : [];
    const plan = planStamps(edited, columns, allIds, new Date());
    const writes = [
      { index: columns.id, values: plan.ids },
      { index: columns.createdAt, values: plan.createdAt },
      { index: columns.updatedAt, values: plan.updatedAt },
    ]
      .filter((w): w is { index: number; values: readonly unknown[] } => w.index !== undefined)
      .filter((w) => w.values.some((v, r) => v !== edited[r][w.index]))
      .sort((a, b) => a.index - b.index);
    for (let i = 0; i < writes.length;) {
      let j = i + 1;
      while (j < writes.length && writes[j].index === writes[j - 1].index + 1) j++;
      const block = writes.slice(i, j);
      writeValues(
        sheet.getRange(firstRow, block[0].index + 1, count, block.length),
        edited.map((_, r) => block.map((w) => w.values[r])),
      );
      i = j;
    }
    // Values the trust part of this trigger sealed before the rows had IDs move to the IDs now given.
    const idAt = columns.id;
    if (idAt !== undefined) {
      const assigned = plan.ids.flatMap((id, r) =>
        id !== edited[r][idAt] ? [{ row: firstRow + r, id: String(id) }] : [],
      );
      if (assigned.length) adoptRowEntries(CUSTOMERS, assigned);
    }
  });
}
