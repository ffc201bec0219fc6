import { buildBook, type Book } from "../../../src/core/book";
import { DEFAULT_NOTIFY_SETTINGS, type NotifySettings } from "../../../src/core/notify/settings";
import type { SentMail } from "../../../src/local/emulator";
import { loadBundle, type LoadBundleOptions, type LoadedBundle } from "../../../src/local/load-bundle";
import { MAIL_HEADERS } from "../../../src/local/faults/attacks/book";

export const OWNER = "owner@example.com";
export const BOSS = "boss@example.com";

/** The mail tests' Customers columns: the fault runner's mail book's (src/local/faults/attacks/book.ts). */
export const CUSTOMER_HEADERS = [...MAIL_HEADERS];
export const ORDER_HEADERS = ["OrderID", "CustomerID", "OrderDate", "Amount", "PaymentStatus", "DueDate"];
export const INTERACTION_HEADERS = ["Date", "CustomerID", "Channel", "Summary", "NextFollowUp"];

export interface Seed {
  readonly customers: readonly (readonly unknown[])[];
  readonly orders?: readonly (readonly unknown[])[];
  readonly interactions?: readonly (readonly unknown[])[];
  readonly history?: readonly (readonly unknown[])[];
  readonly settings?: Partial<NotifySettings>;
  /**
   * The role table (e-mail → role). Default: every valid Owner address of `customers` as "sales", so
   * reminders reach them as team members; pass {} for a book with no role table.
   */
  readonly roles?: Readonly<Record<string, string>>;
  /** Tab names and header rows, when not the English defaults. */
  readonly tabs?: {
    readonly customers: readonly [string, readonly string[]];
    readonly orders: readonly [string, readonly string[]];
    readonly interactions: readonly [string, readonly string[]];
  };
}

/** The built bundle (dist/, or SHEET_CRM_DIST) on a fresh emulator holding `seed`. */
export function loadNotifyBundle(seed: Seed, options: LoadBundleOptions = {}): LoadedBundle {
  const loaded = loadBundle({ owner: OWNER, user: OWNER, dist: process.env.SHEET_CRM_DIST, ...options });
  const { emulator } = loaded;
  const tabs = seed.tabs ?? {
    customers: ["Customers", CUSTOMER_HEADERS],
    orders: ["Orders", ORDER_HEADERS],
    interactions: ["Interactions", INTERACTION_HEADERS],
  };
  emulator.sheetFromValues(tabs.customers[0], [tabs.customers[1], ...seed.customers]);
  emulator.sheetFromValues(tabs.orders[0], [tabs.orders[1], ...(seed.orders ?? [])]);
  emulator.sheetFromValues(tabs.interactions[0], [tabs.interactions[1], ...(seed.interactions ?? [])]);
  if (seed.history)
    emulator.sheetFromValues("SegmentHistory", [
      ["WeekStart", "CustomerID", "Segment", "R", "F", "M"],
      ...seed.history,
    ]);
  // Tests of routing, quota and crash safety mail every due reminder every day (repeatDays 1); the repeat
  // interval has tests of its own (repeats.test.ts).
  emulator.properties.document.set(
    "notify",
    JSON.stringify({ ...DEFAULT_NOTIFY_SETTINGS, managers: [BOSS], repeatDays: 1, ...seed.settings }),
  );
  const ownerAt = tabs.customers[1].findIndex((h) => h === "Owner" || h === "负责人");
  const roles =
    seed.roles ??
    Object.fromEntries(
      seed.customers
        .map((r) =>
          String(r[ownerAt] ?? "")
            .trim()
            .toLowerCase(),
        )
        .filter((o) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(o))
        .map((o) => [o, "sales"]),
    );
  if (Object.keys(roles).length) emulator.properties.document.set("roles", JSON.stringify(roles));
  emulator.resetCounts();
  return loaded;
}

/** The workbook as the notify feature reads it, straight from the emulator (no calls counted). */
export function bookOf(loaded: LoadedBundle, zone = "Asia/Shanghai"): Book {
  const read = (name: string) => {
    const sheet = loaded.emulator.spreadsheet.getSheetByName(name);
    if (!sheet || sheet.getLastRow() < 1) return null;
    const values = sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
    return { name, headers: values[0], rows: values.slice(1) };
  };
  return buildBook(
    { customers: read("Customers"), orders: read("Orders"), interactions: read("Interactions") },
    { timeZone: zone },
  );
}

/** One reminder line of a digest's plain-text part. */
export interface MailedItem {
  readonly customerId: string;
  readonly rule: string;
  readonly carriedFrom?: string;
}

const RULE_OF_REASON: readonly [RegExp, string][] = [
  [/^Overdue payment/, "overdue-order"],
  [/^Follow-up planned/, "next-follow-up"],
  [/^VIP without contact/, "vip-idle"],
  [/^Following up, no recent contact/, "following-up-idle"],
  [/^Pending, no recent contact/, "pending-idle"],
];

/** The reminders an English digest lists, in order. */
export function itemsOf(mail: SentMail): MailedItem[] {
  const out: MailedItem[] = [];
  for (const line of mail.body.split("\n")) {
    const m = /^\d+\. .* \(([^()]+)\): (.*?)(?: \[carried over from (\d{4}-\d{2}-\d{2})\])?$/.exec(line);
    if (!m) continue;
    const rule = RULE_OF_REASON.find(([re]) => re.test(m[2]))?.[1];
    if (!rule) throw new Error(`unrecognised reminder line: ${line}`);
    out.push({ customerId: m[1], rule, ...(m[3] ? { carriedFrom: m[3] } : {}) });
  }
  return out;
}

/** The calendar day of an instant in a zone. */
export function dayIn(at: Date, zone: string): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: zone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(at);
}

/** Rows of the hidden SendLog tab (发送记录 in a book made in Chinese) below its header. */
export function sendLogRows(loaded: LoadedBundle): unknown[][] {
  const { spreadsheet } = loaded.emulator;
  const sheet = spreadsheet.getSheetByName("SendLog") ?? spreadsheet.getSheetByName("发送记录");
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, 7).getValues();
}
