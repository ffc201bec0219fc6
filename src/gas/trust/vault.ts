import { writeValues } from "../platform/write-values";
import { cellContext, decryptField, encryptField } from "../../core/trust/crypto";
import { isMasked, maskSensitive } from "../../core/trust/mask";
import { mapHeaders } from "../../core/schema/headers";
import type { SheetSpec } from "../../core/schema/types";
import { enqueueRows, readQueue, type QueuedRows, type QueueOwner } from "./property-queue";
import { currentUser } from "../platform/locale";
import { ensureRows, trimGrid } from "../platform/tab-grid";
import { VAULT_PROTECTION, protectOwnerOnly } from "./protection";
import { sensitiveKeys, sensitivePositions } from "./sensitive-columns";
import { FIRST_KEY_ID, currentKey, keyReader, nonces, type VaultKey } from "./vault-keys";
import { SYSTEM_TAB_NAMES } from "../../core/schema/system-tabs";
import { findSystemTab, insertSystemTab } from "../platform/system-tabs";

// Sensitive values live encrypted in a hidden, owner-protected "Vault" (加密保管库) sheet, one row per (sheet, row
// key, column); the visible cell only ever shows the mask. A row's key is its ID (CustomerID): a value
// typed into a row before it has one is sealed under "row:N" and moved to the ID as soon as the edit
// trigger stamps it (adoptRowEntries). A value is only ever opened for a row whose cell still shows its
// mask, so an entry left behind (a customer deleted outside the add-on whose ID was reused, a "row:N"
// entry whose row now holds someone else) is never shown as another customer's.

/** Key: the id of the ring key that sealed the value (vault-keys.ts); blank in rows made before keys had ids. */
const VAULT_HEADERS = ["Sheet", "RowKey", "Column", "Ciphertext", "UpdatedAt", "UpdatedBy", "Key"];
const WIDTH = VAULT_HEADERS.length;
const SHEET = 0;
const ROW_KEY = 1;
const COLUMN = 2;
const CIPHER = 3;
const KEY_ID = 6;
/**
 * Vault rows the caller could not write (only the owner may edit the vault sheet) wait, still encrypted,
 * in document properties (see property-queue.ts); reads merge them and the owner's next write stores
 * them. The queue is for that case only: the tab itself grows as needed.
 */
const QUEUE: QueueOwner = { prefix: "vaultQueue:", tab: SYSTEM_TAB_NAMES.vault.en, holds: "sealed values" };
/** Rows the vault tab grows by when full (one insertRowsAfter per this many appended rows at most). */
const VAULT_GROW_ROWS = 200;
/**
 * Entries of a customer deleted through the add-on are kept, detached, under "<sheet>#<undo token>" so
 * undo can put them back; nothing reads a detached entry as a live one, and erasing the customer drops it.
 */
const DETACHED = "#";
/**
 * The Key cell of an erasure's deletion row: the write that stores it (the eraser's, or when only the
 * owner may write the tab, the owner's next one, which stores the queue) rewrites the tab live-only, so
 * no ciphertext of an erased customer stays in it.
 */
const PURGED = "erased";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;
type VaultRow = unknown[];

/** Rows sealed without an ID in this execution ("<sheet>\0<row>"): the edit trigger's stamp re-keys them. */
const sealedWithoutId = new Set<string>();

function vaultSheet(create: boolean): Sheet | null {
  const found = findSystemTab("vault");
  if (found) {
    // A vault made before values named their key has six columns: the Key column is added on write.
    if (create && found.getLastColumn() < WIDTH) {
      if (found.getMaxColumns() < WIDTH)
        found.insertColumnsAfter(found.getMaxColumns(), WIDTH - found.getMaxColumns());
      found.getRange(1, 1, 1, WIDTH).setValues([VAULT_HEADERS]);
    }
    return found;
  }
  if (!create) return null;
  const sheet = insertSystemTab("vault");
  trimGrid(sheet, 1 + VAULT_GROW_ROWS, WIDTH);
  sheet.getRange(1, 1, 1, WIDTH).setValues([VAULT_HEADERS]);
  sheet.hideSheet();
  protectOwnerOnly(sheet, VAULT_PROTECTION);
  return sheet;
}

/** Whether this document has sealed anything yet (a vault tab, or vault rows waiting in the queue). */
function sealedBefore(): boolean {
  return vaultSheet(false) !== null || readQueue(QUEUE.prefix).rows.length > 0;
}

/** The current key, made on first use (see vault-keys.ts for the one-time script-property migration). */
export function vaultKeyNow(): VaultKey {
  return currentKey(sealedBefore);
}

function slotOf(sheet: unknown, rowKey: unknown, column: unknown): string {
  return `${String(sheet)}\u0000${String(rowKey)}\u0000${String(column)}`;
}

/** The canonical sheet a vault row's value belongs to (a detached row's Sheet cell names its undo token). */
function baseSheet(row: VaultRow): string {
  const sheet = String(row[SHEET]);
  const at = sheet.indexOf(DETACHED);
  return at < 0 ? sheet : sheet.slice(0, at);
}

/** What the row's ciphertext is bound to: its canonical sheet, row key and column (detached or not). */
function contextOf(row: VaultRow): string {
  return cellContext(baseSheet(row), String(row[ROW_KEY]), String(row[COLUMN]));
}

function keyIdOf(row: VaultRow): string {
  return String(row[KEY_ID] ?? "") || FIRST_KEY_ID;
}

/** The vault as read: live entries by slot, rows in the tab, and the queue merged on top. */
interface Vault {
  readonly entries: Map<string, VaultRow>;
  readonly sheetRows: number;
  readonly queue: QueuedRows;
}

/**
 * The whole vault (sheet in one getValues, then queued batches on top), indexed by slot. The tab is a log:
 * a later row for a slot replaces an earlier one, and a row with an empty ciphertext deletes it.
 */
function readVault(sheet: Sheet | null = vaultSheet(false)): Vault {
  const entries = new Map<string, VaultRow>();
  const sheetRows = sheet ? Math.max(0, sheet.getLastRow() - 1) : 0;
  const width = sheet ? Math.min(WIDTH, Math.max(1, sheet.getLastColumn())) : WIDTH;
  const stored = sheet && sheetRows ? sheet.getRange(2, 1, sheetRows, width).getValues() : [];
  const queue = readQueue(QUEUE.prefix);
  for (const r of [...stored.filter((r) => r[0] !== ""), ...queue.rows]) {
    const row = Array.from({ length: WIDTH }, (_, i) => r[i] ?? "");
    const id = slotOf(row[SHEET], row[ROW_KEY], row[COLUMN]);
    if (row[CIPHER] === "") entries.delete(id);
    else entries.set(id, row);
  }
  return { entries, sheetRows, queue };
}

/** Whether the log holds so many replaced or deleted rows that rewriting it live-only is worth one write. */
function needsCompaction(sheetRows: number, live: number): boolean {
  const dead = sheetRows - live;
  return dead >= 1_000 && dead >= live;
}

/**
 * Stores `changed` rows (and any queued ones) by appending them to the vault tab, growing it as needed:
 * cells written are those rows, not the vault. When replaced and deleted rows outnumber live ones, the
 * tab is instead rewritten with the live entries in one setValues and its blank tail deleted. When the
 * caller may not write the tab, `changed` rows are queued (encrypted) in document properties instead.
 */
function writeVault(vault: Vault, changed: readonly VaultRow[]): void {
  if (changed.length === 0 && vault.queue.rows.length === 0) return;
  const props = PropertiesService.getDocumentProperties();
  // An erasure's deletions (here or waiting in the queue) rewrite the tab: its old rows must not linger.
  const purge = [...changed, ...vault.queue.rows].some((r) => r[KEY_ID] === PURGED);
  let failure: unknown;
  try {
    const sheet = vaultSheet(true)!;
    if (
      purge ||
      needsCompaction(vault.sheetRows + vault.queue.rows.length + changed.length, vault.entries.size)
    ) {
      const values = [...vault.entries.values()];
      // Blank rows pad to the old length inside the same write: a cut-short run leaves no stale tail.
      const height = Math.max(values.length, vault.sheetRows);
      const blank = VAULT_HEADERS.map(() => "");
      const padded = Array.from({ length: height }, (_, i) => values[i] ?? blank);
      if (height) writeValues(sheet.getRange(2, 1, height, WIDTH), padded);
      const spare = sheet.getMaxRows() - (values.length + 1 + VAULT_GROW_ROWS);
      if (spare > 0) sheet.deleteRows(values.length + 2 + VAULT_GROW_ROWS, spare);
    } else {
      const rows = [...vault.queue.rows, ...changed].map((r) =>
        Array.from({ length: WIDTH }, (_, i) => r[i] ?? ""),
      );
      const first = vault.sheetRows + 2;
      if (rows.length) {
        ensureRows(sheet, first + rows.length - 1, VAULT_GROW_ROWS);
        writeValues(sheet.getRange(first, 1, rows.length, WIDTH), rows);
      }
    }
  } catch (e) {
    failure = e;
  }
  if (failure === undefined) {
    for (const key of vault.queue.keys) props.deleteProperty(key);
    return;
  }
  enqueueRows(QUEUE, changed, vault.queue.bytes, failure);
}

/** A row's vault key: its ID when it has one, else its sheet row (an ID-less row cannot move yet). */
function rowKeyOf(id: unknown, sheetRow: number): string {
  const s = String(id ?? "").trim();
  return s ? s : `row:${sheetRow}`;
}

/** A deletion row for a slot (an empty ciphertext). */
function deletion(row: VaultRow, now: Date, user: string, purge = false): VaultRow {
  return [row[SHEET], row[ROW_KEY], row[COLUMN], "", now.toISOString(), user, purge ? PURGED : ""];
}

/** One sensitive cell whose plaintext was replaced by its mask. */
export interface SealedCell {
  readonly row: number;
  readonly column: number;
  readonly key: string;
  readonly mask: string;
}

/**
 * Encrypts every plaintext in the sensitive columns of sheet rows `firstRow`…(+rows.length-1) into the
 * vault and returns the cells to mask, without touching the sheet: the caller writes the masks (in the
 * same write as the rest of its rows, when it needs that write to be all-or-nothing). An emptied cell drops
 * its vault entry. `rows` are those rows' values, full width from column A; `headers` the sheet's header
 * row. One vault read and one vault write. The vault is written first: a run cut short before the sheet
 * write leaves an unused vault entry, never a value lost.
 */
export function sealValues(
  spec: SheetSpec,
  headers: readonly unknown[],
  firstRow: number,
  rows: readonly (readonly unknown[])[],
): SealedCell[] {
  const map = mapHeaders(spec, headers);
  const positions = sensitivePositions(spec, map);
  if (positions.size === 0 || rows.length === 0) return [];
  const idIndex = spec.idColumn ? map.index.get(spec.idColumn) : undefined;
  const work: { row: number; index: number; key: string; rowKey: string; value: string }[] = [];
  for (const [index, key] of positions) {
    rows.forEach((r, i) => {
      const rowKey = rowKeyOf(idIndex === undefined ? "" : r[idIndex], firstRow + i);
      work.push({ row: firstRow + i, index, key, rowKey, value: String(r[index] ?? "").trim() });
    });
  }
  const changes = work.filter((w) => !isMasked(w.value));
  if (changes.length === 0) return [];
  const vault = readVault();
  const { entries } = vault;
  const changed: VaultRow[] = [];
  const toEncrypt = changes.filter((w) => w.value !== "");
  const key = toEncrypt.length ? vaultKeyNow() : null;
  const nextNonce = nonces(toEncrypt.length);
  const now = new Date();
  const user = currentUser();
  const sealed: SealedCell[] = [];
  for (const w of changes) {
    const id = slotOf(spec.key, w.rowKey, w.key);
    if (w.value === "") {
      const old = entries.get(id);
      if (old && entries.delete(id)) changed.push(deletion(old, now, user));
      continue;
    }
    const token = encryptField(key!.key, nextNonce(), w.value, cellContext(spec.key, w.rowKey, w.key));
    const row = [spec.key, w.rowKey, w.key, token, now.toISOString(), user, key!.id];
    entries.set(id, row);
    changed.push(row);
    if (w.rowKey.startsWith("row:")) sealedWithoutId.add(`${spec.key}\u0000${w.row}`);
    sealed.push({ row: w.row, column: w.index + 1, key: w.key, mask: maskSensitive(w.value) });
  }
  writeVault(vault, changed);
  return sealed;
}

/**
 * Encrypts every plaintext in the sensitive columns of sheet rows `firstRow`…(+rows.length-1) into the
 * vault and replaces it by its mask; an emptied cell drops its vault entry. `rows` are those rows' current
 * values, full width from column A; `headers` the sheet's header row. One vault read, one vault write and
 * one setValues per touched sensitive column. Returns the cells that were masked.
 */
export function sealRows(
  sheet: Sheet,
  spec: SheetSpec,
  headers: readonly unknown[],
  firstRow: number,
  rows: readonly (readonly unknown[])[],
): SealedCell[] {
  // Vault first, masks second: a run cut short in between keeps the value (still in plain sight until the
  // next edit) rather than losing it.
  const sealed = sealValues(spec, headers, firstRow, rows);
  for (const index of new Set(sealed.map((s) => s.column))) {
    const column = rows.map((r) => [r[index - 1]]);
    for (const s of sealed) if (s.column === index) column[s.row - firstRow] = [s.mask];
    writeValues(sheet.getRange(firstRow, index, rows.length, 1), column);
  }
  return sealed;
}

/**
 * Seals `sheet` (a canonical sheet or a copy of one) only when a sensitive column holds plaintext: the
 * header row and those columns are read first, so the usual all-masked sheet costs no full read.
 */
export function sealPlaintext(sheet: Sheet, spec: SheetSpec): SealedCell[] {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 2 || lastColumn < 1) return [];
  const headers = sheet.getRange(1, 1, 1, lastColumn).getValues()[0];
  const positions = sensitivePositions(spec, mapHeaders(spec, headers));
  const plain = [...positions.keys()].some((index) =>
    sheet
      .getRange(2, index + 1, lastRow - 1, 1)
      .getValues()
      .some(([v]) => String(v ?? "").trim() !== "" && !isMasked(v)),
  );
  return plain ? sealSheet(sheet, spec) : [];
}

/** Masks and encrypts every plaintext left in the sensitive columns of a whole sheet (after imports). */
export function sealSheet(sheet: Sheet, spec: SheetSpec): SealedCell[] {
  const lastRow = sheet.getLastRow();
  const lastColumn = sheet.getLastColumn();
  if (lastRow < 2 || lastColumn < 1) return [];
  const values = sheet.getRange(1, 1, lastRow, lastColumn).getValues();
  return sealRows(sheet, spec, values[0], 2, values.slice(1));
}

/** Opens one vault row (whatever ring key sealed it); throws when the key is gone or the row was tampered with. */
function opened(row: VaultRow, key: (id: string) => Uint8Array): string {
  return decryptField(key(keyIdOf(row)), String(row[CIPHER]), contextOf(row));
}

/**
 * Whether `plain` is what a cell showing `shown` holds: the cell shows exactly its mask (or the value
 * itself, still in plain sight: a copy was sealed for a backup, the sheet not yet).
 */
function shownAs(plain: string, shown: unknown): boolean {
  const cell = String(shown ?? "").trim();
  return cell === maskSensitive(plain) || cell === plain.trim();
}

/**
 * The plaintext stored for a row's sensitive column, or null when the vault holds none for the customer
 * the row holds now. `shown` is what the cell shows: a value is returned only when the cell shows its mask,
 * so an entry of a deleted customer whose ID was reused, or a "row:N" entry (sealed before the row had an
 * ID, by versions that did not re-key it) whose row now holds another customer, is never revealed.
 * `sheetRow` is where the row is now, for those "row:N" entries.
 */
export function openVault(
  spec: SheetSpec,
  rowId: string,
  column: string,
  sheetRow: number | undefined,
  shown: unknown,
): string | null {
  const { entries } = readVault();
  const key = keyReader(vaultKeyNow);
  for (const rowKey of [rowId, ...(sheetRow ? [rowKeyOf("", sheetRow)] : [])]) {
    const entry = entries.get(slotOf(spec.key, rowKey, column));
    if (!entry) continue;
    const plain = opened(entry, key);
    if (shownAs(plain, shown)) return plain;
  }
  return null;
}

/**
 * `rows` (sheet rows from row 2) with each sensitive cell that shows its mask replaced by the plaintext
 * the vault holds for it, for comparing an import's lines with what the sheet really holds: a changed
 * ID-card number whose first and last four digits are unchanged shows the same mask. Never written back.
 * The vault is read once, and only cells showing a mask are opened; a cell the vault cannot open keeps
 * its mask. `sensitive` maps 0-based columns to their keys (sensitive-columns.ts).
 */
export function withPlaintext(
  spec: SheetSpec,
  rows: readonly (readonly unknown[])[],
  idColumn: number | undefined,
  sensitive: ReadonlyMap<number, string>,
): readonly (readonly unknown[])[] {
  if (sensitive.size === 0 || !rows.some((r) => [...sensitive.keys()].some((c) => isMasked(r[c]))))
    return rows;
  const { entries } = readVault();
  const key = keyReader(vaultKeyNow);
  return rows.map((row, i) => {
    let copy: unknown[] | null = null;
    for (const [column, columnKey] of sensitive) {
      const shown = row[column];
      if (!isMasked(shown)) continue;
      const id = idColumn === undefined ? "" : row[idColumn];
      for (const rowKey of new Set([rowKeyOf(id, i + 2), rowKeyOf("", i + 2)])) {
        const entry = entries.get(slotOf(spec.key, rowKey, columnKey));
        const plain = entry ? tryOpen(entry, key) : null;
        if (plain === null || !shownAs(plain, shown)) continue;
        (copy ??= [...row])[column] = plain;
        break;
      }
    }
    return copy ?? row;
  });
}

/** A row the edit trigger just gave an ID. */
export interface AssignedId {
  readonly row: number;
  readonly id: string;
}

/**
 * Whether the vault may hold anything under `ids` of `spec`: its Sheet and RowKey columns (two cells a
 * row, not the ciphertexts) and the queue are looked at, deleted rows counted too.
 */
function mayHold(spec: SheetSpec, ids: ReadonlySet<string>): boolean {
  const named = (r: readonly unknown[]) => r[SHEET] === spec.key && ids.has(String(r[ROW_KEY]));
  if (readQueue(QUEUE.prefix).rows.some(named)) return true;
  const sheet = vaultSheet(false);
  const rows = sheet ? sheet.getLastRow() - 1 : 0;
  return rows > 0 && sheet!.getRange(2, 1, rows, 2).getValues().some(named);
}

/**
 * The live entries of customers `ids` of `spec`'s sheet, as [slot, row] (a copy: callers change the map).
 * Entries detached by a delete through the add-on are not live (they wait for its undo).
 */
function liveEntriesOf(
  vault: ReturnType<typeof readVault>,
  spec: SheetSpec,
  ids: ReadonlySet<string>,
): [string, VaultRow][] {
  return [...vault.entries].filter(([, row]) => row[SHEET] === spec.key && ids.has(String(row[ROW_KEY])));
}

/**
 * For rows the edit trigger just gave IDs: drops whatever the vault still held under those IDs — it can
 * only be a deleted customer's, since the ID was free when it was given, and a new customer must never
 * inherit it — and re-keys the values sealed under "row:N" (before the row had its ID; the edit trigger
 * seals before it stamps) to the ID, re-encrypted for their new slot. The whole vault is read only when
 * there is something to do. Returns the entries moved.
 */
export function adoptRowEntries(spec: SheetSpec, assigned: readonly AssignedId[]): number {
  const hinted = assigned.filter((a) => sealedWithoutId.delete(`${spec.key}\u0000${a.row}`));
  const ids = new Set(assigned.map((a) => a.id));
  if (hinted.length === 0 && !mayHold(spec, ids)) return 0;
  const vault = readVault();
  const changed: VaultRow[] = [];
  const now = new Date();
  const user = currentUser();
  for (const [slot, row] of liveEntriesOf(vault, spec, ids)) {
    vault.entries.delete(slot);
    changed.push(deletion(row, now, user));
  }
  const moving: { from: VaultRow; id: string }[] = [];
  for (const { row, id } of hinted)
    for (const column of sensitiveKeys(spec)) {
      const pending = vault.entries.get(slotOf(spec.key, rowKeyOf("", row), column));
      if (pending) moving.push({ from: pending, id });
    }
  const read = keyReader(vaultKeyNow);
  const key = moving.length ? vaultKeyNow() : null;
  const nextNonce = nonces(moving.length);
  for (const { from, id } of moving) {
    // One that cannot be opened (tampered with) stays where it is: never revealed, never moved.
    const plain = tryOpen(from, read);
    if (plain === null) continue;
    vault.entries.delete(slotOf(from[SHEET], from[ROW_KEY], from[COLUMN]));
    changed.push(deletion(from, now, user));
    const context = cellContext(spec.key, id, String(from[COLUMN]));
    const token = encryptField(key!.key, nextNonce(), plain, context);
    const row = [spec.key, id, from[COLUMN], token, from[4], from[5], key!.id];
    vault.entries.set(slotOf(spec.key, id, from[COLUMN]), row);
    changed.push(row);
  }
  writeVault(vault, changed);
  return moving.length;
}

/**
 * Detaches the live entries of `ids` (customers deleted through the add-on) under the undo `token`: no
 * live slot holds them any more (a reused ID starts empty), yet undo can put them back (reattachEntries).
 * No decryption: a detached row keeps its ciphertext and context. Returns the entries detached. Never
 * throws: when the vault cannot be written nor queued (a full queue), the entries stay live — still never
 * shown for a row that does not show their mask — and the delete stands.
 */
export function detachEntries(spec: SheetSpec, ids: ReadonlySet<string>, token: string): number {
  try {
    return moveDetached(spec, ids, token);
  } catch {
    return 0;
  }
}

function moveDetached(spec: SheetSpec, ids: ReadonlySet<string>, token: string): number {
  if (ids.size === 0) return 0;
  const vault = readVault();
  const changed: VaultRow[] = [];
  const now = new Date();
  const user = currentUser();
  for (const [slot, row] of liveEntriesOf(vault, spec, ids)) {
    const detached = [`${spec.key}${DETACHED}${token}`, ...row.slice(1)];
    vault.entries.delete(slot);
    vault.entries.set(slotOf(detached[SHEET], detached[ROW_KEY], detached[COLUMN]), detached);
    changed.push(deletion(row, now, user), detached);
  }
  writeVault(vault, changed);
  return changed.length / 2;
}

/**
 * Puts back the entries detached under `token` (an undone delete), unless their slot was filled since.
 * Never throws (the rows are back either way); returns the entries put back, -1 when the vault could be
 * neither written nor queued (they stay detached).
 */
export function reattachEntries(spec: SheetSpec, token: string): number {
  try {
    return moveBack(spec, token);
  } catch {
    return -1;
  }
}

function moveBack(spec: SheetSpec, token: string): number {
  const vault = readVault();
  const changed: VaultRow[] = [];
  const now = new Date();
  const user = currentUser();
  let back = 0;
  for (const [slot, row] of [...vault.entries]) {
    if (row[SHEET] !== `${spec.key}${DETACHED}${token}`) continue;
    vault.entries.delete(slot);
    changed.push(deletion(row, now, user));
    const live = slotOf(spec.key, row[ROW_KEY], row[COLUMN]);
    if (vault.entries.has(live)) continue;
    const restored = [spec.key, ...row.slice(1)];
    vault.entries.set(live, restored);
    changed.push(restored);
    back++;
  }
  writeVault(vault, changed);
  return back;
}

/** A row of a customer being erased whose "row:N" entries may be theirs: its row and its cells as shown. */
export interface ShownRow {
  readonly row: number;
  readonly shown: ReadonlyMap<string, unknown>;
}

/**
 * Drops every entry (live or detached) of `spec` whose row key `matches` — an erased customer's — and the
 * "row:N" entries of `rows` whose value the cell shows (theirs too), rewriting the tab without them (see
 * PURGED). Returns the entries dropped.
 */
export function dropEntries(
  spec: SheetSpec,
  matches: (rowKey: string) => boolean,
  rows: readonly ShownRow[] = [],
): number {
  const vault = readVault();
  const changed: VaultRow[] = [];
  const now = new Date();
  const user = currentUser();
  const legacy = new Map(rows.map((r) => [rowKeyOf("", r.row), r.shown]));
  const read = legacy.size ? keyReader(vaultKeyNow) : null;
  for (const [slot, row] of [...vault.entries]) {
    if (baseSheet(row) !== spec.key) continue;
    const rowKey = String(row[ROW_KEY]);
    const shown = legacy.get(rowKey);
    const plain = shown === undefined ? null : tryOpen(row, read!);
    const theirs = matches(rowKey) || (plain !== null && shownAs(plain, shown!.get(String(row[COLUMN]))));
    if (!theirs) continue;
    vault.entries.delete(slot);
    changed.push(deletion(row, now, user, true));
  }
  writeVault(vault, changed);
  return changed.length;
}

function tryOpen(row: VaultRow, key: (id: string) => Uint8Array): string | null {
  try {
    return opened(row, key);
  } catch {
    return null;
  }
}

/** One value the vault holds of a customer, decrypted (for the owner's privacy export). */
export interface HeldValue {
  readonly column: string;
  readonly value: string;
  /** Detached: kept for the undo of a delete through the add-on. */
  readonly detached: boolean;
}

/**
 * The values the vault holds of customer `id`. `shown` is their row's cells by column key, or null when
 * no row holds the ID any more: then every entry under it (live or detached) is theirs; otherwise only
 * live entries whose mask the row shows (an entry left by an earlier holder of the ID is not). Values
 * that cannot be opened are left out.
 */
export function heldValues(
  spec: SheetSpec,
  id: string,
  shown: ReadonlyMap<string, unknown> | null,
): HeldValue[] {
  const { entries } = readVault();
  const read = keyReader(vaultKeyNow);
  const out: HeldValue[] = [];
  for (const row of entries.values()) {
    if (baseSheet(row) !== spec.key || String(row[ROW_KEY]) !== id) continue;
    const detached = row[SHEET] !== spec.key;
    if (shown && detached) continue;
    const value = tryOpen(row, read);
    if (value === null) continue;
    if (shown && !shownAs(value, shown.get(String(row[COLUMN])))) continue;
    out.push({ column: String(row[COLUMN]), value, detached });
  }
  return out;
}

/** Every live row key of `spec`'s entries (detached ones included), for erasures matched by digest. */
export function vaultRowKeys(spec: SheetSpec): string[] {
  const keys = new Set<string>();
  for (const row of readVault().entries.values())
    if (baseSheet(row) === spec.key) keys.add(String(row[ROW_KEY]));
  return [...keys];
}

/** What one re-sealing pass did. */
export interface ResealPass {
  readonly resealed: number;
  /** Entries still under an older key (the pass ran out of time): run again. */
  readonly remaining: number;
  /** Entries that cannot be opened (their key gone, or tampered with): left as they are. */
  readonly unreadable: number;
  /** Ids of the keys entries are still sealed with, the current one aside. */
  readonly keysInUse: readonly string[];
}

/**
 * Re-seals every entry not under the current key with it (key rotation), in memory until `deadline`
 * (epoch ms; at least one entry either way), then in one vault write: a run cut before that write changes
 * nothing, after it the re-sealed rows replace the old ones, and entries not reached stay readable with
 * their old key (which the ring keeps until none is left). Detached and "row:N" entries are re-sealed
 * in their own slots. The UpdatedAt/UpdatedBy of each entry stay: its value did not change.
 */
export function resealStale(deadline: number): ResealPass {
  const vault = readVault();
  const to = vaultKeyNow();
  const read = keyReader(vaultKeyNow);
  const stale = [...vault.entries.values()].filter((r) => keyIdOf(r) !== to.id);
  const nextNonce = nonces(stale.length);
  const changed: VaultRow[] = [];
  let unreadable = 0;
  const inUse = new Set<string>();
  for (const row of stale) {
    if (changed.length > 0 && Date.now() > deadline) {
      inUse.add(keyIdOf(row));
      continue;
    }
    const plain = tryOpen(row, read);
    if (plain === null) {
      unreadable++;
      inUse.add(keyIdOf(row));
      continue;
    }
    const next = [...row];
    next[CIPHER] = encryptField(to.key, nextNonce(), plain, contextOf(row));
    next[KEY_ID] = to.id;
    vault.entries.set(slotOf(row[SHEET], row[ROW_KEY], row[COLUMN]), next);
    changed.push(next);
  }
  writeVault(vault, changed);
  return {
    resealed: changed.length,
    remaining: stale.length - changed.length - unreadable,
    unreadable,
    keysInUse: [...inUse],
  };
}
