/**
 * Settings → Channels: the chat robots and SMS gateways (WeCom, DingTalk, Feishu, Slack, SMS relay) and
 * each team member's choice. Webhook URLs, signing secrets and gateway headers never reach the sidebar in
 * clear: channels come masked ("••••abcd"), and a form that sends a field back empty or still masked keeps
 * the stored value. Owners and managers add, change, remove and test channels and choose for anyone; every
 * member chooses their own reminders' channel and mobile. Every change is audited.
 */
import type { ChannelKind, MaskedChannel } from "../core/notify/channels";

export type { ChannelKind, MaskedChannel } from "../core/notify/channels";

/** The channel kinds, in the order the form offers them (a copy of core's CHANNEL_KINDS). */
export const CHANNEL_KIND_LIST: readonly ChannelKind[] = ["wecom", "dingtalk", "feishu", "slack", "sms"];
/** The SMS body template's merge fields (a copy of core's SMS_FIELDS). */
export const SMS_TEMPLATE_FIELDS = ["Phone", "Text", "Title"] as const;

/** One team member's choice: "mail" or a channel id, per purpose, and their mobile for SMS. */
export interface ChannelMember {
  readonly email: string;
  readonly reminders: string;
  /** Reports and alerts (managers choose it). */
  readonly reports: string;
  readonly phone: string;
}

export interface ChannelsView {
  /** Masked; for members who may not manage channels only id, kind and name are filled. */
  readonly channels: readonly MaskedChannel[];
  /** Every team member for owners and managers; the caller alone for anyone else. */
  readonly members: readonly ChannelMember[];
  readonly me: string;
  /** Whether the caller may add, change, remove and test channels and choose for others. */
  readonly canManage: boolean;
}

/** What the form sends for one channel (fields as in core's Channel; secrets empty or masked = keep). */
export type ChannelInput = Readonly<Record<string, unknown>>;

export type SaveChannelResult =
  | { readonly ok: true; readonly view: ChannelsView }
  /** `error`: a key of the form's texts ("url", "secret", "template", "tooMany", …). */
  | { readonly ok: false; readonly error: string };

/** A test message's fate (core/notify/channels answer.ts); `detail` is the platform's answer. */
export interface ChannelTestResult {
  readonly outcome: "sent" | "failed" | "deferred" | "unknown";
  readonly detail: string;
}

export interface ChannelsApi {
  listChannels(): ChannelsView;
  saveChannel(input: ChannelInput): SaveChannelResult;
  deleteChannel(id: string): ChannelsView;
  /** Posts a short test message (to `phone` for SMS: the caller's own mobile when blank). */
  sendChannelTest(id: string, phone?: string): ChannelTestResult;
  /** Sets one member's choice; a member sets their own reminders and mobile, managers anything. */
  saveChannelChoice(email: string, choice: Partial<Omit<ChannelMember, "email">>): ChannelsView;
}
