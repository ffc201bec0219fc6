import type { ChannelKind } from "./types";

/**
 * What an answer means for the send log:
 * - sent: the platform took the message.
 * - retry: worth trying again soon (rate limit, server busy, connection refused): nothing was delivered.
 * - failed: it will not work as configured (bad token, bad signature, bad payload).
 */
export type Verdict = { readonly outcome: "sent" | "retry" | "failed"; readonly detail: string };

function parse(body: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body) as unknown;
    return v && typeof v === "object" ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/**
 * Codes that mean "slow down / busy": WeCom 45009 (api freq out of limit) and -1 (system busy), DingTalk
 * 410100 (send too fast) and -1, Feishu 11232 (frequency limited).
 */
const RETRY_CODES: Readonly<Record<string, readonly number[]>> = {
  wecom: [45009, -1],
  dingtalk: [410100, -1],
  feishu: [11232],
};

/** Judges a platform's answer (HTTP status and body). */
export function judgeAnswer(kind: ChannelKind, status: number, body: string): Verdict {
  const short = body.replace(/\s+/g, " ").slice(0, 200);
  if (status === 429 || status >= 500) return { outcome: "retry", detail: `HTTP ${status} ${short}` };
  if (kind === "slack")
    return status === 200 && body.trim() === "ok"
      ? { outcome: "sent", detail: "ok" }
      : { outcome: "failed", detail: `HTTP ${status} ${short}` };
  if (kind === "sms")
    return status >= 200 && status < 300
      ? { outcome: "sent", detail: short }
      : { outcome: "failed", detail: `HTTP ${status} ${short}` };
  const json = parse(body);
  const code = json ? Number(kind === "feishu" ? (json.code ?? json.StatusCode) : json.errcode) : NaN;
  if (status >= 200 && status < 300 && code === 0) return { outcome: "sent", detail: "ok" };
  const message = json
    ? String(kind === "feishu" ? (json.msg ?? json.StatusMessage ?? "") : (json.errmsg ?? ""))
    : short;
  const detail = Number.isFinite(code) ? `${code} ${message}` : `HTTP ${status} ${short}`;
  return { outcome: RETRY_CODES[kind]?.includes(code) ? "retry" : "failed", detail };
}

/** What a thrown fetch error means: the day's quota, an unknown fate (timeout), or a retryable failure. */
export function judgeFetchError(message: string): "quota" | "unknown" | "retry" {
  if (/Service invoked too many times for one day: urlfetch/i.test(message)) return "quota";
  if (/^Timeout/i.test(message)) return "unknown";
  return "retry";
}

/** Attempts per message, and the wait before each retry: 1 s, then 4 s (the gas side sleeps). */
export const MAX_ATTEMPTS = 3;
export function backoffMs(retry: number): number {
  return 1000 * 4 ** (retry - 1);
}
