/**
 * Outbound webhooks sent by the built bundle through the emulated UrlFetchApp as real HTTP to the local
 * test server (its generic relay endpoints stand for a receiver), and checked here with node:crypto.
 */
import { createHmac } from "node:crypto";
import { startChannelServer, type ChannelServerHandle } from "../../../src/local/channels-server/start";
import { loadWebAppBook, rowsOf } from "./harness";

function signature(secret: string, timestamp: string, body: string): string {
  return (
    "v1=" +
    createHmac("sha256", Buffer.from(secret, "utf8")).update(`${timestamp}.${body}`, "utf8").digest("hex")
  );
}

describe("outbound webhooks", () => {
  let server: ChannelServerHandle;
  beforeAll(async () => {
    server = await startChannelServer({
      sms: [
        { path: "/hooks/erp", method: "POST" },
        { path: "/hooks/flaky", method: "POST" },
        { path: "/hooks/strict", method: "POST", requireFields: ["never-sent"] },
      ],
      failFirst: [{ pathPrefix: "/hooks/flaky", count: 2, status: 503 }],
    });
  }, 30_000);
  afterAll(() => server.close());

  it("posts signed JSON on customer created and order added; retries busy answers with backoff; logs every attempt", async () => {
    await server.reset();
    const b = loadWebAppBook();
    const { token } = b.loaded.run("createApiToken", "ERP", "");
    const erp = b.loaded.run("addWebhook", `${server.baseUrl}/hooks/erp`, [
      "customer.created",
      "order.added",
    ]);
    const flaky = b.loaded.run("addWebhook", `${server.baseUrl}/hooks/flaky`, ["customer.created"]);
    const strict = b.loaded.run("addWebhook", `${server.baseUrl}/hooks/strict`, ["customer.created"]);
    expect(b.loaded.run("listWebhooks").map((w: { url: string }) => w.url)).toEqual(
      ["••••/erp", "••••aky", "••••rict"].map((s, i) => (i === 1 ? "••••laky" : s)),
    );

    const started = b.loaded.emulator.clock.nowMs();
    const res = JSON.parse(
      b.asMe.post({
        token,
        idempotencyKey: "w1",
        table: "customers",
        rows: [{ Name: "Hook Ltd", Email: "h@h.example" }],
      }).body,
    );
    expect(res.ok).toBe(true);
    const id = res.results[0].id;
    const requests = await server.requests();
    const to = (p: string) => requests.filter((r) => r.path === p);
    expect(to("/hooks/erp")).toHaveLength(1);
    expect(to("/hooks/flaky")).toHaveLength(3);
    expect(to("/hooks/strict")).toHaveLength(1);
    // Backoff 1 s then 4 s on the emulated clock.
    expect(b.loaded.emulator.clock.nowMs() - started).toBeGreaterThanOrEqual(5_000);
    for (const [r, secret] of [
      [to("/hooks/erp")[0], erp.secret],
      [to("/hooks/flaky")[2], flaky.secret],
    ] as const) {
      const ts = r.headers["x-sheetcrm-timestamp"];
      expect(r.headers["x-sheetcrm-signature"]).toBe(signature(secret, ts, r.body));
      expect(r.headers["content-type"]).toMatch(/application\/json/);
      const body = JSON.parse(r.body);
      expect(body).toMatchObject({
        type: "customer.created",
        data: { customerId: id, values: { Name: "Hook Ltd" } },
      });
    }
    // A forged body does not match the signature.
    const r0 = to("/hooks/erp")[0];
    expect(
      signature(erp.secret, r0.headers["x-sheetcrm-timestamp"], r0.body.replace("Hook", "Evil")),
    ).not.toBe(r0.headers["x-sheetcrm-signature"]);
    const log = rowsOf(b.loaded, "WebhookLog");
    const of = (hook: string) =>
      log.filter((l) => l.WebhookID === hook).map((l) => [l.Attempt, l.Status, l.Result]);
    expect(of(flaky.webhook.id)).toEqual([
      ["1", "503", "HTTP 503"],
      ["2", "503", "HTTP 503"],
      ["3", "200", "delivered"],
    ]);
    expect(of(strict.webhook.id)).toEqual([["1", "400", "HTTP 400"]]);

    // An order added: only the endpoint that wants orders.
    await server.reset();
    b.asMe.post({
      token,
      idempotencyKey: "w2",
      table: "orders",
      rows: [{ CustomerID: id, OrderID: "H1", OrderDate: "2026-11-22", Product: "Tea", Amount: 12 }],
    });
    const second = await server.requests();
    expect(second.map((r) => [r.path, JSON.parse(r.body).type])).toEqual([["/hooks/erp", "order.added"]]);
    // A replayed call sends nothing again.
    await server.reset();
    b.asMe.post({
      token,
      idempotencyKey: "w2",
      table: "orders",
      rows: [{ CustomerID: id, OrderID: "H1", OrderDate: "2026-11-22", Product: "Tea", Amount: 12 }],
    });
    expect(await server.requests()).toEqual([]);
    // The secret never reaches the sidebar again, nor does the full URL.
    expect(JSON.stringify(b.loaded.run("listWebhooks"))).not.toContain(erp.secret);
  }, 60_000);

  it("a classification that changes segments posts customer.segment_changed with each change", async () => {
    await server.reset();
    const b = loadWebAppBook();
    const hook = b.loaded.run("addWebhook", `${server.baseUrl}/hooks/erp`, ["customer.segment_changed"]);
    const sheet = b.loaded.emulator.spreadsheet.getSheetByName("Customers")!;
    const headers = sheet.getRange(1, 1, 1, sheet.getLastColumn()).getValues()[0];
    const col = headers.indexOf("Segment") + 1;
    sheet.getRange(2, col, sheet.getLastRow() - 1, 1).setValue("Old segment");
    b.loaded.run("classifyNow");
    const requests = await server.requests();
    expect(requests).toHaveLength(1);
    const r = requests[0];
    expect(r.headers["x-sheetcrm-signature"]).toBe(
      signature(hook.secret, r.headers["x-sheetcrm-timestamp"], r.body),
    );
    const body = JSON.parse(r.body);
    expect(body.type).toBe("customer.segment_changed");
    const now = rowsOf(b.loaded, "Customers");
    const changed = now.filter((c) => c.Segment && c.Segment !== "Old segment");
    expect(body.data.changes).toHaveLength(changed.length);
    expect(body.data.changes[0]).toEqual({
      customerId: changed[0].CustomerID,
      from: "Old segment",
      to: changed[0].Segment,
    });
    // Classifying again changes nothing: no event.
    await server.reset();
    b.loaded.run("classifyNow");
    expect(await server.requests()).toEqual([]);
  }, 60_000);
});
