/**
 * Item 1: an editor steering the owner's trigger mail — reminders, welcomes, Reply-To — to an address
 * outside the team, or spending the day's quota on welcomes. Judged by the outbox and the quota.
 */
import { QUOTA_KEPT_FOR_TEAM, WELCOME_DAILY_CAP } from "../../../core/notify/welcome-policy";
import { control, type Attack } from "./attack";
import {
  BOSS,
  DAY,
  MAIL_OWNER,
  MALLORY,
  OUTSIDE,
  REP,
  begin,
  mailBook,
  mailCustomer,
  mailText,
  member,
  sendLog,
  welcomesOf,
} from "./book";

const OUTSIDE_DOMAIN = /@outside\.test/;

export const MAIL_ATTACKS: readonly Attack[] = [
  {
    name: "owner-column-to-outsider",
    item: 1,
    tries: "a sales rep pastes an outside address over the Owner column; the daily trigger sends reminders",
    run(env) {
      const customers = Array.from({ length: 22 }, (_, i) => mailCustomer(`C${i + 1}`));
      const loaded = begin(env, mailBook(env, customers), MALLORY);
      const { emulator, ctx } = loaded;
      emulator.edit(
        "Customers!G2:G23",
        customers.map(() => [OUTSIDE]),
        { user: MALLORY },
      );
      emulator.setUser(MAIL_OWNER);
      ctx.menuInstallNotifications();
      emulator.advanceAndFire(DAY);
      control(emulator.outbox.length > 0, "the daily reminders went out to someone");
      const leaked = emulator.outbox.filter((m) =>
        OUTSIDE_DOMAIN.test([m.to, m.cc, m.bcc, m.replyTo].join(",")),
      );
      return leaked.length ? `${leaked.length} mail(s) addressed to ${OUTSIDE}` : null;
    },
  },
  {
    name: "welcome-typed-by-non-member",
    item: 1,
    tries: "a viewer, a rep on a colleague's customer, an unlisted editor and a hidden editor type addresses",
    run(env) {
      const loaded = begin(
        env,
        mailBook(env, [mailCustomer("A"), mailCustomer("B"), mailCustomer("C"), mailCustomer("D")], {
          roles: { [REP]: "sales", [MALLORY]: "sales", [member("vera")]: "viewer", [BOSS]: "manager" },
        }),
        MALLORY,
      );
      const { emulator, ctx } = loaded;
      emulator.edit("Customers!C2", "a@target.test", { user: MALLORY });
      emulator.edit("Customers!C3", "b@target.test", { user: member("vera") });
      emulator.edit("Customers!C4", "c@target.test", { user: member("nobody") });
      emulator.setUser(MAIL_OWNER);
      emulator.clock.advance(DAY);
      ctx.sendRemindersNow();
      const sent = welcomesOf(loaded).map((m) => m.to);
      // The control: the customer's own rep typing an address does send a welcome.
      emulator.edit("Customers!C5", "d@target.test", { user: REP });
      control(
        welcomesOf(loaded).some((m) => m.to === "d@target.test"),
        "the customer's own rep's welcome went out",
      );
      // A consumer-account book: the editor is hidden, so nobody vouches for the address.
      const hidden = begin(env, mailBook(env, [mailCustomer("A")], { consumer: true }), MAIL_OWNER);
      hidden.emulator.edit("Customers!C2", "x@target.test", { user: "stranger@gmail.com" });
      hidden.emulator.clock.advance(DAY);
      hidden.ctx.sendRemindersNow();
      sent.push(...welcomesOf(hidden).map((m) => m.to));
      return sent.length ? `welcome mailed to ${sent.join(", ")}` : null;
    },
  },
  {
    name: "welcome-owner-and-address-one-edit",
    item: 1,
    tries:
      "a manager sets a customer's address and makes themself its Owner in one paste (phishing Reply-To)",
    run(env) {
      const loaded = begin(
        env,
        mailBook(env, [mailCustomer("A"), mailCustomer("B")], {
          roles: { [REP]: "sales", [MALLORY]: "manager", [BOSS]: "manager" },
        }),
        MALLORY,
      );
      const { emulator, ctx } = loaded;
      emulator.edit("Customers!C2:G2", [["victim@target.test", "Regular", "Won", "2026-11-20", MALLORY]], {
        user: MALLORY,
      });
      emulator.setUser(MAIL_OWNER);
      for (let d = 0; d < 2; d++) {
        emulator.clock.advance(DAY);
        ctx.sendRemindersNow();
      }
      const sent = welcomesOf(loaded);
      if (sent.length) return `welcome to ${sent[0].to} with Reply-To ${sent[0].replyTo}`;
      control(
        sendLog(loaded).some((r) => r.status === "refused" && r.customerId === "A"),
        "the refused welcome is in the send log",
      );
      return null;
    },
  },
  {
    name: "welcome-reply-to-outsider",
    item: 1,
    tries: "a customer's Owner set to an outside address, then a manager types the customer's e-mail",
    run(env) {
      const loaded = begin(
        env,
        mailBook(env, [mailCustomer("A", { owner: OUTSIDE }), mailCustomer("B")], {
          roles: { [REP]: "sales", [BOSS]: "manager" },
        }),
        BOSS,
      );
      const { emulator } = loaded;
      emulator.edit("Customers!C2:C3", [["a@target.test"], ["b@target.test"]], { user: BOSS });
      control(welcomesOf(loaded).length === 2, "both welcomes went out");
      return OUTSIDE_DOMAIN.test(mailText(loaded))
        ? `a welcome names ${OUTSIDE} (Reply-To or contact)`
        : null;
    },
  },
  {
    name: "welcome-flood-spends-quota",
    item: 1,
    tries: "an editor pastes 97 new addresses so welcomes spend the day's quota before the reminders",
    run(env) {
      const reps = ["a", "b", "c", "d", "e"].map((x) => member(`rep-${x}`));
      const roles = Object.fromEntries([...reps.map((r) => [r, "sales"]), [MALLORY, "manager"]]);
      const customers = Array.from({ length: 97 }, (_, i) =>
        mailCustomer(`N${i + 1}`, { owner: reps[i % 5] }),
      );
      const loaded = begin(env, mailBook(env, customers, { roles }), MALLORY);
      const { emulator, ctx } = loaded;
      emulator.clock.advance(DAY);
      for (let first = 2; first <= 98; first += 10) {
        const last = Math.min(first + 9, 98);
        const values = Array.from({ length: last - first + 1 }, (_, i) => [
          `lead${first - 1 + i}@target.test`,
        ]);
        emulator.edit(`Customers!C${first}:C${last}`, values, { user: MALLORY });
      }
      emulator.setUser(MAIL_OWNER);
      ctx.sendRemindersNow();
      const welcomes = welcomesOf(loaded).length;
      control(welcomes > 0, "some welcomes went out");
      const digested = new Set(
        emulator.outbox.filter((m) => !m.subject.startsWith("Welcome")).map((m) => m.to),
      );
      const starved = reps.filter((r) => !digested.has(r));
      const quota = (emulator.globals.MailApp as GoogleAppsScript.Mail.MailApp).getRemainingDailyQuota();
      const deferred = sendLog(loaded).filter((r) => r.rule !== "welcome" && r.status === "deferred");
      if (welcomes > WELCOME_DAILY_CAP) return `${welcomes} welcomes in one day (cap ${WELCOME_DAILY_CAP})`;
      if (starved.length || deferred.length)
        return `reminders starved: ${[...starved, ...deferred.map((r) => r.recipient)].join(", ")}`;
      if (quota < QUOTA_KEPT_FOR_TEAM) return `only ${quota} recipients of quota left for the team`;
      return null;
    },
  },
];
