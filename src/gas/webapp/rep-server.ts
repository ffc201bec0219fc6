// The server functions only the reps' pages call (the list, the portrait and status changes use the
// sidebar's own): today's follow-ups and logging an interaction. Bound in src/gas/server-functions.ts,
// whose wrapper checks the caller's role first; both apply the caller's scope like every data path.
import { dateKeyReader } from "../../core/calendar";
import { CUSTOMERS, INTERACTIONS } from "../../core/schema/sheets";
import { customerIdKey } from "../../core/table/validate/validate-table";
import { planApiCall } from "../../core/webapp/api-plan";
import type { FollowUpItem, LogInteractionInput } from "../../shared/webapp";
import { bookLang } from "../notify/mail-lang";
import { callerAccess } from "../platform/guard";
import { currentUser, spreadsheetTimeZone } from "../platform/locale";
import { withDocumentLock } from "../platform/lock";
import { readTable } from "../platform/sheet-table";
import { isoToSheetDate } from "../table/sheet-dates";
import { valueLists } from "../table/settings";
import { todayIn } from "../notify/mailer";
import { writePlan } from "./plan-write";

/** At most this many follow-ups are sent to a phone (small payloads on slow connections). */
const MAX_FOLLOW_UPS = 100;

export function myFollowUps(): FollowUpItem[] {
  const access = callerAccess();
  const zone = spreadsheetTimeZone();
  const today = todayIn(zone);
  const dayOf = dateKeyReader(zone);
  const customers = readTable(CUSTOMERS);
  const interactions = readTable(INTERACTIONS);
  if (!customers || !interactions) return [];
  const c = (k: string) => customers.map.index.get(k);
  const visible = new Map<string, string>();
  for (const r of customers.rows) {
    if (c("CustomerID") === undefined) break;
    const owner = c("Owner") === undefined ? "" : r[c("Owner")!];
    if (access.sees(owner)) visible.set(customerIdKey(r[c("CustomerID")!]), String(r[c("Name") ?? -1] ?? ""));
  }
  const i = (k: string) => interactions.map.index.get(k);
  const idAt = i("CustomerID");
  const nextAt = i("NextFollowUp");
  if (idAt === undefined || nextAt === undefined) return [];
  // The latest row per customer decides (a later interaction replaces an earlier plan).
  const latest = new Map<string, FollowUpItem>();
  for (const r of interactions.rows) {
    const key = customerIdKey(r[idAt]);
    const name = visible.get(key);
    if (name === undefined) continue;
    const due = dayOf(r[nextAt]);
    latest.delete(key);
    if (!due || due > today) continue;
    latest.set(key, {
      customerId: String(r[idAt]).trim(),
      name,
      due,
      overdue: due < today,
      summary: String(r[i("Summary") ?? -1] ?? "").slice(0, 200),
    });
  }
  return [...latest.values()].sort((a, b) => a.due.localeCompare(b.due)).slice(0, MAX_FOLLOW_UPS);
}

export function logInteractionFor(input: LogInteractionInput) {
  const access = callerAccess();
  const me = currentUser();
  return withDocumentLock(() => {
    const table = readTable(INTERACTIONS);
    const customers = readTable(CUSTOMERS);
    if (!table || !customers) throw new Error("Run Set up first. / 请先运行“设置”。");
    const zone = spreadsheetTimeZone();
    const row: Record<string, unknown> = {
      CustomerID: String(input?.customerId ?? ""),
      Date: todayIn(zone),
      Summary: String(input?.summary ?? "").slice(0, 2000),
      Owner: me,
    };
    if (input?.type) row.Type = String(input.type);
    if (input?.channel) row.Channel = String(input.channel);
    if (input?.nextFollowUp) row.NextFollowUp = String(input.nextFollowUp);
    const plan = planApiCall("interactions", INTERACTIONS, table, customers, [row], {
      lang: bookLang(),
      timeZone: zone,
      valueLists: valueLists(),
      now: new Date(),
      dateCell: (iso) => isoToSheetDate(iso, zone),
      reach: { sees: access.sees, edits: access.edits, defaultOwner: me },
    });
    if (plan.errors.length) return { ok: false as const, errors: plan.errors };
    writePlan(table, plan.updates, plan.appended);
    return { ok: true as const };
  });
}
