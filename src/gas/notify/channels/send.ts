import {
  backoffMs,
  chatRequest,
  judgeAnswer,
  judgeFetchError,
  MAX_ATTEMPTS,
  smsRequest,
  type Channel,
  type ChannelMessage,
} from "../../../core/notify/channels";
import { fetchChannel, hmacBase64 } from "./http";

/**
 * What became of one channel message:
 * - sent: the platform took it.
 * - failed: it will not go as configured (or still failed after the retries): retried on the next run.
 * - deferred: the day's UrlFetch quota is spent: carried to the next run, as mail is when its quota is.
 * - unknown: the request timed out, so it may have arrived: logged as pending, which counts as sent
 *   today (never twice), as for a mail whose run died mid-send.
 */
export interface ChannelOutcome {
  readonly outcome: "sent" | "failed" | "deferred" | "unknown";
  readonly detail: string;
  readonly attempts: number;
}

/** Set once the quota is spent in this execution: later sends are deferred without another call. */
let quotaSpent = false;

/**
 * Sends `message` through `channel` (to `phone` for SMS): signed afresh on every attempt (a timestamp
 * must be within an hour), retried with backoff (1 s, 4 s; Utilities.sleep) only on answers that say
 * "busy" or "slow down" and on refused connections, never on a bad token or signature.
 */
export function sendChannelMessage(channel: Channel, message: ChannelMessage, phone = ""): ChannelOutcome {
  if (quotaSpent) return { outcome: "deferred", detail: "UrlFetch quota", attempts: 0 };
  let last = "";
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (attempt > 1) Utilities.sleep(backoffMs(attempt - 1));
    let request;
    try {
      request =
        channel.kind === "sms"
          ? smsRequest(channel, message, phone)
          : chatRequest(channel, message, Date.now(), hmacBase64);
    } catch (e) {
      return { outcome: "failed", detail: `template: ${(e as Error).message}`, attempts: attempt };
    }
    let answer;
    try {
      answer = fetchChannel(request);
    } catch (e) {
      const text = String((e as Error).message);
      const kind = judgeFetchError(text);
      if (kind === "quota") {
        quotaSpent = true;
        return { outcome: "deferred", detail: text, attempts: attempt };
      }
      if (kind === "unknown") return { outcome: "unknown", detail: text, attempts: attempt };
      last = text;
      continue;
    }
    const verdict = judgeAnswer(channel.kind, answer.status, answer.body);
    if (verdict.outcome === "sent") return { outcome: "sent", detail: verdict.detail, attempts: attempt };
    last = verdict.detail;
    if (verdict.outcome === "failed") return { outcome: "failed", detail: last, attempts: attempt };
  }
  return { outcome: "failed", detail: last, attempts: MAX_ATTEMPTS };
}
