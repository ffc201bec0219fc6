/**
 * The Customers rows the demo makes when the user gives orders (or interactions, feedback) but no customers
 * file: one row per CustomerID the files name, carrying what the files say about that customer — a name
 * (a Name / 客户名称 / Customer Name column, or first and last name columns joined), a contact name, an
 * e-mail and a phone — so that the book starts with real names instead of IDs and no "Name is required".
 */
import { columnForHeader, mapHeaders, normalizeLabel } from "../../core/schema/headers";
import { CUSTOMERS } from "../../core/schema/sheets";
import type { Lang, SheetSpec } from "../../core/schema/types";
import { isBlank, parseEmail, parsePhone } from "../../core/table/parse";
import { SHEETS_MAX_CELL_CHARS } from "../../core/table/import/caps";
import { customerIdKey } from "../../core/table/validate/validate-table";

/** A file already parsed, with the sheet its headers belong to. */
export interface NamingFile {
  readonly spec: SheetSpec;
  readonly headers: readonly string[];
  readonly rows: readonly (readonly unknown[])[];
}

/** The customer facts carried, in the order of the Customers grid after CustomerID. */
const CARRIED = ["Name", "ContactName", "Email", "Phone"] as const;
type Carried = (typeof CARRIED)[number];

const FIRST_NAME = new Set(["firstname", "givenname", "forename", "名字", "名"]);
const LAST_NAME = new Set(["lastname", "familyname", "surname", "姓氏", "姓"]);

export interface CustomersGrid {
  readonly headers: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** How many customers got a name (other than their ID) and an e-mail from the files. */
  readonly named: number;
  readonly emails: number;
  /** The file headers facts were taken from (so the demo does not call them "not imported"). */
  readonly carriedHeaders: ReadonlySet<string>;
}

/**
 * A Customers grid (headers in `lang`) for the customers `files` name, in order of first appearance: each
 * fact is the first non-blank value a customer's lines hold. Only what the import would accept is
 * carried: e-mails and phones that read as such, each given to one customer only (the import matches
 * customers by e-mail and phone, so a shared address would merge two customers and orphan the second's
 * orders); a customer without a name is named by their ID, as before.
 */
export function customersFromFiles(files: readonly NamingFile[], lang: Lang): CustomersGrid {
  // By the ID as the import reads it (C001 and c001 are one customer); the first spelling is kept.
  const facts = new Map<string, { id: string } & Partial<Record<Carried, string>>>();
  const carriedHeaders = new Set<string>();
  for (const file of files) {
    const own = mapHeaders(file.spec, file.headers);
    const idAt = own.index.get("CustomerID");
    if (idAt === undefined) continue;
    const taken = new Set(own.index.values());
    // Columns of the file that say something about the customer, and are not the file's own columns.
    const carried: { key: Carried; at: number }[] = [];
    file.headers.forEach((header, at) => {
      const column = taken.has(at) ? undefined : columnForHeader(CUSTOMERS, header);
      const key = CARRIED.find((k) => k === column?.key);
      if (key && !carried.some((c) => c.key === key)) carried.push({ key, at });
    });
    const label = (at: number) => normalizeLabel(file.headers[at]);
    const first = file.headers.findIndex((_, at) => !taken.has(at) && FIRST_NAME.has(label(at)));
    const last = file.headers.findIndex((_, at) => !taken.has(at) && LAST_NAME.has(label(at)));
    for (const at of [...carried.map((c) => c.at), first, last])
      if (at >= 0) carriedHeaders.add(file.headers[at]);
    for (const row of file.rows) {
      const id = text(row[idAt]);
      if (!id) continue;
      const known = facts.get(customerIdKey(id)) ?? { id };
      facts.set(customerIdKey(id), known);
      for (const { key, at } of carried) if (!known[key] && text(row[at])) known[key] = text(row[at]);
      if (!known.Name && (first >= 0 || last >= 0)) {
        const joined = fullName(first >= 0 ? text(row[first]) : "", last >= 0 ? text(row[last]) : "");
        if (joined) known.Name = joined;
      }
    }
  }
  const seen = { Email: new Set<string>(), Phone: new Set<string>() };
  let named = 0;
  let emails = 0;
  const rows = [...facts.values()].map(({ id, ...known }) => {
    const email = unique(seen.Email, known.Email, (v) => parseEmail(v));
    const phone = unique(seen.Phone, known.Phone, (v) => parsePhone(v));
    if (known.Name) named++;
    if (email) emails++;
    return [id, known.Name || id, known.ContactName ?? "", email, phone];
  });
  const header = (key: string) => CUSTOMERS.columns.find((c) => c.key === key)!.header[lang];
  return { headers: ["CustomerID", ...CARRIED].map(header), rows, named, emails, carriedHeaders };
}

/** A cell as trimmed text, "" when blank or longer than a cell may hold. */
function text(value: unknown): string {
  if (isBlank(value)) return "";
  const s = String(value).trim();
  return s.length > SHEETS_MAX_CELL_CHARS ? "" : s;
}

/** 张 + 三 → 张三; Brion + Stark → Brion Stark. */
function fullName(first: string, last: string): string {
  if (!first || !last) return first || last;
  return /[\u4e00-\u9fff]/.test(first + last) ? `${last}${first}` : `${first} ${last}`;
}

/** The value when it reads (by `parse`) and no earlier customer has it, else "". */
function unique(
  seen: Set<string>,
  value: string | undefined,
  parse: (v: string) => { ok: boolean; value?: unknown },
): string {
  if (!value) return "";
  const read = parse(value);
  if (!read.ok) return "";
  const key = String(read.value);
  if (seen.has(key)) return "";
  seen.add(key);
  return value;
}
