import type { ListValue, ValueLists } from "../core/table/validate/value-lists";
import type { Enforcement, EnforcementSettings } from "../core/table/validate/enforcement";
import type { MemberNames } from "../core/access/owner-names";

export type { Enforcement, EnforcementSettings, ListValue, MemberNames, ValueLists };

/** One editable dropdown list as the settings form shows it. */
export interface ValueListView {
  /** "Customers.Status". */
  readonly id: string;
  /** The column's header in the user's language ("客户状态"). */
  readonly label: string;
  /** The sheet's name in the user's language. */
  readonly sheet: string;
  /** The list in use: the team's own, or the built-in options in the user's language. */
  readonly values: readonly ListValue[];
  /** Whether the team keeps its own list (else the built-in one, all spellings accepted). */
  readonly custom: boolean;
  /** The built-in options a value may stand for (key and label), so reminders still understand it. */
  readonly meanings: readonly { readonly key: string; readonly label: string }[];
}

/** One column whose invalid input Sheets may reject or only warn about. */
export interface EnforcementView {
  readonly id: string;
  readonly label: string;
  readonly sheet: string;
  readonly mode: Enforcement;
  /** What it is when the team has not chosen. */
  readonly defaultMode: Enforcement;
}

/** A team member as the Team card shows them: from the role table, with an optional display name. */
export interface MemberView {
  readonly email: string;
  readonly role: string;
  readonly name: string;
}

/** Everything the table part of the settings form edits. */
export interface TableSettingsView {
  readonly lists: readonly ValueListView[];
  readonly enforcement: readonly EnforcementView[];
  readonly members: readonly MemberView[];
}

/** A save answer: ok, or every problem found (nothing saved). */
export type SettingsSaveResult =
  | { readonly ok: true }
  | {
      readonly ok: false;
      readonly problems: readonly { readonly field: string; readonly message: string }[];
    };

/** The on/off switches of the add-on's scheduled work. */
export interface ScheduleSwitches {
  readonly nightlyClassify: boolean;
  readonly dailyMails: boolean;
  readonly weeklyReport: boolean;
  readonly weeklyBackup: boolean;
}

export type ScheduleSwitch = keyof ScheduleSwitches;

/** A welcome template as two sample customers would read it (one without an owner or contact). */
export interface TemplatePreview {
  readonly withOwner: { readonly subject: string; readonly body: string };
  readonly withoutOwner: { readonly subject: string; readonly body: string };
  /** The built-in text in that language, used while the form's fields are empty. */
  readonly builtIn: { readonly subject: string; readonly body: string };
  /** The merge fields a template may use ({{Name}}…). */
  readonly fields: readonly string[];
}

/** Server functions of the table settings, as the sidebar calls them. */
export interface TableSettingsApi {
  /** The welcome template filled for two sample customers, in `lang` (nothing is saved). */
  previewWelcomeTemplate(subject: string, body: string, lang: string): TemplatePreview;
  getTableSettings(): TableSettingsView;
  /** Replaces the team's lists (a column left out goes back to the built-in options). */
  saveValueLists(lists: unknown): SettingsSaveResult;
  /** Replaces the per-column reject/warn choices (a column left out takes its default). */
  saveColumnEnforcement(modes: unknown): SettingsSaveResult;
  /** Replaces the members' display names (e-mail → name; "" removes one). */
  saveMemberNames(names: unknown): SettingsSaveResult;
  getScheduleSwitches(): ScheduleSwitches;
  /** Turns one kind of scheduled work on or off; answers every switch as it now is. */
  setScheduleSwitch(name: ScheduleSwitch, on: boolean): ScheduleSwitches;
}

/** Menu handlers of the switches (one per switch: turns it on when off, off when on). */
export const SWITCH_HANDLERS = [
  "menuToggleNightlyClassify",
  "menuToggleDailyMails",
  "menuToggleWeeklyReport",
  "menuToggleWeeklyBackup",
] as const;
