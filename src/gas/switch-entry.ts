// Menu handlers of the scheduled-work switches (main.ts re-exports them; nothing else here is exported,
// since every export of main.ts becomes a top-level function google.script.run could call).
import { userLang } from "./platform/locale";
import { toggleSwitch } from "./schedule-switches";

export function menuToggleNightlyClassify(): void {
  toggleSwitch("nightlyClassify", userLang());
}

export function menuToggleDailyMails(): void {
  toggleSwitch("dailyMails", userLang());
}

export function menuToggleWeeklyReport(): void {
  toggleSwitch("weeklyReport", userLang());
}

export function menuToggleWeeklyBackup(): void {
  toggleSwitch("weeklyBackup", userLang());
}
