import { MAX_DIGEST_ITEMS, planReminderRun, WELCOME_BASELINE_ID } from "../../../src/core/notify/plan";
import {
  logRow,
  parseLogRows,
  pruneSendLog,
  tripleKey,
  tripleStates,
  type SendLogEntry,
  type SendStatus,
} from "../../../src/core/notify/send-log";
import { DEFAULT_NOTIFY_SETTINGS, type NotifySettings } from "../../../src/core/notify/settings";
import { book, customer } from "./fixtures";

const settings: NotifySettings = { ...DEFAULT_NOTIFY_SETTINGS, managers: ["boss@x.com"] };
const entry = (
  date: string,
  recipient: string,
  customerId: string,
  rule: string,
  status: SendStatus,
): SendLogEntry => ({
  date,
  recipient,
  customerId,
  rule,
  status,
  at: "",
  note: "",
});
const b = book({
  customers: [
    customer("A", { owner: "ann@x.com", status: "following_up", lastInteraction: "2026-11-01" }),
    customer("B", { owner: "ann@x.com", status: "pending", lastInteraction: "2026-11-01" }),
    customer("C", { status: "pending", lastInteraction: "2026-11-01" }),
    customer("D", { owner: "dan@x.com", type: "vip", lastInteraction: "2026-09-01" }),
  ],
});

describe("planReminderRun", () => {
  it("groups by owner, sends managers the unowned, most urgent digest first", () => {
    const plan = planReminderRun({ book: b, today: "2026-11-23", settings, log: [], quota: 100 });
    expect(plan.send.map((d) => [d.recipient, d.items.map((i) => i.customerId)])).toEqual([
      ["dan@x.com", ["D"]],
      ["ann@x.com", ["A", "B"]],
      ["boss@x.com", ["C"]],
    ]);
    expect(plan.defer).toEqual([]);
  });

  it("skips what was sent or pending today, and sends again on a later day", () => {
    const log = [
      entry("2026-11-23", "ann@x.com", "A", "following-up-idle", "sent"),
      entry("2026-11-23", "ann@x.com", "B", "pending-idle", "pending"),
    ];
    const plan = planReminderRun({ book: b, today: "2026-11-23", settings, log, quota: 100 });
    expect(plan.send.map((d) => d.recipient)).toEqual(["dan@x.com", "boss@x.com"]);
    expect(plan.alreadySent).toBe(2);
    const tomorrow = planReminderRun({ book: b, today: "2026-11-24", settings, log, quota: 100 });
    expect(tomorrow.send.find((d) => d.recipient === "ann@x.com")?.items).toHaveLength(2);
  });

  it("defers past the quota and carries deferred and failed items, even ones that stopped firing", () => {
    const plan = planReminderRun({ book: b, today: "2026-11-23", settings, log: [], quota: 1 });
    expect(plan.send.map((d) => d.recipient)).toEqual(["dan@x.com"]);
    expect(plan.defer.map((d) => d.recipient)).toEqual(["ann@x.com", "boss@x.com"]);

    const log = [
      entry("2026-11-23", "ann@x.com", "A", "following-up-idle", "deferred"),
      entry("2026-11-23", "boss@x.com", "C", "pending-idle", "failed"),
      entry("2026-11-23", "boss@x.com", "Z", "pending-idle", "deferred"), // customer since deleted
    ];
    const next = planReminderRun({ book: b, today: "2026-11-24", settings, log, quota: 100 });
    const ann = next.send.find((d) => d.recipient === "ann@x.com")!;
    expect(ann.items.find((i) => i.customerId === "A")?.carriedFrom).toBe("2026-11-23");
    expect(ann.items.find((i) => i.customerId === "B")?.carriedFrom).toBeUndefined();
    const boss = next.send.find((d) => d.recipient === "boss@x.com")!;
    // Same priority; Z has no contact on record any more, so it counts as the longest idle.
    expect(boss.items.map((i) => [i.customerId, i.carriedFrom, i.detail.kind])).toEqual([
      ["Z", "2026-11-23", "no-longer-due"],
      ["C", "2026-11-23", "idle"],
    ]);

    const resolved = [...log, entry("2026-11-24", "boss@x.com", "Z", "pending-idle", "sent")];
    const after = planReminderRun({ book: b, today: "2026-11-25", settings, log: resolved, quota: 100 });
    expect(after.send.flatMap((d) => d.items).some((i) => i.customerId === "Z")).toBe(false);
  });

  it("baselines existing e-mails when welcome mails start, then welcomes each new customer once ever", () => {
    const on = { ...settings, welcome: { ...settings.welcome, enabled: true } };
    const a = customer("A", { email: "a@c.com" });
    const withMail = book({ customers: [a] });
    const first = planReminderRun({ book: withMail, today: "2026-11-23", settings: on, log: [], quota: 100 });
    expect(first.takeWelcomeBaseline).toBe(true);
    expect(first.welcomeBaseline.map((c) => c.id)).toEqual(["A"]);
    expect(first.welcomes).toEqual([]);

    const log = [
      entry("2026-11-23", "", WELCOME_BASELINE_ID, "welcome", "baseline"),
      entry("2026-11-23", "a@c.com", "A", "welcome", "baseline"),
    ];
    const grown = book({
      customers: [a, customer("B", { email: "b@c.com" }), customer("C")],
    });
    const second = planReminderRun({ book: grown, today: "2026-11-24", settings: on, log, quota: 100 });
    expect(second.welcomes.map((w) => w.customer.id)).toEqual(["B"]);
    const sent = [...log, entry("2026-11-24", "b@c.com", "B", "welcome", "sent")];
    const third = planReminderRun({ book: grown, today: "2026-12-30", settings: on, log: sent, quota: 100 });
    expect(third.welcomes).toEqual([]);
    const noQuota = planReminderRun({ book: grown, today: "2026-11-24", settings: on, log, quota: 0 });
    expect(noQuota.welcomesDeferred.map((w) => w.customer.id)).toEqual(["B"]);
  });
});

describe("fairness and pruning", () => {
  it("among equal priorities, a recipient holding the oldest carried item goes first", () => {
    const two = book({
      customers: [
        customer("A", { owner: "ann@x.com", status: "pending" }),
        customer("B", { owner: "bob@x.com", status: "pending" }),
      ],
    });
    const log = [entry("2026-11-20", "bob@x.com", "B", "pending-idle", "deferred")];
    const plan = planReminderRun({ book: two, today: "2026-11-23", settings, log, quota: 1 });
    expect(plan.send.map((d) => d.recipient)).toEqual(["bob@x.com"]);
  });

  it("prunes old rows but keeps welcome rows and held-back reminders from the day they were held", () => {
    const old = Array.from({ length: 5 }, (_, i) =>
      entry("2026-01-0" + (i + 1), "a@x.com", "A", "r", "sent"),
    );
    const log = [
      ...old,
      entry("2026-01-01", "w@x.com", "W", "welcome", "sent"),
      entry("2026-01-02", "b@x.com", "B", "r", "deferred"),
      entry("2026-01-03", "b@x.com", "B", "r", "sent"),
      entry("2026-01-04", "b@x.com", "B", "r", "deferred"),
      entry("2026-11-20", "a@x.com", "A", "r", "sent"),
    ];
    expect(pruneSendLog(log, "2026-11-23", 60, 100)).toBeNull();
    const kept = pruneSendLog(log, "2026-11-23", 60, 1)!;
    expect(kept.map((e) => `${e.date} ${e.customerId} ${e.status}`)).toEqual([
      "2026-01-01 W sent",
      "2026-01-04 B deferred",
      "2026-11-20 A sent",
    ]);
    expect(tripleStates(kept, "2026-11-23").get(tripleKey("b@x.com", "B", "r"))?.outstandingSince).toBe(
      "2026-01-04",
    );
  });
});

describe("send log rows", () => {
  it("round-trip through the sheet, with formula-like IDs neutralised", () => {
    const e = entry("2026-11-23", "a@x.com", '=HYPERLINK("http://x")', "vip-idle", "sent");
    const row = logRow(e);
    expect(row[2]).toBe(`'=HYPERLINK("http://x")`);
    expect(parseLogRows([row], (v) => (typeof v === "string" ? v : undefined))).toEqual([e]);
  });
});

describe("digest size", () => {
  it(`lists at most ${MAX_DIGEST_ITEMS} items, most urgent first, and counts the rest, which stay due`, () => {
    const many = book({
      customers: Array.from({ length: 40 }, (_, i) =>
        customer(`K${String(i).padStart(2, "0")}`, {
          owner: "ann@x.com",
          status: i < 10 ? "pending" : "following_up",
          lastInteraction: "2026-10-01",
        }),
      ),
    });
    const plan = planReminderRun({ book: many, today: "2026-11-23", settings, log: [], quota: 100 });
    const [digest] = plan.send;
    expect(digest.items).toHaveLength(MAX_DIGEST_ITEMS);
    expect(digest.more).toBe(40 - MAX_DIGEST_ITEMS);
    // The most urgent rule's customers come first and none of them is left out.
    const priorities = digest.items.map((i) => i.priority);
    expect([...priorities].sort((a, b) => a - b)).toEqual(priorities);
    // Sent items are logged; the rest are not, so the next day plans them again.
    const log = digest.items.map((i) => entry("2026-11-23", "ann@x.com", i.customerId, i.ruleId, "sent"));
    const later = planReminderRun({ book: many, today: "2026-11-23", settings, log, quota: 100 });
    expect(later.send[0].items).toHaveLength(40 - MAX_DIGEST_ITEMS);
    expect(later.send[0].more).toBe(0);
  });
});
