import { addDays } from "../../../src/core/calendar";
import { evaluateReminders } from "../../../src/core/notify/reminders";
import { routeReminder, teamOf } from "../../../src/core/notify/team";
import { DEFAULT_RULES } from "../../../src/core/notify/rules";
import { BOSS, bookOf, dayIn, itemsOf, loadNotifyBundle, sendLogRows } from "./harness";
import { auditRows } from "../trust/harness";

const ZONE = "Asia/Shanghai";
const DAY = 86_400_000;
const PRIORITY = new Map(DEFAULT_RULES.map((r) => [r.id, r.priority]));

/**
 * 130 customers, 120 with their own owner (so 121 recipients: more than the 100 mails a day), statuses,
 * VIPs, overdue orders and planned follow-ups spread over the month. Deterministic.
 */
function seedBook() {
  const customers: unknown[][] = [];
  const orders: unknown[][] = [];
  const interactions: unknown[][] = [];
  for (let i = 1; i <= 130; i++) {
    const id = `C${String(i).padStart(3, "0")}`;
    const status = i % 13 === 0 ? "won" : ["following_up", "pending", "Following up", "待定"][i % 4];
    const type = i % 7 === 0 ? "VIP" : "Regular";
    const last = addDays("2026-11-01", -(8 + ((i * 7) % 40)));
    const owner = i <= 120 ? `rep${i}@example.com` : "";
    customers.push([
      id,
      `Customer ${id}`,
      "",
      type,
      status,
      last,
      owner,
      ["North", "South"][i % 2],
      "",
      i * 10,
      "keep me",
    ]);
    if (i % 9 === 0)
      orders.push([
        `O${i}`,
        id,
        "2026-10-01",
        100 + i,
        i % 18 === 0 ? "Overdue" : "Due",
        addDays("2026-11-01", i % 20),
      ]);
    if (i % 11 === 0)
      interactions.push([addDays("2026-11-01", -3), id, "Phone", "call", addDays("2026-11-01", i % 25)]);
  }
  return { customers, orders, interactions };
}

describe("a month of daily reminders on the emulated clock", () => {
  it("delivers every due reminder exactly once a day, by priority, within a 100-a-day quota, through double firings and a throwing send", () => {
    // 2026-10-31 20:00 in Shanghai; the daily trigger fires at 08:00 Shanghai (00:00 UTC).
    const loaded = loadNotifyBundle(seedBook(), { now: "2026-10-31T12:00:00Z", mailQuota: 100 });
    const { emulator, ctx } = loaded;
    const clocks = () =>
      emulator
        .triggers()
        .filter((t) => t.eventType === "CLOCK")
        .map((t) => t.handler);
    ctx.menuInstallNotifications();
    expect(clocks()).toEqual(["handleDispatch"]);
    ctx.menuInstallNotifications(); // idempotent
    expect(clocks()).toEqual(["handleDispatch"]);
    /** The hourly dispatcher's reminder runs so far (one audit entry each). */
    const reminderRuns = () => auditRows(loaded).filter((r) => r[6] === "notify.reminders").length;

    const owed = new Map<string, string>(); // "recipient|customer|rule" -> first day it was due and not yet mailed
    const customers = emulator.spreadsheet.getSheetByName("Customers")!;
    let mailsSeen = 0;
    let carried = 0;
    for (let d = 0; d < 30; d++) {
      const today = addDays("2026-11-01", d);
      // What is due today, per the rules, for the book as it stands.
      const book = bookOf(loaded);
      const team = teamOf(Object.keys(JSON.parse(emulator.properties.document.get("roles")!)), []);
      const routeOf = (id: string) => {
        const c = book.customers.indexOf(id);
        return routeReminder(book.customers.ownerEmail[c], book.customers.owner[c], [BOSS], team);
      };
      for (const due of evaluateReminders(book, today, DEFAULT_RULES))
        for (const r of routeOf(due.customerId).recipients) {
          const key = `${r}|${due.customerId}|${due.ruleId}`;
          if (!owed.has(key)) owed.set(key, today);
        }

      if (d === 4) emulator.faults.mailThrowOnce(1);
      const before = reminderRuns();
      const runs = emulator.advanceAndFire(DAY); // the dispatcher runs the reminders in the 08:00 hour
      expect(reminderRuns() - before).toBe(1);
      expect(
        runs.filter((r) => r.error).map((r) => `${r.handler}: ${r.error!.message} ${r.error!.stack}`),
      ).toEqual([]);
      if (d % 3 === 0) ctx.handleDailyReminders(); // a second firing the same day
      if (d === 4) ctx.handleDailyReminders(); // the retry after the throwing send

      const allMails = emulator.outbox.slice(mailsSeen);
      mailsSeen = emulator.outbox.length;
      expect(allMails.length).toBeLessThanOrEqual(100);
      const mails = allMails.filter((m) => m.subject.startsWith("Sheet CRM reminders"));
      const sentToday = new Set<string>();
      for (const mail of mails) {
        expect(dayIn(mail.at, ZONE)).toBe(today);
        const items = itemsOf(mail);
        expect(items.length).toBeGreaterThan(0);
        const priorities = items.map((i) => PRIORITY.get(i.rule)!);
        expect(priorities).toEqual([...priorities].sort((a, b) => a - b));
        for (const item of items) {
          const key = `${mail.to}|${item.customerId}|${item.rule}`;
          expect(sentToday.has(key)).toBe(false); // never twice a day
          sentToday.add(key);
          const since = owed.get(key);
          if (since && since < dayIn(mail.at, ZONE)) expect(item.carriedFrom).toBe(since);
          if (item.carriedFrom) carried++;
          owed.delete(key);
        }
      }
      // Within one run the digests go most urgent first.
      const runsByTime = new Map<number, number[]>();
      for (const mail of mails) {
        const list = runsByTime.get(mail.at.getTime()) ?? [];
        list.push(PRIORITY.get(itemsOf(mail)[0].rule)!);
        runsByTime.set(mail.at.getTime(), list);
      }
      for (const list of runsByTime.values()) expect(list).toEqual([...list].sort((a, b) => a - b));

      // The reps act on what they were told: contacted customers stop being idle.
      const values = customers.getRange(2, 1, customers.getLastRow() - 1, 6).getValues();
      const contacted = new Set(mails.flatMap((m) => itemsOf(m).map((i) => i.customerId)));
      customers
        .getRange(2, 6, values.length, 1)
        .setValues(
          values.map((r) => [contacted.has(String(r[0])) ? dayIn(emulator.clock.now(), ZONE) : r[5]]),
        );
    }
    // Quota ran out on the first day (121 recipients), and everything owed was mailed in the end.
    expect(sendLogRows(loaded).some((r) => r[4] === "deferred")).toBe(true);
    expect(carried).toBeGreaterThanOrEqual(5);
    expect(sendLogRows(loaded).some((r) => r[4] === "failed")).toBe(true);
    expect([...owed.entries()].filter(([, since]) => since < "2026-11-30")).toEqual([]);
    // Custom columns were never touched.
    expect(
      customers
        .getRange(2, 11, 130, 1)
        .getValues()
        .every((r) => r[0] === "keep me"),
    ).toBe(true);
  });
});
