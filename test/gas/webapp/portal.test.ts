import { CAMPAIGN_LOG_HEADERS } from "../../../src/core/campaigns/campaign-log";
import { OWNER, SALES_A, SALES_B } from "../../../src/local/faults/fixture";
import { auditRows } from "../trust/harness";
import { loadWebAppBook, rowsOf } from "./harness";

const DAY = 86_400_000;

/** Replaces the customer part of a signed link (v1.<customer>.<issued>.<expires>.<signature>). */
function withCustomer(token: string, customerId: string): string {
  const parts = token.split(".");
  parts[1] = Buffer.from(customerId).toString("base64url");
  return parts.join(".");
}

describe("customer portal", () => {
  const setup = () => {
    const b = loadWebAppBook();
    const link = b.loaded.run("createPortalLink", "C0001");
    const token = new URLSearchParams(link.query).get("t")!;
    return { ...b, link, token };
  };

  it("a customer's link shows their details and orders and nothing of any other customer", () => {
    const { loaded, asMe, link } = setup();
    const page = asMe.get(link.query);
    expect(page.status).toBe(200);
    expect(page.contentType).toMatch(/^text\/html/);
    const customers = rowsOf(loaded, "Customers");
    const orders = rowsOf(loaded, "Orders");
    expect(page.body).toContain("Customer 1<");
    expect(page.body).toContain("c1@example.com");
    for (const o of orders.filter((r) => r.CustomerID === "C0001"))
      expect(page.body).toContain(`>${o.OrderID}<`);
    for (const c of customers.filter((r) => r.CustomerID !== "C0001")) {
      expect(page.body).not.toContain(`${c.Name}<`);
      expect(page.body).not.toContain(String(c.Email));
    }
    for (const o of orders.filter((r) => r.CustomerID !== "C0001"))
      expect(page.body).not.toContain(`>${o.OrderID}<`);
    // Nothing the customer may not see: their ID number, notes, the owner's private column.
    expect(page.body).not.toContain("note 1");
    expect(page.body).not.toContain("private 1");
  });

  it("refuses an altered, expired or revoked link, saying which", () => {
    const { loaded, asMe, token } = setup();
    const other = asMe.get(`view=portal&t=${encodeURIComponent(withCustomer(token, "C0002"))}`);
    expect(other.body).toMatch(/not valid: it was changed/);
    expect(other.body).not.toContain("Customer 2");
    const parts = token.split(".");
    parts[3] = (parseInt(parts[3], 36) + 10 * 86_400).toString(36);
    expect(asMe.get(`view=portal&t=${parts.join(".")}`).body).toMatch(/it was changed/);
    expect(asMe.get("view=portal&t=garbage").body).toMatch(/This link is not valid/);
    expect(asMe.get(`view=portal&t=${token}x`).body).toMatch(/it was changed/);

    loaded.emulator.clock.advance(31 * DAY);
    expect(asMe.get(`view=portal&t=${token}`).body).toMatch(/This link has expired/);

    const fresh = loaded.run("createPortalLink", "C0001");
    expect(asMe.get(fresh.query).body).toContain("Customer 1<");
    loaded.emulator.clock.advance(5_000);
    loaded.run("revokePortalLinks", "C0001");
    expect(asMe.get(fresh.query).body).toMatch(/withdrawn/);
    loaded.emulator.clock.advance(5_000);
    const after = loaded.run("createPortalLink", "C0001");
    expect(asMe.get(after.query).body).toContain("Customer 1<");
    loaded.run("rotatePortalKey");
    expect(asMe.get(after.query).body).toMatch(/it was changed/);
  });

  it("a form post changes only the link's customer, whatever the fields say", () => {
    const { loaded, asMe, token } = setup();
    const before = rowsOf(loaded, "Customers").find((r) => r.CustomerID === "C0002");
    const res = asMe.postForm({
      view: "portal",
      t: token,
      action: "contact",
      CustomerID: "C0002",
      Email: "new1@example.com",
    });
    expect(res.body).toMatch(/your change is saved/);
    const after = rowsOf(loaded, "Customers");
    expect(after.find((r) => r.CustomerID === "C0001")!.Email).toBe("new1@example.com");
    expect(after.find((r) => r.CustomerID === "C0002")).toEqual(before);
    // Validated, audited, the owner told.
    const bad = asMe.postForm({
      view: "portal",
      t: token,
      action: "contact",
      Email: "not an address",
      Phone: "12",
    });
    expect(bad.body).toMatch(/Nothing was saved/);
    expect(rowsOf(loaded, "Customers").find((r) => r.CustomerID === "C0001")!.Email).toBe("new1@example.com");
    expect(
      auditRows(loaded)
        .filter((r) => r.includes("portal-contact"))
        .join("\n"),
    ).toMatch(/portal:C0001.*Email|Email.*portal:C0001/s);
    const mail = loaded.emulator.outbox.find((m) => /C0001/.test(m.subject));
    expect(mail?.to).toBe(SALES_A);
    // A form post on an altered link does nothing.
    const forged = asMe.postForm({
      view: "portal",
      t: withCustomer(token, "C0002"),
      action: "contact",
      Email: "x@x.example",
    });
    expect(forged.body).toMatch(/it was changed/);
    expect(rowsOf(loaded, "Customers").find((r) => r.CustomerID === "C0002")).toEqual(before);
  });

  it("feedback becomes a Feedback row; declining mails sets consent No and suppresses the address", () => {
    const { loaded, asMe, token } = setup();
    asMe.postForm({ view: "portal", t: token, action: "feedback", Rating: "4", Comment: "<b>good</b> =1+1" });
    const fb = rowsOf(loaded, "Feedback").at(-1)!;
    expect(fb).toMatchObject({ CustomerID: "C0001", Rating: 4, Comment: "<b>good</b> =1+1" });
    asMe.postForm({ view: "portal", t: token, action: "consent" });
    expect(rowsOf(loaded, "Customers").find((r) => r.CustomerID === "C0001")!.MarketingConsent).toBe("No");
    const suppressed = rowsOf(loaded, "Suppression");
    expect(suppressed).toEqual([
      expect.objectContaining({ Email: "c1@example.com", CustomerID: "C0001", Reason: "unsubscribed" }),
    ]);
    asMe.postForm({ view: "portal", t: token, action: "consent", consent: "yes" });
    expect(rowsOf(loaded, "Customers").find((r) => r.CustomerID === "C0001")!.MarketingConsent).toBe("Yes");
  });

  it("a link to a customer deleted since shows nothing and creates nothing", () => {
    const { loaded, asMe, token } = setup();
    const sheet = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
    sheet.deleteRow(2);
    const before = rowsOf(loaded, "Customers").length;
    expect(asMe.get(`view=portal&t=${token}`).body).toMatch(/not valid any more/);
    const res = asMe.postForm({ view: "portal", t: token, action: "contact", Email: "back@x.example" });
    expect(res.body).toMatch(/not valid any more/);
    asMe.postForm({ view: "portal", t: token, action: "consent" });
    expect(rowsOf(loaded, "Customers")).toHaveLength(before);
    expect(rowsOf(loaded, "Customers").some((r) => r.CustomerID === "C0001")).toBe(false);
  });

  it("escapes what the sheet holds", () => {
    const { loaded, asMe, link } = setup();
    const sheet = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    sheet.getRange(2, headers.indexOf("Name") + 1).setValue('<img src=x onerror="alert(1)">');
    const page = asMe.get(link.query).body;
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("only someone who may change the customer makes their link", () => {
    const { loaded } = setup();
    loaded.emulator.setUser(SALES_B);
    expect(() => loaded.run("createPortalLink", "C0001")).toThrow(/No customer C0001 you may change/);
    expect(loaded.run("createPortalLink", "C0002").customerId).toBe("C0002");
    loaded.emulator.setUser(OWNER);
  });
});

describe("unsubscribe endpoint", () => {
  it("one click, no sign-in, idempotent; an unknown token changes nothing", () => {
    const { loaded, asMe } = loadWebAppBook();
    const token = "unsub-0123456789abcdef";
    loaded.emulator.sheetFromValues("CampaignLog", [
      [...CAMPAIGN_LOG_HEADERS],
      [
        "2026-11-20",
        "camp1",
        "0",
        "C0003",
        "c3@example.com",
        "sent",
        "",
        "",
        "2026-11-20T01:00:00Z",
        token,
        "job:campaigns",
      ],
    ]);
    // Opening the link (or a mail scanner fetching it) changes nothing: it shows the one button.
    const untouched = JSON.stringify(loaded.emulator.snapshot());
    const opened = asMe.get(`view=unsubscribe&t=${token}`, null);
    expect(opened.body).toMatch(/<form method="post"/);
    expect(opened.body).toContain(`name="t" value="${token}"`);
    expect(JSON.stringify(loaded.emulator.snapshot())).toBe(untouched);
    const first = asMe.postForm({ view: "unsubscribe", t: token }, null);
    expect(first.body).toMatch(/You are unsubscribed/);
    const second = asMe.post("", null, {
      query: `view=unsubscribe&t=${token}`,
      contentType: "application/x-www-form-urlencoded",
    });
    expect(second.body).toMatch(/already unsubscribed/);
    expect(rowsOf(loaded, "Suppression")).toEqual([
      expect.objectContaining({ Email: "c3@example.com", CustomerID: "C0003" }),
    ]);
    expect(rowsOf(loaded, "CampaignLog").filter((r) => r.Status === "unsubscribed")).toHaveLength(1);
    expect(rowsOf(loaded, "Customers").find((r) => r.CustomerID === "C0003")!.MarketingConsent).toBe("No");
    expect(auditRows(loaded).filter((r) => r.includes("campaign-unsubscribe"))).toHaveLength(1);
    const before = JSON.stringify(loaded.emulator.snapshot());
    expect(asMe.get("view=unsubscribe&t=unsub-ffffffffffffffff").body).toMatch(/not valid/);
    expect(asMe.get("view=unsubscribe&t=<script>").body).not.toContain("<script>");
    expect(JSON.stringify(loaded.emulator.snapshot())).toBe(before);
  });
});
