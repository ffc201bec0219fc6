/**
 * What each platform's webhook endpoint checks and answers, as its documentation describes it. The local
 * channel server (server.ts) routes every request here; answers are the platforms' own (errcode/errmsg,
 * code/msg, "ok"), and every verdict is recorded with the request.
 * - 企业微信 WeCom group robot: https://developer.work.weixin.qq.com/document/path/91770
 * - 钉钉 DingTalk custom robot, 加签: https://open.dingtalk.com/document/robots/customize-robot-security-settings
 * - 飞书 Feishu/Lark custom bot, signature: https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot
 * - Slack incoming webhooks: https://api.slack.com/messaging/webhooks
 * - SMS: the user's own HTTP relay (Aliyun / Tencent Cloud SMS behind it), configured per test.
 */
import { createHmac, timingSafeEqual } from "node:crypto";

export type Platform = "wecom" | "dingtalk" | "feishu" | "slack" | "sms";

/** An SMS relay the server stands in for: where it listens and what it requires. */
export interface SmsGatewayConfig {
  readonly path: string;
  readonly method: "POST" | "GET" | "PUT";
  /** Headers the relay requires, exactly (an API key). */
  readonly requireHeaders?: Readonly<Record<string, string>>;
  /** Fields the body (JSON or form) or query must have, non-empty. */
  readonly requireFields?: readonly string[];
}

export interface ChannelServerConfig {
  /** WeCom robot keys that exist. */
  readonly wecom?: readonly { readonly key: string }[];
  /** DingTalk robots: access token and, for 加签, the SEC… secret. */
  readonly dingtalk?: readonly { readonly accessToken: string; readonly secret?: string }[];
  /** Feishu bots: the hook token and, with signature verification on, the secret. */
  readonly feishu?: readonly { readonly token: string; readonly secret?: string }[];
  /** Slack webhook paths that exist: "/services/T…/B…/X…". */
  readonly slack?: readonly { readonly path: string }[];
  readonly sms?: readonly SmsGatewayConfig[];
  /** The first `count` requests whose path starts with `pathPrefix` get HTTP `status` (retry tests). */
  readonly failFirst?: readonly {
    readonly pathPrefix: string;
    readonly count: number;
    readonly status: number;
  }[];
  /** Requests whose path starts with `pathPrefix` are answered after `ms` (timeout tests). */
  readonly delay?: readonly { readonly pathPrefix: string; readonly ms: number }[];
}

/** A request as the server read it. */
export interface IncomingCall {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** The requester's "now" (the emulator's clock when it sent X-Emulator-Now, else the real clock). */
  readonly nowMs: number;
}

export interface Answer {
  readonly platform: Platform | null;
  readonly accepted: boolean;
  /** Why it was refused (or "ok"). */
  readonly reason: string;
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
}

const HOUR_MS = 3_600_000;
/** WeCom: text content ≤ 2048 bytes, markdown ≤ 4096 bytes (UTF-8); 20 messages a minute per robot. */
const WECOM = { textBytes: 2048, markdownBytes: 4096, perMinute: 20 };
/** DingTalk: 20 messages a minute per robot; content ≤ 20,000 bytes. */
const DINGTALK = { perMinute: 20, contentBytes: 20_000 };
/** Feishu: request body ≤ 20 KB; 100 messages a minute and 5 a second per bot. */
const FEISHU = { bodyBytes: 20 * 1024, perMinute: 100, perSecond: 5 };

const bytes = (s: string) => Buffer.byteLength(s, "utf8");
const json = (
  platform: Platform,
  accepted: boolean,
  reason: string,
  body: unknown,
  status = 200,
): Answer => ({
  platform,
  accepted,
  reason,
  status,
  contentType: "application/json; charset=utf-8",
  body: JSON.stringify(body),
});
const text = (
  platform: Platform | null,
  accepted: boolean,
  reason: string,
  body: string,
  status: number,
): Answer => ({
  platform,
  accepted,
  reason,
  status,
  contentType: "text/plain; charset=utf-8",
  body,
});

function parseJson(body: string): Record<string, unknown> | null {
  try {
    const v = JSON.parse(body) as unknown;
    return v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Sends per key within a sliding window, to answer the platforms' rate limits. */
export class RateWindow {
  private readonly hits = new Map<string, number[]>();
  /** Records a send at `now` and says whether it stays within `limit` per `windowMs`. */
  allow(key: string, now: number, limit: number, windowMs: number): boolean {
    const live = (this.hits.get(key) ?? []).filter((t) => t > now - windowMs);
    this.hits.set(key, live);
    if (live.length >= limit) return false;
    live.push(now);
    return true;
  }
  clear(): void {
    this.hits.clear();
  }
}

/** WeCom: POST /cgi-bin/webhook/send?key=…, {"msgtype":"text"|"markdown",…}; answers errcode/errmsg. */
function wecom(call: IncomingCall, config: ChannelServerConfig, rate: RateWindow): Answer {
  const key = call.query.key ?? "";
  if (!config.wecom?.some((r) => r.key === key))
    return json("wecom", false, "unknown key", { errcode: 93000, errmsg: "invalid webhook url" });
  const msg = parseJson(call.body);
  if (!msg) return json("wecom", false, "not JSON", { errcode: 40016, errmsg: "invalid json" });
  const type = msg.msgtype;
  const part = (type === "text" || type === "markdown" ? msg[type] : null) as Record<string, unknown> | null;
  const content = part && typeof part.content === "string" ? part.content : null;
  if (content === null || content === "")
    return json("wecom", false, "no content", { errcode: 44004, errmsg: "empty content" });
  const max = type === "text" ? WECOM.textBytes : WECOM.markdownBytes;
  if (bytes(content) > max)
    return json("wecom", false, `content ${bytes(content)} bytes > ${max}`, {
      errcode: 40058,
      errmsg: `content exceed max length ${max}`,
    });
  if (!rate.allow(`wecom:${key}`, call.nowMs, WECOM.perMinute, 60_000))
    return json("wecom", false, "rate limited", { errcode: 45009, errmsg: "api freq out of limit" });
  return json("wecom", true, "ok", { errcode: 0, errmsg: "ok" });
}

/** DingTalk: POST /robot/send?access_token=…[&timestamp=…&sign=…]; 加签 = base64(HMAC-SHA256(secret, ts+"\n"+secret)). */
function dingtalk(call: IncomingCall, config: ChannelServerConfig, rate: RateWindow): Answer {
  const token = call.query.access_token ?? "";
  const robot = config.dingtalk?.find((r) => r.accessToken === token);
  if (!robot)
    return json("dingtalk", false, "unknown token", { errcode: 300001, errmsg: "token is not exist" });
  if (robot.secret !== undefined) {
    const ts = call.query.timestamp ?? "";
    const sign = call.query.sign ?? "";
    if (!/^\d{13}$/.test(ts) || Math.abs(Number(ts) - call.nowMs) > HOUR_MS)
      return json("dingtalk", false, "timestamp missing or more than an hour off", {
        errcode: 310000,
        errmsg: "invalid timestamp",
      });
    const expected = createHmac("sha256", robot.secret).update(`${ts}\n${robot.secret}`).digest("base64");
    // `query` is already URL-decoded: the sign parameter must have been url-encoded once by the sender.
    if (!sameText(sign, expected))
      return json("dingtalk", false, "sign mismatch", { errcode: 310000, errmsg: "sign not match" });
  }
  const msg = parseJson(call.body);
  if (!msg) return json("dingtalk", false, "not JSON", { errcode: 40035, errmsg: "缺少参数 json" });
  const type = msg.msgtype;
  const part = (type === "text" || type === "markdown" ? msg[type] : null) as Record<string, unknown> | null;
  const content = part ? (type === "text" ? part.content : part.text) : null;
  if (
    typeof content !== "string" ||
    content === "" ||
    (type === "markdown" && typeof part?.title !== "string")
  )
    return json("dingtalk", false, "no content", { errcode: 40035, errmsg: "缺少参数 content" });
  if (bytes(content) > DINGTALK.contentBytes)
    return json("dingtalk", false, "content too long", { errcode: 460101, errmsg: "message too long" });
  if (!rate.allow(`dingtalk:${token}`, call.nowMs, DINGTALK.perMinute, 60_000))
    return json("dingtalk", false, "rate limited", {
      errcode: 410100,
      errmsg: "send too fast, exceed 20 times per minute",
    });
  return json("dingtalk", true, "ok", { errcode: 0, errmsg: "ok" });
}

/**
 * Feishu: POST /open-apis/bot/v2/hook/{token}, {"timestamp":"…","sign":"…","msg_type":"text",
 * "content":{"text":"…"}}; sign = base64(HMAC-SHA256 keyed with ts+"\n"+secret over an empty message).
 */
function feishu(call: IncomingCall, config: ChannelServerConfig, rate: RateWindow): Answer {
  const token = call.path.slice("/open-apis/bot/v2/hook/".length);
  const bot = config.feishu?.find((b) => b.token === token);
  if (!bot)
    return json("feishu", false, "unknown token", {
      code: 19001,
      msg: "param invalid: incoming webhook access token invalid",
      data: {},
    });
  if (bytes(call.body) > FEISHU.bodyBytes)
    return json(
      "feishu",
      false,
      "body over 20 KB",
      { code: 9499, msg: "request body too large", data: {} },
      400,
    );
  const msg = parseJson(call.body);
  if (!msg) return json("feishu", false, "not JSON", { code: 9499, msg: "Bad Request", data: {} }, 400);
  if (bot.secret !== undefined) {
    const ts = String(msg.timestamp ?? "");
    const sign = String(msg.sign ?? "");
    const expected = createHmac("sha256", `${ts}\n${bot.secret}`).update("").digest("base64");
    const fresh = /^\d{10}$/.test(ts) && Math.abs(Number(ts) * 1000 - call.nowMs) <= HOUR_MS;
    if (!fresh || !sameText(sign, expected))
      return json("feishu", false, fresh ? "sign mismatch" : "stale timestamp", {
        code: 19021,
        msg: "sign match fail or timestamp is not within one hour from current time",
        data: {},
      });
  }
  const type = msg.msg_type;
  const content = msg.content as Record<string, unknown> | undefined;
  const ok =
    (type === "text" && typeof content?.text === "string" && content.text !== "") ||
    (type === "post" && typeof content?.post === "object" && content.post !== null);
  if (!ok)
    return json("feishu", false, "bad message", {
      code: 19002,
      msg: "params error, msg_type need",
      data: {},
    });
  if (
    !rate.allow(`feishu-s:${token}`, call.nowMs, FEISHU.perSecond, 1_000) ||
    !rate.allow(`feishu-m:${token}`, call.nowMs, FEISHU.perMinute, 60_000)
  )
    return json("feishu", false, "rate limited", { code: 11232, msg: "frequency limited", data: {} });
  return json("feishu", true, "ok", { code: 0, msg: "success", data: {} });
}

/** Slack: POST /services/T/B/X, JSON with "text" (or "blocks"); answers "ok" or an error word. */
function slack(call: IncomingCall, config: ChannelServerConfig): Answer {
  if (!config.slack?.some((s) => s.path === call.path))
    return text("slack", false, "unknown webhook", "no_service", 404);
  const msg = parseJson(call.body);
  if (!msg || (typeof msg.text !== "string" && !Array.isArray(msg.blocks)) || msg.text === "")
    return text("slack", false, "no text", "invalid_payload", 400);
  return text("slack", true, "ok", "ok", 200);
}

/** The SMS relay: method, required headers and fields as configured; answers {"code":"OK"}. */
function sms(call: IncomingCall, gw: SmsGatewayConfig): Answer {
  if (call.method !== gw.method) return json("sms", false, "method", { code: "MethodNotAllowed" }, 405);
  for (const [k, v] of Object.entries(gw.requireHeaders ?? {}))
    if ((call.headers[k.toLowerCase()] ?? "") !== v)
      return json("sms", false, `header ${k}`, { code: "Unauthorized" }, 401);
  const type = call.headers["content-type"] ?? "";
  const fields: Record<string, unknown> = { ...call.query };
  if (call.body) {
    if (type.includes("json")) {
      const msg = parseJson(call.body);
      if (!msg) return json("sms", false, "not JSON", { code: "InvalidJson" }, 400);
      Object.assign(fields, msg);
    } else if (type.includes("x-www-form-urlencoded")) {
      for (const [k, v] of new URLSearchParams(call.body)) fields[k] = v;
    }
  }
  const missing = (gw.requireFields ?? []).find((f) => fields[f] === undefined || fields[f] === "");
  if (missing)
    return json("sms", false, `field ${missing}`, { code: "MissingParameter", message: missing }, 400);
  return json("sms", true, "ok", { code: "OK", message: "OK" });
}

/** Routes one request to its platform and answers as it would. */
export function answerCall(call: IncomingCall, config: ChannelServerConfig, rate: RateWindow): Answer {
  const gw = config.sms?.find((g) => g.path === call.path);
  if (gw) return sms(call, gw);
  if (call.method !== "POST") return text(null, false, "method", "method not allowed", 405);
  if (call.path === "/cgi-bin/webhook/send") return wecom(call, config, rate);
  if (call.path === "/robot/send") return dingtalk(call, config, rate);
  if (call.path.startsWith("/open-apis/bot/v2/hook/")) return feishu(call, config, rate);
  if (call.path.startsWith("/services/")) return slack(call, config);
  return text(null, false, "no such endpoint", "not found", 404);
}
