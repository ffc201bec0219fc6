import { buildBook } from "../../../src/core/book";
import { consentedCustomers } from "../../../src/core/notify/consent";
import type { NotifyCustomer } from "../../../src/core/notify/customer-card";
import { renderDigest } from "../../../src/core/notify/digest";
import { planReminderRun, planWelcomes, WELCOME_BASELINE_ID } from "../../../src/core/notify/plan";
import {
  byEdit,
  byJob,
  byManual,
  logRow,
  parseLogRows,
  tripleKey,
  tripleStates,
  type SendLogEntry,
  type SendStatus,
} from "../../../src/core/notify/send-log";
import { DEFAULT_NOTIFY_SETTINGS } from "../../../src/core/notify/settings";
import { memberOrNone, routeReminder, teamOf } from "../../../src/core/notify/team";
import {
  QUOTA_KEPT_FOR_TEAM,
  WELCOME_DAILY_CAP,
  welcomeAllowance,
} from "../../../src/core/notify/welcome-policy";
import { book, customer } from "./fixtures";

const TODAY = "2026-11-23";
const entry = (
  customerId: string,
  recipient: string,
  status: SendStatus,
  rule = "welcome",
  date = TODAY,
): SendLogEntry => ({ date, recipient, customerId, rule, status, at: "", note: "", by: "" });
const BASELINE = entry(WELCOME_BASELINE_ID, "", "baseline");
const on = {
  ...DEFAULT_NOTIFY_SETTINGS,
  managers: ["boss@x.com"],
  welcome: { ...DEFAULT_NOTIFY_SETTINGS.welcome, enabled: true },
};
const card = (id: string, email: string, owner = ""): NotifyCustomer => ({
  id,
  name: id,
  contactName: "",
  email,
  owner,
  region: "",
  row: 2,
});

describe("the team and reminder routes", () => {
  const team = teamOf(["Ann@X.com", "not an address"], ["owner@x.com", ""]);

  it("holds the role table's addresses and the owner and installer, lower-cased, nothing else", () => {
    expect([...team].sort()).toEqual(["ann@x.com", "owner@x.com"]);
    expect(memberOrNone(team, " ANN@x.com ")).toBe("ann@x.com");
    expect(memberOrNone(team, "eve@y.com")).toBe("");
  });

  it("sends a member's customers to them and anyone else's to the managers, flagged", () => {
    expect(routeReminder("ann@x.com", "Ann@X.com", ["boss@x.com"], team)).toEqual({
      recipients: ["ann@x.com"],
    });
    expect(routeReminder("eve@y.com", "eve@y.com", ["boss@x.com", "b2@x.com"], team)).toEqual({
      recipients: ["boss@x.com", "b2@x.com"],
      outsideOwner: "eve@y.com",
    });
    // Text that is no address is flagged as written, on one line; a blank Owner is nobody's, unflagged.
    expect(routeReminder("", "eve@y.com\r\nBcc: z@y.com", ["boss@x.com"], team).outsideOwner).toBe(
      "eve@y.com Bcc: z@y.com",
    );
    expect(routeReminder("", "  ", ["boss@x.com"], team)).toEqual({ recipients: ["boss@x.com"] });
  });

  it("plans no digest for an outside Owner, and drops reminders held back for outsiders", () => {
    const b = book({
      customers: [
        customer("A", { owner: "ann@x.com", status: "pending" }),
        customer("E", { owner: "eve@y.com", status: "pending" }),
      ],
    });
    const log = [entry("E", "eve@y.com", "deferred", "pending-idle", "2026-11-20")];
    const plan = planReminderRun({
      book: b,
      today: TODAY,
      settings: on,
      log,
      quota: 100,
      team,
      consented: new Set(),
      bookLang: "en",
    });
    expect(plan.send.map((d) => [d.recipient, d.items.map((i) => [i.customerId, i.outsideOwner])])).toEqual([
      ["ann@x.com", [["A", undefined]]],
      ["boss@x.com", [["E", "eve@y.com"]]],
    ]);
  });

  it("says so in both languages, escaped in HTML", () => {
    const b = book({ customers: [customer("E", { owner: "<b>eve@y.com", status: "pending" })] });
    const plan = planReminderRun({
      book: b,
      today: TODAY,
      settings: on,
      log: [],
      quota: 100,
      team,
      consented: new Set(),
      bookLang: "en",
    });
    const view = {
      date: TODAY,
      spreadsheetName: "Book",
      items: plan.send[0].items.map((i) => ({ ...i, link: "" })),
    };
    const en = renderDigest(view, "en");
    expect(en.text).toContain("Owner <b>eve@y.com is not a team member");
    expect(en.html).toContain("Owner &lt;b&gt;eve@y.com is not a team member");
    expect(en.html).not.toContain("<b>eve");
    expect(renderDigest(view, "zh-CN").text).toContain("负责人 <b>eve@y.com 不是团队成员");
  });
});

describe("welcome policy", () => {
  const customers = [card("A", "a@c.com"), card("B", "b@c.com"), card("C", "c@c.com")];
  const all = new Set(["A", "B", "C"]);
  const plan = (over: Partial<Parameters<typeof planWelcomes>[0]> = {}) =>
    planWelcomes({
      customers,
      log: [BASELINE],
      settings: on,
      today: TODAY,
      quota: 100,
      consented: all,
      bookLang: "en",
      ...over,
    });

  it("welcomes only customers whose consent says yes", () => {
    expect(plan({ consented: new Set(["B"]) }).welcomes.map((w) => w.customer.id)).toEqual(["B"]);
  });

  it("caps welcomes per day, counted in the log, and keeps quota for the team", () => {
    const sentToday = Array.from({ length: WELCOME_DAILY_CAP - 1 }, (_, i) =>
      entry(`S${i}`, `s${i}@c.com`, "sent"),
    );
    const capped = plan({ log: [BASELINE, ...sentToday] });
    expect(capped.welcomes.map((w) => w.customer.id)).toEqual(["A"]);
    expect(capped.welcomesDeferred.map((w) => [w.customer.id, w.heldBy])).toEqual([
      ["B", "daily-cap"],
      ["C", "daily-cap"],
    ]);
    // Yesterday's do not count.
    const yesterday = sentToday.map((e) => ({ ...e, date: "2026-11-22" }));
    expect(plan({ log: [BASELINE, ...yesterday] }).welcomes).toHaveLength(3);

    const short = plan({ quota: QUOTA_KEPT_FOR_TEAM + 1 });
    expect(short.welcomes.map((w) => w.customer.id)).toEqual(["A"]);
    expect(short.welcomesDeferred.map((w) => w.heldBy)).toEqual(["quota", "quota"]);
    expect(plan({ quota: QUOTA_KEPT_FOR_TEAM }).welcomes).toEqual([]);
    expect(plan({ perRun: 2 }).welcomesDeferred.map((w) => w.heldBy)).toEqual(["per-run"]);
    expect(welcomeAllowance([], TODAY, 1000)).toEqual({ count: WELCOME_DAILY_CAP, heldBy: "daily-cap" });
  });

  it("logs a refusal once per address, honours it later, and lets an allowed edit lift it", () => {
    const first = plan({ refuse: new Map([["A", "why"]]) });
    expect(first.welcomesRefused.map((w) => [w.customer.id, w.recipient, w.reason])).toEqual([
      ["A", "a@c.com", "why"],
    ]);
    expect(first.welcomes.map((w) => w.customer.id)).toEqual(["B", "C"]);

    const log = [BASELINE, entry("A", "a@c.com", "refused")];
    // Already refused: not logged again; the daily run (no verdicts) does not send it either.
    expect(plan({ log, refuse: new Map([["A", "again"]]) }).welcomesRefused).toEqual([]);
    expect(plan({ log }).welcomes.map((w) => w.customer.id)).toEqual(["B", "C"]);
    // A new address for A is a new question.
    const moved = [card("A", "a2@c.com")];
    expect(plan({ log, customers: moved }).welcomes.map((w) => w.recipient)).toEqual(["a2@c.com"]);
    // Typed again by someone allowed: sent; once deferred after that, the daily run sends it too.
    expect(plan({ log, confirmed: new Set(["A"]) }).welcomes.map((w) => w.customer.id)).toEqual([
      "A",
      "B",
      "C",
    ]);
    const lifted = [...log, entry("A", "a@c.com", "deferred")];
    expect(plan({ log: lifted }).welcomes.map((w) => w.customer.id)).toEqual(["A", "B", "C"]);
  });

  it("a refusal is no send: reminders' once-a-day state ignores it", () => {
    const states = tripleStates([entry("A", "a@c.com", "refused")], TODAY);
    expect(states.get(tripleKey("a@c.com", "A", "welcome"))).toBeUndefined();
  });
});

describe("consent column", () => {
  it("reads yes in either language or as a ticked box; anything else, or no column, is no", () => {
    const headers = ["CustomerID", "Name", "同意接收邮件"];
    const rows = [
      ["A", "a", "Yes"],
      ["B", "b", "是"],
      ["C", "c", true],
      ["D", "d", "No"],
      ["E", "e", ""],
      ["F", "f", "maybe"],
      ["G", "g", false],
      ["H", "h", " yes "],
    ];
    const b = buildBook({ customers: { name: "Customers", headers, rows } }, { timeZone: "UTC" });
    expect([...consentedCustomers(b, headers, rows)].sort()).toEqual(["A", "B", "C", "H"]);
    const without = buildBook(
      { customers: { name: "Customers", headers: headers.slice(0, 2), rows } },
      { timeZone: "UTC" },
    );
    expect(consentedCustomers(without, headers.slice(0, 2), rows).size).toBe(0);
  });
});

describe("send log attribution", () => {
  it("keeps who or what caused each row, and reads logs written before the By column", () => {
    const e = { ...entry("A", "a@c.com", "sent"), by: byEdit("=evil@x.com") };
    const row = logRow(e);
    expect(row).toHaveLength(9);
    expect(row[7]).toBe("edit:=evil@x.com");
    expect(parseLogRows([row], (v) => String(v))).toEqual([e]);
    expect(parseLogRows([row.slice(0, 7)], (v) => String(v))[0].by).toBe("");
    expect([byJob("reminders"), byManual("ann@x.com"), byManual("")]).toEqual([
      "job:reminders",
      "manual:ann@x.com",
      "manual:(unknown user)",
    ]);
  });
});
