/**
 * The books the attacks run on, each the built bundle on a fresh emulator, and what an attacker (or the
 * judge of an attack) reads back from them: the audit trail, the send log, a result as text.
 */
import { DEFAULT_NOTIFY_SETTINGS, type NotifySettings } from "../../../core/notify/settings";
import { loadBundle, type LoadedBundle } from "../../load-bundle";
import { MANAGER, OWNER, SALES_A, SALES_B, VIEWER, fixtureSheets } from "../fixture";
import { AttackSetupError, type Attack, type AttackEnv } from "./attack";

export const STRANGER = "stranger@example.org";
/** A viewer a manager granted sales rep B's customers only. */
export const SCOPED_VIEWER = "scoped.viewer@example.com";
export const ROLE_TABLE: Readonly<Record<string, unknown>> = {
  [MANAGER]: "manager",
  [SALES_A]: "sales",
  [SALES_B]: "sales",
  [VIEWER]: "viewer",
  [SCOPED_VIEWER]: { role: "viewer", sees: [SALES_B] },
};
/** The fixture's customers (fixture.ts): odd ones A's, even ones B's, the last nobody's. */
export const CUSTOMERS = 12;
export const ownerOf = (i: number): string => (i === CUSTOMERS ? "" : i % 2 ? SALES_A : SALES_B);
export const idOf = (i: number): string => `C${String(i).padStart(4, "0")}`;
export const QUERY = { search: "", filters: {}, sort: null, page: 1, pageSize: 50 };

export interface TrustBookOptions {
  /** Save the role table (default true); false leaves the book as a new install finds it. */
  readonly roles?: boolean;
  /** Install the edit trigger as the owner (default true). */
  readonly trigger?: boolean;
  /** A Google Workspace domain (edit events then name editors of it). */
  readonly workspaceDomain?: string;
}

/**
 * The fixture workbook (two reps' customers, a custom column) with the role table, the sensitive columns
 * formatted as text as Set up leaves them, and the edit trigger installed by the owner; the owner is the
 * current user until the attack says otherwise.
 */
export function trustBook(env: AttackEnv, options: TrustBookOptions = {}): LoadedBundle {
  const loaded = loadBundle({
    owner: OWNER,
    user: OWNER,
    dist: env.dist,
    ...(options.workspaceDomain ? { workspaceDomain: options.workspaceDomain } : {}),
  });
  const { emulator } = loaded;
  for (const s of fixtureSheets(env.seed, CUSTOMERS)) emulator.sheetFromValues(s.name, s.values);
  if (options.roles !== false) emulator.properties.document.set("roles", JSON.stringify(ROLE_TABLE));
  // An 18-digit number typed into a number cell keeps only 15–17 digits: Set up formats these as text.
  const customers = emulator.spreadsheet.getSheetByName("Customers")!;
  for (const name of ["IDNumber", "BankAccount"]) {
    const at = columnOf(loaded, "Customers", name);
    customers.getRange(2, at, customers.getMaxRows() - 1, 1).setNumberFormat("@");
  }
  if (options.trigger !== false) {
    const ScriptApp = emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
    ScriptApp.newTrigger("handleEdit").forSpreadsheet(emulator.spreadsheet).onEdit().create();
  }
  emulator.resetCounts();
  return loaded;
}

/** Calls the weakening hook (if any) and makes `user` the current user: the attack begins. */
export function begin(env: AttackEnv, loaded: LoadedBundle, user: string): LoadedBundle {
  env.weaken?.(loaded);
  loaded.emulator.setUser(user);
  return loaded;
}

/**
 * An attack's run that starts the way most do: on a fresh trust book (with `options`), as `user`. `act`
 * answers the attack's success, or null.
 */
export function asUser(
  user: string,
  act: (loaded: LoadedBundle) => string | null,
  options: TrustBookOptions = {},
): Attack["run"] {
  return (env) => act(begin(env, trustBook(env, options), user));
}

/** 1-based column of `header` in the first row of `sheet`. */
export function columnOf(loaded: LoadedBundle, sheet: string, header: string): number {
  const tab = loaded.emulator.spreadsheet.getSheetByName(sheet);
  if (!tab) throw new AttackSetupError(`no ${sheet} tab`);
  const at = tab.getRange(1, 1, 1, tab.getLastColumn()).getValues()[0].indexOf(header);
  if (at < 0) throw new AttackSetupError(`${sheet} has no ${header} column`);
  return at + 1;
}

/** A1 of the cell in column `header` on sheet row `row` of Customers. */
export function customerCell(loaded: LoadedBundle, header: string, row: number): string {
  let n = columnOf(loaded, "Customers", header);
  let letters = "";
  for (; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `Customers!${letters}${row}`;
}

/** Sheet row of customer `id` in Customers (0 when absent). */
export function rowOfCustomer(loaded: LoadedBundle, id: string): number {
  const tab = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
  const ids = tab.getRange(1, 1, tab.getLastRow(), 1).getValues();
  return ids.findIndex((r) => r[0] === id) + 1;
}

/**
 * The audit trail: AuditLog rows below the header, then entries still queued in document properties (a
 * queued row too big for one value is split over keys ending ".001-003", …).
 */
export function auditRows(loaded: LoadedBundle): unknown[][] {
  const { emulator } = loaded;
  const sheet = emulator.spreadsheet.getSheetByName("AuditLog");
  const logged =
    !sheet || sheet.getLastRow() < 2 ? [] : sheet.getRange(2, 1, sheet.getLastRow() - 1, 9).getValues();
  const parts = new Map<string, string>();
  for (const [k, v] of [...emulator.properties.document.entries()]
    .filter(([key]) => key.startsWith("auditQueue:"))
    .sort(([a], [b]) => (a < b ? -1 : 1))) {
    const whole = k.replace(/\.\d{3}-\d{3}$/, "");
    parts.set(whole, (parts.get(whole) ?? "") + v);
  }
  const queued = [...parts.values()].flatMap((v) => JSON.parse(v) as unknown[][]);
  return [...logged, ...queued];
}

/** Bytes of document properties the audit queue holds. */
export function auditQueueBytes(loaded: LoadedBundle): number {
  return [...loaded.emulator.properties.document.entries()]
    .filter(([k]) => k.startsWith("auditQueue:"))
    .reduce((n, [k, v]) => n + Buffer.byteLength(k + v, "utf8"), 0);
}

/** A result as text, exported files decoded, so a leak anywhere in it can be searched for. */
export function textOf(value: unknown): string {
  return JSON.stringify(value, (k, v) =>
    k === "base64" && typeof v === "string" ? Buffer.from(v, "base64").toString("utf8") : v,
  );
}

export type Outcome =
  { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Error };

/** A google.script.run call from the sidebar, its answer or its error. */
export function attempt(loaded: LoadedBundle, name: string, ...args: unknown[]): Outcome {
  try {
    return { ok: true, value: loaded.run(name, ...args) };
  } catch (e) {
    return { ok: false, error: e as Error };
  }
}

/** What a server function's answer or error message says, as text. */
export function outcomeText(outcome: Outcome): string {
  return outcome.ok ? textOf(outcome.value) : outcome.error.message;
}

// --- the notify book: reminders and welcome mails -------------------------------------------------------

export const MAIL_NOW = "2026-11-23T02:00:00Z";
export const DAY = 86_400_000;
/** A Google Workspace domain: edit events name editors of the same domain. */
export const DOMAIN = "acme.test";
/** The address of user `name` of the workspace (of DOMAIN). */
export const member = (name: string): string => `${name}@${DOMAIN}`;
export const MAIL_OWNER = member("owner");
export const BOSS = member("boss");
/** A sales rep of the workspace who turns against the team. */
export const MALLORY = member("mallory");
export const REP = member("rep");
export const OUTSIDE = "harvest@outside.test";
export const MAIL_HEADERS = [
  "CustomerID",
  "Name",
  "Email",
  "CustomerType",
  "Status",
  "LastInteraction",
  "Owner",
  "Region",
  "Segment",
  "Monetary",
  "My notes",
  "MarketingConsent",
];

/** A Customers row of the notify book: idle for weeks (a reminder is due), consenting unless told. */
export function mailCustomer(
  id: string,
  over: { email?: string; owner?: string; consent?: string } = {},
): unknown[] {
  return [
    id,
    `Customer ${id}`,
    over.email ?? "",
    "Regular",
    "Following up",
    "2026-11-01",
    over.owner ?? REP,
    "North",
    "",
    100,
    "",
    over.consent ?? "Yes",
  ];
}

export interface MailBookOptions {
  readonly roles?: Readonly<Record<string, string>>;
  /** A consumer-account book (Google names no editor but the trigger's installer). */
  readonly consumer?: boolean;
}

/**
 * A workspace book with `customers`, welcome mails on (their baseline taken by a first run whose mails are
 * dropped), the managers' list, the edit trigger installed by the owner and a 100-a-day mail quota.
 */
export function mailBook(
  env: AttackEnv,
  customers: readonly unknown[][],
  options: MailBookOptions = {},
): LoadedBundle {
  const roles = options.roles ?? { [REP]: "sales", [MALLORY]: "sales", [BOSS]: "manager" };
  const loaded = loadBundle({
    owner: MAIL_OWNER,
    user: MAIL_OWNER,
    dist: env.dist,
    now: MAIL_NOW,
    mailQuota: 100,
    ...(options.consumer ? {} : { workspaceDomain: DOMAIN }),
  });
  const { emulator, ctx } = loaded;
  emulator.sheetFromValues("Customers", [MAIL_HEADERS, ...customers]);
  emulator.sheetFromValues("Orders", [["OrderID", "CustomerID", "OrderDate", "Amount", "PaymentStatus"]]);
  emulator.sheetFromValues("Interactions", [["Date", "CustomerID", "Channel", "Summary", "NextFollowUp"]]);
  const settings: NotifySettings = {
    ...DEFAULT_NOTIFY_SETTINGS,
    managers: [BOSS],
    repeatDays: 1,
    welcome: {
      enabled: true,
      subject: "Welcome {{Name}}",
      body: "Dear {{Name}}, {{Owner}} is your contact.",
    },
  };
  emulator.properties.document.set("notify", JSON.stringify(settings));
  emulator.properties.document.set("roles", JSON.stringify(roles));
  const ScriptApp = emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
  ScriptApp.newTrigger("handleEdit").forSpreadsheet(emulator.spreadsheet).onEdit().create();
  ctx.sendRemindersNow();
  emulator.outbox.length = 0;
  emulator.resetCounts();
  return loaded;
}

/** Welcome mails in the outbox. */
export const welcomesOf = (loaded: LoadedBundle) =>
  loaded.emulator.outbox.filter((m) => m.subject.startsWith("Welcome"));

/** Every address a mail names (to, cc, bcc, reply-to), and its text, for finding an outsider. */
export function mailText(loaded: LoadedBundle): string {
  return loaded.emulator.outbox.map((m) => JSON.stringify(m)).join("\n");
}

/** SendLog rows: recipient, customer, rule, status, note, by. */
export function sendLog(loaded: LoadedBundle): {
  recipient: string;
  customerId: string;
  rule: string;
  status: string;
  note: string;
  by: string;
}[] {
  const sheet = loaded.emulator.spreadsheet.getSheetByName("SendLog");
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet
    .getRange(2, 1, sheet.getLastRow() - 1, 8)
    .getValues()
    .map(([, recipient, customerId, rule, status, , note, by]) => ({
      recipient: String(recipient),
      customerId: String(customerId),
      rule: String(rule),
      status: String(status),
      note: String(note),
      by: String(by),
    }));
}
