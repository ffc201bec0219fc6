// Outbound webhooks: on customer created / changed / segment changed and order added, each configured
// endpoint gets a POST of signed JSON through the one fetcher (notify/channels/http.ts). Headers:
// X-SheetCRM-Timestamp (epoch seconds) and X-SheetCRM-Signature: "v1=" + hex HMAC-SHA-256 of
// "<timestamp>.<body>" under the webhook's secret, so the receiver can check origin and refuse replays
// (compare the timestamp with its clock). Retried with backoff (1 s, 4 s) on 429, 5xx and failed
// connections, never on other 4xx. Each attempt's outcome is a row of the delivery log (WebhookLog /
// Webhook投递记录, a hidden system tab); an event still failing stays queued (document property) and is
// tried again on the next delivery.
import type { ApiEvent } from "../../core/webapp/api-plan";
import type { WebhookEventKind, WebhookInfo } from "../../shared/webapp";
import { WEBHOOK_EVENTS } from "../../shared/webapp";
import { fetchChannel } from "../notify/channels/http";
import { getDocumentJson, setDocumentJson } from "../platform/properties";
import { findSystemTab, insertSystemTab } from "../platform/system-tabs";
import { ensureRows, trimGrid } from "../platform/tab-grid";
import { writeValues } from "../platform/write-values";
import { hex, hmacSha256, randomHex } from "./secrets";

export const WEBHOOKS_PROPERTY = "webhooks";
const QUEUE_PROPERTY = "webhookQueue";
/** Backoff before the 2nd and 3rd attempt. */
export const WEBHOOK_BACKOFF_MS = [1_000, 4_000] as const;
/** Queued deliveries kept at most (oldest dropped, and logged as such). */
const MAX_QUEUED = 20;
const LOG_HEADERS = ["At", "WebhookID", "EventID", "Event", "CustomerID", "Attempt", "Status", "Result"];

interface StoredWebhook {
  readonly id: string;
  readonly url: string;
  readonly secret: string;
  readonly events: readonly WebhookEventKind[];
  readonly active: boolean;
}

/** One event for one endpoint, waiting to be delivered. */
interface Delivery {
  readonly webhookId: string;
  readonly eventId: string;
  readonly body: string;
  readonly event: WebhookEventKind;
  readonly customerId: string;
}

function stored(): StoredWebhook[] {
  const list = getDocumentJson<unknown>(WEBHOOKS_PROPERTY, []);
  return Array.isArray(list) ? (list as StoredWebhook[]) : [];
}

function masked(url: string): string {
  return `••••${url.slice(-4)}`;
}

export function listWebhooks(): WebhookInfo[] {
  return stored().map((w) => ({ id: w.id, url: masked(w.url), events: w.events, active: w.active }));
}

/** Adds an endpoint (https, or http to 127.0.0.1 offline); returns it with its secret, shown once. */
export function addWebhook(
  url: string,
  events: readonly string[],
): { readonly webhook: WebhookInfo; readonly secret: string } {
  const u = String(url ?? "").trim();
  if (!/^https:\/\/[^\s]+$/i.test(u) && !/^http:\/\/127\.0\.0\.1(:\d+)?\//.test(u))
    throw new Error("A webhook URL must start with https://. / Webhook 地址须以 https:// 开头。");
  const kinds = WEBHOOK_EVENTS.filter((k) => events.includes(k));
  if (!kinds.length) throw new Error("Choose at least one event. / 请至少选择一个事件。");
  const w: StoredWebhook = {
    id: randomHex(1).slice(0, 10),
    url: u,
    secret: randomHex(2),
    events: kinds,
    active: true,
  };
  setDocumentJson(WEBHOOKS_PROPERTY, [...stored(), w]);
  return { webhook: { id: w.id, url: masked(u), events: kinds, active: true }, secret: w.secret };
}

export function removeWebhook(id: string): WebhookInfo[] {
  setDocumentJson(
    WEBHOOKS_PROPERTY,
    stored().filter((w) => w.id !== id),
  );
  return listWebhooks();
}

/** The webhook kind an API event stands for, or null (interactions and feedback send none). */
function kindOf(e: ApiEvent): WebhookEventKind | null {
  if (e.kind === "customer.created" || e.kind === "order.added") return e.kind;
  if (e.kind === "customer.changed")
    return e.fields.includes("Segment") ? "customer.segment_changed" : e.kind;
  return null;
}

/** The signature header of `body` sent at `timestamp` (epoch seconds) under `secret`. */
export function webhookSignature(timestamp: number, body: string, secret: string): string {
  return `v1=${hex(hmacSha256(`${timestamp}.${body}`, secret))}`;
}

/** Queues the events for every endpoint that wants them. */
export function queueWebhookEvents(events: readonly ApiEvent[]): void {
  const hooks = stored().filter((w) => w.active);
  if (!hooks.length || !events.length) return;
  const fresh: Delivery[] = [];
  for (const e of events) {
    const kind = kindOf(e);
    if (!kind) continue;
    const eventId = Utilities.getUuid();
    const body = JSON.stringify({
      id: eventId,
      type: kind,
      createdAt: new Date().toISOString(),
      data: { customerId: e.customerId, fields: e.fields, values: e.values },
    });
    for (const w of hooks)
      if (w.events.includes(kind))
        fresh.push({ webhookId: w.id, eventId, body, event: kind, customerId: e.customerId });
  }
  if (fresh.length) queueDeliveries(fresh);
}

/** Changes of segment per event: a first classification changes every customer's. */
const SEGMENT_CHANGES_PER_EVENT = 100;

/**
 * Queues the segment changes a classification run made (customers whose Segment cell held another
 * segment before), as customer.segment_changed events of up to 100 changes each. Only when some
 * endpoint wants them: nothing is computed otherwise.
 */
export function queueSegmentChanges(
  previous: readonly unknown[],
  next: readonly unknown[],
  ids: readonly unknown[],
): void {
  const hooks = stored().filter((w) => w.active && w.events.includes("customer.segment_changed"));
  if (!hooks.length) return;
  const changes: { customerId: string; from: string; to: string }[] = [];
  next.forEach((to, i) => {
    const from = String(previous[i] ?? "").trim();
    const now = String(to ?? "").trim();
    const id = String(ids[i] ?? "").trim();
    if (from && now && from !== now && id) changes.push({ customerId: id, from, to: now });
  });
  const fresh: Delivery[] = [];
  for (let at = 0; at < changes.length; at += SEGMENT_CHANGES_PER_EVENT) {
    const part = changes.slice(at, at + SEGMENT_CHANGES_PER_EVENT);
    const eventId = Utilities.getUuid();
    const body = JSON.stringify({
      id: eventId,
      type: "customer.segment_changed",
      createdAt: new Date().toISOString(),
      data: { changes: part },
    });
    const customerId = part.length === 1 ? part[0].customerId : "";
    for (const w of hooks)
      fresh.push({ webhookId: w.id, eventId, body, event: "customer.segment_changed", customerId });
  }
  if (fresh.length) queueDeliveries(fresh);
}

/** Deliveries queued in this execution, sent by deliverWebhooks (module state lives one execution). */
let pending: Delivery[] = [];

function queueDeliveries(fresh: readonly Delivery[]): void {
  pending = [...pending, ...fresh];
}

/** Keeps what must be tried again, as much as one property value holds; logs what it cannot keep. */
function saveQueue(queue: readonly Delivery[]): void {
  const kept = queue.slice(-MAX_QUEUED);
  while (kept.length && JSON.stringify(kept).length > 8_500) kept.shift();
  const dropped = queue.slice(0, queue.length - kept.length);
  if (dropped.length) logRows(dropped.map((d) => logRow(d, 0, 0, "dropped: retry queue full")));
  setDocumentJson(QUEUE_PROPERTY, kept);
}

function logRow(d: Delivery, attempt: number, status: number, result: string): string[] {
  return [
    new Date().toISOString(),
    d.webhookId,
    d.eventId,
    d.event,
    d.customerId,
    String(attempt),
    String(status),
    result,
  ];
}

function logRows(rows: readonly string[][]): void {
  if (!rows.length) return;
  let sheet = findSystemTab("webhookLog");
  if (!sheet) {
    sheet = insertSystemTab("webhookLog");
    trimGrid(sheet, 201, LOG_HEADERS.length);
    sheet.getRange(1, 1, sheet.getMaxRows(), LOG_HEADERS.length).setNumberFormat("@");
    sheet.getRange(1, 1, 1, LOG_HEADERS.length).setValues([LOG_HEADERS]);
    sheet.setFrozenRows(1);
    sheet.hideSheet();
  }
  const first = sheet.getLastRow() + 1;
  ensureRows(sheet, first + rows.length - 1, 200);
  writeValues(sheet.getRange(first, 1, rows.length, LOG_HEADERS.length), rows);
}

/** One POST; the status (0 when the connection failed) and whether to try again. */
function attempt(hook: StoredWebhook, d: Delivery): { status: number; retry: boolean; result: string } {
  const timestamp = Math.floor(Date.now() / 1000);
  try {
    const r = fetchChannel({
      url: hook.url,
      method: "post",
      contentType: "application/json",
      headers: {
        "X-SheetCRM-Event": d.event,
        "X-SheetCRM-Timestamp": String(timestamp),
        "X-SheetCRM-Signature": webhookSignature(timestamp, d.body, hook.secret),
      },
      payload: d.body,
    });
    if (r.status >= 200 && r.status < 300) return { status: r.status, retry: false, result: "delivered" };
    return { status: r.status, retry: r.status === 429 || r.status >= 500, result: `HTTP ${r.status}` };
  } catch (e) {
    return { status: 0, retry: true, result: `failed: ${(e as Error).message}`.slice(0, 200) };
  }
}

/**
 * Delivers what is queued: each delivery up to three attempts with backoff; delivered and hopeless ones
 * leave the queue, the others stay for the next run. Returns how many were delivered.
 */
export function deliverWebhooks(): { delivered: number; failed: number; waiting: number } {
  const queue = [...getDocumentJson<Delivery[]>(QUEUE_PROPERTY, []), ...pending];
  pending = [];
  if (!queue.length) return { delivered: 0, failed: 0, waiting: 0 };
  const hooks = new Map(stored().map((w) => [w.id, w]));
  const rows: string[][] = [];
  const waiting: Delivery[] = [];
  let delivered = 0;
  let failed = 0;
  for (const d of queue) {
    const hook = hooks.get(d.webhookId);
    if (!hook || !hook.active) continue;
    let outcome = attempt(hook, d);
    rows.push(logRow(d, 1, outcome.status, outcome.result));
    for (let i = 0; outcome.retry && i < WEBHOOK_BACKOFF_MS.length; i++) {
      Utilities.sleep(WEBHOOK_BACKOFF_MS[i]);
      outcome = attempt(hook, d);
      rows.push(logRow(d, i + 2, outcome.status, outcome.result));
    }
    if (outcome.result === "delivered") delivered++;
    else if (outcome.retry) waiting.push(d);
    else failed++;
  }
  logRows(rows);
  saveQueue(waiting);
  return { delivered, failed, waiting: waiting.length };
}
