/** The chat platforms a robot channel can post to. */
export type ChatKind = "wecom" | "dingtalk" | "feishu" | "slack";
/** Every channel kind; "mail" is not one of them (it needs no configuration). */
export type ChannelKind = ChatKind | "sms";
export const CHANNEL_KINDS: readonly ChannelKind[] = ["wecom", "dingtalk", "feishu", "slack", "sms"];

/** A group robot or incoming webhook: its URL (which holds its token) and, when signed, its secret. */
export interface ChatChannel {
  readonly id: string;
  readonly kind: ChatKind;
  readonly name: string;
  readonly url: string;
  /** DingTalk 加签 (SEC…) or Feishu signature secret; "" when the robot is not signed. */
  readonly secret: string;
  readonly format: "text" | "markdown";
}

/** An SMS gateway reached over HTTP (the user's own relay to Aliyun, Tencent Cloud…). */
export interface SmsChannel {
  readonly id: string;
  readonly kind: "sms";
  readonly name: string;
  /** May hold {{Phone}} / {{Text}} merge fields (URL-encoded when filled). */
  readonly url: string;
  readonly method: "post" | "get" | "put";
  readonly contentType: "application/json" | "application/x-www-form-urlencoded";
  /** Sent as is (API keys live here: secrets, masked in the sidebar). */
  readonly headers: Readonly<Record<string, string>>;
  /** The body with merge fields, e.g. {"to":"{{Phone}}","text":"{{Text}}"}; "" for none. */
  readonly bodyTemplate: string;
  /** Characters of the message text at most (long SMS are split and billed per part by carriers). */
  readonly maxChars: number;
}

export type Channel = ChatChannel | SmsChannel;

/**
 * What a channel carries: a title and plain lines written by the add-on, into which customer data has
 * been put as plain text. Each platform's builder escapes it (escape.ts): data never becomes markup.
 */
export interface ChannelMessage {
  readonly title: string;
  readonly lines: readonly string[];
  /** A link to the spreadsheet (or a row), shown as a link where the platform has them. */
  readonly link?: string;
}

/** The HTTP request to send (URL, method, content type, headers, payload), as Apps Script's fetch takes it. */
export interface ChannelRequest {
  readonly url: string;
  readonly method: "post" | "get" | "put";
  readonly contentType: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly payload: string;
}

/** HMAC-SHA256 of `message` under `key`, base64 (the gas side uses Apps Script's computeHmacSha256Signature). */
export type HmacBase64 = (message: string, key: string) => string;
