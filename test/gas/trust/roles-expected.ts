/**
 * What the README's "Roles" table promises, as the trust tests check it: who may call which server function.
 * A call is allowed when the caller's role holds the permission the one table (src/shared/server-functions.ts)
 * names, and — for answers that cover every customer — the caller sees every customer.
 */
import { can, type Role } from "../../../src/core/access/roles";
import type { ServerFunctionName } from "../../../src/shared/api";
import { SERVER_FUNCTIONS } from "../../../src/shared/server-functions";
import { MANAGER, OWNER, SALES_A, SALES_B, VIEWER } from "../../../src/local/faults/fixture";
import { ROLE_TABLE } from "./harness";

/** Answers made of book-wide figures: refused to a caller who sees only some customers. */
export const WHOLE_BOOK_ONLY: ReadonlySet<string> = new Set(["getSegmentSummary"]);

/** Whether a caller with `role` (seeing every customer or not) may call `name`. */
export function allowedFor(role: Role, wholeBook: boolean, name: ServerFunctionName): boolean {
  return can(role, SERVER_FUNCTIONS[name].permission) && (wholeBook || !WHOLE_BOOK_ONLY.has(name));
}

/** A refusal, as the one wrapper (role) or requireWholeBook (scope) words it. */
export const REFUSAL = /does not allow/;

/** The callers of the matrix: one per role, a user the table does not list, and a hidden e-mail. */
export const CALLERS: readonly { readonly label: string; readonly user: string }[] = [
  { label: "owner", user: OWNER },
  { label: "manager", user: MANAGER },
  { label: "sales", user: SALES_A },
  { label: "viewer", user: VIEWER },
  { label: "unlisted user", user: "stranger@example.org" },
  { label: '"" caller', user: "" },
];

export const QUERY = { search: "", filters: {}, sort: null, page: 1, pageSize: 25 };
const PERIOD = { from: "2026-01-01", to: "2026-06-30" };
const LATER = { from: "2026-07-01", to: "2026-11-20" };
const IMPORT = { sheet: "Customers", headers: ["CustomerID", "Name"], dedupe: "skip" };

/**
 * Arguments a sidebar would send; functions not listed take none. Writers get arguments that either do
 * little (the same role table, empty settings) or fail after the role check (a stale token, an unknown
 * backup): a failed call must be audited as well.
 */
export const ARGS: Readonly<Record<string, readonly unknown[]>> = {
  applyFixes: ["stale-token"],
  parseImportFile: [Buffer.from("CustomerID,Name\nC0099,New Ltd\n").toString("base64"), "new.csv"],
  importStage: [null, IMPORT, [["C0099", "New Ltd"]], [2]],
  importPreview: ["no-such-job", IMPORT],
  importCommit: ["no-such-job", IMPORT],
  getCustomColumnTypes: ["Customers"],
  setCustomColumnTypes: ["Customers", {}],
  saveClassifySettings: [{}],
  setNightlyClassify: [false],
  saveNotifySettings: [{}],
  previewDigest: [SALES_A],
  saveRoles: [ROLE_TABLE],
  restoreBackup: ["no-such-backup"],
  previewRestore: ["no-such-backup"],
  revealSensitive: ["C0003", "IDNumber"],
  getAuditLog: [0],
  saveTrustSettings: [{}],
  comparePeriods: [{ a: PERIOD, b: LATER }],
  compareSegments: [{ by: "owner", a: SALES_A, b: SALES_B, current: LATER, previous: PERIOD }],
  saveAnalysisSettings: [{}],
  getDashboard: ["en"],
  listCustomers: [QUERY, "en"],
  getCustomerPortrait: ["C0001", "en"],
  batchUpdateCustomers: [["C0001"], { addTags: ["matrix"] }],
  batchDeleteCustomers: [["C0011"]],
  undoDelete: ["no-such-token"],
  goToRow: ["C0001"],
  selectCell: ["Customers", "A1"],
  exportCustomers: [QUERY, "csv", "en"],
};
