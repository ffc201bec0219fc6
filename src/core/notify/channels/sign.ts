import type { HmacBase64 } from "./types";

/**
 * DingTalk 加签: sign = urlEncode(base64(HMAC-SHA256(key = secret, message = timestamp + "\n" + secret))),
 * timestamp in milliseconds, within an hour of DingTalk's clock; both go into the webhook's query
 * (https://open.dingtalk.com/document/robots/customize-robot-security-settings).
 */
export function dingtalkSignedUrl(url: string, secret: string, nowMs: number, hmac: HmacBase64): string {
  const timestamp = String(Math.floor(nowMs));
  const sign = hmac(`${timestamp}\n${secret}`, secret);
  const joiner = url.includes("?") ? "&" : "?";
  return `${url}${joiner}timestamp=${timestamp}&sign=${encodeURIComponent(sign)}`;
}

/**
 * Feishu/Lark signature: sign = base64(HMAC-SHA256(key = timestamp + "\n" + secret, message = "")),
 * timestamp in seconds, within an hour; both go into the JSON body
 * (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot).
 */
export function feishuSignature(
  secret: string,
  nowMs: number,
  hmac: HmacBase64,
): { readonly timestamp: string; readonly sign: string } {
  const timestamp = String(Math.floor(nowMs / 1000));
  return { timestamp, sign: hmac("", `${timestamp}\n${secret}`) };
}
