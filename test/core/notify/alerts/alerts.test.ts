import { buildBook, type Book } from "../../../../src/core/book";
import { dayOfDateKey } from "../../../../src/core/calendar";
import {
  alertLine,
  alertRoute,
  checkAlertSettings,
  DEFAULT_ALERT_SETTINGS,
  deliveryRows,
  evaluateRule,
  parseAlertRows,
  alertRow,
  planAlerts,
  planDeliveries,
  recipientsBy,
  renderAlertMail,
  type AlertCandidate,
  type AlertKind,
  type AlertRecord,
  type AlertRule,
  type AlertSettings,
} from "../../../../src/core/notify/alerts";
import type { Channel } from "../../../../src/core/notify/channels";
import type { SendLogEntry } from "../../../../src/core/notify/send-log";
import { teamOf } from "../../../../src/core/notify/team";

const TODAY = "2026-12-01";
const team = teamOf(["sales@example.com", "boss@example.com", "other@example.com"], []);

function book(customers: unknown[][], orders: unknown[][] = [], feedback: unknown[][] = []): Book {
  return buildBook(
    {
      customers: {
        name: "Customers",
        headers: [
          "CustomerID",
          "Name",
          "Owner",
          "Lifecycle",
          "Segment",
          "ABC",
          "CustomerType",
          "LastInteraction",
        ],
        rows: customers,
      },
      orders: {
        name: "Orders",
        headers: ["OrderID", "CustomerID", "OrderDate", "Amount", "PaymentStatus", "DueDate"],
        rows: orders,
      },
      feedback: {
        name: "Feedback",
        headers: ["Date", "CustomerID", "Rating", "Category", "Comment", "Resolved"],
        rows: feedback,
      },
    },
    { timeZone: "UTC" },
  );
}

const rule = (kind: AlertKind, over: Partial<AlertRule> = {}): AlertRule => ({
  ...DEFAULT_ALERT_SETTINGS.rules.find((r) => r.kind === kind)!,
  enabled: true,
  ...over,
});
const only = (...rules: AlertRule[]): AlertSettings => ({ rules });
const input = (b: Book, pAlive: number[] = []) => ({
  book: b,
  today: dayOfDateKey(TODAY),
  pAlive: Float64Array.from({ length: b.customers.count }, (_, i) => pAlive[i] ?? NaN),
});

/** Runs the planner the way the gas side does: evaluate, plan, apply clears, append. */
function run(settings: AlertSettings, b: Book, records: AlertRecord[], day = TODAY, pAlive: number[] = []) {
  const candidates = new Map<AlertKind, AlertCandidate[]>();
  for (const r of settings.rules) if (r.enabled) candidates.set(r.kind, evaluateRule(r, input(b, pAlive)));
  const plan = planAlerts(settings, candidates, records, {
    now: `${day}T03:00:00.000Z`,
    day,
    recipientsOf: recipientsBy((id) => (id === "C1" ? "sales@example.com" : ""), ["boss@example.com"], team),
  });
  const next = [
    ...records.map((r) => (plan.cleared.has(r.id) ? { ...r, cleared: `${day}T03:00:00.000Z` } : r)),
    ...plan.quiet,
    ...plan.raised,
  ];
  return { plan, next };
}

describe("alert rules: evaluation", () => {
  const b = book(
    [
      ["C1", "Acme", "sales@example.com", "Lost", "", "A", "", "2026-09-01"],
      ["C2", "Beta", "", "流失风险", "", "B", "VIP", "2026-11-25"],
      ["C3", "Gamma", "", "Loyal", "At Risk", "C", "", ""],
      ["C4", "Delta", "", "Loyal", "Champions", "C", "", ""],
    ],
    [
      ["O1", "C1", "2026-11-01", 6000, "Paid", ""],
      ["O1", "C1", "2026-11-01", 6000, "Paid", ""],
      ["O2", "C2", "2026-10-01", 500, "Unpaid", "2026-10-15"],
      ["O3", "C3", "2026-11-20", 900, "Unpaid", "2026-11-28"],
      ["O4", "C4", "2026-10-01", 500, "Paid", "2026-10-15"],
    ],
    [
      ["2026-11-30", "C1", 5, "", "great service", ""],
      ["2026-11-30", "C2", 1, "", "", ""],
      ["2026-11-30", "C3", "", "投诉", "", ""],
      ["2026-11-30", "C4", "", "", "太差了，很失望", ""],
      ["2026-11-29", "C4", 1, "", "", "yes"],
    ],
  );
  it("turned: reads Lifecycle in either language, else the RFM segment; only the stages asked for", () => {
    const all = evaluateRule(rule("turned"), input(b)).map((c) => c.subject);
    expect(all).toEqual(["C1|lost", "C2|at_risk", "C3|at_risk"]);
    const lost = evaluateRule(rule("turned", { stages: ["lost"] }), input(b)).map((c) => c.subject);
    expect(lost).toEqual(["C1|lost"]);
  });
  it("big order: sums an order's lines; above the threshold only", () => {
    const got = evaluateRule(rule("big-order", { threshold: 10_000 }), input(b));
    expect(got.map((c) => [c.subject, c.customerId, c.value])).toEqual([["O1", "C1", "12000"]]);
    expect(evaluateRule(rule("big-order", { threshold: 12_000 }), input(b))).toEqual([]);
  });
  it("overdue: unpaid past its due date by more than N days", () => {
    const got = evaluateRule(rule("overdue", { threshold: 30 }), input(b));
    expect(got.map((c) => [c.subject, c.value])).toEqual([["O2", "47"]]);
  });
  it("complaint: low rating, complaint category or negative comment; resolved ones never", () => {
    const got = evaluateRule(rule("complaint", { threshold: 2 }), input(b));
    expect(got.map((c) => [c.customerId, c.value])).toEqual([
      ["C2", "1"],
      ["C3", "negative"],
      ["C4", "negative"],
    ]);
  });
  it("key-idle: ABC class A or VIP, no contact for more than N days", () => {
    const got = evaluateRule(rule("key-idle", { threshold: 30 }), input(b));
    expect(got.map((c) => [c.customerId, c.value])).toEqual([["C1", "91"]]);
  });
  it("p-alive: below the share", () => {
    const got = evaluateRule(rule("p-alive", { threshold: 0.3 }), input(b, [0.1, 0.5, NaN, 0.29]));
    expect(got.map((c) => [c.customerId, c.value])).toEqual([
      ["C1", "0.10"],
      ["C4", "0.29"],
    ]);
  });
});

describe("alert rules: once per event", () => {
  const active = (lifecycle: string) =>
    book([["C1", "Acme", "sales@example.com", lifecycle, "", "", "", ""]]);
  const settings = only(rule("turned", { stages: ["lost"] }));

  it("a rule switched on records what already holds as baseline, and never fires it", () => {
    const first = run(settings, active("Lost"), []);
    expect(first.plan.raised).toEqual([]);
    expect(first.plan.quiet.map((r) => r.status)).toEqual(["armed", "baseline"]);
    const second = run(settings, active("Lost"), first.next, "2026-12-02");
    expect(second.plan.raised).toEqual([]);
  });

  it("a customer turning Lost fires once, however many runs see it; coming back re-arms it", () => {
    const armed = run(settings, active("Loyal"), []).next;
    const fired = run(settings, active("Lost"), armed);
    expect(fired.plan.raised).toHaveLength(1);
    const a = fired.plan.raised[0];
    expect(a).toMatchObject({ kind: "turned", customerId: "C1", value: "lost", status: "raised" });
    expect(a.recipients).toEqual(["sales@example.com", "boss@example.com"]);
    const again = run(settings, active("Lost"), fired.next, "2026-12-02");
    expect(again.plan.raised).toEqual([]);
    const back = run(settings, active("Loyal"), again.next, "2026-12-03");
    expect([...back.plan.cleared]).toEqual([a.id]);
    const lostAgain = run(settings, active("Lost"), back.next, "2026-12-04");
    expect(lostAgain.plan.raised).toHaveLength(1);
    expect(lostAgain.plan.raised[0].id).not.toBe(a.id);
  });

  it("changing the rule re-baselines; switching it off clears its open lines", () => {
    const armed = run(settings, active("Loyal"), []).next;
    const widened = only(rule("turned", { stages: ["lost", "at_risk"] }));
    const r = run(widened, active("At risk"), armed);
    expect(r.plan.raised).toEqual([]);
    expect(r.plan.quiet.map((x) => x.status)).toEqual(["armed", "baseline"]);
    const off = run(only(rule("turned", { enabled: false })), active("At risk"), r.next);
    expect(off.plan.cleared.size).toBe(2);
  });

  it("records survive the tab: row and back, formulas neutralised", () => {
    const armed = run(settings, book([["=C1", "x", "", "Loyal", "", "", "", ""]]), []).next;
    const fired = run(settings, book([["=C1", "x", "", "Lost", "", "", "", ""]]), armed).plan.raised[0];
    const row = alertRow(fired);
    expect(row[2]).toBe("'=C1");
    expect(parseAlertRows([row])).toEqual([fired]);
  });
});

describe("alert deliveries", () => {
  const wecom: Channel = {
    id: "wc",
    kind: "wecom",
    name: "WeCom",
    url: "https://x/y",
    secret: "",
    format: "text",
  };
  const sms: Channel = {
    id: "sms",
    kind: "sms",
    name: "SMS",
    url: "https://sms/",
    method: "post",
    contentType: "application/json",
    headers: {},
    bodyTemplate: "",
    maxChars: 100,
  };
  const alert = (id: string, recipients: string[], channel = "choice"): AlertRecord => ({
    id,
    kind: "turned",
    customerId: "C1",
    subject: `C1|${id}`,
    raised: "2026-12-01T03:00:00.000Z",
    value: "lost",
    ref: "",
    recipients,
    channel,
    status: "raised",
    cleared: "",
    ackBy: "",
    ackAt: "",
  });
  const choices = {
    "sales@example.com": { reminders: "mail", reports: "wc", phone: "" },
    "boss@example.com": { reminders: "mail", reports: "mail", phone: "13800001111" },
  };
  const route = (a: AlertRecord, r: string) => alertRoute(a.channel, r, choices, [wecom, sms]);

  it("batches one message per destination per run; a group robot once for all its recipients", () => {
    const alerts = [alert("a", ["sales@example.com", "boss@example.com"]), alert("b", ["boss@example.com"])];
    const d = planDeliveries(alerts, [], "2026-11-25T00:00:00.000Z", route);
    expect(d.map((x) => [x.destination, x.alerts.map((a) => a.id)])).toEqual([
      ["chat:wc", ["a"]],
      ["mail:boss@example.com", ["a", "b"]],
    ]);
    const viaRobot = planDeliveries(
      [alert("a", ["sales@example.com", "boss@example.com"], "wc")],
      [],
      "2026-11-25T00:00:00.000Z",
      route,
    );
    expect(viaRobot).toHaveLength(1);
    expect(viaRobot[0].recipients).toEqual(["sales@example.com", "boss@example.com"]);
  });

  it("a sent or pending SendLog row means delivered; failures are retried up to three times", () => {
    const alerts = [alert("a", ["boss@example.com"], "mail")];
    const d = planDeliveries(alerts, [], "2026-11-25", route)[0];
    const rows = deliveryRows(d, { date: "2026-12-01", status: "sent", at: "", by: "job:alerts" });
    expect(rows.map((r) => [r.recipient, r.note, r.rule])).toEqual([["boss@example.com", "a", "alert"]]);
    expect(planDeliveries(alerts, rows, "2026-11-25", route)).toEqual([]);
    const failed: SendLogEntry[] = rows.map((r) => ({ ...r, status: "failed" }));
    expect(planDeliveries(alerts, [...failed, ...failed], "2026-11-25", route)).toHaveLength(1);
    expect(planDeliveries(alerts, [...failed, ...failed, ...failed], "2026-11-25", route)).toEqual([]);
    expect(planDeliveries(alerts, [], "2026-12-02", route)).toEqual([]);
  });

  it("SMS without a mobile and deleted channels fall back to mail", () => {
    expect(alertRoute("sms", "sales@example.com", choices, [sms])).toEqual({ via: "mail" });
    expect(alertRoute("sms", "boss@example.com", choices, [sms])).toMatchObject({
      via: "channel",
      phone: "13800001111",
    });
    expect(alertRoute("gone", "boss@example.com", choices, [sms])).toEqual({ via: "mail" });
  });

  it("escapes customer data in the mail's HTML", () => {
    const mail = renderAlertMail([alert("a", [])], () => `<img src=x onerror=alert(1)>`, "en", "Book");
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;img");
    expect(mail.text).toContain("<img src=x onerror=alert(1)> (C1) turned Lost");
    expect(alertLine(alert("a", []), "张三", "zh-CN")).toBe("张三（C1） 已转为「已流失」");
  });
});

describe("alert settings", () => {
  it("recipients must be team members and channels must exist", () => {
    const r = checkAlertSettings(
      {
        rules: [
          {
            kind: "big-order",
            enabled: true,
            threshold: 5000,
            recipients: { emails: ["x@evil.com"] },
            channel: "nope",
          },
          { kind: "overdue", threshold: -1 },
        ],
      },
      ["wc"],
      team,
    );
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems.map((p) => p.code).sort()).toEqual(["channel", "notMember", "threshold"]);
    const ok = checkAlertSettings(
      {
        rules: [
          {
            kind: "big-order",
            enabled: true,
            threshold: 5000,
            recipients: { emails: ["Other@Example.com"] },
            channel: "wc",
          },
        ],
      },
      ["wc"],
      team,
    );
    expect(ok.ok && ok.settings.rules.find((x) => x.kind === "big-order")).toMatchObject({
      enabled: true,
      threshold: 5000,
      channel: "wc",
      recipients: { owner: true, managers: true, emails: ["other@example.com"] },
    });
  });
});
