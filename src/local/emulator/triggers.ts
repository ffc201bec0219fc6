import { addMethods, namedAfter } from "./builder-methods";
import { gasError, wrap, type Env } from "./env";
import { isDate, newArray, newObject } from "./realm";
import { checkZone, zonedParts, zonedToEpoch } from "./zone";

export const AUTH_MODE = Object.freeze({
  NONE: "NONE",
  CUSTOM_FUNCTION: "CUSTOM_FUNCTION",
  LIMITED: "LIMITED",
  FULL: "FULL",
});
export const EVENT_TYPE = Object.freeze({
  CLOCK: "CLOCK",
  ON_OPEN: "ON_OPEN",
  ON_EDIT: "ON_EDIT",
  ON_FORM_SUBMIT: "ON_FORM_SUBMIT",
  ON_CHANGE: "ON_CHANGE",
  ON_EVENT_UPDATED: "ON_EVENT_UPDATED",
});
export const TRIGGER_SOURCE = Object.freeze({
  SPREADSHEETS: "SPREADSHEETS",
  CLOCK: "CLOCK",
  FORMS: "FORMS",
  DOCUMENTS: "DOCUMENTS",
  CALENDAR: "CALENDAR",
});
export const WEEK_DAYS = [
  "SUNDAY",
  "MONDAY",
  "TUESDAY",
  "WEDNESDAY",
  "THURSDAY",
  "FRIDAY",
  "SATURDAY",
] as const;
export const WEEK_DAY = Object.freeze(Object.fromEntries(WEEK_DAYS.map((d) => [d, d])));
export const AUTHORIZATION_STATUS = Object.freeze({ REQUIRED: "REQUIRED", NOT_REQUIRED: "NOT_REQUIRED" });

/**
 * Apps Script's per-user, per-script trigger limit (quotas page: "Triggers 20 / user / script").
 * https://developers.google.com/apps-script/guides/services/quotas#current_limitations
 */
export const MAX_TRIGGERS = 20;
export const TOO_MANY_TRIGGERS_TEXT =
  "This script has too many triggers. Triggers must be deleted from the script before more can be added.";

/** The event names Apps Script uses in its add-on trigger error. */
const ADDON_EVENT_LABEL: Record<string, string> = {
  CLOCK: "time-based",
  ON_EDIT: "edit",
  ON_CHANGE: "change",
  ON_OPEN: "open",
  ON_FORM_SUBMIT: "form submit",
};

/**
 * An editor add-on may have one trigger of each event type per user per document
 * (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions). The text is the
 * one add-on users report for time-based triggers ("This add-on has created too many time-based triggers in
 * this document for this Google user account."), with the event type's name.
 */
export function addonTooManyText(eventType: string): string {
  const label = ADDON_EVENT_LABEL[eventType] ?? eventType.toLowerCase();
  return `This add-on has created too many ${label} triggers in this document for this Google user account.`;
}

/**
 * "Time-driven triggers cannot run more frequently than once per hour" in an add-on (same page). Google
 * documents no text; ours quotes the rule. Read strictly: everyMinutes() is refused, and so is a one-off
 * after()/at() less than an hour ahead (it would run sooner than the hourly cadence allows).
 */
export const ADDON_HOURLY_TEXT =
  "Add-ons can use a time-driven trigger once per hour at most: time-driven triggers cannot run more frequently than once per hour.";

/** Add-ons can only create triggers for the file in which the add-on is used (same page). */
export const ADDON_OTHER_FILE_TEXT =
  "Add-ons can only create triggers for the file in which the add-on is used.";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** When a time-driven trigger fires. Hours and weekdays are wall-clock in `tz`. */
export type Schedule =
  | { readonly kind: "minutes"; readonly every: number }
  | { readonly kind: "hours"; readonly every: number }
  | {
      readonly kind: "days";
      readonly every: number;
      readonly hour: number;
      readonly minute: number;
      readonly tz: string;
    }
  | {
      readonly kind: "weeks";
      readonly every: number;
      readonly weekday: number;
      readonly hour: number;
      readonly minute: number;
      readonly tz: string;
    }
  | {
      readonly kind: "months";
      readonly day: number;
      readonly hour: number;
      readonly minute: number;
      readonly tz: string;
    }
  | { readonly kind: "once"; readonly at: number };

export interface TriggerModel {
  readonly id: string;
  readonly handler: string;
  readonly eventType: string;
  readonly source: string;
  readonly sourceId: string | null;
  /** The creator: the effective user when it was created; it always runs as them. */
  readonly owner: string;
  /** Its document (an add-on's time-driven triggers too); null for a bound script's time-driven ones. */
  readonly documentId: string | null;
  readonly schedule: Schedule | null;
  /** Epoch ms of the next firing (time-driven only). */
  next: number | null;
}

/** The first firing of `s` strictly after `after` (ms). */
export function nextFiring(s: Schedule, after: number, created: number): number | null {
  switch (s.kind) {
    case "once":
      return s.at > after ? s.at : null;
    case "months": {
      // Months without that day (the 31st in April) are skipped.
      const p = zonedParts(after, s.tz);
      for (let k = 0; k <= 12; k++) {
        const first = new Date(Date.UTC(p.year, p.month - 1 + k, 1));
        const y = first.getUTCFullYear();
        const m = first.getUTCMonth() + 1;
        if (new Date(Date.UTC(y, m, 0)).getUTCDate() < s.day) continue;
        const at = zonedToEpoch(s.tz, y, m, s.day, s.hour, s.minute);
        if (at > after) return at;
      }
      return null;
    }
    case "minutes":
    case "hours": {
      const step = s.every * (s.kind === "minutes" ? 60_000 : HOUR);
      return created + (Math.floor((after - created) / step) + 1) * step;
    }
    case "days":
    case "weeks": {
      const p = zonedParts(after, s.tz);
      // Walk wall-clock days from the day of `after`; stepping is by calendar day, so DST days count once.
      for (let d = 0; d <= 7 * s.every + 7; d++) {
        const day = new Date(Date.UTC(p.year, p.month - 1, p.day + d));
        const at = zonedToEpoch(
          s.tz,
          day.getUTCFullYear(),
          day.getUTCMonth() + 1,
          day.getUTCDate(),
          s.hour,
          s.minute,
        );
        if (at <= after) continue;
        if (s.kind === "weeks" && day.getUTCDay() !== s.weekday) continue;
        const createdDay = zonedParts(created, s.tz);
        const daysSinceCreated = Math.round(
          (day.getTime() - Date.UTC(createdDay.year, createdDay.month - 1, createdDay.day)) / DAY,
        );
        const period = s.kind === "days" ? s.every : 7 * s.every;
        // The first firing may fall anywhere in the first period; later ones keep the period.
        if (after > created && s.every > 1 && daysSinceCreated % period !== firstOffset(s, created, period))
          continue;
        return at;
      }
      return null;
    }
  }
}

function firstOffset(s: Schedule & { kind: "days" | "weeks" }, created: number, period: number): number {
  const first = nextFiring({ ...s, every: 1 }, created, created)!;
  const c = zonedParts(created, s.tz);
  const f = zonedParts(first, s.tz);
  return (
    Math.round((Date.UTC(f.year, f.month - 1, f.day) - Date.UTC(c.year, c.month - 1, c.day)) / DAY) % period
  );
}

/** What ScriptApp.newTrigger(...).timeBased() collects before create(). */
interface ClockDraft {
  minutes?: number;
  hours?: number;
  days?: number;
  weeks?: number;
  weekday?: number;
  hour?: number;
  minute?: number;
  tz?: string;
  after?: number;
  at?: number;
  monthDay?: number;
}

/** Every installable trigger of a project, whatever the document: shared by the project's documents. */
export class TriggerRegistry {
  list: { model: TriggerModel; created: number }[] = [];
  seq = 0;
}

/** How a document's ScriptApp applies the project's deployment rules. */
export interface TriggerRules {
  readonly deployment: "addon" | "bound";
  readonly documentId: string;
}

/** One document's view of the project's triggers and its scheduler, shared by ScriptApp and the emulator. */
export class TriggerStore {
  constructor(
    private readonly env: Env,
    readonly registry: TriggerRegistry,
    readonly rules: TriggerRules,
  ) {}

  /** This document's triggers (every user's), with a bound project's time-driven ones. */
  get triggers(): { model: TriggerModel; created: number }[] {
    return this.registry.list.filter(
      (t) => t.model.documentId === this.rules.documentId || t.model.documentId === null,
    );
  }

  add(model: Omit<TriggerModel, "id" | "next" | "documentId">, created: number): TriggerModel {
    const all = this.registry.list;
    if (this.rules.deployment === "addon") {
      if (model.sourceId !== null && model.sourceId !== this.rules.documentId)
        throw gasError(this.env, ADDON_OTHER_FILE_TEXT);
      const s = model.schedule;
      if (s && (s.kind === "minutes" || (s.kind === "once" && s.at - created < HOUR)))
        throw gasError(this.env, ADDON_HOURLY_TEXT);
      const same = all.some(
        (t) =>
          t.model.owner === model.owner &&
          t.model.documentId === this.rules.documentId &&
          t.model.eventType === model.eventType,
      );
      if (same) throw gasError(this.env, addonTooManyText(model.eventType));
    }
    const mine = all.filter((t) => t.model.owner === model.owner);
    if (mine.length >= MAX_TRIGGERS) throw gasError(this.env, TOO_MANY_TRIGGERS_TEXT);
    const full: TriggerModel = {
      ...model,
      // An add-on's triggers all belong to the document; a bound script's time-driven ones to the project.
      documentId: this.rules.deployment === "bound" && model.sourceId === null ? null : this.rules.documentId,
      id: String(8_000_000_000 + ++this.registry.seq),
      next: model.schedule ? nextFiring(model.schedule, created, created) : null,
    };
    all.push({ model: full, created });
    return full;
  }

  /** Deletes a trigger from the project (whichever document it belongs to). */
  remove(id: string): void {
    this.registry.list = this.registry.list.filter((t) => t.model.id !== id);
  }

  /** This document's earliest time trigger due at or before `until`, or null. */
  earliestDue(until: number): { model: TriggerModel; created: number } | null {
    let best: { model: TriggerModel; created: number } | null = null;
    for (const t of this.triggers) {
      if (t.model.next !== null && t.model.next <= until && (!best || t.model.next < best.model.next!))
        best = t;
    }
    return best;
  }

  /** Marks a firing: one-off triggers are removed, recurring ones get their next time. */
  fired(t: { model: TriggerModel; created: number }): void {
    const s = t.model.schedule!;
    if (s.kind === "once") this.remove(t.model.id);
    else t.model.next = nextFiring(s, t.model.next!, t.created);
  }

  /** Apps Script's time-driven event object, in the bundle's realm. */
  clockEvent(model: TriggerModel, at: number): object {
    const d = new Date(at);
    const jan1 = Date.UTC(d.getUTCFullYear(), 0, 1);
    return newObject(this.env.realm, {
      authMode: AUTH_MODE.FULL,
      triggerUid: model.id,
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      "day-of-month": d.getUTCDate(),
      "day-of-week": d.getUTCDay() === 0 ? 7 : d.getUTCDay(),
      "week-of-year": Math.ceil(((at - jan1) / DAY + new Date(jan1).getUTCDay() + 1) / 7),
      hour: d.getUTCHours(),
      minute: d.getUTCMinutes(),
      second: d.getUTCSeconds(),
      timezone: "UTC",
    });
  }
}

export class TriggerApi {
  constructor(readonly _model: TriggerModel) {}
  getHandlerFunction(): string {
    return this._model.handler;
  }
  getUniqueId(): string {
    return this._model.id;
  }
  getEventType(): string {
    return this._model.eventType;
  }
  getTriggerSource(): string {
    return this._model.source;
  }
  getTriggerSourceId(): string | null {
    return this._model.sourceId;
  }
}

const ALLOWED_HOURS = [1, 2, 4, 6, 8, 12];
const ALLOWED_MINUTES = [1, 5, 10, 15, 30];

class ClockTriggerBuilderApi {
  private readonly _d: ClockDraft = {};
  constructor(
    private readonly _env: Env,
    private readonly _store: TriggerStore,
    private readonly _handler: string,
  ) {}
  /** Records one schedule option; every builder method chains, as Apps Script's ClockTriggerBuilder does. */
  private _set<K extends keyof ClockDraft>(key: K, value: ClockDraft[K]): this {
    this._d[key] = value;
    return this;
  }
  everyMinutes(n: number): this {
    if (this._store.rules.deployment === "addon") throw gasError(this._env, ADDON_HOURLY_TEXT);
    if (!ALLOWED_MINUTES.includes(n))
      throw gasError(this._env, "The value passed to everyMinutes() must be 1, 5, 10, 15 or 30.");
    return this._set("minutes", n);
  }
  everyHours(n: number): this {
    if (!ALLOWED_HOURS.includes(n))
      throw gasError(this._env, "The value passed to everyHours() must be 1, 2, 4, 6, 8 or 12.");
    return this._set("hours", n);
  }
  everyDays(n: number): this {
    return this._set("days", n);
  }
  everyWeeks(n: number): this {
    return this._set("weeks", n);
  }
  onWeekDay(day: string): this {
    const i = WEEK_DAYS.indexOf(String(day) as (typeof WEEK_DAYS)[number]);
    if (i < 0) throw gasError(this._env, `Invalid argument: day (${day})`);
    this._d.weekday = i;
    this._d.weeks ??= 1;
    return this;
  }
  onMonthDay(day: number): this {
    if (!Number.isInteger(day) || day < 1 || day > 31)
      throw gasError(this._env, "The day of the month must be between 1 and 31.");
    return this._set("monthDay", day);
  }
  atHour(h: number): this {
    if (!Number.isInteger(h) || h < 0 || h > 23)
      throw gasError(this._env, "The hour must be between 0 and 23.");
    return this._set("hour", h);
  }
  nearMinute(m: number): this {
    return this._set("minute", (Math.round(m / 15) * 15) % 60);
  }
  inTimezone(tz: string): this {
    checkZone(tz);
    return this._set("tz", tz);
  }
  after(ms: number): this {
    return this._set("after", ms);
  }
  at(date: Date): this {
    if (!isDate(date)) throw gasError(this._env, "Invalid argument: date");
    return this._set("at", date.getTime());
  }
  atDate(year: number, month: number, day: number): this {
    return this._set(
      "at",
      zonedToEpoch(this._d.tz ?? this._env.session.scriptTimeZone, year, month, day, 0, 0),
    );
  }
  create(): TriggerApi {
    const d = this._d;
    const now = this._env.clock.nowMs();
    const tz = d.tz ?? this._env.session.scriptTimeZone;
    let schedule: Schedule;
    if (d.after !== undefined) schedule = { kind: "once", at: now + d.after };
    else if (d.at !== undefined) schedule = { kind: "once", at: d.at };
    else if (d.minutes) schedule = { kind: "minutes", every: d.minutes };
    else if (d.hours) schedule = { kind: "hours", every: d.hours };
    else if (d.monthDay !== undefined) {
      schedule = { kind: "months", day: d.monthDay, hour: d.hour ?? 0, minute: d.minute ?? 0, tz };
    } else if (d.weeks !== undefined || d.weekday !== undefined) {
      if (d.weekday === undefined) throw gasError(this._env, "Weekly triggers need onWeekDay().");
      schedule = {
        kind: "weeks",
        every: d.weeks ?? 1,
        weekday: d.weekday,
        hour: d.hour ?? 0,
        minute: d.minute ?? 0,
        tz,
      };
    } else if (d.days !== undefined) {
      schedule = { kind: "days", every: d.days, hour: d.hour ?? 0, minute: d.minute ?? 0, tz };
    } else
      throw gasError(
        this._env,
        "The trigger has no schedule: call everyMinutes/everyHours/everyDays/everyWeeks/after/at first.",
      );
    const model = this._store.add(
      {
        handler: this._handler,
        eventType: "CLOCK",
        source: "CLOCK",
        sourceId: null,
        owner: this._env.session.effectiveUser,
        schedule,
      },
      now,
    );
    return wrap(this._env, "Trigger", new TriggerApi(model));
  }
}

class SpreadsheetTriggerBuilderApi {
  /** The event ("ON_EDIT", …) chosen by onEdit/onChange/onOpen/onFormSubmit (added below the class). */
  _event: string | null = null;
  constructor(
    private readonly _env: Env,
    private readonly _store: TriggerStore,
    private readonly _handler: string,
    private readonly _sourceId: string,
  ) {}
  create(): TriggerApi {
    if (!this._event)
      throw gasError(this._env, "The trigger has no event: call onEdit/onChange/onOpen first.");
    const model = this._store.add(
      {
        handler: this._handler,
        eventType: this._event,
        source: "SPREADSHEETS",
        sourceId: this._sourceId,
        owner: this._env.session.effectiveUser,
        schedule: null,
      },
      this._env.clock.nowMs(),
    );
    return wrap(this._env, "Trigger", new TriggerApi(model));
  }
}

// onEdit(), onChange(), onOpen(), onFormSubmit(): choose the event the trigger fires on.
addMethods(
  SpreadsheetTriggerBuilderApi,
  namedAfter("on", ["CHANGE", "EDIT", "FORM_SUBMIT", "OPEN"]),
  function (event) {
    this._event = `ON_${event}`;
    return this;
  },
);

class TriggerBuilderApi {
  constructor(
    private readonly _env: Env,
    private readonly _store: TriggerStore,
    private readonly _handler: string,
  ) {}
  timeBased(): ClockTriggerBuilderApi {
    return wrap(
      this._env,
      "ClockTriggerBuilder",
      new ClockTriggerBuilderApi(this._env, this._store, this._handler),
    );
  }
  forSpreadsheet(ss: string | { getId(): string }): SpreadsheetTriggerBuilderApi {
    const id = typeof ss === "string" ? ss : ss.getId();
    return wrap(
      this._env,
      "SpreadsheetTriggerBuilder",
      new SpreadsheetTriggerBuilderApi(this._env, this._store, this._handler, id),
    );
  }
}

/** ScriptApp. */
export class ScriptAppApi {
  readonly AuthMode = AUTH_MODE;
  readonly EventType = EVENT_TYPE;
  readonly TriggerSource = TRIGGER_SOURCE;
  readonly WeekDay = WEEK_DAY;
  readonly AuthorizationStatus = AUTHORIZATION_STATUS;
  constructor(
    private readonly _env: Env,
    private readonly _store: TriggerStore,
    private readonly _scriptId: string,
  ) {}
  newTrigger(functionName: string): TriggerBuilderApi {
    if (typeof functionName !== "string" || !functionName)
      throw gasError(this._env, "Invalid argument: functionName");
    return wrap(this._env, "TriggerBuilder", new TriggerBuilderApi(this._env, this._store, functionName));
  }
  /** The effective user's triggers of the whole project (in an add-on: every document's). */
  private _mine(): TriggerModel[] {
    const me = this._env.session.effectiveUser;
    return this._store.registry.list.filter((t) => t.model.owner === me).map((t) => t.model);
  }
  private _wrap(models: TriggerModel[]): TriggerApi[] {
    return newArray(
      this._env.realm,
      models.map((m) => wrap(this._env, "Trigger", new TriggerApi(m))),
    );
  }
  /**
   * "Gets all installable triggers associated with the current project and current user": for an add-on
   * that is the user's triggers in every document using it.
   * https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()
   */
  getProjectTriggers(): TriggerApi[] {
    return this._wrap(this._mine());
  }
  /**
   * The user's triggers of this project in the given document.
   * https://developers.google.com/apps-script/reference/script/script-app#getUserTriggers(Spreadsheet)
   */
  getUserTriggers(ss: { getId(): string }): TriggerApi[] {
    const id = ss.getId();
    return this._wrap(this._mine().filter((m) => m.documentId === id));
  }
  deleteTrigger(trigger: TriggerApi): void {
    this._store.remove(this._env.guard.unwrap(trigger)._model.id);
  }
  getScriptId(): string {
    return this._scriptId;
  }
  getOAuthToken(): string {
    return "emulated-oauth-token";
  }
  getAuthorizationInfo(): unknown {
    return wrap(this._env, "AuthorizationInfo", {
      getAuthorizationStatus: () => AUTHORIZATION_STATUS.NOT_REQUIRED,
      getAuthorizationUrl: () => null,
    });
  }
  invalidateAuth(): void {}
}
