/**
 * "Erase one customer" (a GDPR / PIPL erasure request) and the erasure list that makes restores erase
 * them again.
 *
 * What an erasure removes: their Customers row, Interactions and Feedback rows, vault values (live and
 * those kept for a delete's undo), send-log entries, the browse caches of the canonical sheets, and the
 * cells of other tabs (reports, the Problems list, the user's own tabs) naming them. Their Orders stay
 * for the books, the CustomerID replaced by a pseudonym (ERASED-…) and no personal data left in any
 * column. The audit entry names the pseudonym and counts only.
 *
 * Backups: the backup spreadsheets still hold them (their digests are what a restore trusts, so they are
 * not rewritten); instead the erasure is remembered, sealed, in document properties for as long as some
 * registered backup predates it, and `applyErasures` — which the restore and a delete's undo call once
 * they have written — erases them again from whatever came back. The audit log is left as it is: it is
 * hash-chained, holds sensitive values only as masks, and is the record of what was done.
 */
import { specOfTabName } from "../platform/tab-map";
import { CUSTOMERS, FEEDBACK, INTERACTIONS, ORDERS, SHEETS } from "../../core/schema/sheets";
import type { SheetKey } from "../../core/schema/types";
import { hexOf } from "../../core/trust/audit-chain";
import { base64Decode, base64Encode } from "../../core/trust/bytes";
import { NONCE_BYTES, decryptField, encryptField } from "../../core/trust/crypto";
import {
  erasuresSince,
  isPseudonym,
  neededErasures,
  packErasures,
  parseErasures,
  pseudonymOf,
  type Erasure,
} from "../../core/trust/privacy-erasures";
import { pseudonymisedOrder, type PersonMarks } from "../../core/trust/privacy-scrub";
import { runsOf } from "../../core/trust/restore-plan";
import type { ErasureResult } from "../../shared/privacy";
import { removeChunked } from "../browse/chunked-cache";
import { bumpSheetStale, sheetStamp } from "../browse/customer-cache";
import { cachedColumnKeys } from "../browse/sheet-columns";
import { dropFromSegmentHistory } from "../classify/summary-sheets";
import { existingSendLogSheet, rewriteSendLog } from "../notify/send-log-sheet";
import { runJob } from "../platform/job";
import { readTable, type TableSnapshot } from "../platform/sheet-table";
import { keptCell, writeValues } from "../platform/write-values";
import { readRegistry } from "./backup-registry";
import {
  customerIdArg,
  customerInBook,
  isTheirMail,
  mentionsElsewhere,
  rowsNaming,
  sendLogOf,
  type CustomerInBook,
} from "./privacy-read";
import { sensitiveKeys } from "./sensitive-columns";
import { dropEntries, vaultRowKeys } from "./vault";
import { isSystemTabName } from "../../core/schema/system-tabs";

/** The erasure list, spread over properties of at most LIST_BYTES each: "privacyErasures:0", ":1", … */
const LIST_PREFIX = "privacyErasures:";
const LIST_BYTES = 8 * 1024;
/** The document's privacy secret (32 random bytes): seals the list's IDs and keys the pseudonyms. */
const SECRET_PROPERTY = "privacySecret";
/** An erasure begun but not finished: a run again reuses its pseudonym, so all their orders carry one. */
const PENDING_PROPERTY = "privacyErasurePending";
const ID_CONTEXT = "sheet-crm/erasure-id";
/** How often rows found moved (a user inserting or sorting meanwhile) are looked for again. */
const ATTEMPTS = 3;

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

function digestBytes(text: string): number[] {
  return Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8);
}

function secret(): Uint8Array {
  const props = PropertiesService.getDocumentProperties();
  const stored = props.getProperty(SECRET_PROPERTY);
  if (stored) return base64Decode(stored);
  const made = Uint8Array.from(digestBytes(Utilities.getUuid() + Utilities.getUuid()), (b) => b & 0xff);
  props.setProperty(SECRET_PROPERTY, base64Encode(made));
  return made;
}

function sealId(key: Uint8Array, id: string): string {
  const nonce = Uint8Array.from(digestBytes(Utilities.getUuid()).slice(0, NONCE_BYTES), (b) => b & 0xff);
  return encryptField(key, nonce, id, ID_CONTEXT);
}

function openId(key: Uint8Array, sealed: string): string {
  try {
    return decryptField(key, sealed, ID_CONTEXT);
  } catch {
    // Not sealed with this document's secret: it names nobody here.
    return "";
  }
}

/** The stored erasure list, oldest first. */
function readErasures(): Erasure[] {
  const all = PropertiesService.getDocumentProperties().getProperties();
  return parseErasures(
    Object.keys(all)
      .filter((k) => k.startsWith(LIST_PREFIX))
      .map((k) => all[k]),
  );
}

/** Stores `list`, dropping entries no registered backup predates (no restore can bring those back). */
function storeErasures(list: readonly Erasure[]): void {
  const props = PropertiesService.getDocumentProperties();
  const times = readRegistry().sets.map((s) => s.at);
  const values = packErasures(neededErasures(list, times), LIST_BYTES);
  const old = Object.keys(props.getProperties()).filter((k) => k.startsWith(LIST_PREFIX));
  const next: Record<string, string> = {};
  values.forEach((v, i) => (next[`${LIST_PREFIX}${i}`] = v));
  if (values.length) props.setProperties(next);
  for (const k of old) if (!(k in next)) props.deleteProperty(k);
}

/** Which stores an erasure touches: a live erasure all of them; a restore only what it wrote. */
interface Scope {
  readonly sheets: ReadonlySet<SheetKey>;
  readonly vault: boolean;
  /** The send log and other tabs: live data that no backup holds. */
  readonly live: boolean;
}

/** Counts of what one erasure did (the result's fields besides the pseudonym). */
type Counts = Omit<ErasureResult, "pseudonym">;

const NONE: Counts = {
  customers: 0,
  interactions: 0,
  feedback: 0,
  ordersPseudonymised: 0,
  vaultValues: 0,
  sendLogEntries: 0,
  segmentHistory: 0,
  otherCells: 0,
};

/** Sheet rows (1-based) of `sheet` whose cell in `column` (1-based) is `id`, read now in one call. */
function rowsNow(sheet: Sheet, column: number, id: string): number[] {
  const last = sheet.getLastRow();
  if (last < 2) return [];
  return sheet
    .getRange(2, column, last - 1, 1)
    .getValues()
    .flatMap(([v], i) => (String(v ?? "").trim() === id ? [i + 2] : []));
}

/**
 * Runs `act` on every run of rows naming `id`, bottom run first. Before each, the run's ID cells are read
 * again: rows a user moved meanwhile are looked for again rather than acted on blindly. `act` must leave
 * the run no longer naming `id` (deleted, or its ID replaced). Returns the rows acted on.
 */
function forEachRun(table: TableSnapshot, id: string, act: (start: number, count: number) => void): number {
  const at = table.map.index.get("CustomerID");
  if (at === undefined) return 0;
  const sheet = table.sheet;
  let rows = rowsNaming(table, id).map((i) => i + 2);
  let done = 0;
  for (let attempt = 0; attempt < ATTEMPTS && rows.length; attempt++) {
    let moved = false;
    for (const [start, count] of runsOf(rows).reverse()) {
      const ids = sheet.getRange(start, at + 1, count, 1).getValues();
      if (ids.some(([v]) => String(v ?? "").trim() !== id)) {
        moved = true;
        break;
      }
      act(start, count);
      done += count;
    }
    rows = moved ? rowsNow(sheet, at + 1, id) : [];
  }
  if (rows.length)
    throw new Error(`Rows of "${sheet.getName()}" kept moving while erasing; run the erasure again.`);
  return done;
}

/** Deletes every row naming `id` (Sheets refuses to delete every non-frozen row: one blank row is kept). */
function deleteRowsNaming(table: TableSnapshot | null, id: string): number {
  if (!table) return 0;
  const sheet = table.sheet;
  return forEachRun(table, id, (start, count) => {
    if (sheet.getMaxRows() - count <= sheet.getFrozenRows()) sheet.insertRowsAfter(sheet.getMaxRows(), 1);
    sheet.deleteRows(start, count);
  });
}

/**
 * Replaces `id` in the order lines naming it by the pseudonym and empties whatever else in them names the
 * customer (pseudonymisedOrder). Writes only the changed columns of each run (formulas in the cells not
 * changed kept), and removes the run's notes (a problem note may quote a value of theirs).
 */
function pseudonymiseOrders(
  table: TableSnapshot | null,
  id: string,
  pseudonym: string,
  who: PersonMarks,
): number {
  if (!table) return 0;
  const sheet = table.sheet;
  const width = table.headers.length;
  return forEachRun(table, id, (start, count) => {
    const current = sheet.getRange(start, 1, count, width).getValues();
    const formulas = sheet.getRange(start, 1, count, width).getFormulas();
    const next = current.map((r) => pseudonymisedOrder(r, table.map, pseudonym, who));
    const columns = [...new Set(next.flatMap((n) => n.changed))].sort((a, b) => a - b);
    for (const c of columns)
      writeValues(
        sheet.getRange(start, c + 1, count, 1),
        next.map((n, r) => [n.changed.includes(c) ? n.row[c] : keptCell(formulas[r][c], current[r][c])]),
      );
    sheet.getRange(start, 1, count, width).clearNote();
  });
}

/** Their sensitive cells as their rows show them (the vault drops "row:N" entries these show). */
function shownRows(book: CustomerInBook): { row: number; shown: ReadonlyMap<string, unknown> }[] {
  const table = book.customers;
  if (!table) return [];
  const keys = [...sensitiveKeys(CUSTOMERS)];
  return book.rows.map((i) => ({
    row: i + 2,
    shown: new Map(
      keys.map((k) => [k, table.map.index.has(k) ? table.rows[i][table.map.index.get(k)!] : ""]),
    ),
  }));
}

/** Drops every cache entry of the canonical sheets' columns, then marks them stale. */
function forgetCaches(): void {
  const keys: string[] = [];
  for (const spec of SHEETS) {
    const stamp = sheetStamp(spec);
    if (stamp) keys.push(...cachedColumnKeys(stamp));
  }
  removeChunked(keys);
}

/** Erases customer `id` (as `book` read them) from what `scope` covers; returns the counts. */
function eraseFrom(book: CustomerInBook, pseudonym: string, scope: Scope): Counts {
  const { id, marks } = book;
  const counts = { ...NONE };
  if (scope.live) forgetCaches();
  // The vault first: its "row:N" entries are recognised by the rows about to be deleted.
  if (scope.vault) counts.vaultValues = dropEntries(CUSTOMERS, (rowKey) => rowKey === id, shownRows(book));
  if (scope.sheets.has("Orders"))
    counts.ordersPseudonymised = pseudonymiseOrders(readTable(ORDERS), id, pseudonym, marks);
  if (scope.sheets.has("Interactions")) counts.interactions = deleteRowsNaming(readTable(INTERACTIONS), id);
  if (scope.sheets.has("Feedback")) counts.feedback = deleteRowsNaming(readTable(FEEDBACK), id);
  // Their Customers row goes last: a run cut before it still knows their name and e-mail when run again.
  if (scope.live) {
    const log = sendLogOf(marks);
    const sheet = existingSendLogSheet();
    if (sheet && log.theirs.length) {
      rewriteSendLog(
        sheet,
        log.all.filter((e) => !isTheirMail(e, marks)),
      );
      counts.sendLogEntries = log.theirs.length;
    }
    counts.segmentHistory = dropFromSegmentHistory(id);
    const ss = SpreadsheetApp.getActive();
    const cells = mentionsElsewhere(marks);
    for (const m of cells) ss.getSheetByName(m.tab)?.getRange(m.row, m.column).clearContent();
    counts.otherCells = cells.length;
  }
  if (scope.sheets.has("Customers")) counts.customers = deleteRowsNaming(book.customers, id);
  for (const key of scope.sheets) bumpSheetStale(key);
  return counts;
}

/** Whether the book holds anything under `id` at all (so an unknown ID is refused, not "erased"). */
function holdsAnything(book: CustomerInBook): boolean {
  if (book.rows.length) return true;
  if ([ORDERS, INTERACTIONS, FEEDBACK].some((spec) => rowsNaming(readTable(spec), book.id).length))
    return true;
  if (vaultRowKeys(CUSTOMERS).includes(book.id)) return true;
  return sendLogOf(book.marks).theirs.length > 0;
}

/**
 * Erases one customer (see the module comment). Owners and managers (the server-function table); a
 * customer the caller may not see is "not found". Idempotent: a run cut short and run again finishes the
 * same erasure under the same pseudonym. The result and the audit entry name the pseudonym and counts
 * only; an ID the book holds nothing under is refused without echoing it.
 */
export function eraseCustomer(customerId: string): ErasureResult {
  return runJob("Erase customer", "edit-all", () => {
    const id = customerIdArg(customerId);
    if (isPseudonym(id)) throw new Error("That customer was erased already.");
    const book = customerInBook(id);
    if (!holdsAnything(book)) throw new Error("The book holds nothing under that CustomerID.");
    const key = secret();
    const props = PropertiesService.getDocumentProperties();
    const pending = parseErasures([props.getProperty(PENDING_PROPERTY)])[0] ?? null;
    const resumed = pending && openId(key, pending.id) === id ? pending : null;
    const at = resumed?.at ?? Date.now();
    const pseudonym =
      resumed?.pseudonym ?? pseudonymOf(hexOf(digestBytes(`${base64Encode(key)}\u0000${id}\u0000${at}`)));
    if (!resumed) {
      const entry: Erasure = { id: sealId(key, id), pseudonym, at };
      // Remembered before anything is erased: a run cut short is finished by running it again, and a
      // restore of an older backup erases them again.
      props.setProperty(PENDING_PROPERTY, packErasures([entry], LIST_BYTES)[0]);
      storeErasures([...readErasures(), entry]);
    }
    const all: Scope = { sheets: new Set<SheetKey>(SHEETS.map((s) => s.key)), vault: true, live: true };
    const counts = eraseFrom(book, pseudonym, all);
    props.deleteProperty(PENDING_PROPERTY);
    const rows = counts.customers + counts.interactions + counts.feedback + counts.ordersPseudonymised;
    return {
      result: { pseudonym, ...counts },
      outcome: {
        rowsAffected: rows,
        detail:
          `erased ${pseudonym}: removed ${counts.customers} customer row(s), ${counts.interactions} ` +
          `interaction(s), ${counts.feedback} feedback row(s), ${counts.vaultValues} vault value(s), ` +
          `${counts.sendLogEntries} send-log entr(ies), ${counts.segmentHistory} snapshot line(s), ` +
          `${counts.otherCells} other cell(s); ${counts.ordersPseudonymised} order line(s) pseudonymised`,
      },
    };
  });
}

/**
 * Erases again, from what a restore (or a delete's undo) just wrote, every customer erased after `since`
 * (epoch ms: when the backup it wrote from was made). `written` names the tabs it wrote (canonical sheets
 * in either language, or the vault): only those are touched, so a customer who got an erased customer's
 * ID later is left alone in the sheets the restore did not write. Call it once the restore has written
 * (restore-job.ts's finish, batch-edit.ts's undo). Returns the rows erased or pseudonymised.
 */
export function applyErasures(since: number, written: readonly string[]): number {
  const list = readErasures();
  if (list.length === 0) return 0;
  const sheets = new Set<SheetKey>();
  for (const name of written) {
    const spec = specOfTabName(name);
    if (spec) sheets.add(spec.key);
  }
  const vault = written.some((name) => isSystemTabName("vault", name));
  if (sheets.size === 0 && !vault) return 0;
  const key = secret();
  let rows = 0;
  for (const { erasure, id } of erasuresSince(list, since, (e) => openId(key, e.id))) {
    if (!id) continue;
    // No visibility check: whoever may restore restores every customer.
    const book = customerInBook(id, false);
    const c = eraseFrom(book, erasure.pseudonym, { sheets, vault, live: false });
    rows += c.customers + c.interactions + c.feedback + c.ordersPseudonymised;
  }
  return rows;
}
