import { utf8Bytes } from "./escape";
import type { ChatKind } from "./types";

/**
 * How much text one message may carry, per platform and format, and how it is measured.
 * - WeCom: text content ≤ 2048 bytes, markdown content ≤ 4096 bytes, UTF-8
 *   (https://developer.work.weixin.qq.com/document/path/91770).
 * - DingTalk: content ≤ 20,000 bytes (https://open.dingtalk.com/document/robots/custom-robot-access).
 * - Feishu: the request body ≤ 20 KB (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot);
 *   2 KB are kept for the JSON around the text, the signature and escapes.
 * - Slack: text over 40,000 characters is truncated; Slack advises at most 4,000
 *   (https://api.slack.com/methods/chat.postMessage#truncating).
 */
export function contentLimit(
  kind: ChatKind,
  format: "text" | "markdown",
): {
  readonly max: number;
  readonly measure: (s: string) => number;
} {
  switch (kind) {
    case "wecom":
      return { max: format === "text" ? 2048 : 4096, measure: utf8Bytes };
    case "dingtalk":
      return { max: 20_000, measure: utf8Bytes };
    case "feishu":
      return { max: 18 * 1024, measure: utf8Bytes };
    case "slack":
      return { max: 4_000, measure: (s) => [...s].length };
  }
}
