import { writeValues } from "../platform/write-values";
import { CUSTOMERS } from "../../core/schema/sheets";
import { enumOption, mapHeaders, normalizeLabel } from "../../core/schema/headers";
import type { Lang } from "../../core/schema/types";
import { listId, type ValueLists } from "../../core/table/validate/value-lists";
import { ownerDirectory, readOwnerCell, type MemberNames } from "../../core/access/owner-names";
import { memberNames, valueLists } from "../table/settings";
import type { BatchDeleteResult, BatchPatch, BatchUpdateResult, UndoResult } from "../../shared/browse";
import { callerAccess } from "../platform/guard";
import { runJob } from "../platform/job";
import { currentUser } from "../platform/locale";
import { getDocumentJson, setDocumentJson } from "../platform/properties";
import {
  HeadersChangedError,
  findSheet,
  readTable,
  writeColumns,
  type TableSnapshot,
} from "../platform/sheet-table";
import { backupLabel, backupSet, digestOf, registeredSet, verifiedCopyRows } from "../trust/backups";
import { applyErasures } from "../trust/privacy-erase";
import { isRoleEmail } from "../../core/access/roles";
import { detachEntries, reattachEntries } from "../trust/vault";
import { bumpCustomersVersion } from "./customer-cache";
import {
  deleteRowsById,
  readIds,
  rowRuns,
  targetRows,
  type DeleteBackup,
  type IdColumn,
} from "./safe-delete";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

const UNDO_PREFIX = "browse.undo.";

/** Splits a Tags cell on , ， ; ； or 、 (how people type lists in either language). */
export function splitTags(cell: unknown): string[] {
  return String(cell ?? "")
    .split(/[,，;；、]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

function customersTable(): TableSnapshot {
  const table = readTable(CUSTOMERS);
  if (!table) throw new Error('There is no Customers sheet yet; run "Set up / repair" first.');
  if (!table.map.index.has("CustomerID")) throw new Error('The Customers sheet has no "CustomerID" column.');
  return table;
}

/** Data-row indexes (0-based, into snapshot.rows) of the given IDs; unknown IDs are an error. */
function rowsOf(table: TableSnapshot, ids: readonly string[]): number[] {
  if (!Array.isArray(ids) || ids.length === 0) throw new Error("Select at least one customer.");
  const idAt = table.map.index.get("CustomerID")!;
  const wanted = new Set(ids.map((id) => String(id)));
  const found: number[] = [];
  const seen = new Set<string>();
  table.rows.forEach((r, i) => {
    const id = String(r[idAt]).trim();
    if (wanted.has(id)) {
      found.push(i);
      seen.add(id);
    }
  });
  const missing = [...wanted].filter((id) => !seen.has(id));
  if (missing.length)
    throw new Error(`Customers not found (deleted or changed?): ${missing.slice(0, 5).join(", ")}`);
  return found;
}

/** Sales reps may change only rows they own; checked before anything is written. */
function checkOwnership(table: TableSnapshot, rows: readonly number[]): void {
  const access = callerAccess();
  const ownerAt = table.map.index.get("Owner");
  const idAt = table.map.index.get("CustomerID")!;
  const foreign = rows.filter((i) => !access.edits(ownerAt === undefined ? "" : table.rows[i][ownerAt]));
  if (foreign.length)
    throw new Error(
      `You can change only your own customers; not yours: ${foreign
        .slice(0, 5)
        .map((i) => table.rows[i][idAt])
        .join(", ")}`,
    );
}

function requireColumn(table: TableSnapshot, key: string): number {
  const at = table.map.index.get(key);
  if (at === undefined)
    throw new Error(`Column ${key} is missing from "${table.sheet.getName()}"; run Set up / repair.`);
  return at;
}

/** What a patch is checked against besides the schema: the team's dropdown lists and members' names. */
export interface PatchTeam {
  readonly lists: ValueLists;
  readonly names: MemberNames;
}

/** The team's lists and names as settings keep them (src/gas/table/settings.ts). */
function patchTeam(): PatchTeam {
  return { lists: valueLists(), names: memberNames() };
}

/** A checked patch: what each touched column gets (enum text by the column header's language). */
interface ResolvedPatch {
  readonly status?: (lang: Lang) => string;
  readonly type?: (lang: Lang) => string;
  readonly owner?: string;
}

/**
 * The text a Status or CustomerType patch writes, or undefined when `value` is not allowed. Without a
 * team list: a built-in option (key, label or alias), written as its label. With one: a value of the
 * list, or a built-in option a list value means (the sidebar sends keys), written as the list's value,
 * so batch edit never writes a value the team's dropdown does not hold.
 */
function enumText(key: string, value: string, lists: ValueLists): ((lang: Lang) => string) | undefined {
  const column = CUSTOMERS.columns.find((c) => c.key === key)!;
  const option = enumOption(column, value);
  const list = lists[listId("Customers", key)];
  if (!list) return option ? (lang) => option.label[lang] : undefined;
  const folded = normalizeLabel(value);
  const listed =
    list.find((v) => normalizeLabel(v.value) === folded) ??
    (option ? list.find((v) => v.key === option.key) : undefined);
  return listed ? () => listed.value : undefined;
}

/**
 * The Owner a patch writes: "" (none), an e-mail address as given, or a member's display name (王经理)
 * as settings spell it — only a name exactly one member has (core/access/owner-names.ts), as the Owner
 * column accepts.
 */
function ownerText(value: string, names: MemberNames): string | undefined {
  const text = value.replace(/\s+/g, " ").trim();
  if (text === "" || isRoleEmail(text)) return value;
  const owner = readOwnerCell(text, ownerDirectory(names));
  return owner.kind === "member" ? (names[owner.email] ?? text) : undefined;
}

/** Checks a patch against the schema and the team's settings; the error names the field and the bad value. */
export function resolvePatch(patch: BatchPatch, team: PatchTeam): ResolvedPatch {
  if (!patch || typeof patch !== "object") throw new Error("Nothing to change.");
  const out: { -readonly [K in keyof ResolvedPatch]: ResolvedPatch[K] } = {};
  if (patch.status !== undefined) {
    out.status = enumText("Status", String(patch.status), team.lists);
    if (!out.status) throw new Error(`Status "${patch.status}" is not one of the allowed statuses.`);
  }
  if (patch.type !== undefined) {
    out.type = enumText("CustomerType", String(patch.type), team.lists);
    if (!out.type) throw new Error(`Customer type "${patch.type}" is not one of the allowed types.`);
  }
  if (patch.owner !== undefined) {
    out.owner = ownerText(String(patch.owner), team.names);
    if (out.owner === undefined)
      throw new Error(
        `Owner "${patch.owner}" is not an e-mail address nor the name of exactly one team member (Settings → Team).`,
      );
  }
  for (const tag of [...(patch.addTags ?? []), ...(patch.removeTags ?? [])])
    if (typeof tag !== "string" || !tag.trim() || /[,，;；、]/.test(tag))
      throw new Error(`Tag "${tag}" must be non-empty and contain no list separators.`);
  const changes = ["status", "type", "owner", "addTags", "removeTags"].filter(
    (k) => (patch as Record<string, unknown>)[k] !== undefined,
  );
  if (changes.length === 0) throw new Error("Nothing to change.");
  return out;
}

/**
 * Sets status / type / owner and adds or removes tags on the selected customers: one read, then only the
 * touched columns are written (by header, contiguous blocks), UpdatedAt stamped on changed rows. Status
 * and type take the team's list values where it keeps a list; Owner an e-mail or a member's name.
 */
export function batchUpdate(ids: readonly string[], patch: BatchPatch): BatchUpdateResult {
  return runJob("Batch update customers", "edit-own", () => {
    const resolved = resolvePatch(patch, patchTeam());
    const table = customersTable();
    const rows = rowsOf(table, ids);
    checkOwnership(table, rows);
    // Built-in labels are written in the language of the column's header, so a Chinese sheet stays Chinese.
    const langOfColumn = (key: string): Lang =>
      /[\u4e00-\u9fff]/.test(String(table.headers[requireColumn(table, key)])) ? "zh-CN" : "en";
    const targets: { key: string; value: (old: unknown) => unknown }[] = [];
    if (resolved.status) {
      const label = resolved.status(langOfColumn("Status"));
      targets.push({ key: "Status", value: () => label });
    }
    if (resolved.type) {
      const label = resolved.type(langOfColumn("CustomerType"));
      targets.push({ key: "CustomerType", value: () => label });
    }
    if (resolved.owner !== undefined) {
      const owner = resolved.owner;
      targets.push({ key: "Owner", value: () => owner });
    }
    if (patch.addTags || patch.removeTags) {
      const remove = new Set((patch.removeTags ?? []).map((t) => t.trim()));
      targets.push({
        key: "Tags",
        value: (old) => {
          const tags = splitTags(old).filter((t) => !remove.has(t));
          for (const t of patch.addTags ?? []) if (!tags.includes(t.trim())) tags.push(t.trim());
          return tags.join(", ");
        },
      });
    }
    const selected = new Set(rows);
    const columns = new Map<string, unknown[]>();
    for (const t of targets) {
      const at = requireColumn(table, t.key);
      columns.set(
        t.key,
        table.rows.map((r, i) => (selected.has(i) ? t.value(r[at]) : r[at])),
      );
    }
    const stampAt = table.map.index.get("UpdatedAt");
    if (stampAt !== undefined) {
      const now = new Date();
      columns.set(
        "UpdatedAt",
        table.rows.map((r, i) => (selected.has(i) ? now : r[stampAt])),
      );
    }
    // writeColumns rewrites whole columns; unselected cells get back exactly what was read (the lock
    // keeps add-on writers out; the header check catches columns moved meanwhile).
    writeColumns(table, columns);
    bumpCustomersVersion();
    return {
      result: { updated: rows.length },
      outcome: { rowsAffected: rows.length, detail: JSON.stringify(patch) },
    };
  });
}

interface UndoRecord {
  readonly sheet: string;
  /** The backup's label ("Backup <set> <sheet>", for messages) and its registered set. */
  readonly backup: string;
  readonly set: string;
  /** [first sheet row, count] runs of the deleted rows, ascending. */
  readonly runs: readonly (readonly [number, number])[];
  readonly user: string;
  /**
   * digestOf the copy's header and deleted rows when it was made, so undo reads just those rows and
   * still knows them unchanged (absent in records made before: the whole copy is read and checked).
   */
  readonly digest?: string;
}

/** The Customers sheet's CustomerID column as it is now: where it is, and each data row's ID. */
function customerIds(): { idColumn: IdColumn; ids: string[] } {
  const sheet = findSheet(CUSTOMERS);
  if (!sheet) throw new Error('There is no Customers sheet yet; run "Set up / repair" first.');
  const width = sheet.getLastColumn();
  const headers = width > 0 ? sheet.getRange(1, 1, 1, width).getValues()[0] : [];
  const at = mapHeaders(CUSTOMERS, headers).index.get("CustomerID");
  if (at === undefined) throw new Error('The Customers sheet has no "CustomerID" column.');
  const idColumn: IdColumn = { sheet, column: at + 1, header: headers[at] };
  return { idColumn, ids: readIds(idColumn) };
}

/** What a delete needs of its backup copy (whose cells backupSet kept): the rows by ID, and undo's runs. */
function deleteBackup(
  cells: readonly (readonly unknown[])[],
  idColumn: IdColumn,
  targets: ReadonlySet<string>,
  label: string,
): { backup: DeleteBackup; runs: [number, number][]; digest: string } {
  // The copy was made after the IDs were read: its own rows say where the targets were.
  if (String(cells[0]?.[idColumn.column - 1]) !== String(idColumn.header))
    throw new HeadersChangedError(idColumn.sheet.getName());
  const ids = cells.slice(1).map((r) => String(r[idColumn.column - 1]).trim());
  const runs = rowRuns(targetRows(ids, targets));
  const deletedRows = runs.flatMap(([first, count]) => cells.slice(first - 1, first - 1 + count));
  let byId: Map<string, readonly unknown[]> | null = null;
  const row = (id: string) => {
    if (!byId) {
      byId = new Map();
      ids.forEach((k, i) => k && !byId!.has(k) && byId!.set(k, cells[i + 1]));
    }
    return byId.get(id);
  };
  return {
    backup: { label, width: cells[0]?.length ?? 0, row },
    runs,
    digest: digestOf([cells[0] ?? [], ...deletedRows]),
  };
}

/**
 * Deletes the selected customers: a registered backup of the sheet first, then one deleteRows per contiguous
 * run, bottom-up, each run checked in the rows around it just before it is deleted and just after (see
 * deleteRowsById), so rows other users insert meanwhile never make the wrong customers go. Reads the ID
 * column once, not the sheet: the backup's copy (read to seal and digest it) holds the rows undo needs.
 * Returns a token for undoDelete.
 */
export function batchDelete(ids: readonly string[]): BatchDeleteResult {
  return runJob("Batch delete customers", "edit-all", () => {
    if (!Array.isArray(ids) || ids.length === 0) throw new Error("Select at least one customer.");
    const { idColumn, ids: sheetIds } = customerIds();
    const targets = new Set(ids.map((id) => String(id)));
    const present = new Set(sheetIds);
    const missing = [...targets].filter((id) => !present.has(id));
    if (missing.length)
      throw new Error(`Customers not found (deleted or changed?): ${missing.slice(0, 5).join(", ")}`);
    const rows = targetRows(sheetIds, targets).length;
    const sheetName = idColumn.sheet.getName();
    const made = backupSet([sheetName], `deleting ${rows} customers`, { keepCells: true });
    const cells = made?.tabs[0]?.cells;
    if (!made || !cells) throw new Error(`Could not back up "${sheetName}"; nothing was deleted.`);
    const backupName = backupLabel(made.id, sheetName);
    const { backup, runs, digest } = deleteBackup(cells, idColumn, targets, backupName);
    let deleted = 0;
    try {
      deleted = deleteRowsById(idColumn, targets, backup, sheetIds);
    } finally {
      // Also after a failure part-way: some rows may be gone, so cached pages are stale.
      bumpCustomersVersion();
    }
    const token = `${new Date().getTime().toString(36)}${Math.floor(Math.random() * 1e9).toString(36)}`;
    // Their encrypted values leave the live vault (a reused ID starts empty) but stay for undo.
    detachEntries(CUSTOMERS, targets, token);
    const record: UndoRecord = {
      sheet: sheetName,
      backup: backupName,
      set: made.id,
      runs,
      user: currentUser(),
      digest,
    };
    setDocumentJson(UNDO_PREFIX + token, record);
    return {
      result: { deleted, undoToken: token, backupSheet: backupName },
      outcome: { rowsAffected: deleted, detail: `backup ${backupName}` },
    };
  });
}

/**
 * Puts deleted rows back where they were, from the backup: rows are re-inserted run by run top-down (so
 * each run lands at its original row number) and filled with the backup's cells, read for those rows
 * only and checked against the digest taken at the delete. Refuses when the header row changed since, so
 * data never lands in the wrong columns.
 */
export function undoBatchDelete(token: string): UndoResult {
  return runJob("Undo batch delete", "edit-all", () => {
    const key = UNDO_PREFIX + String(token);
    const record = getDocumentJson<UndoRecord | null>(key, null);
    if (!record) throw new Error("This delete can no longer be undone (already undone or unknown).");
    const ss = SpreadsheetApp.getActive();
    const sheet = ss.getSheetByName(record.sheet);
    if (!sheet) throw new Error(`The sheet "${record.sheet}" is gone; restore it from "${record.backup}".`);
    // The registered copy's rows, checked (a copy changed since, or gone, is refused). Formulas come
    // back as formulas, everything else as the value it had.
    const saved = verifiedCopyRows(String(record.set), record.sheet, record.runs, record.digest);
    const width = saved.header.length;
    const header = sheet.getRange(1, 1, 1, Math.max(width, sheet.getLastColumn())).getValues()[0];
    if (saved.header.some((h, i) => String(h) !== String(header[i])) || header.length !== width)
      throw new Error(
        `The header row of "${record.sheet}" changed since the delete; restore from "${record.backup}".`,
      );
    let restored = 0;
    for (const [start, count] of record.runs) {
      const last = sheet.getLastRow();
      if (start > last) sheet.insertRowsAfter(Math.max(last, 1), count);
      else sheet.insertRowsBefore(start, count);
      writeValues(sheet.getRange(start, 1, count, width), saved.rows.slice(restored, restored + count));
      restored += count;
    }
    PropertiesService.getDocumentProperties().deleteProperty(key);
    reattachEntries(CUSTOMERS, String(token));
    // A customer erased since the delete must not come back with it.
    applyErasures(registeredSet(String(record.set)).at, [record.sheet]);
    bumpCustomersVersion();
    return { result: { restored }, outcome: { rowsAffected: restored, detail: `from ${record.backup}` } };
  });
}
