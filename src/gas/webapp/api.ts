// The inbound API (doPost, JSON): upserts customers, orders, interactions and feedback for a website,
// form service or ERP. Per call: the body's shape and size, the integration's token (hashed), then under
// the document lock the idempotency key, the plan (core/webapp/api-plan.ts: the table's own rules, the
// token's reach), one write through writeRows/writeValues (text that looks like a formula stays text),
// one audit entry naming the integration, the answer kept under the key, and the webhooks' events queued.
// A web app cannot set HTTP status codes or read request headers, so the outcome is in the JSON body.
import { accessOf, canEditCustomer, ownerTest } from "../../core/access/scope";
import { planApiCall, type ApiReach, type TableCells } from "../../core/webapp/api-plan";
import { API_TABLES, parseApiRequest, type ApiRefusal } from "../../core/webapp/api-request";
import { CUSTOMERS } from "../../core/schema/sheets";
import type { ApiResponse } from "../../shared/webapp";
import { bookLang } from "../notify/mail-lang";
import { implicitOwners, ownerDirectoryFrom, roleAssignments } from "../platform/guard";
import { spreadsheetTimeZone } from "../platform/locale";
import { LockBusyError, withDocumentLock } from "../platform/lock";
import { readTable } from "../platform/sheet-table";
import { writePlan } from "./plan-write";
import { isoToSheetDate } from "../table/sheet-dates";
import { valueLists } from "../table/settings";
import { admitAuditedCall, appendJobEntry, AuditQueueFullError } from "../trust/audit-log";
import { findToken, touchToken } from "./api-tokens";
import { recall, remember, requestDigest } from "./idempotency";
import { queueWebhookEvents } from "./webhooks";

type PostEvent = GoogleAppsScript.Events.DoPost;

const refuse = (e: ApiRefusal): ApiResponse => ({ ok: false, ...e });

/** What a token may reach: every customer, or what the roles give the member it acts for. */
function reachOf(actsFor: string): ApiReach {
  if (!actsFor) return { sees: () => true, edits: () => true, defaultOwner: "" };
  const access = accessOf(actsFor, roleAssignments(), implicitOwners(), ownerDirectoryFrom());
  return {
    sees: ownerTest(access.scope),
    edits: (owner) => canEditCustomer(access, owner),
    defaultOwner: actsFor,
  };
}

const EMPTY: TableCells = { headers: [], rows: [] };

/** Answers one API call. Never throws: every failure is a JSON answer. */
export function handleApi(e: PostEvent | undefined): ApiResponse {
  const post = e?.postData;
  if (!post || typeof post.contents !== "string")
    return refuse({ status: 400, code: "no-body", message: "POST a JSON body." });
  const parsed = parseApiRequest(post.contents, Number(post.length) || post.contents.length);
  if (!parsed.ok) return refuse(parsed.error);
  const req = parsed.value;
  const token = findToken(req.token);
  if (!token) return refuse({ status: 401, code: "bad-token", message: "Unknown or revoked token." });
  const user = `api:${token.name}`;
  const request = requestDigest(req.table, req.rows);
  try {
    admitAuditedCall("write", user);
    const answer = withDocumentLock(() => applyCall(req, token.id, token.actsFor, user, request));
    touchToken(token.id);
    return answer;
  } catch (err) {
    if (err instanceof LockBusyError || err instanceof AuditQueueFullError)
      return refuse({ status: 503, code: "busy", message: err.message });
    return refuse({ status: 500, code: "failed", message: (err as Error).message });
  }
}

function applyCall(
  req: { idempotencyKey: string; table: keyof typeof API_TABLES; rows: readonly Record<string, unknown>[] },
  tokenId: string,
  actsFor: string,
  user: string,
  request: string,
): ApiResponse {
  const prior = recall(tokenId, req.idempotencyKey, request);
  if (prior.kind === "replay") return { ...prior.answer, ...(prior.answer.ok ? { replayed: true } : {}) };
  if (prior.kind === "conflict")
    return refuse({
      status: 409,
      code: "idempotency-conflict",
      message: "This idempotencyKey was used for a different request.",
    });
  const started = new Date();
  const spec = API_TABLES[req.table];
  const table = readTable(spec);
  if (!table)
    return refuse({
      status: 409,
      code: "not-set-up",
      message: `The ${spec.name.en} tab does not exist yet; run Set up / repair sheets.`,
    });
  const customers = req.table === "customers" ? table : (readTable(CUSTOMERS) ?? EMPTY);
  const zone = spreadsheetTimeZone();
  const plan = planApiCall(req.table, spec, table, customers, req.rows, {
    lang: bookLang(),
    timeZone: zone,
    valueLists: valueLists(),
    now: started,
    dateCell: (iso) => isoToSheetDate(iso, zone),
    reach: reachOf(actsFor),
  });
  if (plan.errors.length) {
    appendJobEntry({
      job: "api-upsert",
      user,
      at: started,
      rows: 0,
      detail: `rejected ${req.table}: ${plan.errors.length} field error(s), nothing written`,
    });
    return refuse({
      status: 400,
      code: "invalid",
      message: `${plan.errors.length} field error(s); nothing was written.`,
      ...{ errors: plan.errors },
    });
  }
  writePlan(table, plan.updates, plan.appended);
  const count = (a: string) => plan.results.filter((r) => r.action === a).length;
  appendJobEntry({
    job: "api-upsert",
    user,
    at: started,
    rows: plan.updates.size + plan.appended.length,
    detail:
      `${req.table}: ${count("created")} created, ${count("updated")} updated, ${count("unchanged")} unchanged` +
      (plan.neutralised.length ? `, ${plan.neutralised.length} formula-like field(s) kept as text` : "") +
      ` (key ${req.idempotencyKey.slice(0, 40)})`,
  });
  const answer: ApiResponse = {
    ok: true,
    status: 200,
    idempotencyKey: req.idempotencyKey,
    replayed: false,
    results: plan.results,
    neutralised: plan.neutralised,
  };
  remember(tokenId, req.idempotencyKey, request, answer);
  queueWebhookEvents(plan.events);
  return answer;
}
