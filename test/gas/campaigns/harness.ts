import type { CampaignDraft } from "../../../src/core/campaigns/campaign";
import { MAIL_HEADERS, mailCustomer } from "../../../src/local/faults/attacks/book";
import { loadBundle, type LoadedBundle } from "../../../src/local/load-bundle";

export const OWNER = "owner@example.com";
export const MANAGER = "boss@example.com";
export const SALES = "rep@example.com";
export const NOW = "2026-12-01T02:00:00Z";

/** Customers A–F in the North, consenting but B; E shares A's address; F has none. */
export function campaignBook(options: { quota?: number; customers?: unknown[][] } = {}): LoadedBundle {
  const loaded = loadBundle({
    owner: OWNER,
    user: OWNER,
    now: NOW,
    timeZone: "Asia/Shanghai",
    mailQuota: options.quota ?? 100,
    dist: process.env.SHEET_CRM_DIST,
  });
  const { emulator } = loaded;
  const customers = options.customers ?? [
    mailCustomer("A", { email: "a@mail.com" }),
    mailCustomer("B", { email: "b@mail.com", consent: "No" }),
    mailCustomer("C", { email: "c@mail.com" }),
    mailCustomer("D", { email: "d@mail.com" }),
    mailCustomer("E", { email: "A@Mail.com" }),
    mailCustomer("F", {}),
  ];
  emulator.sheetFromValues("Customers", [[...MAIL_HEADERS], ...customers]);
  emulator.sheetFromValues("Orders", [["OrderID", "CustomerID", "OrderDate", "Amount", "PaymentStatus"]]);
  emulator.properties.document.set("roles", JSON.stringify({ [MANAGER]: "manager", [SALES]: "sales" }));
  emulator.resetCounts();
  return loaded;
}

export function draft(over: Partial<CampaignDraft> = {}): CampaignDraft {
  return {
    name: "Winter offer",
    lang: "en",
    audience: { search: "", filters: { Region: "North" } },
    trigger: { kind: "once", start: "2026-12-01" },
    steps: [
      { delayDays: 0, subject: "Hello {{Name}}", body: "Dear {{Name}}, our winter offer. Ask {{Owner}}." },
    ],
    replyTo: MANAGER,
    dailyCap: 100,
    status: "scheduled",
    ...over,
  };
}

/** The campaign log's rows below its header (CampaignLog, or 营销发送记录 in a Chinese book). */
export function campaignLog(loaded: LoadedBundle): string[][] {
  const ss = loaded.emulator.spreadsheet;
  const sheet = ss.getSheetByName("CampaignLog") ?? ss.getSheetByName("营销发送记录");
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, 11).getValues() as string[][];
}

/** The hourly dispatcher, as its trigger runs it. */
export const tick = (b: LoadedBundle) => b.invoke("handleDispatch", [{}], { context: "time-trigger" });

/** Campaign mails in the outbox (not test mails), as [to, subject]. */
export function campaignMails(loaded: LoadedBundle): string[][] {
  return loaded.emulator.outbox
    .filter((m) => /unsub-[0-9a-f]{16}/.test(m.body) && !/^\[(Test|测试)\]/.test(m.subject))
    .map((m) => [m.to, m.subject]);
}
