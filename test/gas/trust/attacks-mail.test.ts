// Attacks on the add-on's mail (issue 15, item 1): an editor steering reminders, welcomes or replies to an
// address outside the team, or spending the day's quota. Each runs the built bundle on the emulator and
// checks what left the outbox and what the send log says caused it.
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { QUOTA_KEPT_FOR_TEAM, WELCOME_DAILY_CAP } from "../../../src/core/notify/welcome-policy";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { loadNotifyBundle } from "../notify/harness";
import { mailCustomer } from "../../../src/local/faults/attacks/book";

const DAY = 86_400_000;
const NOW = "2026-11-23T02:00:00Z";
/** A Google Workspace domain: edit events name editors of the same domain. */
const DOMAIN = "acme.test";
const OWNER = "owner@acme.test";
const BOSS = "boss@acme.test";
/** A team member who turns against it: a sales rep of the workspace (Google shows their e-mail). */
const MALLORY = "mallory@acme.test";
/** An honest sales rep. */
const REP = "rep@acme.test";
const OUTSIDE = "harvest@outside.test";
const WELCOME = {
  enabled: true,
  subject: "Welcome {{Name}}",
  body: "Dear {{Name}}, {{Owner}} is your contact.",
};

/** A Customers row (notify harness headers): idle for weeks, so a reminder is due; consenting unless told. */
const customer = mailCustomer;

/**
 * A workspace book (so the edit events name their editors) with `customers`, the role table, welcome mails
 * on with their baseline taken, the edit trigger installed by the owner, and a 100-a-day mail quota.
 */
function book(
  customers: readonly unknown[][],
  roles: Record<string, string> = { [REP]: "sales", [MALLORY]: "sales", [BOSS]: "manager" },
  options: { workspace?: boolean } = {},
): LoadedBundle {
  const loaded = loadNotifyBundle(
    { customers, roles, settings: { welcome: WELCOME, managers: [BOSS] } },
    {
      now: NOW,
      owner: OWNER,
      user: OWNER,
      mailQuota: 100,
      ...(options.workspace === false ? {} : { workspaceDomain: DOMAIN }),
    },
  );
  const { emulator, ctx } = loaded;
  const ScriptApp = emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
  ScriptApp.newTrigger("handleEdit").forSpreadsheet(emulator.spreadsheet).onEdit().create();
  // Welcome mails have been on for a while: the first run took the baseline (and sent today's digests).
  ctx.sendRemindersNow();
  emulator.outbox.length = 0;
  return loaded;
}

/** SendLog rows as objects, By included. */
function sendLog(loaded: LoadedBundle) {
  const sheet = loaded.emulator.spreadsheet.getSheetByName("SendLog");
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet
    .getRange(2, 1, sheet.getLastRow() - 1, 8)
    .getValues()
    .map(([date, recipient, customerId, rule, status, , note, by]) => ({
      date: String(date),
      recipient: String(recipient),
      customerId: String(customerId),
      rule: String(rule),
      status: String(status),
      note: String(note),
      by: String(by),
    }));
}

const welcomes = (loaded: LoadedBundle) =>
  loaded.emulator.outbox.filter((m) => m.subject.startsWith("Welcome"));
const digests = (loaded: LoadedBundle) =>
  loaded.emulator.outbox.filter((m) => m.subject.startsWith("Sheet CRM reminders"));

describe("reminders go only to team members", () => {
  it("an editor setting every Owner to an outside address makes the trigger mail the managers, flagged", () => {
    const customers = Array.from({ length: 22 }, (_, i) => customer(`C${i + 1}`));
    const loaded = book(customers);
    const { emulator, ctx } = loaded;
    // The attack: one paste over the Owner column (G2:G23).
    emulator.edit(
      "Customers!G2:G23",
      customers.map(() => [OUTSIDE]),
      { user: MALLORY },
    );
    ctx.menuInstallNotifications();
    emulator.advanceAndFire(DAY); // the hourly dispatcher runs the 08:00 reminders, as the installer

    const all = emulator.outbox;
    expect(all.some((m) => [m.to, m.cc, m.bcc, m.replyTo].join(",").includes("outside.test"))).toBe(false);
    const boss = digests(loaded).filter((m) => m.to === BOSS);
    expect(boss).toHaveLength(1);
    expect(boss[0].body.match(/^\d+\. /gm)).toHaveLength(22);
    expect(boss[0].body.match(/Owner harvest@outside\.test is not a team member/g)).toHaveLength(22);
    expect(boss[0].htmlBody).toContain("Owner harvest@outside.test is not a team member");
    // Attributed to the scheduled job; nothing was ever logged for the outside address.
    const today = sendLog(loaded).filter((r) => r.date === "2026-11-24" && r.rule !== "weekly-report");
    expect(new Set(today.map((r) => `${r.recipient} ${r.status} ${r.by}`))).toEqual(
      new Set([`${BOSS} sent job:reminders`]),
    );
    expect(sendLog(loaded).some((r) => r.recipient.includes("outside.test"))).toBe(false);
  });

  it("a reminder once held back for an outside address is never carried to it", () => {
    const loaded = book([customer("A", { owner: OUTSIDE })]);
    const { emulator, ctx } = loaded;
    // A log written before this version: a reminder deferred to the Owner's (outside) address.
    const log = emulator.spreadsheet.getSheetByName("SendLog")!;
    log.appendRow(["2026-11-20", OUTSIDE, "A", "following-up-idle", "deferred", "", "quota", ""]);
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    expect(emulator.outbox.map((m) => m.to)).toEqual([BOSS]);
    expect(emulator.outbox[0].body).toContain("(A)");
  });

  it("an Owner who is in the role table gets their own digest, unflagged", () => {
    const loaded = book([customer("A"), customer("B", { owner: MALLORY })]);
    const { emulator, ctx } = loaded;
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    expect(emulator.outbox.map((m) => [m.to, m.body.includes("not a team member")]).sort()).toEqual([
      [MALLORY, false],
      [REP, false],
    ]);
    // Removed from the role table: the next day their customer goes to the managers, flagged.
    emulator.properties.document.set("roles", JSON.stringify({ [REP]: "sales", [BOSS]: "manager" }));
    emulator.clock.advance(DAY);
    emulator.outbox.length = 0;
    ctx.sendRemindersNow();
    const boss = emulator.outbox.find((m) => m.to === BOSS)!;
    expect(emulator.outbox.map((m) => m.to).sort()).toEqual([BOSS, REP]);
    expect(boss.body).toContain(`Owner ${MALLORY} is not a team member`);
  });
});

describe("welcome mails", () => {
  it("97 welcomes from one editor stop at the daily cap; the reminders still go out, the rest the next day", () => {
    const reps = ["a", "b", "c", "d", "e"].map((x) => `rep-${x}@acme.test`);
    const roles = Object.fromEntries([...reps.map((r) => [r, "sales"]), [MALLORY, "manager"]]);
    const customers = Array.from({ length: 97 }, (_, i) => customer(`N${i + 1}`, { owner: reps[i % 5] }));
    const loaded = book(customers, roles);
    const { emulator, ctx } = loaded;
    // The next morning, before the reminders: the customers have no address yet; the editor pastes 97 of
    // them, ten rows an edit.
    emulator.clock.advance(DAY);
    for (let first = 2; first <= 98; first += 10) {
      const last = Math.min(first + 9, 98);
      const values = Array.from({ length: last - first + 1 }, (_, i) => [`lead${first - 1 + i}@target.test`]);
      emulator.edit(`Customers!C${first}:C${last}`, values, { user: MALLORY });
    }
    expect(welcomes(loaded)).toHaveLength(WELCOME_DAILY_CAP);
    const held = sendLog(loaded).filter((r) => r.rule === "welcome" && r.status === "deferred");
    expect(held.length).toBeGreaterThanOrEqual(97 - WELCOME_DAILY_CAP);
    expect(held.every((r) => r.note === `daily cap of ${WELCOME_DAILY_CAP} welcome mails reached`)).toBe(
      true,
    );
    expect(held.every((r) => r.by === `edit:${MALLORY}`)).toBe(true);

    // Tomorrow's reminders are not starved: the same day, a run sends every digest and no more welcomes.
    ctx.sendRemindersNow();
    expect(
      digests(loaded)
        .map((m) => m.to)
        .sort(),
    ).toEqual(reps);
    expect(welcomes(loaded)).toHaveLength(WELCOME_DAILY_CAP);
    expect(sendLog(loaded).some((r) => r.rule !== "welcome" && r.status === "deferred")).toBe(false);
    const quota = emulator.globals.MailApp as GoogleAppsScript.Mail.MailApp;
    expect(quota.getRemainingDailyQuota()).toBeGreaterThanOrEqual(QUOTA_KEPT_FOR_TEAM);

    // The next day the rest go out, each once.
    emulator.clock.advance(DAY + 3_600_000);
    ctx.sendRemindersNow();
    const to = welcomes(loaded).map((m) => m.to);
    expect(to).toHaveLength(97);
    expect(new Set(to).size).toBe(97);
  });

  it("never spends the quota kept for the team's own mails", () => {
    const loaded = book(Array.from({ length: 10 }, (_, i) => customer(`N${i + 1}`)));
    const { emulator } = loaded;
    emulator.faults.mailQuota(QUOTA_KEPT_FOR_TEAM + 3);
    const addresses = Array.from({ length: 10 }, (_, i) => [`lead${i}@target.test`]);
    emulator.edit("Customers!C2:C11", addresses, { user: OWNER });
    expect(welcomes(loaded)).toHaveLength(3);
    const quota = emulator.globals.MailApp as GoogleAppsScript.Mail.MailApp;
    expect(quota.getRemainingDailyQuota()).toBe(QUOTA_KEPT_FOR_TEAM);
  });

  it("an edit that sets the Owner and the e-mail together sends no welcome, now or later", () => {
    const loaded = book([customer("A"), customer("B")], {
      [REP]: "sales",
      [MALLORY]: "manager",
      [BOSS]: "manager",
    });
    const { emulator, ctx } = loaded;
    // Owner and address from the same hand: the reply-to and "your contact" would be the editor's choice.
    emulator.edit("Customers!C2:G2", [["victim@target.test", "Regular", "Won", "2026-11-20", MALLORY]], {
      user: MALLORY,
    });
    expect(welcomes(loaded)).toEqual([]);
    const refused = sendLog(loaded).filter((r) => r.status === "refused");
    expect(refused.map((r) => [r.customerId, r.recipient, r.note, r.by])).toEqual([
      ["A", "victim@target.test", "address set by the edit that also changed the Owner", `edit:${MALLORY}`],
    ]);
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    expect(welcomes(loaded)).toEqual([]);

    // Someone allowed types the address again, on its own: that edit is trusted and the welcome goes.
    emulator.edit("Customers!C2", "victim@target.test", { user: BOSS });
    expect(welcomes(loaded).map((m) => [m.to, m.replyTo])).toEqual([["victim@target.test", MALLORY]]);
    expect(
      sendLog(loaded)
        .filter((r) => r.status === "sent" && r.rule === "welcome")
        .map((r) => r.by),
    ).toEqual([`edit:${BOSS}`]);
  });

  it("sends nothing when the editor is hidden or may not edit the customer", () => {
    // A consumer-account book: Google names no editor but the trigger's installer.
    const hidden = book([customer("A")], { [REP]: "sales" }, { workspace: false });
    hidden.emulator.edit("Customers!C2", "x@target.test", { user: "stranger@gmail.com" });
    hidden.ctx.sendRemindersNow();
    hidden.emulator.clock.advance(DAY);
    hidden.ctx.sendRemindersNow();
    expect(welcomes(hidden)).toEqual([]);
    expect(
      sendLog(hidden)
        .filter((r) => r.status === "refused")
        .map((r) => [r.note, r.by]),
    ).toEqual([["address typed by an editor Google does not name", "edit:(unknown editor)"]]);

    // A sales rep typing an address on a colleague's customer; a viewer; someone not in the table.
    const loaded = book([customer("A"), customer("B"), customer("C")], {
      [REP]: "sales",
      [MALLORY]: "sales",
      "vera@acme.test": "viewer",
    });
    const { emulator, ctx } = loaded;
    emulator.edit("Customers!C2", "a@target.test", { user: MALLORY });
    emulator.edit("Customers!C3", "b@target.test", { user: "vera@acme.test" });
    emulator.edit("Customers!C4", "c@target.test", { user: "nobody@acme.test" });
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    expect(welcomes(loaded)).toEqual([]);
    expect(
      sendLog(loaded)
        .filter((r) => r.status === "refused")
        .map((r) => [r.customerId, r.note]),
    ).toEqual([
      ["A", `${MALLORY} may not edit this customer`],
      ["B", "vera@acme.test may not edit this customer"],
      ["C", "nobody@acme.test may not edit this customer"],
    ]);
    // The customer's own rep may.
    emulator.edit("Customers!C2", "a@target.test", { user: REP });
    expect(welcomes(loaded).map((m) => m.to)).toEqual(["a@target.test"]);
  });

  it("goes only to customers whose consent says yes", () => {
    const loaded = book([
      customer("A", { consent: "" }),
      customer("B", { consent: "No" }),
      customer("C", { consent: "否" }),
      customer("D", { consent: "是" }),
    ]);
    const { emulator, ctx } = loaded;
    emulator.edit(
      "Customers!C2:C5",
      [["a@target.test"], ["b@target.test"], ["c@target.test"], ["d@target.test"]],
      { user: REP },
    );
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    expect(welcomes(loaded).map((m) => m.to)).toEqual(["d@target.test"]);
    // A later "yes" is honoured by the next daily run.
    emulator.edit("Customers!L2", "Yes", { user: REP });
    emulator.clock.advance(DAY);
    ctx.sendRemindersNow();
    expect(welcomes(loaded).map((m) => m.to)).toEqual(["d@target.test", "a@target.test"]);
  });

  it("never takes a Reply-To or a contact from an Owner outside the team", () => {
    const loaded = book([customer("A", { owner: OUTSIDE }), customer("B")], {
      [REP]: "sales",
      [BOSS]: "manager",
    });
    const { emulator } = loaded;
    emulator.edit("Customers!C2:C3", [["a@target.test"], ["b@target.test"]], { user: BOSS });
    const [a, b] = welcomes(loaded);
    expect([a.to, a.replyTo, b.to, b.replyTo]).toEqual(["a@target.test", null, "b@target.test", REP]);
    expect(a.body).toBe(`Dear Customer A, ${BOSS} is your contact.`);
    expect(emulator.outbox.some((m) => JSON.stringify(m).includes("outside.test"))).toBe(false);
  });
});

describe("every send is attributable", () => {
  it("names the job, the editor or the person who started it", () => {
    const loaded = book([customer("A"), customer("B")], { [REP]: "sales", [BOSS]: "manager" });
    const { emulator, ctx } = loaded;
    const baseline = sendLog(loaded);
    expect(baseline.every((r) => r.by === `manual:${OWNER}`)).toBe(true);
    emulator.edit("Customers!C2", "a@target.test", { user: REP });
    ctx.sendWeeklyReportNow();
    ctx.menuInstallNotifications();
    emulator.advanceAndFire(DAY);
    const rows = sendLog(loaded).slice(baseline.length);
    const kind = (rule: string) => (rule === "welcome" || rule === "weekly-report" ? rule : "reminder");
    expect(new Set(rows.map((r) => `${kind(r.rule)} ${r.status} ${r.by}`))).toEqual(
      new Set([
        `welcome sent edit:${REP}`,
        `weekly-report sent manual:${OWNER}`,
        "reminder sent job:reminders",
      ]),
    );
    expect(rows.every((r) => r.recipient && r.by)).toBe(true);
  });
});

describe("no other channel", () => {
  const root = path.join(__dirname, "../../../src");
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((f) => {
      const p = path.join(dir, f);
      return statSync(p).isDirectory() ? files(p) : p.endsWith(".ts") ? [p] : [];
    });
  const server = [...files(path.join(root, "gas")), ...files(path.join(root, "core"))];

  it("mails only through the mailer and fetches URLs only through the channels fetcher", () => {
    const senders = server.filter((f) => /MailApp\.sendEmail|GmailApp\./.test(readFileSync(f, "utf8")));
    expect(senders.map((f) => path.relative(root, f))).toEqual([path.join("gas", "notify", "mailer.ts")]);
    // Chat robots and SMS gateways go through one fetcher whose URLs come from Settings → Channels
    // (owners and managers), never from a cell.
    expect(
      server.filter((f) => /UrlFetchApp\./.test(readFileSync(f, "utf8"))).map((f) => path.relative(root, f)),
    ).toEqual([path.join("gas", "notify", "channels", "http.ts")]);
    const manifest = JSON.parse(readFileSync(path.join(root, "../appsscript.json"), "utf8"));
    expect(manifest.oauthScopes).toContain("https://www.googleapis.com/auth/script.external_request");
  });
});
