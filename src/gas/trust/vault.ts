import { writeValues } from "../platform/write-values";
import { base64Decode, base64Encode } from "../../core/trust/bytes";
import {
  KEY_BYTES,
  NONCE_BYTES,
  cellContext,
  decryptField,
  encryptField,
  makeNonce,
} from "../../core/trust/crypto";
import { isMasked, maskSensitive } from "../../core/trust/mask";
import { mapHeaders } from "../../core/schema/headers";
import type { SheetSpec } from "../../core/schema/types";
import { enqueueRows, readQueue, type QueuedRows, type QueueOwner } from "./property-queue";
import { currentUser } from "../platform/locale";
import { ensureRows, trimGrid } from "../platform/tab-grid";
import { VAULT_PROTECTION, protectOwnerOnly } from "./protection";
import { sensitivePositions } from "./sensitive-columns";

/**
 * Sensitive values live encrypted in a hidden, owner-protected "Vault" sheet, one row per
 * (sheet, row ID, column); the visible cell only ever shows the mask.
 */
export const VAULT_SHEET = "Vault";
const VAULT_HEADERS = ["Sheet", "RowKey", "Column", "Ciphertext", "UpdatedAt", "UpdatedBy"];
const KEY_PROPERTY = "vaultKey";
/**
 * Vault rows the caller could not write (only the owner may edit the vault sheet) wait, still encrypted,
 * in document properties (see property-queue.ts); reads merge them and the owner's next write stores
 * them. The queue is for that case only: the tab itself grows as needed.
 */
const QUEUE: QueueOwner = { prefix: "vaultQueue:", tab: VAULT_SHEET, holds: "sealed values" };
/** Rows the vault tab grows by when full (one insertRowsAfter per this many appended rows at most). */
const VAULT_GROW_ROWS = 200;
const COUNTER_PROPERTY = "vaultNonceCounter";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function digestBytes(text: string): Uint8Array {
  const signed = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text);
  return Uint8Array.from(signed, (b) => b & 0xff);
}

/**
 * The AES-256 key, one per document, in document properties: script properties are shared by every
 * installation of an add-on, so a key there would be every customer's key
 * (https://developers.google.com/apps-script/guides/properties). Made on first use from two UUIDs' SHA-256.
 * A key an older version kept in script properties (a bound script's: one document) moves here with its
 * nonce counter on first use, and is then deleted there. Made or moved under the script lock, so two
 * first uses at once cannot make two keys.
 */
function vaultKey(): Uint8Array {
  const doc = PropertiesService.getDocumentProperties();
  const stored = doc.getProperty(KEY_PROPERTY);
  if (stored) return base64Decode(stored);
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(10_000)) throw new Error("The vault key is being set up by another run; try again.");
  try {
    const again = doc.getProperty(KEY_PROPERTY);
    if (again) return base64Decode(again);
    // One-time migration only: versions before the add-on deployment kept the key in script properties
    // (a bound script's, one document each); it moves here and is deleted there.
    const script = PropertiesService.getScriptProperties();
    const legacy = script.getProperty(KEY_PROPERTY);
    const key = legacy
      ? base64Decode(legacy)
      : digestBytes(Utilities.getUuid() + Utilities.getUuid()).subarray(0, KEY_BYTES);
    const values: Record<string, string> = { [KEY_PROPERTY]: base64Encode(key) };
    const counter = legacy ? script.getProperty(COUNTER_PROPERTY) : null;
    if (counter) values[COUNTER_PROPERTY] = counter;
    doc.setProperties(values);
    if (legacy) {
      script.deleteProperty(KEY_PROPERTY);
      script.deleteProperty(COUNTER_PROPERTY);
    }
    return key;
  } finally {
    lock.releaseLock();
  }
}

/**
 * Reserves `n` nonce counters of this document's key (kept beside it in document properties). The script
 * lock (not the document lock, which the calling job already holds) makes read-and-bump atomic across
 * users and triggers, so no counter (and with the random half, no nonce) is ever handed out twice. Null when the lock is
 * busy: the caller then uses fully random 96-bit nonces (safe for far more values than a sheet holds)
 * rather than leave a typed plaintext in the cell.
 */
function reserveCounters(n: number): number | null {
  const lock = LockService.getScriptLock();
  if (!lock.tryLock(10_000)) return null;
  try {
    const props = PropertiesService.getDocumentProperties();
    const first = Number(props.getProperty(COUNTER_PROPERTY) || "0");
    props.setProperty(COUNTER_PROPERTY, String(first + n));
    return first;
  } finally {
    lock.releaseLock();
  }
}

/** A nonce source for `n` encryptions: counter + per-batch random, or all-random when no counter. */
function nonces(n: number): () => Uint8Array {
  const first = reserveCounters(n);
  if (first === null) return () => digestBytes(Utilities.getUuid()).subarray(0, NONCE_BYTES);
  // One random half per batch: the counters already differ within it.
  const random = digestBytes(Utilities.getUuid());
  let counter = first;
  return () => makeNonce(counter++, random);
}

function vaultSheet(create: boolean): Sheet | null {
  const ss = SpreadsheetApp.getActive();
  const found = ss.getSheetByName(VAULT_SHEET);
  if (found || !create) return found;
  const sheet = ss.insertSheet(VAULT_SHEET);
  trimGrid(sheet, 1 + VAULT_GROW_ROWS, VAULT_HEADERS.length);
  sheet.getRange(1, 1, 1, VAULT_HEADERS.length).setValues([VAULT_HEADERS]);
  sheet.hideSheet();
  protectOwnerOnly(sheet, VAULT_PROTECTION);
  return sheet;
}

function slot(sheet: string, rowKey: string, column: string): string {
  return `${sheet}\u0000${rowKey}\u0000${column}`;
}

/**
 * The whole vault (sheet in one getValues, then queued batches on top), indexed by slot. The tab is a log:
 * a later row for a slot replaces an earlier one, and a row with an empty ciphertext deletes it.
 */
function readVault(sheet: Sheet | null): {
  entries: Map<string, unknown[]>;
  sheetRows: number;
  queue: QueuedRows;
} {
  const entries = new Map<string, unknown[]>();
  const sheetRows = sheet ? Math.max(0, sheet.getLastRow() - 1) : 0;
  const stored = sheet && sheetRows ? sheet.getRange(2, 1, sheetRows, VAULT_HEADERS.length).getValues() : [];
  const queue = readQueue(QUEUE.prefix);
  for (const r of [...stored.filter((r) => r[0] !== ""), ...queue.rows]) {
    const id = slot(String(r[0]), String(r[1]), String(r[2]));
    if (r[3] === "") entries.delete(id);
    else entries.set(id, r);
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
function writeVault(vault: ReturnType<typeof readVault>, changed: readonly unknown[][]): void {
  const props = PropertiesService.getDocumentProperties();
  let failure: unknown;
  try {
    const sheet = vaultSheet(true)!;
    if (needsCompaction(vault.sheetRows + vault.queue.rows.length + changed.length, vault.entries.size)) {
      const values = [...vault.entries.values()];
      // Blank rows pad to the old length inside the same write: a cut-short run leaves no stale tail.
      const height = Math.max(values.length, vault.sheetRows);
      const blank = VAULT_HEADERS.map(() => "");
      const padded = Array.from({ length: height }, (_, i) => values[i] ?? blank);
      if (height) writeValues(sheet.getRange(2, 1, height, VAULT_HEADERS.length), padded);
      const spare = sheet.getMaxRows() - (values.length + 1 + VAULT_GROW_ROWS);
      if (spare > 0) sheet.deleteRows(values.length + 2 + VAULT_GROW_ROWS, spare);
    } else {
      const rows = [...vault.queue.rows, ...changed];
      const first = vault.sheetRows + 2;
      if (rows.length) {
        ensureRows(sheet, first + rows.length - 1, VAULT_GROW_ROWS);
        writeValues(sheet.getRange(first, 1, rows.length, VAULT_HEADERS.length), rows);
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
  const vault = readVault(vaultSheet(false));
  const { entries } = vault;
  const changed: unknown[][] = [];
  const toEncrypt = changes.filter((w) => w.value !== "");
  const key = toEncrypt.length ? vaultKey() : new Uint8Array(0);
  const nextNonce = toEncrypt.length ? nonces(toEncrypt.length) : () => new Uint8Array(0);
  const now = new Date();
  const user = currentUser();
  const sealed: SealedCell[] = [];
  for (const w of changes) {
    const id = slot(spec.key, w.rowKey, w.key);
    if (w.value === "") {
      if (entries.delete(id)) changed.push([spec.key, w.rowKey, w.key, "", now, user]);
      continue;
    }
    const token = encryptField(key, nextNonce(), w.value, cellContext(spec.key, w.rowKey, w.key));
    const row = [spec.key, w.rowKey, w.key, token, now.toISOString(), user];
    entries.set(id, row);
    changed.push(row);
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

/**
 * The plaintext stored for a row's sensitive column, or null when the vault holds none. `sheetRow` is
 * where the row is now, for values sealed before the row had an ID.
 */
export function openVault(spec: SheetSpec, rowId: string, column: string, sheetRow?: number): string | null {
  const { entries } = readVault(vaultSheet(false));
  for (const rowKey of [rowId, ...(sheetRow ? [rowKeyOf("", sheetRow)] : [])]) {
    const entry = entries.get(slot(spec.key, rowKey, column));
    if (entry) return decryptField(vaultKey(), String(entry[3]), cellContext(spec.key, rowKey, column));
  }
  return null;
}
