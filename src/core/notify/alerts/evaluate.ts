import { analyzeSentiment } from "../../analysis/sentiment";
import { isUnpaid, type Book } from "../../book";
import type { DayNumber } from "../../calendar";
import { lifecycleKey, segmentKey } from "../segments";
import type { AlertCandidate, AlertRule, WatchedStage } from "./types";

/** What the rules read: the book, today, and each customer's P(alive) (by customer index; NaN when blank). */
export interface AlertInput {
  readonly book: Book;
  readonly today: DayNumber;
  readonly pAlive: ArrayLike<number>;
}

/** A short stable fingerprint of a text (FNV-1a, 32 bits, hex): names a feedback row without its words. */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, "0");
}

/** The watched stage of customer `c`: the Lifecycle column's, else the Segment's (RFM "At Risk", "Lost"). */
function stageOf(book: Book, c: number): WatchedStage | null {
  const life = lifecycleKey(book.customers.lifecycle[c] ?? "");
  if (life === "at_risk" || life === "lost") return life;
  const seg = segmentKey(book.customers.segment[c] ?? "");
  return seg === "at_risk" || seg === "lost" ? seg : null;
}

/** Whether customer `c` is a key customer: ABC class A or a VIP. */
function isKey(book: Book, c: number): boolean {
  return book.customers.abc[c]?.trim().toUpperCase() === "A" || book.customers.customerType[c] === "vip";
}

/** Order lines grouped by order (a line without an OrderID is an order of its own, named by its row). */
function ordersOf(book: Book): Map<string, number[]> {
  const o = book.orders;
  const out = new Map<string, number[]>();
  // An order's lines mostly follow each other: its ID is cut from the book's store once for them.
  let lastOrder = -1;
  let lastId = "";
  for (let i = 0; i < o.length; i++) {
    if (o.customer[i] < 0) continue;
    const k = o.order[i];
    if (k >= 0 && k !== lastOrder) {
      lastOrder = k;
      lastId = o.orderIds.at(k)!;
    }
    const key = k >= 0 ? lastId : `row ${o.row[i]}`;
    const lines = out.get(key);
    if (lines) lines.push(i);
    else out.set(key, [i]);
  }
  return out;
}

const COMPLAINT_CATEGORY = /投诉|complain/i;

/**
 * Every condition `rule` sees in the book now. Pure: the same book and day give the same candidates, in a
 * stable order; whether one fires is the planner's business (plan.ts: once per event).
 */
export function evaluateRule(rule: AlertRule, input: AlertInput): AlertCandidate[] {
  const { book, today } = input;
  const cs = book.customers;
  const out: AlertCandidate[] = [];
  const push = (c: number, subject: string, value: string, ref = "") =>
    out.push({ kind: rule.kind, subject, customerId: cs.ids[c], value, ref });
  switch (rule.kind) {
    case "turned":
      for (let c = 0; c < cs.known; c++) {
        const stage = stageOf(book, c);
        if (stage && rule.stages.includes(stage)) push(c, `${cs.ids[c]}|${stage}`, stage);
      }
      break;
    case "p-alive":
      for (let c = 0; c < cs.known; c++) {
        const p = Number(input.pAlive[c]);
        if (Number.isFinite(p) && p < rule.threshold) push(c, cs.ids[c], p.toFixed(2));
      }
      break;
    case "key-idle":
      for (let c = 0; c < cs.known; c++) {
        const idle = today - cs.lastContact[c];
        if (isKey(book, c) && Number.isFinite(idle) && idle > rule.threshold)
          push(c, cs.ids[c], String(idle));
      }
      break;
    case "big-order":
      for (const [order, lines] of ordersOf(book)) {
        const amount = lines.reduce(
          (s, i) => s + (Number.isFinite(book.orders.amount[i]) ? book.orders.amount[i] : 0),
          0,
        );
        if (amount > rule.threshold)
          push(book.orders.customer[lines[0]], order, String(Math.round(amount * 100) / 100), order);
      }
      break;
    case "overdue":
      if (!book.orders.dueDay) break;
      for (const [order, lines] of ordersOf(book)) {
        let late = -Infinity;
        for (const i of lines)
          if (isUnpaid(book.orders, i) && Number.isFinite(book.orders.dueDay[i]))
            late = Math.max(late, today - book.orders.dueDay[i]);
        if (late > rule.threshold) push(book.orders.customer[lines[0]], order, String(late), order);
      }
      break;
    case "complaint": {
      const f = book.feedback;
      for (let i = 0; i < f.length; i++) {
        const c = f.customer[i];
        if (c < 0 || f.resolved[i]) continue;
        const rated = Number.isFinite(f.rating[i]) && f.rating[i] <= rule.threshold;
        const negative = analyzeSentiment(f.comment[i] ?? "").label === "negative";
        const category = COMPLAINT_CATEGORY.test(f.category[i] ?? "");
        if (!rated && !negative && !category) continue;
        const subject = `${cs.ids[c]}|${Number.isFinite(f.day[i]) ? f.day[i] : ""}|${fingerprint(f.comment[i] ?? "")}`;
        push(c, subject, rated ? String(f.rating[i]) : "negative");
      }
      break;
    }
  }
  return out;
}
