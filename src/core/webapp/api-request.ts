/**
 * The inbound API's request: one JSON object per POST, checked before anything is read from the book.
 * `{"token": "...", "idempotencyKey": "...", "table": "customers", "rows": [{"Name": "...", ...}]}`.
 * Apps Script gives a web app no request headers (https://developers.google.com/apps-script/guides/web#request_parameters),
 * so the token travels in the body. Limits per call keep one call inside one execution's time and the
 * document lock's patience.
 */
import { columnForHeader } from "../schema/headers";
import { CUSTOMERS, FEEDBACK, INTERACTIONS, ORDERS } from "../schema/sheets";
import type { ColumnSpec, SheetSpec } from "../schema/types";

export const API_LIMITS = Object.freeze({
  /** Rows in one call. */
  maxRows: 100,
  /** UTF-8 bytes of the request body. */
  maxBytes: 256 * 1024,
  /** Characters of an idempotency key. */
  maxKeyLength: 100,
  /** Characters of one field's text (Google's cell limit is 50,000; the API asks for less). */
  maxFieldChars: 5_000,
});

export type ApiTable = "customers" | "orders" | "interactions" | "feedback";

export const API_TABLES: Readonly<Record<ApiTable, SheetSpec>> = {
  customers: CUSTOMERS,
  orders: ORDERS,
  interactions: INTERACTIONS,
  feedback: FEEDBACK,
};

/** A value the API accepts in a field. */
export type ApiValue = string | number | boolean | null;

export interface ApiRequest {
  readonly token: string;
  readonly idempotencyKey: string;
  readonly table: ApiTable;
  readonly rows: readonly Readonly<Record<string, unknown>>[];
}

/** A refusal of the whole call: `status` is the HTTP status it stands for (sent in the JSON body). */
export interface ApiRefusal {
  readonly status: 400 | 401 | 403 | 409 | 413 | 429 | 500 | 503;
  readonly code: string;
  readonly message: string;
}

export type Parsed<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: ApiRefusal };

const bad = (code: string, message: string, status: ApiRefusal["status"] = 400): Parsed<never> => ({
  ok: false,
  error: { status, code, message },
});

/** Parses and checks a request body's shape and size (not its token, not its rows' values). */
export function parseApiRequest(contents: string, bytes: number): Parsed<ApiRequest> {
  if (bytes > API_LIMITS.maxBytes)
    return bad("too-large", `The body is ${bytes} bytes; the API takes at most ${API_LIMITS.maxBytes}.`, 413);
  let body: unknown;
  try {
    body = JSON.parse(contents);
  } catch {
    return bad("bad-json", "The body is not JSON.");
  }
  if (!body || typeof body !== "object" || Array.isArray(body))
    return bad("bad-json", "The body must be a JSON object.");
  const b = body as Record<string, unknown>;
  if (typeof b.token !== "string" || !b.token)
    return bad("no-token", 'No token: send the integration\'s token as "token".', 401);
  const key = b.idempotencyKey;
  if (typeof key !== "string" || !key.trim() || key.length > API_LIMITS.maxKeyLength)
    return bad(
      "no-idempotency-key",
      `"idempotencyKey" must be a text of 1 to ${API_LIMITS.maxKeyLength} characters, new for every change you mean once.`,
    );
  if (typeof b.table !== "string" || !(b.table in API_TABLES))
    return bad("bad-table", `"table" must be one of ${Object.keys(API_TABLES).join(", ")}.`);
  if (!Array.isArray(b.rows) || b.rows.length === 0)
    return bad("no-rows", '"rows" must be a non-empty array.');
  if (b.rows.length > API_LIMITS.maxRows)
    return bad(
      "too-many-rows",
      `${b.rows.length} rows; the API takes at most ${API_LIMITS.maxRows} a call.`,
      413,
    );
  if (b.rows.some((r) => !r || typeof r !== "object" || Array.isArray(r)))
    return bad("bad-rows", "Every row must be a JSON object of field → value.");
  return {
    ok: true,
    value: {
      token: b.token,
      idempotencyKey: key.trim(),
      table: b.table as ApiTable,
      rows: b.rows as Record<string, unknown>[],
    },
  };
}

/** One field the API refuses, or one value it cannot take. */
export interface FieldError {
  /** 0-based index of the row in the request. */
  readonly row: number;
  /** The field as the request named it. */
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

/** A request row's fields mapped to the schema's columns (by key, English or Chinese header, alias). */
export interface MappedRow {
  readonly values: ReadonlyMap<string, ApiValue>;
  /** Schema key → the field name the request used (for errors). */
  readonly names: ReadonlyMap<string, string>;
}

/** Columns the API may write: not the add-on's own (results, stamps) and not the encrypted ones. */
export function apiWritable(column: ColumnSpec): boolean {
  return !column.owned && !column.sensitive;
}

/** Maps one request row's fields to schema columns; unknown, read-only or ill-typed fields are errors. */
export function mapApiRow(
  spec: SheetSpec,
  row: Readonly<Record<string, unknown>>,
  index: number,
  errors: FieldError[],
): MappedRow {
  const values = new Map<string, ApiValue>();
  const names = new Map<string, string>();
  for (const [field, value] of Object.entries(row)) {
    const column = columnForHeader(spec, field);
    const err = (code: string, message: string) => errors.push({ row: index, field, code, message });
    if (!column) err("unknown-field", `${spec.name.en} has no field "${field}".`);
    else if (!apiWritable(column)) err("read-only", `${column.key} is not writable through the API.`);
    else if (names.has(column.key))
      err("duplicate-field", `${column.key} is given twice (as "${names.get(column.key)}" and "${field}").`);
    else if (value !== null && !["string", "number", "boolean"].includes(typeof value))
      err("bad-value", `${column.key} must be a text, number, boolean or null.`);
    else if (typeof value === "number" && !Number.isFinite(value))
      err("bad-value", `${column.key} must be a finite number.`);
    else if (typeof value === "string" && value.length > API_LIMITS.maxFieldChars)
      err("too-long", `${column.key} holds ${value.length} characters; at most ${API_LIMITS.maxFieldChars}.`);
    else {
      values.set(column.key, value as ApiValue);
      names.set(column.key, field);
    }
  }
  return { values, names };
}
