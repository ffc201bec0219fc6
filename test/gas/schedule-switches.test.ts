/**
 * The on/off switches of scheduled work (src/gas/schedule-switches.ts) as the hourly dispatcher honours
 * them: the daily mails and the weekly report each on or off on their own, and a mail turned back on owes
 * nothing from while it was off.
 */
import { MANAGER, OWNER, fixtureSheets } from "../../src/local/faults/fixture";
import { loadBundle, type LoadedBundle } from "../../src/local/load-bundle";
import { auditRows } from "./trust/harness";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function book(): LoadedBundle {
  const b = loadBundle({ owner: OWNER, user: OWNER });
  for (const s of fixtureSheets(1)) b.emulator.sheetFromValues(s.name, s.values);
  b.ctx.setUpSheets();
  const r = b.ctx.saveNotifySettings({
    ...b.ctx.getNotifySettings(),
    managers: [MANAGER],
    reminderHour: 8,
    weekday: 3,
    reportHour: 9,
  });
  expect(r.ok).toBe(true);
  return b;
}

const runsOf = (b: LoadedBundle, job: string) => auditRows(b).filter((r) => r[6] === job).length;

describe("scheduled-work switches", () => {
  it("run the daily mails without the weekly report, and the report alone", () => {
    const b = book();
    b.ctx.setScheduleSwitch("dailyMails", true);
    b.emulator.advanceAndFire(7 * DAY);
    expect(runsOf(b, "notify.reminders")).toBe(7);
    expect(runsOf(b, "notify.weekly-report")).toBe(0);
    b.ctx.setScheduleSwitch("dailyMails", false);
    b.ctx.setScheduleSwitch("weeklyReport", true);
    b.emulator.advanceAndFire(7 * DAY);
    expect(runsOf(b, "notify.reminders")).toBe(7);
    expect(runsOf(b, "notify.weekly-report")).toBe(1);
  });

  it("owe nothing from while a mail was off, and stop the dispatcher when all is off", () => {
    const b = book();
    b.ctx.setScheduleSwitch("dailyMails", true);
    b.ctx.setScheduleSwitch("weeklyReport", true);
    b.ctx.setScheduleSwitch("weeklyReport", false);
    // Wednesday 09:00 passes with the report off; turned on again on Thursday, it waits for next week.
    b.emulator.advanceAndFire(3 * DAY);
    b.ctx.setScheduleSwitch("weeklyReport", true);
    b.emulator.advanceAndFire(HOUR * 3);
    expect(runsOf(b, "notify.weekly-report")).toBe(0);
    b.ctx.setScheduleSwitch("dailyMails", false);
    b.ctx.setScheduleSwitch("weeklyReport", false);
    expect(b.emulator.triggers().filter((t) => t.handler === "handleDispatch")).toEqual([]);
  });
});
