import { escapeFor, fitLines } from "./escape";
import { contentLimit } from "./limits";
import { dingtalkSignedUrl, feishuSignature } from "./sign";
import { renderSmsRequest } from "./sms-template";
import type { ChannelMessage, ChannelRequest, ChatChannel, HmacBase64, SmsChannel } from "./types";

const JSON_TYPE = "application/json";

/** Escaped, fitted text of a message for a chat platform (title first), in its format. */
export function chatText(channel: ChatChannel, message: ChannelMessage): string {
  const k = channel.kind;
  const md = channel.format === "markdown";
  const title = escapeFor(k, message.title);
  const head =
    md && k === "slack" ? `*${title}*` : md && (k === "wecom" || k === "dingtalk") ? `### ${title}` : title;
  const lines = message.lines.map((l) => escapeFor(k, l));
  const link = message.link ? linkLine(channel, message.link) : null;
  const { max, measure } = contentLimit(k, channel.format);
  const tail = link ? [link] : [];
  // The link is ours and short: kept whatever is cut from the lines.
  const room = max - (link ? measure(link) + 1 : 0);
  return [fitLines([head, ...lines], room, measure), ...tail].join("\n");
}

/** A link in the channel's syntax; the URL is the spreadsheet's (ours), its text fixed. */
function linkLine(channel: ChatChannel, url: string): string {
  const safe = /^https?:\/\/[^\s<>()[\]|"]+$/.test(url) ? url : "";
  if (!safe) return "";
  if (channel.format === "markdown") {
    if (channel.kind === "slack") return `<${safe}|Sheet CRM>`;
    if (channel.kind === "wecom" || channel.kind === "dingtalk") return `[Sheet CRM](${safe})`;
  }
  return safe;
}

/**
 * The request that posts `message` to a chat robot, signed where the robot has a secret (DingTalk in the
 * URL, Feishu in the body). `nowMs` is the signing time.
 * - WeCom: {"msgtype":"text","text":{"content"}} | {"msgtype":"markdown","markdown":{"content"}}
 * - DingTalk: {"msgtype":"text","text":{"content"}} | {"msgtype":"markdown","markdown":{"title","text"}}
 * - Feishu: {"msg_type":"text","content":{"text"}} | {"msg_type":"post","content":{"post":{"zh_cn":…}}}
 *   (a post's elements are plain text by construction)
 * - Slack: {"text"} (mrkdwn only in the markdown format; escaped either way)
 */
export function chatRequest(
  channel: ChatChannel,
  message: ChannelMessage,
  nowMs: number,
  hmac: HmacBase64,
): ChannelRequest {
  const md = channel.format === "markdown";
  const content = chatText(channel, message);
  let url = channel.url;
  let body: unknown;
  switch (channel.kind) {
    case "wecom":
      body = md ? { msgtype: "markdown", markdown: { content } } : { msgtype: "text", text: { content } };
      break;
    case "dingtalk":
      if (channel.secret) url = dingtalkSignedUrl(url, channel.secret, nowMs, hmac);
      body = md
        ? {
            msgtype: "markdown",
            markdown: { title: escapeFor("dingtalk", message.title).slice(0, 60), text: content },
          }
        : { msgtype: "text", text: { content } };
      break;
    case "feishu": {
      const signed = channel.secret ? feishuSignature(channel.secret, nowMs, hmac) : null;
      body = {
        ...(signed ?? {}),
        ...(md
          ? { msg_type: "post", content: { post: { zh_cn: feishuPost(channel, message) } } }
          : { msg_type: "text", content: { text: content } }),
      };
      break;
    }
    case "slack":
      body = md ? { text: content, mrkdwn: true } : { text: content, mrkdwn: false };
      break;
  }
  return { url, method: "post", contentType: JSON_TYPE, headers: {}, payload: JSON.stringify(body) };
}

/** A Feishu rich-text post: title and one plain "text" element per line; the link as an "a" element. */
function feishuPost(channel: ChatChannel, message: ChannelMessage): unknown {
  const { max, measure } = contentLimit("feishu", "markdown");
  const text = fitLines(
    message.lines.map((l) => escapeFor("feishu", l)),
    max,
    measure,
  );
  const rows: unknown[][] = text.split("\n").map((line) => [{ tag: "text", text: line }]);
  const link = message.link && /^https?:\/\/\S+$/.test(message.link) ? message.link : "";
  if (link) rows.push([{ tag: "a", text: "Sheet CRM", href: link }]);
  return { title: escapeFor("feishu", message.title).slice(0, 100), content: rows };
}

/** The plain text of a message for an SMS: title and lines, cut to the channel's characters. */
export function smsText(channel: SmsChannel, message: ChannelMessage): string {
  const lines = [message.title, ...message.lines].map((l) => escapeFor("sms", l).replace(/\s+/g, " ").trim());
  return fitLines(lines.filter(Boolean), channel.maxChars, (s) => [...s].length).replace(/\n/g, " ");
}

/** The request that sends `message` as one SMS to `phone` through the gateway (merge fields filled). */
export function smsRequest(channel: SmsChannel, message: ChannelMessage, phone: string): ChannelRequest {
  return renderSmsRequest(channel, { Phone: phone, Text: smsText(channel, message), Title: message.title });
}
