import type { Book } from "../book";
import { dayOfDateKey, type DateKey } from "../calendar";
import type { Lang } from "../schema/types";
import { customerCard, customersWithEmail, customerValues, type NotifyCustomer } from "./customer-card";
import { compareDue, daysIdleOf, evaluateReminders, recipientsOf, type DueItem } from "./reminders";
import { tripleKey, tripleStates, type SendLogEntry } from "./send-log";
import { langFor, type NotifySettings } from "./settings";

/** A reminder in a digest; `carriedFrom` is the day it was first held back (quota or failed send). */
export interface DigestItem extends DueItem {
  readonly carriedFrom?: DateKey;
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
}

/**
 * Items one digest lists. A person acts on a couple of dozen follow-ups a day, not hundreds; a long list
 * also passes Gmail's ~102 KB clipping and, logged per item, would fill the send log (a 100,000-customer
 * book can have that many due at once). The rest is counted ("and N more") and comes back while still due.
 */
export const MAX_DIGEST_ITEMS = 25;

export interface PlannedWelcome {
  readonly recipient: string;
  readonly customer: NotifyCustomer;
  readonly lang: Lang;
}

export interface ReminderPlan {
  /** Digests to send now, most urgent first (ordered by their most urgent item). */
  readonly send: readonly PlannedDigest[];
  /** Digests the quota cannot cover: logged deferred, carried into the next run. */
  readonly defer: readonly PlannedDigest[];
  readonly welcomes: readonly PlannedWelcome[];
  readonly welcomesDeferred: readonly PlannedWelcome[];
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
 * - Idempotent: a (recipient, customer, rule) sent or pending today is skipped, so re-runs, double trigger
 *   firings and retries never repeat a reminder on the same day.
 * - Nothing is dropped: deferred or failed triples come back in the recipient's next digest, marked as carried
 *   over, also when the rule no longer fires (then with their current figures), until a send succeeds.
 * - Quota: each digest or welcome costs one recipient. Digests go first, by their most urgent item; among
 *   equals, the one holding the oldest carried-over item goes first, so nobody is starved day after day.
 *   What does not fit is deferred. Welcomes follow and wait for quota the same way.
 * - Welcome mails go once per customer ever. When welcome mails have never run, every customer who already
 *   has an e-mail is baselined instead of mailed, so turning the option on never mass-mails an old list.
 */
export function planReminderRun(input: PlanInput): ReminderPlan {
  const { book, today, settings, log } = input;
  const states = tripleStates(log, today);
  // A customer on the Customers sheet by ID (customers only Orders name are nobody's to remind of).
  const indexOf = (id: string): number => {
    const c = book.customers.indexOf(id);
    return c < book.customers.known ? c : -1;
  };
  const perRecipient = new Map<string, Map<string, DigestItem>>();
  let alreadySent = 0;
  const add = (recipient: string, item: DigestItem) => {
    let items = perRecipient.get(recipient);
    if (!items) perRecipient.set(recipient, (items = new Map()));
    items.set(tripleKey(recipient, item.customerId, item.ruleId), item);
  };

  for (const due of evaluateReminders(book, today, settings.rules)) {
    const c = indexOf(due.customerId);
    for (const recipient of recipientsOf(c < 0 ? undefined : customerCard(book, c), settings.managers)) {
      const state = states.get(tripleKey(recipient, due.customerId, due.ruleId));
      if (state?.doneToday) {
        alreadySent++;
        continue;
      }
      const since = state?.outstandingSince;
      add(recipient, since && since < today ? { ...due, carriedFrom: since } : due);
    }
  }

  // Held-back reminders whose rule no longer fires are still owed to their recipient.
  const todayDay = dayOfDateKey(today);
  const values = customerValues(book);
  const reminderRules = new Map(settings.rules.map((r) => [r.id, r]));
  for (const e of log) {
    if (e.rule === "welcome" || e.rule === "weekly-report") continue;
    const key = tripleKey(e.recipient, e.customerId, e.rule);
    const state = states.get(key);
    if (!state?.outstandingSince || state.doneToday || perRecipient.get(e.recipient)?.has(key)) continue;
    const c = indexOf(e.customerId);
    const rule = reminderRules.get(e.rule);
    add(e.recipient, {
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
    });
  }

  const digests: PlannedDigest[] = [...perRecipient.entries()]
    .map(([recipient, items]) => {
      const all = [...items.values()].sort(compareDue);
      return {
        recipient,
        lang: langFor(settings, recipient),
        date: today,
        items: all.slice(0, MAX_DIGEST_ITEMS),
        more: Math.max(0, all.length - MAX_DIGEST_ITEMS),
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
  const welcomes = planWelcomes(customersWithEmail(book), log, settings, quota - send.length);
  return { send, defer, ...welcomes, alreadySent };
}

export type WelcomePlan = Pick<
  ReminderPlan,
  "welcomes" | "welcomesDeferred" | "welcomeBaseline" | "takeWelcomeBaseline"
>;

/**
 * Which of `customers` get their welcome mail now: those with a valid e-mail not yet welcomed (sent, pending
 * or baselined, on any day: once per customer ever), up to `quota`; the rest are deferred. Until the
 * baseline is taken, every such customer is baselined instead of mailed. Shared by the daily run (all
 * customers) and the edit trigger (only the edited rows), so both follow the same once-ever rule.
 */
export function planWelcomes(
  customers: readonly NotifyCustomer[],
  log: readonly SendLogEntry[],
  settings: NotifySettings,
  quota: number,
): WelcomePlan {
  const welcomes: PlannedWelcome[] = [];
  const welcomesDeferred: PlannedWelcome[] = [];
  const welcomeBaseline: NotifyCustomer[] = [];
  if (!settings.welcome.enabled)
    return { welcomes, welcomesDeferred, welcomeBaseline, takeWelcomeBaseline: false };
  const baselined = log.some((e) => e.rule === "welcome" && e.customerId === WELCOME_BASELINE_ID);
  const welcomed = new Set(
    log
      .filter((e) => e.rule === "welcome" && e.status !== "deferred" && e.status !== "failed")
      .map((e) => e.customerId),
  );
  let left = Math.max(0, Math.floor(quota));
  for (const c of customers) {
    if (!c.email || welcomed.has(c.id)) continue;
    if (!baselined) welcomeBaseline.push(c);
    else {
      welcomed.add(c.id);
      const w = { recipient: c.email, customer: c, lang: langFor(settings, c.email) };
      if (left > 0) {
        welcomes.push(w);
        left--;
      } else welcomesDeferred.push(w);
    }
  }
  return { welcomes, welcomesDeferred, welcomeBaseline, takeWelcomeBaseline: !baselined };
}
