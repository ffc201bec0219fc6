/**
 * The on/off switches of the add-on's scheduled work, as the settings form and the menu show them:
 * nightly classification, daily reminder mails, the weekly report mail and the weekly backup. Each is a
 * document setting the hourly dispatcher reads (platform/dispatcher.ts); the two mails share the
 * dispatcher's "notifications" feature and each has its own switch inside it, so one can be off while
 * the other runs. Older installs (no switch recorded) keep both mails on while notifications are on.
 */
import type { ScheduleSwitch, ScheduleSwitches } from "../shared/table-settings";
import { currentHourKey, isScheduled, localNow, setScheduled } from "./platform/dispatcher";
import { requirePermission } from "./platform/guard";
import { runJob } from "./platform/job";
import { getDocumentJson, setDocumentJson } from "./platform/properties";

/** Document property: each mail switch → the hour it was turned on, or false while off. */
const MAIL_SWITCHES = "mailSwitches";

type Mail = "daily" | "weekly";
type MailState = Partial<Record<Mail, string | false>>;

const mailState = (): MailState => getDocumentJson<MailState>(MAIL_SWITCHES, {});

/**
 * A mail's own switch for the dispatcher (ClockJob.switchedOn): the hour it was turned on, "" when it
 * follows its feature (never switched), or null while off.
 */
export function mailSwitchedOn(mail: Mail): string | null {
  const v = mailState()[mail];
  if (v === false) return null;
  return typeof v === "string" ? v : "";
}

function mailOn(mail: Mail): boolean {
  return isScheduled("notifications") && mailSwitchedOn(mail) !== null;
}

/** Every switch as it is now. */
export function scheduleSwitches(): ScheduleSwitches {
  return {
    nightlyClassify: isScheduled("nightlyClassify"),
    dailyMails: mailOn("daily"),
    weeklyReport: mailOn("weekly"),
    weeklyBackup: isScheduled("weeklyBackup"),
  };
}

function setMail(mail: Mail, on: boolean): void {
  const state = { ...mailState() };
  const other: Mail = mail === "daily" ? "weekly" : "daily";
  // Turning a mail on while notifications were off turns the feature on for it alone.
  if (on && !isScheduled("notifications") && state[other] === undefined) state[other] = false;
  if (on) state[mail] = mailOn(mail) ? (state[mail] ?? "") : currentHourKey(localNow());
  else state[mail] = false;
  // Both off: forget the switches, so turning notifications on again (menu) brings both mails back.
  const bothOff = state.daily === false && state.weekly === false;
  setDocumentJson(MAIL_SWITCHES, bothOff ? {} : state);
  // The dispatcher's feature is on while either mail is.
  setScheduled("notifications", state.daily !== false || state.weekly !== false);
}

/** Turns one switch on or off (idempotent) and answers every switch. */
export function setScheduleSwitch(name: ScheduleSwitch, on: boolean): ScheduleSwitches {
  if (typeof on !== "boolean") throw new Error("on must be true or false");
  return runJob(`switch-${name}`, "manage-settings", () => {
    if (name === "nightlyClassify") setScheduled("nightlyClassify", on);
    else if (name === "weeklyBackup") setScheduled("weeklyBackup", on);
    else if (name === "dailyMails") setMail("daily", on);
    else if (name === "weeklyReport") setMail("weekly", on);
    else throw new Error(`unknown switch "${String(name)}"`);
    return {
      result: scheduleSwitches(),
      outcome: { rowsAffected: 0, detail: `${name} ${on ? "on" : "off"}` },
    };
  });
}

/** For the menu: flips one switch and says what it is now, in a toast. */
export function toggleSwitch(name: ScheduleSwitch, lang: "en" | "zh-CN"): void {
  requirePermission("manage-settings");
  const now = setScheduleSwitch(name, !scheduleSwitches()[name])[name];
  const what = SWITCH_LABELS[name][lang];
  const state = now ? { en: "on", "zh-CN": "已开启" } : { en: "off", "zh-CN": "已关闭" };
  SpreadsheetApp.getActive().toast(
    lang === "en" ? `${what}: ${state.en}` : `${what}：${state["zh-CN"]}`,
    "Sheet CRM",
    5,
  );
}

/** The switches' names, as the menu and its toasts say them. */
export const SWITCH_LABELS: Readonly<Record<ScheduleSwitch, { en: string; "zh-CN": string }>> = {
  nightlyClassify: { en: "Nightly classification", "zh-CN": "夜间自动分类" },
  dailyMails: { en: "Daily reminder mails", "zh-CN": "每日提醒邮件" },
  weeklyReport: { en: "Weekly report mail", "zh-CN": "每周报告邮件" },
  weeklyBackup: { en: "Weekly backup", "zh-CN": "每周备份" },
};
