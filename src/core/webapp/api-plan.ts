/**
 * What one API call does to one table, decided from the sheet's cells alone: each request row is matched
 * (customers by CustomerID, else e-mail, else phone; order lines by OrderID and Product), judged by the
 * table's own rules (validateTable: required, types, dropdown lists, bounds) on the row as it would be
 * written, and checked against what the token may reach (its scope: a rep's token only their customers).
 * Rows are planned in order on a working copy, so a later row sees an earlier one. Any error in any row
 * makes the whole call write nothing (all or nothing): the response lists every error by row and field.
 */
import { isBlank } from "../table/parse";
import { nextCustomerIds } from "../table/ids/customer-ids";
import { customerIdKey, validateTable } from "../table/validate/validate-table";
import { uniqueKey } from "../table/validate/read-cell";
import type { ValueLists } from "../table/validate/value-lists";
import { mapHeaders } from "../schema/headers";
import { CUSTOMERS } from "../schema/sheets";
import type { Lang, SheetSpec } from "../schema/types";
import { mapApiRow, type ApiTable, type ApiValue, type FieldError, type MappedRow } from "./api-request";

/** A table as read in one batch: header row and data rows (row i is sheet row i + 2). */
export interface TableCells {
  readonly headers: readonly unknown[];
  readonly rows: readonly (readonly unknown[])[];
}

/** What the token may reach, as the roles decide for the member it acts for (core/access/scope.ts). */
export interface ApiReach {
  /** Whether a customer with this Owner cell may be read. */
  sees(owner: unknown): boolean;
  /** Whether a customer with this Owner cell may be changed. */
  edits(owner: unknown): boolean;
  /** The Owner a new customer or interaction gets when none is given (a rep's token: the rep), or "". */
  readonly defaultOwner: string;
}

export interface PlanContext {
  readonly lang: Lang;
  readonly timeZone: string;
  readonly valueLists?: ValueLists;
  /** The stamp for CreatedAt / UpdatedAt (the caller's Date of now). */
  readonly now: unknown;
  /** The cell value of an ISO date the request sent for a date column (a Date in the book's zone). */
  readonly dateCell: (iso: string) => unknown;
  readonly reach: ApiReach;
}

/** A change for the webhooks and the audit: which customer, what happened. */
export interface ApiEvent {
  readonly kind:
    | "customer.created"
    | "customer.changed"
    | "order.added"
    | "order.changed"
    | "interaction.added"
    | "feedback.added";
  readonly customerId: string;
  /** The fields the request changed (schema keys). */
  readonly fields: readonly string[];
  /** The row's values after the change, by schema key (text, numbers, booleans; dates as ISO text). */
  readonly values: Readonly<Record<string, ApiValue>>;
}

export interface RowResult {
  readonly row: number;
  readonly action: "created" | "updated" | "unchanged" | "rejected";
  /** The CustomerID (customers) or OrderID (orders) the row is about, when known. */
  readonly id: string;
}

export interface ApiPlan {
  readonly results: readonly RowResult[];
  readonly errors: readonly FieldError[];
  /** Fields holding text Sheets would read as a formula: written as text (writeValues), reported here. */
  readonly neutralised: readonly { readonly row: number; readonly field: string }[];
  /** 0-based data row → the new row (cells not changed keep what the sheet has: `keep` marks them). */
  readonly updates: ReadonlyMap<number, readonly unknown[]>;
  /** New rows, in order, appended after the last data row. */
  readonly appended: readonly (readonly unknown[])[];
  readonly events: readonly ApiEvent[];
}

const DATE_TYPES = new Set(["date", "datetime"]);
const ISO = /^\d{4}-\d{2}-\d{2}( \d{2}:\d{2}:\d{2})?$/;

/** The customers' index: CustomerID key → data row, Owner of each row. */
interface CustomerIndex {
  readonly byId: ReadonlyMap<string, number>;
  readonly owner: (row: number) => unknown;
}

function customerIndex(customers: TableCells): CustomerIndex {
  const map = mapHeaders(CUSTOMERS, customers.headers);
  const idAt = map.index.get("CustomerID");
  const ownerAt = map.index.get("Owner");
  const byId = new Map<string, number>();
  customers.rows.forEach((r, i) => {
    if (idAt !== undefined && !isBlank(r[idAt]) && !byId.has(customerIdKey(r[idAt])))
      byId.set(customerIdKey(r[idAt]), i);
  });
  return { byId, owner: (i) => (ownerAt === undefined ? "" : customers.rows[i][ownerAt]) };
}

const say = {
  notYours: "No customer this token may change has this ID.",
  unknownCustomer: (id: string) => `No customer this token may reach has CustomerID ${id}.`,
  taken: (what: string, id: string) => `This ${what} belongs to another customer (${id}).`,
  owner: "This token may only give its own member as Owner.",
  noCustomerId: "CustomerID is required.",
};

/**
 * Plans one call on `table` (the request's rows already parsed). `customers` is the Customers table
 * (the same object as `table` when the call is about customers).
 */
export function planApiCall(
  apiTable: ApiTable,
  spec: SheetSpec,
  table: TableCells,
  customers: TableCells,
  requestRows: readonly Readonly<Record<string, unknown>>[],
  ctx: PlanContext,
): ApiPlan {
  const errors: FieldError[] = [];
  const neutralised: { row: number; field: string }[] = [];
  const results: RowResult[] = [];
  const events: ApiEvent[] = [];
  const map = mapHeaders(spec, table.headers);
  const at = (key: string) => map.index.get(key);
  const width = table.headers.length;
  // The working copy: existing rows (changed ones replaced) and the appended ones.
  const working: unknown[][] = table.rows.map((r) => [...r]);
  const changed = new Set<number>();
  const custIndex = customerIndex(
    apiTable === "customers" ? { headers: table.headers, rows: working } : customers,
  );
  const ids = (): unknown[] => {
    const c = at("CustomerID");
    return c === undefined ? [] : working.map((r) => r[c]);
  };

  requestRows.forEach((raw, index) => {
    const before = errors.length;
    const mapped = mapApiRow(spec, raw, index, errors);
    for (const [key, field] of mapped.names)
      if (at(key) === undefined)
        errors.push({
          row: index,
          field,
          code: "no-column",
          message: `The ${spec.name.en} tab has no ${key} column yet; run Set up / repair.`,
        });
    if (errors.length > before) {
      results.push({ row: index, action: "rejected", id: "" });
      return;
    }
    const planned =
      apiTable === "customers"
        ? planCustomer(index, mapped)
        : apiTable === "orders"
          ? planOrder(index, mapped)
          : planAppendOnly(index, mapped);
    results.push(errors.length > before ? { ...planned, action: "rejected" } : planned);
  });

  /** The cell value to write for a request value. */
  function cellOf(key: string, value: ApiValue): unknown {
    if (value === null) return "";
    const column = spec.columns.find((c) => c.key === key)!;
    if (typeof value === "string" && DATE_TYPES.has(column.type) && ISO.test(value.trim()))
      return ctx.dateCell(value.trim());
    return value;
  }

  /** Validates `row` in the columns `keys` (plus required ones); records errors and formula-like text. */
  function judge(
    index: number,
    row: readonly unknown[],
    keys: ReadonlySet<string>,
    names: ReadonlyMap<string, string>,
    knownIds?: ReadonlySet<string>,
  ): void {
    const problems = validateTable(spec, table.headers, [row], {
      lang: ctx.lang,
      timeZone: ctx.timeZone,
      valueLists: ctx.valueLists,
      ...(knownIds ? { knownCustomerIds: knownIds } : {}),
    });
    for (const p of problems) {
      if (p.row === 1 || p.severity === "warning") continue;
      const column = spec.columns.find((c) => c.key === p.key);
      if (!keys.has(p.key) && !column?.required) continue;
      const field = names.get(p.key) ?? p.key;
      if (p.rule === "formula") neutralised.push({ row: index, field });
      else errors.push({ row: index, field, code: p.rule, message: p.message });
    }
  }

  /** Applies the mapped values to a copy of `base`; returns the row and the keys whose cell changed. */
  function applied(base: readonly unknown[], mapped: MappedRow): { row: unknown[]; changedKeys: string[] } {
    const row = [...base];
    const changedKeys: string[] = [];
    for (const [key, value] of mapped.values) {
      const c = at(key)!;
      const next = cellOf(key, value);
      if (sameCell(row[c], next)) continue;
      row[c] = next;
      changedKeys.push(key);
    }
    return { row, changedKeys };
  }

  function valuesOf(row: readonly unknown[]): Record<string, ApiValue> {
    const out: Record<string, ApiValue> = {};
    for (const [key, c] of map.index) {
      const v = row[c];
      out[key] =
        v instanceof Date || Object.prototype.toString.call(v) === "[object Date]"
          ? (v as Date).toISOString()
          : isBlank(v)
            ? null
            : (v as ApiValue);
    }
    return out;
  }

  function stamp(row: unknown[], keys: readonly string[]): void {
    for (const k of keys) if (at(k) !== undefined) row[at(k)!] = ctx.now;
  }

  function findUnique(type: "email" | "phone", key: string, value: unknown, except: number): number {
    const c = at(key);
    if (c === undefined || isBlank(value)) return -1;
    const want = uniqueKey(type, value);
    return working.findIndex((r, i) => i !== except && !isBlank(r[c]) && uniqueKey(type, r[c]) === want);
  }

  function planCustomer(index: number, mapped: MappedRow): RowResult {
    const idGiven = mapped.values.get("CustomerID");
    const fieldOf = (k: string) => mapped.names.get(k) ?? k;
    let target = -1;
    if (idGiven !== undefined && idGiven !== null && String(idGiven).trim())
      target = custIndex.byId.get(customerIdKey(idGiven)) ?? -1;
    else {
      target = findUnique("email", "Email", mapped.values.get("Email"), -1);
      if (target < 0) target = findUnique("phone", "Phone", mapped.values.get("Phone"), -1);
    }
    // Never an existing customer the token may not change; the answer does not say whether one exists.
    if (target >= 0 && !ctx.reach.edits(custIndex.owner(target))) {
      errors.push({
        row: index,
        field: fieldOf(idGiven !== undefined ? "CustomerID" : mapped.values.has("Email") ? "Email" : "Phone"),
        code: "forbidden",
        message: say.notYours,
      });
      return { row: index, action: "rejected", id: "" };
    }
    const ownerGiven = mapped.values.get("Owner");
    if (ownerGiven !== undefined && !ctx.reach.edits(ownerGiven ?? "")) {
      errors.push({ row: index, field: fieldOf("Owner"), code: "forbidden-owner", message: say.owner });
      return { row: index, action: "rejected", id: "" };
    }
    const idAt = at("CustomerID");
    if (target < 0) {
      const blank: unknown[] = Array.from({ length: width }, () => "");
      const { row } = applied(blank, mapped);
      const id =
        idGiven !== undefined && idGiven !== null && String(idGiven).trim()
          ? String(idGiven).trim()
          : nextCustomerIds(ids(), 1)[0];
      if (idAt !== undefined) row[idAt] = id;
      const ownerAt = at("Owner");
      if (ownerAt !== undefined && isBlank(row[ownerAt]) && ctx.reach.defaultOwner)
        row[ownerAt] = ctx.reach.defaultOwner;
      stamp(row, ["CreatedAt", "UpdatedAt"]);
      const keys = new Set([...mapped.values.keys(), "CustomerID"]);
      const before = errors.length;
      judge(index, row, keys, mapped.names);
      for (const [type, key] of [
        ["email", "Email"],
        ["phone", "Phone"],
      ] as const) {
        const other = findUnique(type, key, row[at(key) ?? -1], -1);
        if (at(key) !== undefined && other >= 0)
          errors.push({
            row: index,
            field: fieldOf(key),
            code: "unique",
            message: say.taken(type === "email" ? "e-mail" : "phone", String(working[other][idAt!])),
          });
      }
      if (idAt !== undefined && custIndex.byId.has(customerIdKey(id)))
        errors.push({
          row: index,
          field: fieldOf("CustomerID"),
          code: "unique",
          message: say.taken("ID", id),
        });
      if (errors.length > before) return { row: index, action: "rejected", id };
      working.push(row);
      (custIndex.byId as Map<string, number>).set(customerIdKey(id), working.length - 1);
      events.push({
        kind: "customer.created",
        customerId: id,
        fields: [...mapped.values.keys()],
        values: valuesOf(row),
      });
      return { row: index, action: "created", id };
    }
    const id = idAt === undefined ? "" : String(working[target][idAt]);
    const { row, changedKeys } = applied(working[target], mapped);
    if (!changedKeys.length) return { row: index, action: "unchanged", id };
    const before = errors.length;
    judge(index, row, new Set(changedKeys), mapped.names);
    for (const [type, key] of [
      ["email", "Email"],
      ["phone", "Phone"],
    ] as const) {
      if (!changedKeys.includes(key)) continue;
      const other = findUnique(type, key, row[at(key)!], target);
      if (other >= 0)
        errors.push({
          row: index,
          field: fieldOf(key),
          code: "unique",
          message: say.taken(type === "email" ? "e-mail" : "phone", String(working[other][idAt!])),
        });
    }
    if (errors.length > before) return { row: index, action: "rejected", id };
    stamp(row, ["UpdatedAt"]);
    working[target] = row;
    changed.add(target);
    events.push({ kind: "customer.changed", customerId: id, fields: changedKeys, values: valuesOf(row) });
    return { row: index, action: "updated", id };
  }

  /** The customer a row of another table names: must exist and be one the token may change. */
  function customerOf(index: number, mapped: MappedRow): string | null {
    const given = mapped.values.get("CustomerID");
    const field = mapped.names.get("CustomerID") ?? "CustomerID";
    if (given === undefined || given === null || !String(given).trim()) {
      errors.push({ row: index, field, code: "required", message: say.noCustomerId });
      return null;
    }
    const i = custIndex.byId.get(customerIdKey(given));
    if (i === undefined || !ctx.reach.edits(custIndex.owner(i))) {
      errors.push({
        row: index,
        field,
        code: "unknown-customer",
        message: say.unknownCustomer(String(given)),
      });
      return null;
    }
    return String(given).trim();
  }

  function planOrder(index: number, mapped: MappedRow): RowResult {
    const customerId = customerOf(index, mapped);
    const orderId = String(mapped.values.get("OrderID") ?? "").trim();
    if (customerId === null) return { row: index, action: "rejected", id: orderId };
    const oAt = at("OrderID");
    const pAt = at("Product");
    const product = String(mapped.values.get("Product") ?? "")
      .trim()
      .toLowerCase();
    const target =
      orderId && oAt !== undefined
        ? working.findIndex(
            (r) =>
              String(r[oAt]).trim().toLowerCase() === orderId.toLowerCase() &&
              (pAt === undefined || String(r[pAt]).trim().toLowerCase() === product),
          )
        : -1;
    const cAt = at("CustomerID")!;
    if (target >= 0 && customerIdKey(working[target][cAt]) !== customerIdKey(customerId)) {
      errors.push({
        row: index,
        field: mapped.names.get("OrderID") ?? "OrderID",
        code: "unique",
        message: `Order ${orderId} belongs to another customer.`,
      });
      return { row: index, action: "rejected", id: orderId };
    }
    const base = target >= 0 ? working[target] : Array.from({ length: width }, () => "");
    const { row, changedKeys } = applied(base, mapped);
    if (target >= 0 && !changedKeys.length) return { row: index, action: "unchanged", id: orderId };
    const before = errors.length;
    judge(index, row, new Set(target >= 0 ? changedKeys : mapped.values.keys()), mapped.names);
    if (errors.length > before) return { row: index, action: "rejected", id: orderId };
    if (target >= 0) {
      working[target] = row;
      changed.add(target);
    } else working.push(row);
    events.push({
      kind: target >= 0 ? "order.changed" : "order.added",
      customerId,
      fields: target >= 0 ? changedKeys : [...mapped.values.keys()],
      values: valuesOf(row),
    });
    return { row: index, action: target >= 0 ? "updated" : "created", id: orderId };
  }

  function planAppendOnly(index: number, mapped: MappedRow): RowResult {
    const customerId = customerOf(index, mapped);
    if (customerId === null) return { row: index, action: "rejected", id: "" };
    const { row } = applied(
      Array.from({ length: width }, () => ""),
      mapped,
    );
    const ownerAt = at("Owner");
    if (ownerAt !== undefined) {
      if (isBlank(row[ownerAt]) && ctx.reach.defaultOwner) row[ownerAt] = ctx.reach.defaultOwner;
      else if (!isBlank(row[ownerAt]) && !ctx.reach.edits(row[ownerAt])) {
        errors.push({
          row: index,
          field: mapped.names.get("Owner") ?? "Owner",
          code: "forbidden-owner",
          message: say.owner,
        });
        return { row: index, action: "rejected", id: customerId };
      }
    }
    const before = errors.length;
    judge(index, row, new Set(mapped.values.keys()), mapped.names);
    if (errors.length > before) return { row: index, action: "rejected", id: customerId };
    working.push(row);
    events.push({
      kind: apiTable === "interactions" ? "interaction.added" : "feedback.added",
      customerId,
      fields: [...mapped.values.keys()],
      values: valuesOf(row),
    });
    return { row: index, action: "created", id: customerId };
  }

  const failed = errors.length > 0;
  return {
    results,
    errors,
    neutralised,
    updates: failed ? new Map() : new Map([...changed].sort((a, b) => a - b).map((i) => [i, working[i]])),
    appended: failed ? [] : working.slice(table.rows.length),
    events: failed ? [] : events,
  };
}

/** Whether a cell already holds what the request sends (dates by instant, text trimmed). */
function sameCell(cell: unknown, next: unknown): boolean {
  const isDate = (v: unknown) => Object.prototype.toString.call(v) === "[object Date]";
  if (isDate(cell) && isDate(next)) return (cell as Date).getTime() === (next as Date).getTime();
  if (typeof cell === "number" && typeof next === "number") return cell === next;
  if (isBlank(cell) && isBlank(next)) return true;
  return typeof cell === typeof next && String(cell).trim() === String(next).trim();
}
