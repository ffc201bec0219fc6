// The sidebar's alert list and the rules form, server side (src/shared/alerts.ts). The one table checks the
// role first and audits acknowledging, saving and "Check now"; runJob gives each entry its detail.
import { can } from "../../../core/access/roles";
import {
  alertLine,
  THRESHOLDS,
  type AlertSettings,
  type AlertSettingsCheck,
} from "../../../core/notify/alerts";
import { normalizeEmail } from "../../../core/notify/escape";
import type { AlertList, AlertRulesView } from "../../../shared/alerts";
import { readBook } from "../../book/read-book";
import { callerAccess, currentRole } from "../../platform/guard";
import { runJob } from "../../platform/job";
import { currentUser } from "../../platform/locale";
import { loadChannels } from "../channels/store";
import { loadTeam } from "../team";
import { readAlerts, writeAlerts } from "./alert-sheet";
import { loadAlertSettings, storeAlertSettings } from "./store";

/** At most this many alerts in the list (newest first). */
const LIST_LIMIT = 200;

const manages = () => can(currentRole(), "manage-settings");

/**
 * The alerts the caller may see, rendered in `lang`: owners and managers see all, anyone else those sent
 * to them. Unacknowledged first, newest first; acknowledged ones only when asked for.
 */
export function listAlerts(lang: string, includeAcknowledged = false): AlertList {
  const l = lang === "zh-CN" ? "zh-CN" : "en";
  const me = normalizeEmail(currentUser());
  const all = manages();
  const mine = readAlerts().filter(
    (r) =>
      r.status === "raised" && (all || r.recipients.includes(me)) && (includeAcknowledged || r.ackAt === ""),
  );
  mine.sort((a, b) =>
    (a.ackAt === "") !== (b.ackAt === "") ? (a.ackAt === "" ? -1 : 1) : a.raised < b.raised ? 1 : -1,
  );
  const { book } = mine.length ? readBook(["customers"], { details: false }) : { book: null };
  const indexOf = (id: string) => (book ? book.customers.indexOf(id) : -1);
  const nameOf = (id: string) => (indexOf(id) >= 0 && book ? book.customers.name[indexOf(id)] : "");
  // A member listed as a recipient still sees only the customers their role shows them.
  const access = all ? null : callerAccess();
  const visible = (id: string) =>
    all ||
    (indexOf(id) >= 0 &&
      book !== null &&
      access !== null &&
      access.sees(book.customers.ownerEmail[indexOf(id)]));
  const shown = mine.filter((r) => visible(r.customerId)).slice(0, LIST_LIMIT);
  return {
    items: shown.map((r) => ({
      id: r.id,
      kind: r.kind,
      customerId: r.customerId,
      text: alertLine(r, nameOf(r.customerId), l),
      raised: r.raised,
      recipients: r.recipients,
      ackBy: r.ackBy,
      ackAt: r.ackAt,
      open: r.cleared === "",
    })),
    canCheck: can(currentRole(), "run-jobs"),
  };
}

/** Marks one alert acknowledged (by a recipient of it, or an owner or manager); audited. */
export function acknowledgeAlert(id: string, lang: string): AlertList {
  runJob("Acknowledge alert", "view", () => {
    const me = normalizeEmail(currentUser());
    const records = readAlerts();
    const at = records.findIndex((r) => r.id === String(id ?? "") && r.status === "raised");
    if (at < 0) throw new Error("No such alert.");
    const alert = records[at];
    if (!manages() && !alert.recipients.includes(me))
      throw new Error("Only its recipients or a manager may acknowledge an alert.");
    if (alert.ackAt)
      return { result: null, outcome: { rowsAffected: 0, detail: `already acknowledged ${alert.id}` } };
    const next = records.slice();
    next[at] = { ...alert, ackBy: me || currentUser(), ackAt: new Date().toISOString() };
    writeAlerts(next);
    return { result: null, outcome: { rowsAffected: 1, detail: `acknowledged ${alert.id}` } };
  });
  return listAlerts(lang);
}

/** The rules form's data. */
export function alertRulesView(): AlertRulesView {
  const ranges = Object.fromEntries(
    Object.entries(THRESHOLDS).map(([k, v]) => [k, { min: v.min, max: v.max }]),
  ) as AlertRulesView["ranges"];
  return {
    settings: loadAlertSettings(),
    channels: loadChannels().map((c) => ({ id: c.id, name: c.name, kind: c.kind })),
    team: [...loadTeam()].sort(),
    ranges,
  };
}

/** Validates and stores the rules (a rule switched on starts from a baseline: nothing old fires). */
export function saveAlertRules(settings: AlertSettings): AlertSettingsCheck {
  return runJob<AlertSettingsCheck>("Save alert rules", "manage-settings", () => {
    const r = storeAlertSettings(settings);
    const on = r.ok ? r.settings.rules.filter((x) => x.enabled).map((x) => x.kind) : [];
    return {
      result: r,
      outcome: { rowsAffected: 0, detail: r.ok ? `on: ${on.join(",") || "none"}` : "refused" },
    };
  });
}
