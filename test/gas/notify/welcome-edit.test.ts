import { QUOTA_KEPT_FOR_TEAM } from "../../../src/core/notify/welcome-policy";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { loadNotifyBundle, sendLogRows } from "./harness";

const DAY = 86_400_000;
const WELCOME = { enabled: true, subject: "Welcome {{Name}}", body: "Dear {{ContactName}}" };

/** A Customers row (harness headers) with no e-mail yet, consenting to mail. */
const row = (id: string): unknown[] => [
  id,
  `Customer ${id}`,
  "",
  "Regular",
  "Won",
  "2026-11-20",
  "rep@example.com",
  "North",
  "",
  100,
  "",
  "Yes",
];

/**
 * `n` customers without e-mail, the edit trigger installed, and (unless `baseline` is false) one daily run
 * already done, so the welcome baseline exists as it does in a book that has been running.
 */
function setUp(n: number, opts: { welcome?: boolean; baseline?: boolean } = {}): LoadedBundle {
  const customers = Array.from({ length: n }, (_, i) => row(`C${i + 1}`));
  const loaded = loadNotifyBundle(
    { customers, settings: { welcome: { ...WELCOME, enabled: opts.welcome ?? true } } },
    { now: "2026-11-23T02:00:00Z" },
  );
  const { emulator, ctx } = loaded;
  const ScriptApp = emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
  ScriptApp.newTrigger("handleEdit").forSpreadsheet(emulator.spreadsheet).onEdit().create();
  if (opts.baseline ?? true) ctx.sendRemindersNow();
  emulator.outbox.length = 0;
  emulator.resetCounts();
  return loaded;
}

const welcomes = (loaded: LoadedBundle) =>
  loaded.emulator.outbox.filter((m) => m.subject.startsWith("Welcome"));
const welcomeLog = (loaded: LoadedBundle) =>
  sendLogRows(loaded)
    .filter((r) => r[3] === "welcome" && r[2] !== "*")
    .map((r) => [r[2], r[1], r[4]]);

describe("welcome mail on edit", () => {
  it("mails a customer as soon as their row gains a valid Email, once ever", () => {
    const loaded = setUp(3);
    const { emulator, ctx } = loaded;
    emulator.edit("Customers!C3", " New@Example.com ");
    expect(welcomes(loaded).map((m) => [m.to, m.subject, m.body, m.replyTo])).toEqual([
      ["new@example.com", "Welcome Customer C2", "Dear Customer C2", "rep@example.com"],
    ]);
    expect(welcomeLog(loaded)).toEqual([["C2", "new@example.com", "sent"]]);

    // A changed address, a re-typed one, and the next daily runs: still one welcome for C2.
    emulator.edit("Customers!C3", "other@example.com");
    emulator.edit("Customers!C3", "new@example.com");
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    expect(welcomes(loaded)).toHaveLength(1);
    expect(welcomeLog(loaded)).toHaveLength(1);
  });

  it("ignores invalid addresses, other columns and other sheets, reading no cells for them", () => {
    const loaded = setUp(3);
    const { emulator } = loaded;
    // The same edits on a book with welcome mails off give the baseline cost of the other edit handlers.
    const edits: [string, unknown][] = [
      ["Customers!C2", "not an address"],
      ["Customers!B2", "Renamed"],
      ["Customers!D2", "VIP"],
      ["Orders!A2", "O1"],
    ];
    const off = setUp(3, { welcome: false });
    for (const [a1, value] of edits) {
      emulator.resetCounts();
      emulator.edit(a1, value);
      off.emulator.resetCounts();
      off.emulator.edit(a1, value);
      expect([a1, emulator.counts()["Range.getValues"] ?? 0]).toEqual([
        a1,
        off.emulator.counts()["Range.getValues"] ?? 0,
      ]);
    }
    expect(welcomes(loaded)).toHaveLength(0);
    expect(welcomeLog(loaded)).toEqual([]);
  });

  it("sends nothing while welcome mails are off or before the daily run has taken the baseline", () => {
    const off = setUp(2, { welcome: false });
    off.emulator.edit("Customers!C2", "a@example.com");
    expect(welcomes(off)).toHaveLength(0);

    // Welcome mails just turned on and no run yet: who is "new" is not known, so the daily run decides.
    const fresh = setUp(2, { baseline: false });
    fresh.emulator.edit("Customers!C2", "a@example.com");
    expect(welcomes(fresh)).toHaveLength(0);
    fresh.ctx.sendRemindersNow();
    expect(welcomes(fresh)).toHaveLength(0);
    expect(welcomeLog(fresh)).toEqual([["C1", "a@example.com", "baseline"]]);
  });

  it("handles a 25-row paste in a fixed number of reads, mails 10 now and leaves the rest to the daily run", () => {
    const reads = (n: number) => {
      const loaded = setUp(n);
      const addresses = Array.from({ length: n }, (_, i) => [`new${i + 1}@example.com`]);
      loaded.emulator.edit(`Customers!C2:C${n + 1}`, addresses);
      return { loaded, reads: loaded.emulator.counts()["Range.getValues"] };
    };
    const small = reads(3);
    const { loaded, reads: big } = reads(25);
    expect(big).toBe(small.reads);
    expect(welcomes(small.loaded)).toHaveLength(3);

    expect(welcomes(loaded).map((m) => m.to)).toEqual(
      Array.from({ length: 10 }, (_, i) => `new${i + 1}@example.com`),
    );
    const log = welcomeLog(loaded);
    expect(log.filter((r) => r[2] === "sent")).toHaveLength(10);
    expect(log.filter((r) => r[2] === "deferred").map((r) => r[0])).toEqual(
      Array.from({ length: 15 }, (_, i) => `C${i + 11}`),
    );
    loaded.ctx.sendRemindersNow();
    const all = welcomes(loaded).map((m) => m.to);
    expect(all).toHaveLength(25);
    expect(new Set(all).size).toBe(25);
  });

  it("respects the mail quota, keeping room for the team's mails: the rest is deferred and sent later", () => {
    const loaded = setUp(4);
    const { emulator, ctx } = loaded;
    emulator.faults.mailQuota(QUOTA_KEPT_FOR_TEAM + 1);
    emulator.edit("Customers!C2:C4", [["a@example.com"], ["b@example.com"], ["c@example.com"]]);
    expect(welcomes(loaded).map((m) => m.to)).toEqual(["a@example.com"]);
    const deferred = sendLogRows(loaded).filter((r) => r[4] === "deferred");
    expect(deferred.map((r) => [r[2], r[6]])).toEqual([
      ["C2", "daily mail quota used up"],
      ["C3", "daily mail quota used up"],
    ]);
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    expect(welcomes(loaded).map((m) => m.to)).toEqual(["a@example.com", "b@example.com", "c@example.com"]);
  });

  it("logs a failed send and the daily run retries it once", () => {
    const loaded = setUp(2);
    const { emulator, ctx } = loaded;
    emulator.faults.mailThrowOnce(1);
    emulator.edit("Customers!C2", "a@example.com");
    expect(welcomes(loaded)).toHaveLength(0);
    expect(welcomeLog(loaded)).toEqual([["C1", "a@example.com", "failed"]]);
    ctx.sendRemindersNow();
    ctx.sendRemindersNow();
    expect(welcomes(loaded).map((m) => m.to)).toEqual(["a@example.com"]);
  });
});
