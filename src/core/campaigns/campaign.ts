import type { Checked } from "../checked";
import type { DateKey } from "../calendar";
import { FILTER_COLUMNS, type FilterColumn } from "../browse/customer-index";
import { isEmail, normalizeEmail } from "../notify/escape";
import { placeholdersOf } from "../notify/template";
import type { Lang } from "../schema/types";

/**
 * Who a campaign is for: a saved customer filter exactly as the customer browser runs it (src/core/browse):
 * a search and exact filter values (a segment, a lifecycle stage, an ABC class, a region, a status…).
 */
export interface CampaignAudience {
  readonly search: string;
  readonly filters: Readonly<Partial<Record<FilterColumn, string>>>;
}

/**
 * When a customer enters the campaign: `once` — everyone in the audience from the start day on;
 * `after-welcome` — a welcome series: a customer enters on the day their welcome mail went out (the existing
 * welcome mechanism decides who is new and welcomed: consent, its baseline, its daily cap), so "new prospect
 * → welcome series" needs no second way of telling who is new.
 */
export type CampaignTrigger =
  { readonly kind: "once"; readonly start: DateKey } | { readonly kind: "after-welcome" };

/** One mail of a campaign; `delayDays` after the previous step went to that customer (step 0: after entry). */
export interface CampaignStep {
  readonly delayDays: number;
  readonly subject: string;
  readonly body: string;
}

/**
 * draft: edited, nothing sent; scheduled: the hourly dispatcher sends it from its start; paused: sends
 * nothing until scheduled again; done: a one-off campaign that has nobody left to mail.
 */
export type CampaignStatus = "draft" | "scheduled" | "paused" | "done";

/** What the sidebar sends to create or change a campaign. */
export interface CampaignDraft {
  /** Absent for a new campaign. */
  readonly id?: string;
  readonly name: string;
  readonly lang: Lang;
  readonly audience: CampaignAudience;
  readonly trigger: CampaignTrigger;
  readonly steps: readonly CampaignStep[];
  /** The team address that sends it and receives replies and unsubscribe requests. */
  readonly replyTo: string;
  /** Mails this campaign may send per day at most (the mail quota binds too). */
  readonly dailyCap: number;
  readonly status: CampaignStatus;
}

/** A stored campaign. */
export interface Campaign extends CampaignDraft {
  readonly id: string;
  readonly createdBy: string;
  /** ISO instant. */
  readonly createdAt: string;
  /**
   * The day it was first scheduled. A welcome series takes only customers welcomed on or after it, so
   * scheduling one never mails the customers welcomed long before.
   */
  readonly activeSince?: DateKey;
}

export const MAX_CAMPAIGNS = 20;
export const MAX_STEPS = 5;
export const MAX_NAME_CHARS = 80;
export const MAX_SUBJECT_CHARS = 200;
/**
 * Characters of a step's body. A campaign is stored in one document property, which holds at most 9 KB
 * (https://developers.google.com/apps-script/guides/services/quotas); Chinese text takes 3 bytes a character.
 */
export const MAX_BODY_CHARS = 1_200;
export const MAX_DELAY_DAYS = 365;
export const MAX_DAILY_CAP = 1_500;
export const DEFAULT_DAILY_CAP = 100;

/** The merge fields a campaign template may use ({{Name}}, {{Owner|our team}}…). */
export const CAMPAIGN_PLACEHOLDERS = [
  "Name",
  "ContactName",
  "Owner",
  "CustomerID",
  "Region",
  "Segment",
] as const;

/** What is wrong with a draft, by field: the sidebar shows a sentence for each code. */
export interface CampaignProblem {
  /** "name", "lang", "audience", "trigger", "replyTo", "dailyCap", "status", "steps", "steps.<i>.subject"… */
  readonly field: string;
  readonly code: "required" | "tooLong" | "invalid" | "notTeam" | "unknownField" | "tooMany";
  /** The offending value where it helps (an unknown placeholder's name). */
  readonly detail?: string;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null;
const text = (v: unknown): string => (typeof v === "string" ? v : "");
const DATE_KEY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The audience of a draft as the browser's query engine takes it: known filter columns with text values
 * (at most 200 characters each); `rejected` names what was left out.
 */
export function audienceOfRaw(raw: unknown): CampaignAudience & { readonly rejected: readonly string[] } {
  const a = isObject(raw) ? raw : {};
  const filters: Partial<Record<FilterColumn, string>> = {};
  const rejected: string[] = [];
  if (isObject(a.filters))
    for (const [k, v] of Object.entries(a.filters)) {
      if (!(FILTER_COLUMNS as readonly string[]).includes(k) || typeof v !== "string")
        rejected.push(k.slice(0, 40));
      else if (v.trim()) filters[k as FilterColumn] = v.trim().slice(0, 200);
    }
  return { search: text(a.search).trim().slice(0, 200), filters, rejected };
}

/**
 * Checks a draft from the sidebar and returns it cleaned, or every problem: lengths that keep a campaign in
 * one property, placeholders the mail can fill, a reply-to that is a team member (`isTeam`) so replies and
 * unsubscribe requests reach someone who can record them, and sane delays and caps.
 */
export function checkCampaignDraft(
  raw: unknown,
  isTeam: (email: string) => boolean,
): Checked<CampaignDraft, CampaignProblem> {
  const problems: CampaignProblem[] = [];
  const o = isObject(raw) ? raw : {};
  const name = text(o.name).trim();
  if (!name) problems.push({ field: "name", code: "required" });
  else if (name.length > MAX_NAME_CHARS) problems.push({ field: "name", code: "tooLong" });
  const lang: Lang = o.lang === "zh-CN" ? "zh-CN" : "en";
  if (o.lang !== "en" && o.lang !== "zh-CN") problems.push({ field: "lang", code: "invalid" });

  const { rejected, ...audience } = audienceOfRaw(o.audience);
  for (const k of rejected) problems.push({ field: "audience", code: "invalid", detail: k });

  const t = isObject(o.trigger) ? o.trigger : {};
  let trigger: CampaignTrigger = { kind: "after-welcome" };
  if (t.kind === "once") {
    const start = text(t.start);
    if (!DATE_KEY.test(start)) problems.push({ field: "trigger", code: "invalid" });
    trigger = { kind: "once", start };
  } else if (t.kind !== "after-welcome") problems.push({ field: "trigger", code: "invalid" });

  const rawSteps = Array.isArray(o.steps) ? o.steps : [];
  if (!rawSteps.length) problems.push({ field: "steps", code: "required" });
  if (rawSteps.length > MAX_STEPS) problems.push({ field: "steps", code: "tooMany" });
  const steps: CampaignStep[] = rawSteps.slice(0, MAX_STEPS).map((s: unknown, i) => {
    const step = isObject(s) ? s : {};
    const subject = text(step.subject).trim();
    const body = text(step.body).replace(/\r\n?/g, "\n").trim();
    const delay = Number(step.delayDays ?? 0);
    const at = `steps.${i}`;
    if (!subject) problems.push({ field: `${at}.subject`, code: "required" });
    else if (subject.length > MAX_SUBJECT_CHARS) problems.push({ field: `${at}.subject`, code: "tooLong" });
    if (!body) problems.push({ field: `${at}.body`, code: "required" });
    else if (body.length > MAX_BODY_CHARS) problems.push({ field: `${at}.body`, code: "tooLong" });
    for (const p of [...placeholdersOf(subject), ...placeholdersOf(body)])
      if (!CAMPAIGN_PLACEHOLDERS.some((k) => k.toLowerCase() === p.replace(/\s+/g, "").toLowerCase()))
        problems.push({ field: `${at}.body`, code: "unknownField", detail: p.slice(0, 40) });
    if (!Number.isInteger(delay) || delay < 0 || delay > MAX_DELAY_DAYS)
      problems.push({ field: `${at}.delayDays`, code: "invalid" });
    return { delayDays: Number.isInteger(delay) ? delay : 0, subject, body };
  });

  const replyTo = normalizeEmail(o.replyTo);
  if (!isEmail(o.replyTo)) problems.push({ field: "replyTo", code: "required" });
  else if (!isTeam(replyTo)) problems.push({ field: "replyTo", code: "notTeam" });

  const dailyCap = o.dailyCap === undefined ? DEFAULT_DAILY_CAP : Number(o.dailyCap);
  if (!Number.isInteger(dailyCap) || dailyCap < 1 || dailyCap > MAX_DAILY_CAP)
    problems.push({ field: "dailyCap", code: "invalid" });
  const statuses: readonly CampaignStatus[] = ["draft", "scheduled", "paused"];
  const status = (statuses as readonly unknown[]).includes(o.status) ? (o.status as CampaignStatus) : "draft";
  if (o.status !== undefined && status !== o.status) problems.push({ field: "status", code: "invalid" });
  const id = typeof o.id === "string" && /^[A-Za-z0-9_-]{1,40}$/.test(o.id) ? o.id : undefined;
  if (o.id !== undefined && id === undefined) problems.push({ field: "id", code: "invalid" });

  if (problems.length) return { ok: false, problems };
  return {
    ok: true,
    value: { ...(id ? { id } : {}), name, lang, audience, trigger, steps, replyTo, dailyCap, status },
  };
}

/**
 * Reads a stored campaign back (a property someone edited by hand is dropped, never half-trusted). The
 * reply-to is checked against the team when the campaign sends, not here: a member who leaves must not
 * make the campaign vanish from the list.
 */
export function parseStoredCampaign(json: string): Campaign | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  if (!isObject(raw) || typeof raw.id !== "string") return null;
  const status = raw.status === "done" ? "paused" : raw.status;
  const checked = checkCampaignDraft({ ...raw, status }, () => true);
  if (!checked.ok) return null;
  return {
    ...checked.value,
    id: raw.id,
    status: raw.status === "done" ? "done" : checked.value.status,
    createdBy: text(raw.createdBy),
    createdAt: text(raw.createdAt),
    ...(typeof raw.activeSince === "string" && DATE_KEY.test(raw.activeSince)
      ? { activeSince: raw.activeSince }
      : {}),
  };
}
