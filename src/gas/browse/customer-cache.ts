import {
  LIST_COLUMNS,
  indexFromColumns,
  type CellValue,
  type CustomerIndex,
  type IndexedCustomer,
  type ListColumn,
} from "../../core/browse/customer-index";
import { shortHash } from "../../core/browse/column-codec";
import { CUSTOMERS } from "../../core/schema/sheets";
import type { SheetKey, SheetSpec } from "../../core/schema/types";
import { callerAccessFrom } from "../platform/guard";
import { langOfLocale, spreadsheetTimeZone, userLang } from "../platform/locale";
import type { Lang } from "../../core/schema/types";
import { can } from "../../core/access/roles";
import { bumpSheetVersion, readVersions, versionOf, type Versions } from "./book-version";
import { rowIndexEntries } from "./row-index-cache";
import {
  canonicalSheets,
  defaultConverter,
  readColumns,
  stampSheet,
  type ColumnsRead,
  type SheetStamp,
} from "./sheet-columns";

type Sheet = GoogleAppsScript.Spreadsheet.Sheet;

/** An ISO date formatter for the spreadsheet's zone (Intl is far cheaper per cell than Utilities.formatDate). */
export function isoDateFormatter(timeZone: string): (d: Date) => string {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  return (d) => format.format(d);
}

/**
 * What one execution knows about the book: version tokens, canonical tabs, time zone, and the stamps and
 * indexes it already made. Module state dies with the execution (every google.script.run call is a fresh
 * one), so this only saves repeated reads within one call; between calls the document cache serves.
 */
interface Execution {
  /** The document properties, read once: versions, and the roles (saving the role check a read). */
  readonly properties: Readonly<Record<string, string>>;
  readonly versions: Versions;
  readonly sheets: ReadonlyMap<SheetKey, Sheet>;
  readonly timeZone: string;
  readonly toIso: (d: Date) => string;
  readonly stamps: Map<SheetKey, SheetStamp>;
  readonly indexes: Map<string, CustomerIndex>;
}

let current: Execution | null = null;

function execution(): Execution {
  if (current) return current;
  const timeZone = spreadsheetTimeZone();
  const properties = PropertiesService.getDocumentProperties().getProperties();
  current = {
    properties,
    versions: readVersions(properties),
    sheets: canonicalSheets(),
    timeZone,
    toIso: isoDateFormatter(timeZone),
    stamps: new Map(),
    indexes: new Map(),
  };
  return current;
}

/** The spreadsheet's ISO date formatter, made once per execution. */
export function bookDates(): (d: Date) => string {
  return execution().toIso;
}

/** Marks everything cached from the Customers sheet stale (after the add-on wrote rows or deleted some). */
export function bumpCustomersVersion(): void {
  bumpSheetStale("Customers");
}

/**
 * Marks everything cached from a canonical sheet stale (a cached answer was found not to match the sheet:
 * it changed without a version bump) and forgets this execution's stamps, so the next read stamps afresh.
 */
export function bumpSheetStale(sheet: SheetKey): void {
  bumpSheetVersion(sheet);
  current = null;
}

/** The Customers sheet as it is now (see stampSheet); throws when there is none. */
export function customersStamp(): SheetStamp {
  const stamp = sheetStamp(CUSTOMERS);
  if (!stamp) throw new Error('There is no Customers sheet yet; run "Set up / repair" first.');
  return stamp;
}

/** A canonical sheet as it is now, stamped once per execution; null when the book lacks it. */
export function sheetStamp(spec: SheetSpec): SheetStamp | null {
  const ex = execution();
  const hit = ex.stamps.get(spec.key);
  if (hit) return hit;
  const sheet = ex.sheets.get(spec.key);
  if (!sheet) return null;
  const stamp = stampSheet(spec, sheet, ex.versions, "CustomerID", ex.timeZone);
  ex.stamps.set(spec.key, stamp);
  return stamp;
}

/** Columns of a canonical sheet as cell values (dates as ISO text in the spreadsheet's zone), cached. */
export function sheetColumns(
  stamp: SheetStamp,
  keys: readonly string[],
): Readonly<Record<string, readonly CellValue[]>> {
  return sheetColumnsRead(stamp, keys).columns;
}

/**
 * As sheetColumns, saying which columns came from the sheet. A CustomerID or Owner column read whole
 * leaves its row index (row-index-cache) in the same putAll; with `sink`, the entries are collected there
 * for the caller's one putAll instead.
 */
export function sheetColumnsRead(
  stamp: SheetStamp,
  keys: readonly string[],
  sink?: Map<string, string>,
): ColumnsRead {
  return readColumns(stamp, keys, defaultConverter(stamp.spec, execution().toIso), {
    derive: (fresh) => rowIndexEntries(stamp, fresh),
    sink,
  });
}

/** The spreadsheet's time zone, read once per execution. */
export function bookTimeZone(): string {
  return execution().timeZone;
}

/**
 * How the book reads typed dates such as 01/03/2025, as readBook does (platform/locale's userLang: the
 * document's "ui" setting, else the user's locale), from the properties this execution already read.
 */
export function bookLang(): Lang {
  try {
    const chosen = (JSON.parse(execution().properties.ui || "{}") as { lang?: unknown } | null)?.lang;
    if (chosen === "en" || chosen === "zh-CN") return chosen;
  } catch {
    // An unreadable setting: as getDocumentJson, none.
  }
  return langOfLocale(Session.getActiveUserLocale());
}

/**
 * A key for a cached answer derived from columns `keys` of the stamped sheets: it changes whenever any of
 * them may have (stamp or column version), and holds `extra` (scope, language, query...).
 */
export function answerKey(
  kind: string,
  parts: readonly { readonly stamp: SheetStamp; readonly keys: readonly string[] }[],
  extra: unknown,
): string {
  const text = JSON.stringify([
    parts.map(({ stamp, keys }) => [
      stamp.guard,
      keys.map((k) => versionOf(stamp.versions, stamp.spec.key, k)),
    ]),
    extra,
  ]);
  return `browse:${kind}:${shortHash(text)}:${text.length}`;
}

/**
 * The customer index over list columns `keys` (CustomerID and Name always: they tell blank rows; Owner
 * always: it decides what a sales rep sees), from
 * the document cache; columns it lacks are read from the sheet (their cells only) and cached. A cold
 * rebuild of every list column reads 17 cells a customer.
 */
const ALWAYS = new Set<ListColumn>(["CustomerID", "Name", "Owner"]);

export function customerIndex(keys: readonly ListColumn[] = LIST_COLUMNS): CustomerIndex {
  const stamp = customersStamp();
  const wanted = LIST_COLUMNS.filter((k) => ALWAYS.has(k) || keys.includes(k));
  const memoKey = wanted.join(",");
  const ex = execution();
  const hit = ex.indexes.get(memoKey);
  if (hit) return hit;
  const columns = sheetColumns(stamp, wanted) as Partial<Record<ListColumn, readonly CellValue[]>>;
  const index = indexFromColumns(columns, stamp.height);
  ex.indexes.set(memoKey, index);
  return index;
}

/**
 * Who may see and change which customers: managers everything, sales reps the rows they own, viewers what
 * their entry grants, unlisted users nothing ("own" is any scope short of every customer).
 */
export interface Visibility {
  readonly scope: "all" | "own";
  readonly canEdit: "all" | "own" | "none";
  readonly canDelete: boolean;
  readonly visible: (c: IndexedCustomer) => boolean;
  /** The visibility filter for the query engine (null: everything) and its cache scope. */
  readonly filter: ((c: IndexedCustomer) => boolean) | null;
  /** The same rule on an Owner cell alone, for answers that read that one column instead of the index. */
  readonly visibleOwner: (owner: CellValue) => boolean;
  /** The Owner values (lower-case e-mails) whose customers the caller sees; null: every customer. */
  readonly owners: readonly string[] | null;
  readonly scopeKey: string;
}

export function callerVisibility(): Visibility {
  // The one rule (core/access/scope.ts), from the properties this execution already read.
  const access = callerAccessFrom(execution().properties);
  const all = access.wholeBook;
  const visible = (c: IndexedCustomer) => access.sees(c.get("Owner"));
  return {
    scope: all ? "all" : "own",
    canEdit: can(access.role, "edit-all") ? "all" : can(access.role, "edit-own") ? "own" : "none",
    canDelete: can(access.role, "edit-all"),
    visible: all ? () => true : visible,
    filter: all ? null : visible,
    visibleOwner: all ? () => true : access.sees,
    owners: access.scope.kind === "all" ? null : access.scope.owners,
    scopeKey: access.scopeKey,
  };
}

/** A browse answer's reader: its language, what the caller may see, and the Customers sheet's stamp. */
export interface CallerView {
  readonly lang: Lang;
  readonly access: Visibility;
  readonly customers: SheetStamp;
}

/** The {@link CallerView} of this execution's caller, in the language the sidebar asked for. */
export function callerView(requestedLang: unknown): CallerView {
  return { lang: langOf(requestedLang), access: callerVisibility(), customers: customersStamp() };
}

/** The language the sidebar asked for, else the user's own; anything else is ignored. */
export function langOf(requested: unknown): Lang {
  return requested === "en" || requested === "zh-CN" ? requested : userLang();
}
