import type { NotifySettings } from "../../core/notify/settings";
import { spreadsheetTimeZone } from "../platform/locale";
import { hasTrigger, replaceTimeTrigger } from "../platform/triggers";

export const DAILY_HANDLER = "handleDailyReminders";
export const WEEKLY_HANDLER = "handleWeeklyReport";

const WEEKDAYS = ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY", "SATURDAY", "SUNDAY"] as const;

/**
 * (Re)installs the daily and weekly triggers, replacing earlier ones so there is only ever one of each.
 * Hours and weekday are read in the spreadsheet's zone (inTimezone), not the script's, so "8 o'clock" means
 * 8 o'clock where the sheet's dates are counted.
 */
export function installNotifyTriggers(settings: NotifySettings): void {
  const zone = spreadsheetTimeZone();
  replaceTimeTrigger(DAILY_HANDLER, (b) => b.atHour(settings.reminderHour).everyDays(1).inTimezone(zone));
  replaceTimeTrigger(WEEKLY_HANDLER, (b) =>
    b
      .onWeekDay(ScriptApp.WeekDay[WEEKDAYS[settings.weekday - 1]])
      .atHour(settings.reportHour)
      .inTimezone(zone),
  );
}

export function notifyTriggersInstalled(): boolean {
  return hasTrigger(DAILY_HANDLER) || hasTrigger(WEEKLY_HANDLER);
}
