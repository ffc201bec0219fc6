// "Confirm your details" (seed 003): the sign-up form pre-filled with what the book holds (and the
// customer's token, so a changed e-mail still updates the same customer) mailed to customers whose
// MarketingConsent says yes, once per customer ever (send log, rule "confirm-details"), at most
// WELCOME_DAILY_CAP a run and never into the last QUOTA_KEPT_FOR_TEAM recipients of the day's quota.
import { CONFIRM_RULE, renderConfirmMail } from "../../core/intake/confirm-mail";
import { customerToken } from "../../core/intake/customer-token";
import { CUSTOMER_FIELDS, type FieldKey } from "../../core/intake/form-spec";
import { dateKeyReader } from "../../core/calendar";
import { consentedCustomers } from "../../core/notify/consent";
import { isEmail, normalizeEmail } from "../../core/notify/escape";
import { tripleKey, tripleStates, type SendLogEntry } from "../../core/notify/send-log";
import { QUOTA_KEPT_FOR_TEAM, WELCOME_DAILY_CAP } from "../../core/notify/welcome-policy";
import { mapHeaders } from "../../core/schema/headers";
import { CUSTOMERS } from "../../core/schema/sheets";
import { readBook } from "../book/read-book";
import { bookLang } from "../notify/mail-lang";
import { sendMail, todayIn } from "../notify/mailer";
import { appendSendLog, markSendLog, readSendLog, sendLogSheet } from "../notify/send-log-sheet";
import { spreadsheetTimeZone } from "../platform/locale";
import { displayValue } from "../../core/table/validate/read-cell";
import { readFormRecords, tokenKey } from "./form-records";

export interface ConfirmRun {
  readonly sent: number;
  readonly failed: number;
  /** Consenting customers with an address still owed the mail after this run (cap or quota). */
  readonly deferred: number;
  readonly alreadySent: number;
  /** Customers who did not consent (or have no valid address): never mailed. */
  readonly notAsked: number;
}

/** Sends the mails (caller holds the lock and checked the role); `by` says who started it. */
export function sendConfirmDetails(by: string): ConfirmRun {
  const lang = bookLang();
  const record = readFormRecords().signup;
  if (!record)
    throw new Error(
      lang === "en"
        ? "Create the customer sign-up form first (menu: Create customer sign-up form)."
        : "请先创建客户登记表（菜单：创建客户登记表）。",
    );
  const { book, customers } = readBook(["customers"], { details: false });
  if (!customers) return { sent: 0, failed: 0, deferred: 0, alreadySent: 0, notAsked: 0 };
  const consented = consentedCustomers(book, customers.headers, customers.rows);
  const map = mapHeaders(CUSTOMERS, customers.headers);
  const at = (k: string) => map.index.get(k);
  const zone = spreadsheetTimeZone();
  const today = todayIn(zone);
  const logSheet = sendLogSheet();
  const states = tripleStates(readSendLog(logSheet, dateKeyReader(zone)), today);
  const due: { id: string; email: string; row: readonly unknown[] }[] = [];
  let already = 0;
  let notAsked = 0;
  for (const row of customers.rows) {
    const id = String(row[at("CustomerID") ?? -1] ?? "").trim();
    const email = normalizeEmail(row[at("Email") ?? -1]);
    if (!id) continue;
    if (!consented.has(id) || !isEmail(email)) {
      notAsked++;
      continue;
    }
    if (states.get(tripleKey(email, id, CONFIRM_RULE))?.everDone) already++;
    else due.push({ id, email, row });
  }
  const room = Math.max(
    0,
    Math.min(WELCOME_DAILY_CAP, MailApp.getRemainingDailyQuota() - QUOTA_KEPT_FOR_TEAM),
  );
  const now = due.slice(0, room);
  const form = FormApp.openById(record.formId);
  const items = new Map(form.getItems().map((i) => [i.getTitle(), i]));
  const titleOf = new Map(Object.entries(record.titles).map(([t, k]) => [k, t]));
  const key = tokenKey();
  const item = (k: FieldKey) => items.get(titleOf.get(k) ?? "");
  const urlOf = (id: string, row: readonly unknown[]): string => {
    let response = form.createResponse();
    for (const k of CUSTOMER_FIELDS) {
      const it = item(k);
      const value = displayValue(row[at(k) ?? -1]).trim();
      if (!it || !value) continue;
      if (it.getType() === FormApp.ItemType.MULTIPLE_CHOICE) {
        const mc = it.asMultipleChoiceItem();
        if (mc.getChoices().some((c) => c.getValue() === value))
          response = response.withItemResponse(mc.createResponse(value));
      } else response = response.withItemResponse(it.asTextItem().createResponse(value));
    }
    const token = item("Token");
    if (token)
      response = response.withItemResponse(token.asTextItem().createResponse(customerToken(key, id)));
    return response.toPrefilledUrl();
  };
  const stamp = new Date().toISOString();
  const entry = (c: { id: string; email: string }): SendLogEntry => ({
    date: today,
    recipient: c.email,
    customerId: c.id,
    rule: CONFIRM_RULE,
    status: "pending",
    at: stamp,
    note: "",
    by,
  });
  const first = appendSendLog(logSheet, now.map(entry));
  let sent = 0;
  let failed = 0;
  const bookName = SpreadsheetApp.getActive().getName();
  now.forEach((c, i) => {
    try {
      const name = displayValue(c.row[at("ContactName") ?? -1]) || displayValue(c.row[at("Name") ?? -1]);
      sendMail(c.email, renderConfirmMail(name, urlOf(c.id, c.row), bookName, lang), bookName);
      markSendLog(logSheet, first + i, 1, "sent", new Date().toISOString());
      sent++;
    } catch (e) {
      markSendLog(
        logSheet,
        first + i,
        1,
        "failed",
        new Date().toISOString(),
        String((e as Error).message).slice(0, 300),
      );
      failed++;
    }
  });
  return { sent, failed, deferred: due.length - now.length, alreadySent: already, notAsked };
}
