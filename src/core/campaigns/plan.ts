import { addDays, type DateKey } from "../calendar";
import type { Campaign } from "./campaign";
import { isDone, type CampaignLogEntry, type SkipReason } from "./campaign-log";
import { isSuppressed, type Suppressed } from "./suppression";

/** A customer of the audience, as a campaign mails them. */
export interface AudienceMember {
  readonly id: string;
  /** Valid address lower-cased, or "". */
  readonly email: string;
  /** The merge fields' values (template.ts): Name, ContactName, Owner, CustomerID, Region, Segment. */
  readonly values: Readonly<Record<string, string>>;
}

export interface CampaignPlanInput {
  readonly campaign: Campaign;
  readonly today: DateKey;
  /** The customers the audience's filter selects now, in sheet order. */
  readonly audience: readonly AudienceMember[];
  /** CustomerIDs whose MarketingConsent says yes (src/core/notify/consent.ts). */
  readonly consented: ReadonlySet<string>;
  readonly suppressed: Suppressed;
  /** The campaign log (every campaign's rows; others are ignored), in written order. */
  readonly log: readonly CampaignLogEntry[];
  /** For a welcome series: CustomerID → the day their welcome mail went out (the SendLog). */
  readonly welcomed?: ReadonlyMap<string, DateKey>;
  /** Mails this run may send at most: the quota left after what is kept for the team's own mails. */
  readonly allowance: number;
}

export interface PlannedSend {
  readonly step: number;
  readonly customer: AudienceMember;
}

export interface PlannedSkip extends PlannedSend {
  readonly reason: SkipReason;
}

export interface CampaignPlan {
  /** Mails to send now, in audience order. */
  readonly send: readonly PlannedSend[];
  /** Due but held back by the quota or the daily cap: a later run sends them. */
  readonly defer: readonly PlannedSend[];
  /** Of `defer`, those the log does not say deferred yet (logged once, not every hour). */
  readonly deferNew: readonly PlannedSend[];
  /** Customers not mailed for a reason the log does not hold yet. */
  readonly skip: readonly PlannedSkip[];
  /** A one-off campaign with nobody left to mail after this run: it is done. */
  readonly finished: boolean;
}

/** Failed sends of one mail after which it is given up (a broken address that did not bounce outright). */
export const MAX_FAILURES = 3;

const key = (step: number, customerId: string) => `${step}\u0000${customerId}`;

/**
 * Decides one run of one campaign. Pure: every rule that keeps customers safe is here, so it is tested
 * (test/core/campaigns) apart from Apps Script.
 * - Never twice: a (step, customer) whose log says sent, pending (a run cut after logging it: it may have
 *   left) or bounced is never mailed again; nor is an address already mailed that step for another customer.
 * - Never without consent, never to a suppressed address or customer, never after an unsubscribe: checked
 *   when the mail is due, so consent withdrawn or an unsubscribe recorded yesterday stops today's mail.
 * - Steps in order: step k is due `delayDays` after step k−1 went to that customer; step 0 on the start day
 *   (one-off) or that many days after the customer's welcome mail (a welcome series, and only welcomes on
 *   or after the day the series was scheduled).
 * - Throttled: at most `allowance` and what is left of the campaign's daily cap today; the rest waits.
 */
export function planCampaignRun(input: CampaignPlanInput): CampaignPlan {
  const { campaign, today, log } = input;
  const empty: CampaignPlan = { send: [], defer: [], deferNew: [], skip: [], finished: false };
  if (campaign.status !== "scheduled") return empty;
  const { trigger, steps } = campaign;
  if (trigger.kind === "once" && today < trigger.start) return empty;

  const doneOn = new Map<string, DateKey>();
  const failures = new Map<string, number>();
  const deferredLogged = new Set<string>();
  const skipLogged = new Set<string>();
  const stopped = new Set<string>();
  const stoppedAddress = new Set<string>();
  const mailedAddress = steps.map(() => new Set<string>());
  let sentToday = 0;
  for (const e of log) {
    if (e.campaignId !== campaign.id) continue;
    const k = key(e.step, e.customerId);
    if (e.status === "unsubscribed") {
      stopped.add(e.customerId);
      if (e.recipient) stoppedAddress.add(e.recipient);
    } else if (isDone(e.status)) {
      if (!doneOn.has(k)) doneOn.set(k, e.date);
      if (e.recipient && mailedAddress[e.step]) mailedAddress[e.step].add(e.recipient);
      if (e.date === today && e.status !== "bounced") sentToday++;
    } else if (e.status === "failed") failures.set(k, (failures.get(k) ?? 0) + 1);
    else if (e.status === "deferred") deferredLogged.add(k);
    else if (e.status === "skipped") skipLogged.add(`${k}\u0000${e.reason}`);
  }

  let left = Math.max(0, Math.min(Math.floor(input.allowance), campaign.dailyCap - sentToday));
  const send: PlannedSend[] = [];
  const defer: PlannedSend[] = [];
  const deferNew: PlannedSend[] = [];
  const skip: PlannedSkip[] = [];
  let waiting = 0;
  const seen = new Set<string>();
  for (const customer of input.audience) {
    // A CustomerID listed twice is one customer: the first row speaks for it.
    if (!customer.id || seen.has(customer.id)) continue;
    seen.add(customer.id);
    if (stopped.has(customer.id) || (customer.email && stoppedAddress.has(customer.email))) continue;
    let step = 0;
    while (step < steps.length && doneOn.has(key(step, customer.id))) step++;
    if (step === steps.length) continue;
    const k = key(step, customer.id);
    const skipOnce = (reason: SkipReason) => {
      if (!skipLogged.has(`${k}\u0000${reason}`)) skip.push({ step, customer, reason });
    };
    if ((failures.get(k) ?? 0) >= MAX_FAILURES) {
      skipOnce("gave-up");
      continue;
    }
    let entry: DateKey | undefined;
    if (step > 0) entry = doneOn.get(key(step - 1, customer.id));
    else if (trigger.kind === "once") entry = trigger.start;
    else {
      const welcomed = input.welcomed?.get(customer.id);
      // Only welcomes since the series was scheduled: older customers are not swept in.
      if (welcomed && campaign.activeSince && welcomed >= campaign.activeSince) entry = welcomed;
    }
    if (entry === undefined) continue;
    if (addDays(entry, steps[step].delayDays) > today) {
      waiting++;
      continue;
    }
    const email = customer.email;
    const reason: SkipReason | null = !email
      ? "no-email"
      : isSuppressed(input.suppressed, customer.id, email)
        ? "suppressed"
        : !input.consented.has(customer.id)
          ? "no-consent"
          : mailedAddress[step].has(email)
            ? "duplicate-address"
            : null;
    if (reason) {
      skipOnce(reason);
      continue;
    }
    mailedAddress[step].add(email);
    const planned = { step, customer };
    if (left > 0) {
      send.push(planned);
      left--;
      if (step < steps.length - 1) waiting++;
    } else {
      defer.push(planned);
      if (!deferredLogged.has(k)) deferNew.push(planned);
      waiting++;
    }
  }
  return { send, defer, deferNew, skip, finished: trigger.kind === "once" && waiting === 0 };
}
