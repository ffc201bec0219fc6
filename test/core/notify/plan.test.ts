import {
  MAX_DIGEST_ITEMS,
  planReminderRun,
  planWelcomes,
  WELCOME_BASELINE_ID,
  type PlanInput,
} from "../../../src/core/notify/plan";
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
import { teamOf } from "../../../src/core/notify/team";
import { QUOTA_KEPT_FOR_TEAM, WELCOME_DAILY_CAP } from "../../../src/core/notify/welcome-policy";
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
  by: "",
});
const b = book({
  customers: [
    customer("A", { owner: "ann@x.com", status: "following_up", lastInteraction: "2026-11-01" }),
    customer("B", { owner: "ann@x.com", status: "pending", lastInteraction: "2026-11-01" }),
    customer("C", { status: "pending", lastInteraction: "2026-11-01" }),
    customer("D", { owner: "dan@x.com", type: "vip", lastInteraction: "2026-09-01" }),
  ],
});

/** The owners of these tests are all team members, and every customer consents, unless a test says not. */
const TEAM = teamOf(["ann@x.com", "dan@x.com", "bob@x.com"], []);
const run = (input: Omit<PlanInput, "team" | "consented" | "bookLang"> & Partial<PlanInput>) =>
  planReminderRun({
    team: TEAM,
    consented: new Set(input.book.customers.ids),
    bookLang: "en",
    ...input,
  });

describe("planReminderRun", () => {
  it("groups by owner, sends managers the unowned, most urgent digest first", () => {
    const plan = run({ book: b, today: "2026-11-23", settings, log: [], quota: 100 });
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
    const plan = run({ book: b, today: "2026-11-23", settings, log, quota: 100 });
    expect(plan.send.map((d) => d.recipient)).toEqual(["dan@x.com", "boss@x.com"]);
    expect(plan.alreadySent).toBe(2);
    // Mailed every day when the repeat interval is one day.
    const daily = { ...settings, repeatDays: 1 };
    const tomorrow = run({ book: b, today: "2026-11-24", settings: daily, log, quota: 100 });
    expect(tomorrow.send.find((d) => d.recipient === "ann@x.com")?.items).toHaveLength(2);
  });

  it("defers past the quota and carries deferred and failed items, even ones that stopped firing", () => {
    const plan = run({ book: b, today: "2026-11-23", settings, log: [], quota: 1 });
    expect(plan.send.map((d) => d.recipient)).toEqual(["dan@x.com"]);
    expect(plan.defer.map((d) => d.recipient)).toEqual(["ann@x.com", "boss@x.com"]);

    const log = [
      entry("2026-11-23", "ann@x.com", "A", "following-up-idle", "deferred"),
      entry("2026-11-23", "boss@x.com", "C", "pending-idle", "failed"),
      entry("2026-11-23", "boss@x.com", "Z", "pending-idle", "deferred"), // customer since deleted
    ];
    const next = run({ book: b, today: "2026-11-24", settings, log, quota: 100 });
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
    const after = run({ book: b, today: "2026-11-25", settings, log: resolved, quota: 100 });
    expect(after.send.flatMap((d) => d.items).some((i) => i.customerId === "Z")).toBe(false);
  });

  it("baselines existing e-mails when welcome mails start, then welcomes each new customer once ever", () => {
    const on = { ...settings, welcome: { ...settings.welcome, enabled: true } };
    const a = customer("A", { email: "a@c.com" });
    const withMail = book({ customers: [a] });
    const first = run({ book: withMail, today: "2026-11-23", settings: on, log: [], quota: 100 });
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
    const second = run({ book: grown, today: "2026-11-24", settings: on, log, quota: 100 });
    expect(second.welcomes.map((w) => w.customer.id)).toEqual(["B"]);
    const sent = [...log, entry("2026-11-24", "b@c.com", "B", "welcome", "sent")];
    const third = run({ book: grown, today: "2026-12-30", settings: on, log: sent, quota: 100 });
    expect(third.welcomes).toEqual([]);
    const noQuota = run({ book: grown, today: "2026-11-24", settings: on, log, quota: 0 });
    expect(noQuota.welcomesDeferred.map((w) => w.customer.id)).toEqual(["B"]);
  });
});

describe("repeats", () => {
  const ann = (customerId: string, rule: string, date: string, note: string): SendLogEntry => ({
    ...entry(date, "ann@x.com", customerId, rule, "sent"),
    note,
  });
  const owed = book({
    customers: [
      customer("A", { owner: "ann@x.com", status: "following_up", lastInteraction: "2026-11-01" }),
      customer("B", { owner: "ann@x.com", status: "pending", lastInteraction: "2026-11-01" }),
      customer("O", { owner: "ann@x.com", lastInteraction: "2026-11-20" }),
    ],
    orders: [
      { orderId: "X1", customerId: "O", date: "2026-10-01", amount: 100, paymentStatus: "overdue" },
      {
        orderId: "X2",
        customerId: "O",
        date: "2026-10-02",
        amount: 50,
        paymentStatus: "due",
        dueDate: "2026-11-22",
      },
    ],
  });
  const digestOf = (today: string, log: SendLogEntry[], repeatDays = 3) =>
    run({ book: owed, today, settings: { ...settings, repeatDays }, log, quota: 100 }).send.find(
      (d) => d.recipient === "ann@x.com",
    );

  it("mails a still-due reminder again only after the set number of days, and counts the quiet ones", () => {
    const first = digestOf("2026-11-21", []);
    // Before X2's due date only X1 is overdue.
    expect(first?.items.map((i) => [i.customerId, i.lastMailed])).toEqual([
      ["O", undefined],
      ["A", undefined],
      ["B", undefined],
    ]);
    const log = [
      ann("A", "following-up-idle", "2026-11-21", "idle=following_up"),
      ann("B", "pending-idle", "2026-11-21", "idle=pending"),
      ann("O", "overdue-order", "2026-11-21", "overdue=1/100.00"),
    ];
    // The next day nothing is new: no digest at all.
    expect(digestOf("2026-11-22", log)).toBeUndefined();
    expect(digestOf("2026-11-22", log, 1)?.items).toHaveLength(3);
    // Three days on, everything still due comes again, saying when it was last mailed.
    expect(digestOf("2026-11-24", log)?.items.map((i) => [i.customerId, i.lastMailed])).toEqual([
      ["O", "2026-11-21"],
      ["A", "2026-11-21"],
      ["B", "2026-11-21"],
    ]);
  });

  it("mails an escalated reminder at once, and a new one beside quiet ones", () => {
    const log = [
      ann("A", "following-up-idle", "2026-11-22", "idle=following_up"),
      ann("O", "overdue-order", "2026-11-22", "overdue=1/100.00"),
    ];
    // 23rd: X2 is past its due date too — two lines, 150.00: escalated. B was never mailed: new. A waits.
    const d = digestOf("2026-11-23", log)!;
    expect(d.items.map((i) => [i.customerId, i.lastMailed])).toEqual([
      ["O", "2026-11-22"],
      ["B", undefined],
    ]);
    expect(d.quiet).toBe(1);
    // Mailed with what it said then: the same two lines the next day are not an escalation.
    const after = [...log, ann("O", "overdue-order", "2026-11-23", "overdue=2/150.00")];
    expect(digestOf("2026-11-24", after)?.items.map((i) => i.customerId)).toEqual(["B"]);
    // A row of an earlier version (no mark) is no escalation either.
    expect(
      digestOf("2026-11-23", [ann("O", "overdue-order", "2026-11-22", "")])?.items.map((i) => i.customerId),
    ).toEqual(["A", "B"]);
  });

  it("still carries what was held back, whatever the interval", () => {
    const log = [
      ann("A", "following-up-idle", "2026-11-21", "idle=following_up"),
      { ...entry("2026-11-22", "ann@x.com", "A", "following-up-idle", "deferred"), note: "quota" },
    ];
    const d = digestOf("2026-11-23", log)!;
    expect(d.items.find((i) => i.customerId === "A")?.carriedFrom).toBe("2026-11-22");
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
    const plan = run({ book: two, today: "2026-11-23", settings, log, quota: 1 });
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
    const plan = run({ book: many, today: "2026-11-23", settings, log: [], quota: 100 });
    const [digest] = plan.send;
    expect(digest.items).toHaveLength(MAX_DIGEST_ITEMS);
    expect(digest.more).toBe(40 - MAX_DIGEST_ITEMS);
    // The most urgent rule's customers come first and none of them is left out.
    const priorities = digest.items.map((i) => i.priority);
    expect([...priorities].sort((a, b) => a - b)).toEqual(priorities);
    // Sent items are logged; the rest are not, so the next day plans them again.
    const log = digest.items.map((i) => entry("2026-11-23", "ann@x.com", i.customerId, i.ruleId, "sent"));
    const later = run({ book: many, today: "2026-11-23", settings, log, quota: 100 });
    expect(later.send[0].items).toHaveLength(40 - MAX_DIGEST_ITEMS);
    expect(later.send[0].more).toBe(0);
  });
});
