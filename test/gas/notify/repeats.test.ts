import { htmlBytes, MAX_MAIL_HTML_BYTES } from "../../../src/core/notify/mail-layout";
import { MAX_DIGEST_ITEMS } from "../../../src/core/notify/plan";
import { itemsOf, loadNotifyBundle, sendLogRows } from "./harness";

const DAY = 86_400_000;
const REP = "rep@example.com";

/** A Customers row of the harness's headers: following up, idle since November 1st, the rep's. */
const customer = (id: string) => [
  id,
  `Customer ${id}`,
  "",
  "Regular",
  "Following up",
  "2026-11-01",
  REP,
  "North",
  "",
  100,
  "",
];

describe("a rep's digests over a week (repeat interval 3 days)", () => {
  it("sends at most 25, most urgent first, then only new or escalated items until the interval has passed", () => {
    const customers = Array.from({ length: 40 }, (_, i) => customer(`C${String(i + 1).padStart(2, "0")}`));
    const loaded = loadNotifyBundle(
      {
        customers,
        orders: [["O1", "C40", "2026-10-01", 500, "Due", "2026-11-30"]],
        settings: { repeatDays: 3 },
      },
      { now: "2026-11-23T02:00:00Z" },
    );
    const { emulator, ctx } = loaded;
    const digests = () => emulator.outbox.filter((m) => m.subject.startsWith("Sheet CRM reminders"));
    const day = () => {
      const before = digests().length;
      ctx.sendRemindersNow();
      const mine = digests().slice(before);
      expect(mine.length).toBeLessThanOrEqual(1);
      emulator.clock.advance(DAY);
      return mine[0];
    };

    // Day 1 (23rd): the first 25 of 40, the rest counted, with a link to the whole list.
    const first = day();
    expect(itemsOf(first)).toHaveLength(MAX_DIGEST_ITEMS);
    expect(first.body).toContain("…and 15 more follow-ups, less urgent");
    expect(first.htmlBody).toContain("See them all in the spreadsheet");
    expect(first.htmlBody).toMatch(/href="https:\/\/docs\.google\.com\/spreadsheets\/d\/[^"]+#gid=\d+"/);
    expect(htmlBytes(first.htmlBody!)).toBeLessThanOrEqual(MAX_MAIL_HTML_BYTES);
    const firstIds = itemsOf(first).map((i) => i.customerId);

    // Day 2: only the 15 never mailed; the 25 still due are counted, not repeated.
    const second = day();
    const secondIds = itemsOf(second).map((i) => i.customerId);
    expect(secondIds).toHaveLength(15);
    expect(secondIds.filter((id) => firstIds.includes(id))).toEqual([]);
    expect(second.body).toContain(
      "25 follow-ups from recent digests are still open; they are not repeated until 3 days have passed.",
    );

    // Day 3: nothing new; C40's order is not due yet: no digest at all.
    expect(day()).toBeUndefined();

    // Day 4 (26th): day 1's items are due again, saying when they were last mailed.
    const fourth = day();
    expect(itemsOf(fourth).map((i) => i.customerId)).toEqual(firstIds);
    expect(fourth.body).toContain("last reminded 2026-11-23");

    // Day 5: day 2's come again. Day 6 nothing; then C40's order falls due on the 30th... and is new.
    expect(itemsOf(day()).map((i) => i.customerId)).toEqual(secondIds);
    expect(day()).toBeUndefined();
    emulator.clock.advance(2 * DAY);
    const overdue = day(); // Dec 1st: C40 overdue (new rule), and day 1's idle items due again
    expect(itemsOf(overdue)[0]).toEqual({ customerId: "C40", rule: "overdue-order" });

    // The send log keeps what each mailed reminder said, so a later run can tell an escalation.
    const sentOverdue = sendLogRows(loaded).filter((r) => r[3] === "overdue-order" && r[4] === "sent");
    expect(sentOverdue.map((r) => r[6])).toEqual(["overdue=1/500.00"]);
  });

  it("mails an escalated reminder the next day: a second overdue order", () => {
    const loaded = loadNotifyBundle(
      {
        customers: [customer("A"), customer("B")],
        orders: [
          ["O1", "A", "2026-10-01", 100, "Overdue", ""],
          ["O2", "A", "2026-10-02", 50, "Due", "2026-11-23"],
        ],
        settings: { repeatDays: 3 },
      },
      { now: "2026-11-23T02:00:00Z" },
    );
    const { emulator, ctx } = loaded;
    ctx.sendRemindersNow();
    expect(itemsOf(emulator.outbox[0]).map((i) => i.customerId)).toEqual(["A", "A", "B"]);
    emulator.clock.advance(DAY);
    // The 24th: O2 is past its due date too; the idle reminders wait for their interval.
    ctx.sendRemindersNow();
    expect(emulator.outbox).toHaveLength(2);
    expect(itemsOf(emulator.outbox[1])).toEqual([{ customerId: "A", rule: "overdue-order" }]);
    expect(emulator.outbox[1].body).toContain("Overdue payment: 2 orders, 150.00");
    expect(emulator.outbox[1].body).toContain("2 follow-ups from recent digests are still open");
  });
});
