import { itemsOf, loadNotifyBundle } from "../notify/harness";

// Customers columns of the harness: ID, Name, Email, CustomerType, Status, LastInteraction, Owner, …
const customer = (id: string, type: string, status: string) => [
  id,
  `Customer ${id}`,
  "",
  type,
  status,
  "2026-09-01",
  "rep@example.com",
  "North",
  "",
  100,
  "",
];

/** The reminders the rep is mailed today, as "ID rule", after `prepare` ran on the fresh book. */
function remindersAfter(prepare: (ctx: ReturnType<typeof loadNotifyBundle>["ctx"]) => void): string[] {
  const { emulator, ctx } = loadNotifyBundle(
    {
      customers: [
        customer("TEAMVIP", "重点客户", "Won"),
        customer("OWN", "老朋友", "Won"),
        customer("BUILTIN", "VIP", "Won"),
        customer("RENAMED", "Regular", "在跟"),
      ],
    },
    { now: "2026-11-23T02:00:00Z" },
  );
  prepare(ctx);
  ctx.sendRemindersNow();
  return emulator.outbox
    .filter((m) => m.to === "rep@example.com")
    .flatMap(itemsOf)
    .map((i) => `${i.customerId} ${i.rule}`)
    .sort();
}

describe("the book read in Apps Script through the team's dropdown lists", () => {
  it("without lists the team's values mean nothing: only the built-in VIP is a VIP", () => {
    expect(remindersAfter(() => undefined)).toEqual(["BUILTIN vip-idle"]);
  });

  it("a customer with the team's VIP value gets the VIP reminder; a renamed status its status rule", () => {
    const reminders = remindersAfter((ctx) =>
      expect(
        ctx.saveValueLists({
          "Customers.CustomerType": [{ value: "重点客户", key: "vip" }, { value: "老朋友" }],
          "Customers.Status": [
            { value: "在跟", key: "following_up" },
            { value: "已成交", key: "won" },
            "Won",
          ],
        }),
      ).toEqual({ ok: true }),
    );
    // 老朋友 has no meaning: no type, as before. VIP is no longer listed but still read as the built-in VIP.
    expect(reminders).toEqual(["BUILTIN vip-idle", "RENAMED following-up-idle", "TEAMVIP vip-idle"]);
  });
});
