import type { Book } from "../book";
import { dayOfDateKey, type DateKey } from "../calendar";
import type { Lang } from "../schema/types";
import { customersWithEmail, customerValues, type NotifyCustomer } from "./customer-card";
import { compareDue, daysIdleOf, evaluateReminders, type DueItem } from "./reminders";
import { mailReason } from "./repeat";
import { tripleKey, tripleStates, type SendLogEntry } from "./send-log";
import { langFor, type NotifySettings } from "./settings";
import { isMember, routeReminder, type ReminderRoute, type Team } from "./team";
import { welcomeAllowance, type WelcomeHold } from "./welcome-policy";

/** A reminder in a digest; `carriedFrom` is the day it was first held back (quota or failed send). */
export interface DigestItem extends DueItem {
  readonly carriedFrom?: DateKey;
  /** The day it was last mailed to this recipient, when it comes again (repeat interval or escalation). */
  readonly lastMailed?: DateKey;
  /** The customer's Owner cell, when it names someone outside the team (this item went to the managers). */
  readonly outsideOwner?: string;
}

/** One recipient's digest for one day. */
export interface PlannedDigest {
  readonly recipient: string;
  readonly lang: Lang;
  readonly date: DateKey;
  /** The most urgent items, at most MAX_DIGEST_ITEMS. */
  readonly items: readonly DigestItem[];
  /** Due items left out of this digest (they are neither sent nor logged, so they stay due for tomorrow). */
  readonly more: number;
  /** Still due but mailed to this recipient within the repeat interval, so not listed again today. */
  readonly quiet: number;
}

/**
 * Items one digest lists. A person acts on a couple of dozen follow-ups a day, not hundreds; a long list
 * also passes Gmail's ~102 KB clipping and, logged per item, would fill the send log (a 100,000-customer
 * book can have that many due at once). The rest is counted ("and N more") and comes back while still due:
 * never mailed, they are new the next day. The digest renderer keeps 25 items under MAX_MAIL_HTML_BYTES.
 */
export const MAX_DIGEST_ITEMS = 25;

export interface PlannedWelcome {
  readonly recipient: string;
  readonly customer: NotifyCustomer;
  readonly lang: Lang;
}

/** A welcome held back for now (logged deferred, sent by a later run) and what held it. */
export interface DeferredWelcome extends PlannedWelcome {
  readonly heldBy: WelcomeHold;
}

/** A welcome that is not to go to this address (logged refused), and why. */
export interface RefusedWelcome extends PlannedWelcome {
  readonly reason: string;
}

export interface ReminderPlan {
  /** Digests to send now, most urgent first (ordered by their most urgent item). */
  readonly send: readonly PlannedDigest[];
  /** Digests the quota cannot cover: logged deferred, carried into the next run. */
  readonly defer: readonly PlannedDigest[];
  readonly welcomes: readonly PlannedWelcome[];
  readonly welcomesDeferred: readonly DeferredWelcome[];
  /** Welcomes this edit may not send, ever, to the address it set (only the edit trigger passes reasons). */
  readonly welcomesRefused: readonly RefusedWelcome[];
  /** Customers whose welcome is never to be sent, because they existed when welcome mails were turned on. */
  readonly welcomeBaseline: readonly NotifyCustomer[];
  /** Welcome mails run for the first time: write the baseline marker (even when no customer has an e-mail). */
  readonly takeWelcomeBaseline: boolean;
  /** Reminders due today that were already sent today (by an earlier run). */
  readonly alreadySent: number;
}

export interface PlanInput {
  readonly book: Book;
  readonly today: DateKey;
  readonly settings: NotifySettings;
  /** The SendLog, in written order. */
  readonly log: readonly SendLogEntry[];
  /** The remaining daily mail quota: how many more recipients may be mailed today. */
  readonly quota: number;
  /** Who may receive reminders (role table, spreadsheet owner, installer); see {@link routeReminder}. */
  readonly team: Team;
  /** CustomerIDs whose MarketingConsent says yes (consent.ts): the only customers welcomed. */
  readonly consented: ReadonlySet<string>;
  /** The spreadsheet's language: mails' language where the settings say "auto". */
  readonly bookLang: Lang;
}

/** The day of a digest's oldest carried-over item, or "9999-12-31" when it carries none. */
function oldestHeld(d: PlannedDigest): string {
  return d.items.reduce(
    (min, i) => (i.carriedFrom && i.carriedFrom < min ? i.carriedFrom : min),
    "9999-12-31",
  );
}

/** The marker row that says the welcome baseline was taken. */
export const WELCOME_BASELINE_ID = "*";

/**
 * Decides a reminder run: which reminders go to whom, which are held back, which welcomes go out.
 * - Only the team is mailed: a customer's reminders go to their Owner when the Owner is a team member, else
 *   to the managers with the Owner flagged; a held-back reminder logged for anyone else is dropped.
 * - Idempotent: a (recipient, customer, rule) sent or pending today is skipped, so re-runs, double trigger
 *   firings and retries never repeat a reminder on the same day.
 * - Not the same list every day: a reminder mailed before comes again only when it escalated or
 *   `settings.repeatDays` have passed since (mailReason); the others are counted as `quiet`.
 * - Nothing is dropped: deferred or failed triples come back in the recipient's next digest, marked as carried
 *   over, also when the rule no longer fires (then with their current figures), until a send succeeds.
 * - Quota: each digest or welcome costs one recipient. Digests go first, by their most urgent item; among
 *   equals, the one holding the oldest carried-over item goes first, so nobody is starved day after day.
 *   What does not fit is deferred. Welcomes follow (planWelcomes: consent, daily cap, quota kept for the team).
 * - Welcome mails go once per customer ever. When welcome mails have never run, every customer who already
 *   has an e-mail is baselined instead of mailed, so turning the option on never mass-mails an old list.
 */
export function planReminderRun(input: PlanInput): ReminderPlan {
  const { book, today, settings, log, team } = input;
  const states = tripleStates(log, today);
  // A customer on the Customers sheet by ID (customers only Orders name are nobody's to remind of).
  const indexOf = (id: string): number => {
    const c = book.customers.indexOf(id);
    return c < book.customers.known ? c : -1;
  };
  const perRecipient = new Map<string, Map<string, DigestItem>>();
  const quiet = new Map<string, number>();
  let alreadySent = 0;
  const add = (recipient: string, item: DigestItem) => {
    let items = perRecipient.get(recipient);
    if (!items) perRecipient.set(recipient, (items = new Map()));
    items.set(tripleKey(recipient, item.customerId, item.ruleId), item);
  };

  const routeOf = (c: number): ReminderRoute =>
    c < 0
      ? { recipients: settings.managers }
      : routeReminder(book.customers.ownerEmail[c], book.customers.owner[c], settings.managers, team);
  const flagged = <T extends DueItem>(item: T, route: ReminderRoute): T =>
    route.outsideOwner ? { ...item, outsideOwner: route.outsideOwner } : item;

  for (const due of evaluateReminders(book, today, settings.rules)) {
    const route = routeOf(indexOf(due.customerId));
    for (const recipient of route.recipients) {
      const state = states.get(tripleKey(recipient, due.customerId, due.ruleId));
      if (state?.doneToday) {
        alreadySent++;
        continue;
      }
      const since = state?.outstandingSince;
      // Held back (deferred, failed) is owed whatever the interval; otherwise new, escalated or due again.
      const reason = since ? "new" : mailReason(due, state, today, settings.repeatDays);
      if (!reason) {
        quiet.set(recipient, (quiet.get(recipient) ?? 0) + 1);
        continue;
      }
      const item: DigestItem = {
        ...due,
        ...(since && since < today ? { carriedFrom: since } : {}),
        ...(reason !== "new" && state?.lastMailed ? { lastMailed: state.lastMailed } : {}),
      };
      add(recipient, flagged(item, route));
    }
  }

  // A reminder held back for someone who is no longer (or never was) to be mailed stays unsent: only team
  // members and the managers receive reminders.
  const mayReceive = (email: string) => isMember(team, email) || settings.managers.includes(email);

  // Held-back reminders whose rule no longer fires are still owed to their recipient.
  const todayDay = dayOfDateKey(today);
  const values = customerValues(book);
  const reminderRules = new Map(settings.rules.map((r) => [r.id, r]));
  for (const e of log) {
    if (e.rule === "welcome" || e.rule === "weekly-report") continue;
    const key = tripleKey(e.recipient, e.customerId, e.rule);
    const state = states.get(key);
    if (!state?.outstandingSince || state.doneToday || perRecipient.get(e.recipient)?.has(key)) continue;
    if (!mayReceive(e.recipient)) continue;
    const c = indexOf(e.customerId);
    const rule = reminderRules.get(e.rule);
    const item: DigestItem = {
      customerId: e.customerId,
      customerName: c < 0 ? e.customerId : book.customers.name[c],
      ruleId: e.rule,
      ruleKind: rule?.kind ?? "status-idle",
      priority: rule?.priority ?? 99,
      daysIdle: c < 0 ? null : daysIdleOf(book, c, todayDay),
      value: c < 0 ? 0 : values[c],
      segment: c < 0 ? "" : book.customers.segment[c],
      row: c < 0 ? 0 : book.customers.row[c],
      detail: { kind: "no-longer-due" },
      carriedFrom: state.outstandingSince < today ? state.outstandingSince : undefined,
    };
    // Flagged as today's would be, when it goes to whom today's would go (a manager, for an outside Owner).
    const route = c < 0 ? null : routeOf(c);
    add(e.recipient, route?.recipients.includes(e.recipient) ? flagged(item, route) : item);
  }

  const digests: PlannedDigest[] = [...perRecipient.entries()]
    .map(([recipient, items]) => {
      const all = [...items.values()].sort(compareDue);
      return {
        recipient,
        lang: langFor(settings, recipient, input.bookLang),
        date: today,
        items: all.slice(0, MAX_DIGEST_ITEMS),
        more: Math.max(0, all.length - MAX_DIGEST_ITEMS),
        quiet: quiet.get(recipient) ?? 0,
      };
    })
    .sort(
      (a, b) =>
        a.items[0].priority - b.items[0].priority ||
        oldestHeld(a).localeCompare(oldestHeld(b)) ||
        b.items.length + b.more - (a.items.length + a.more) ||
        (a.recipient < b.recipient ? -1 : 1),
    );
  const quota = Math.max(0, Math.floor(input.quota));
  const send = digests.slice(0, quota);
  const defer = digests.slice(send.length);
  // Welcomes get what the digests leave of the quota.
  const welcomes = planWelcomes({
    customers: customersWithEmail(book),
    log,
    settings,
    today,
    quota: quota - send.length,
    consented: input.consented,
    bookLang: input.bookLang,
  });
  return { send, defer, ...welcomes, alreadySent };
}

export type WelcomePlan = Pick<
  ReminderPlan,
  "welcomes" | "welcomesDeferred" | "welcomesRefused" | "welcomeBaseline" | "takeWelcomeBaseline"
>;

/** What {@link planWelcomes} decides on. */
export interface WelcomeInput {
  readonly customers: readonly NotifyCustomer[];
  /** The SendLog, in written order. */
  readonly log: readonly SendLogEntry[];
  readonly settings: NotifySettings;
  readonly today: DateKey;
  /** Recipients the day's quota has left after the run's other mails. */
  readonly quota: number;
  /** At most this many welcomes in this run (the edit trigger's per-edit limit); default no limit. */
  readonly perRun?: number;
  /** CustomerIDs whose MarketingConsent says yes. */
  readonly consented: ReadonlySet<string>;
  /** The edit trigger's verdicts: customers whose address this edit must not mail, with the reason. */
  readonly refuse?: ReadonlyMap<string, string>;
  /** The edit trigger's: customers whose address an editor allowed to edit them has just set. */
  readonly confirmed?: ReadonlySet<string>;
  /** The spreadsheet's language: welcome mails' language where the settings say "auto". */
  readonly bookLang: Lang;
}

/**
 * Which of `customers` get their welcome mail now. A customer is welcomed once ever (sent, pending or
 * baselined on any day), only with a valid e-mail and a "yes" in MarketingConsent, never to an address the
 * log refuses for them (unless an allowed editor has just set it again: `confirmed`), and within
 * {@link welcomeAllowance} (the daily cap, the quota kept for the team's own mails, `perRun`); the rest are
 * deferred with what held them. Until the baseline is taken, every such customer is baselined instead.
 * Shared by the daily run (all customers) and the edit trigger (only the edited rows), so both follow the
 * same rules; only the edit trigger passes `refuse`, whose customers come back in `welcomesRefused`.
 */
export function planWelcomes(input: WelcomeInput): WelcomePlan {
  const { customers, log, settings } = input;
  const welcomes: PlannedWelcome[] = [];
  const welcomesDeferred: DeferredWelcome[] = [];
  const welcomesRefused: RefusedWelcome[] = [];
  const welcomeBaseline: NotifyCustomer[] = [];
  const none = { welcomes, welcomesDeferred, welcomesRefused, welcomeBaseline, takeWelcomeBaseline: false };
  if (!settings.welcome.enabled) return none;
  const baselined = log.some((e) => e.rule === "welcome" && e.customerId === WELCOME_BASELINE_ID);
  const welcomed = new Set<string>();
  // CustomerID → the address a refusal holds; a later send, pending or deferred row to it lifts it.
  const refused = new Map<string, string>();
  for (const e of log) {
    if (e.rule !== "welcome") continue;
    if (e.status === "refused") refused.set(e.customerId, e.recipient);
    else if (refused.get(e.customerId) === e.recipient && e.status !== "failed") refused.delete(e.customerId);
    if (e.status === "sent" || e.status === "pending" || e.status === "baseline") welcomed.add(e.customerId);
  }
  const allowance = welcomeAllowance(log, input.today, input.quota, input.perRun);
  let left = allowance.count;
  for (const c of customers) {
    if (!c.email || welcomed.has(c.id)) continue;
    if (!baselined) {
      welcomeBaseline.push(c);
      continue;
    }
    const w = { recipient: c.email, customer: c, lang: langFor(settings, c.email, input.bookLang) };
    const reason = input.refuse?.get(c.id);
    if (reason !== undefined) {
      if (refused.get(c.id) !== c.email) welcomesRefused.push({ ...w, reason });
      continue;
    }
    if (refused.get(c.id) === c.email && !input.confirmed?.has(c.id)) continue;
    if (!input.consented.has(c.id)) continue;
    welcomed.add(c.id);
    if (left > 0) {
      welcomes.push(w);
      left--;
    } else welcomesDeferred.push({ ...w, heldBy: allowance.heldBy });
  }
  return { ...none, takeWelcomeBaseline: !baselined };
}
