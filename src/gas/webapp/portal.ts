// The customer portal: a signed link (portal-key.ts) opens one customer's own details and orders, and
// lets them correct their contact details (the table's rules, audited, their owner mailed), give feedback
// (a Feedback row) and choose whether to get mails (MarketingConsent; "no" also puts their address on the
// campaigns' suppression list). Every read and write is of the customer the link names, and nothing else:
// the CustomerID comes from the verified link, never from a form field.
import { isEmail } from "../../core/notify/escape";
import { CUSTOMERS, FEEDBACK, ORDERS } from "../../core/schema/sheets";
import type { Lang } from "../../core/schema/types";
import { customerIdKey } from "../../core/table/validate/validate-table";
import { planApiCall, type ApiReach } from "../../core/webapp/api-plan";
import type { ApiTable } from "../../core/webapp/api-request";
import { readSuppression, appendSuppression } from "../campaigns/log-sheet";
import { bookLang } from "../notify/mail-lang";
import { sendMail } from "../notify/mailer";
import { spreadsheetOwner, roleAssignments, installer } from "../platform/guard";
import { spreadsheetTimeZone } from "../platform/locale";
import { withDocumentLock } from "../platform/lock";
import { readTable, type TableSnapshot } from "../platform/sheet-table";
import { isoToSheetDate } from "../table/sheet-dates";
import { valueLists } from "../table/settings";
import { admitAuditedCall, appendJobEntry } from "../trust/audit-log";
import { webAppSettings } from "./links";
import { escapeHtml, noticePage, page, t, both } from "./pages";
import { writePlan } from "./plan-write";
import { checkPortalToken } from "./portal-key";

type HtmlOutput = GoogleAppsScript.HTML.HtmlOutput;
type Params = Readonly<Record<string, string | undefined>>;

const DETAIL_KEYS = ["Name", "ContactName", "Phone", "Email", "Address", "Region"] as const;
/** What a customer may correct themselves. */
export const CONTACT_KEYS = ["ContactName", "Phone", "Email", "Address"] as const;
const ORDER_KEYS = ["OrderID", "OrderDate", "Product", "Amount", "PaymentStatus"] as const;
/** The yes spellings of MarketingConsent (core/schema/options.ts CONSENT_OPTIONS). */
const CONSENTED = /^(yes|y|true|是|同意|已同意|opt-in|opted in|subscribed)$/i;
const ALL: ApiReach = { sees: () => true, edits: () => true, defaultOwner: "" };

function langOf(p: Params): Lang {
  return p.lang === "en" || p.lang === "zh-CN" ? p.lang : bookLang();
}

function cellText(v: unknown, zone: string): string {
  if (v instanceof Date) return Utilities.formatDate(v, zone, "yyyy-MM-dd");
  return v === null || v === undefined ? "" : String(v);
}

/** The customer's row of the Customers table, or -1. */
function rowOf(table: TableSnapshot, customerId: string): number {
  const at = table.map.index.get("CustomerID");
  if (at === undefined) return -1;
  const want = customerIdKey(customerId);
  return table.rows.findIndex((r) => customerIdKey(r[at]) === want);
}

/** The link's customer, or the page saying why there is none. */
function verified(p: Params, lang: Lang): { id: string } | { refusal: HtmlOutput } {
  const check = checkPortalToken(String(p.t ?? ""));
  if (!check.ok) return { refusal: noticePage(lang, both(lang, "title"), both(lang, check.reason), true) };
  return { id: check.customerId };
}

/** The portal page of one customer, with an optional notice at the top. */
function portalPage(
  lang: Lang,
  token: string,
  customerId: string,
  notice?: { text: string; bad: boolean },
): HtmlOutput {
  const zone = spreadsheetTimeZone();
  const customers = readTable(CUSTOMERS);
  const i = customers ? rowOf(customers, customerId) : -1;
  if (!customers || i < 0) return noticePage(lang, both(lang, "title"), both(lang, "unknownCustomer"), true);
  const row = customers.rows[i];
  const value = (key: string) => {
    const c = customers.map.index.get(key);
    return c === undefined ? "" : cellText(row[c], zone);
  };
  const label = (key: string) => CUSTOMERS.columns.find((c) => c.key === key)!.header[lang];
  const details = DETAIL_KEYS.filter((k) => customers.map.index.has(k))
    .map((k) => `<dt>${escapeHtml(label(k))}</dt><dd>${escapeHtml(value(k)) || "—"}</dd>`)
    .join("");
  const orders = readTable(ORDERS);
  const oc = (k: string) => orders?.map.index.get(k);
  const mine = orders
    ? orders.rows.filter(
        (r) =>
          oc("CustomerID") !== undefined && customerIdKey(r[oc("CustomerID")!]) === customerIdKey(customerId),
      )
    : [];
  const heads = [t(lang, "order"), t(lang, "date"), t(lang, "product"), t(lang, "amount"), t(lang, "status")];
  const orderRows = mine
    .slice(-100)
    .reverse()
    .map(
      (r) =>
        `<tr>${ORDER_KEYS.map((k) => `<td>${escapeHtml(oc(k) === undefined ? "" : cellText(r[oc(k)!], zone))}</td>`).join("")}</tr>`,
    )
    .join("");
  const ordersHtml = mine.length
    ? `<div class="scroll" tabindex="0" role="region" aria-labelledby="h-orders"><table><thead><tr>${heads.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${orderRows}</tbody></table></div>`
    : `<p>${escapeHtml(t(lang, "noOrders"))}</p>`;
  const action = escapeHtml(webAppSettings().url);
  const hidden = (act: string) =>
    `<input type="hidden" name="view" value="portal"><input type="hidden" name="lang" value="${escapeHtml(lang)}">` +
    `<input type="hidden" name="t" value="${escapeHtml(token)}"><input type="hidden" name="action" value="${act}">`;
  const field = (key: string, type: string, auto: string) =>
    `<label for="f-${key}">${escapeHtml(label(key))}</label><input id="f-${key}" name="${key}" type="${type}" autocomplete="${auto}" value="${escapeHtml(value(key))}">`;
  const consentAt = customers.map.index.get("MarketingConsent");
  const consentCell = consentAt === undefined ? "" : row[consentAt];
  const consented = consentCell === true || CONSENTED.test(String(consentCell).trim());
  const body =
    `<h1>${escapeHtml(t(lang, "title"))}</h1>` +
    (notice
      ? `<p class="note${notice.bad ? " bad" : ""}" role="${notice.bad ? "alert" : "status"}">${escapeHtml(notice.text)}</p>`
      : "") +
    `<section aria-labelledby="h-details"><h2 id="h-details">${escapeHtml(t(lang, "details"))}</h2><dl>${details}</dl></section>` +
    `<section aria-labelledby="h-orders"><h2 id="h-orders">${escapeHtml(t(lang, "orders"))}</h2>${ordersHtml}</section>` +
    `<section aria-labelledby="h-correct"><h2 id="h-correct">${escapeHtml(t(lang, "correct"))}</h2>` +
    `<form method="post" action="${action}">${hidden("contact")}` +
    field("ContactName", "text", "name") +
    field("Phone", "tel", "tel") +
    field("Email", "email", "email") +
    field("Address", "text", "street-address") +
    `<button type="submit">${escapeHtml(t(lang, "save"))}</button></form></section>` +
    `<section aria-labelledby="h-feedback"><h2 id="h-feedback">${escapeHtml(t(lang, "feedback"))}</h2>` +
    `<form method="post" action="${action}">${hidden("feedback")}` +
    `<label for="f-rating">${escapeHtml(t(lang, "rating"))}</label><select id="f-rating" name="Rating">` +
    [5, 4, 3, 2, 1].map((n) => `<option value="${n}">${n}</option>`).join("") +
    `</select><label for="f-comment">${escapeHtml(t(lang, "comment"))}</label><textarea id="f-comment" name="Comment" rows="3" maxlength="2000"></textarea>` +
    `<button type="submit">${escapeHtml(t(lang, "send"))}</button></form></section>` +
    `<section aria-labelledby="h-consent"><h2 id="h-consent">${escapeHtml(t(lang, "consent"))}</h2>` +
    `<form method="post" action="${action}">${hidden("consent")}` +
    `<label><input type="checkbox" name="consent" value="yes"${consented ? " checked" : ""}>${escapeHtml(t(lang, "consentYes"))}</label>` +
    `<button type="submit">${escapeHtml(t(lang, "save"))}</button></form></section>`;
  return page(lang, t(lang, "title"), body);
}

/** GET ?view=portal&t=…: the customer's page, or why the link does not open. */
export function portalGet(p: Params): HtmlOutput {
  const lang = langOf(p);
  const who = verified(p, lang);
  if ("refusal" in who) return who.refusal;
  return portalPage(lang, String(p.t), who.id);
}

/** Plans and writes one change of the link's customer through the API's planner (the table's rules). */
export function change(
  table: ApiTable,
  fields: Record<string, unknown>,
): { errors: string[]; changed: string[] } {
  const spec = table === "customers" ? CUSTOMERS : FEEDBACK;
  const snapshot = readTable(spec);
  const customers = table === "customers" ? snapshot : readTable(CUSTOMERS);
  if (!snapshot || !customers) return { errors: ["—"], changed: [] };
  // Only ever the link's existing customer: a deleted one is not created again by an update.
  if (rowOf(customers, String(fields.CustomerID ?? "")) < 0)
    return { errors: [t(bookLang(), "unknownCustomer")], changed: [] };
  const zone = spreadsheetTimeZone();
  const plan = planApiCall(table, spec, snapshot, customers, [fields], {
    lang: bookLang(),
    timeZone: zone,
    valueLists: valueLists(),
    now: new Date(),
    dateCell: (iso) => isoToSheetDate(iso, zone),
    reach: ALL,
  });
  if (plan.errors.length) return { errors: plan.errors.map((e) => e.message), changed: [] };
  writePlan(snapshot, plan.updates, plan.appended);
  return { errors: [], changed: plan.events.flatMap((e) => e.fields.filter((f) => f !== "CustomerID")) };
}

/** Who hears of a customer's correction: their Owner when a team member, else the spreadsheet's owner. */
function ownerToNotify(customerId: string): string {
  const customers = readTable(CUSTOMERS);
  const i = customers ? rowOf(customers, customerId) : -1;
  const at = customers?.map.index.get("Owner");
  const owner = i >= 0 && at !== undefined ? String(customers!.rows[i][at]).trim().toLowerCase() : "";
  const team = new Set(
    [...Object.keys(roleAssignments()), installer(), spreadsheetOwner()].map((e) => e.toLowerCase()),
  );
  return isEmail(owner) && team.has(owner) ? owner : spreadsheetOwner();
}

/** POST from the portal's forms: contact, feedback or consent, for the link's customer only. */
export function portalPost(p: Params): HtmlOutput {
  const lang = langOf(p);
  const who = verified(p, lang);
  if ("refusal" in who) return who.refusal;
  const id = who.id;
  const user = `portal:${id}`;
  const action = String(p.action ?? "");
  const started = new Date();
  admitAuditedCall("write", user);
  const outcome = withDocumentLock(() => {
    if (action === "contact") {
      const fields: Record<string, unknown> = { CustomerID: id };
      for (const k of CONTACT_KEYS) if (p[k] !== undefined) fields[k] = String(p[k]).trim().slice(0, 500);
      return { ...change("customers", fields), job: "portal-contact", ok: t(lang, "saved") };
    }
    if (action === "feedback") {
      const today = Utilities.formatDate(started, spreadsheetTimeZone(), "yyyy-MM-dd");
      const rating = Number(p.Rating);
      const fields = {
        CustomerID: id,
        Date: today,
        Rating: Number.isInteger(rating) ? rating : String(p.Rating ?? ""),
        Category: lang === "en" ? "Portal" : "客户门户",
        Comment: String(p.Comment ?? "").slice(0, 2000),
      };
      return { ...change("feedback", fields), job: "portal-feedback", ok: t(lang, "thanks") };
    }
    if (action === "consent") {
      const yes = p.consent === "yes";
      const result = change("customers", { CustomerID: id, MarketingConsent: yes ? "Yes" : "No" });
      if (!yes && !result.errors.length) suppress(id, "");
      return { ...result, job: "portal-consent", ok: t(lang, "consentSaved") };
    }
    return { errors: ["?"], changed: [], job: "portal", ok: "" };
  });
  appendJobEntry({
    job: outcome.job,
    user,
    at: started,
    rows: outcome.changed.length ? 1 : 0,
    detail: outcome.errors.length
      ? `refused: ${outcome.errors.join(" ")}`.slice(0, 500)
      : outcome.changed.length
        ? `${id}: ${outcome.changed.join(", ")}`
        : `${id}: nothing changed`,
  });
  if (outcome.job === "portal-contact" && outcome.changed.length) notifyOwner(id, outcome.changed);
  const notice = outcome.errors.length
    ? { text: `${t(lang, "fixErrors")} ${outcome.errors.join(" ")}`, bad: true }
    : { text: outcome.ok, bad: false };
  return portalPage(lang, String(p.t), id, notice);
}

/** Mails the customer's owner what the customer changed, through the one mailer (escaped HTML). */
function notifyOwner(customerId: string, fields: readonly string[]): void {
  const to = ownerToNotify(customerId);
  if (!isEmail(to)) return;
  const lines = [
    `Customer ${customerId} changed through the portal: ${fields.join(", ")}.`,
    `客户 ${customerId} 通过客户门户修改了：${fields.join("、")}。`,
  ];
  try {
    sendMail(
      to,
      {
        subject: `Customer ${customerId} corrected their contact details / 客户 ${customerId} 更正了联系方式`,
        text: `${lines.join("\n")}\n\nSheet CRM`,
        html: lines.map((l) => `<p>${escapeHtml(l)}</p>`).join(""),
      },
      "Sheet CRM",
    );
  } catch (e) {
    appendJobEntry({
      job: "portal-notify",
      user: `portal:${customerId}`,
      at: new Date(),
      rows: 0,
      detail: `failed: ${(e as Error).message}`.slice(0, 300),
    });
  }
}

/** Puts a customer (and their address) on the campaigns' suppression list, once. */
export function suppress(customerId: string, campaignId: string): boolean {
  const customers = readTable(CUSTOMERS);
  const i = customers ? rowOf(customers, customerId) : -1;
  const at = customers?.map.index.get("Email");
  const email = i >= 0 && at !== undefined ? String(customers!.rows[i][at]).trim().toLowerCase() : "";
  const list = readSuppression();
  if (list.some((s) => s.customerId === customerId || (email && s.email === email))) return false;
  appendSuppression([
    {
      email,
      customerId,
      reason: "unsubscribed",
      campaignId,
      at: new Date().toISOString(),
      by: `portal:${customerId}`,
    },
  ]);
  return true;
}
