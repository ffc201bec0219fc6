import { normalizeEmail } from "../escape";
import type { Channel, ChannelMessage } from "./types";

/** Where one person gets what: "mail" or a channel id, per purpose; and their mobile for SMS. */
export interface ChannelChoice {
  /** Their daily reminder digest. */
  readonly reminders: string;
  /** The weekly report and alerts sent to them by mail otherwise (managers). */
  readonly reports: string;
  /** Mobile number for an SMS channel ("" when none). */
  readonly phone: string;
}

/** E-mail (lower case) → choice; stored as the document property "channelChoices". */
export type ChannelChoices = Readonly<Record<string, ChannelChoice>>;

export const MAIL_CHOICE: ChannelChoice = { reminders: "mail", reports: "mail", phone: "" };

/** A mobile number as SMS gateways take it: +86… or 11 digits starting with 1, else "". */
export function normalizePhone(raw: unknown): string {
  const s = String(raw ?? "").replace(/[\s()-]/g, "");
  return /^(\+\d{8,15}|1\d{10})$/.test(s) ? s : "";
}

/** One choice from untrusted input; unknown channel ids fall back to mail. */
export function checkChoice(raw: unknown, channels: readonly Channel[]): ChannelChoice {
  const r = (raw && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const pick = (v: unknown) => {
    const id = String(v ?? "mail");
    return channels.some((c) => c.id === id) ? id : "mail";
  };
  return { reminders: pick(r.reminders), reports: pick(r.reports), phone: normalizePhone(r.phone) };
}

/** The stored choices, re-checked against the channels that exist. */
export function readChoices(raw: unknown, channels: readonly Channel[]): ChannelChoices {
  const out: Record<string, ChannelChoice> = {};
  if (raw && typeof raw === "object")
    for (const [email, c] of Object.entries(raw as Record<string, unknown>)) {
      const e = normalizeEmail(email);
      if (e) out[e] = checkChoice(c, channels);
    }
  return out;
}

/** How to reach one person for one purpose. */
export type Route =
  { readonly via: "mail" } | { readonly via: "channel"; readonly channel: Channel; readonly phone: string };

/**
 * The route for `email`: their chosen channel when it still exists (and, for SMS, when they gave a
 * mobile), else mail — a missing or half-configured channel never silences a reminder.
 */
export function routeFor(
  choices: ChannelChoices,
  channels: readonly Channel[],
  email: string,
  purpose: "reminders" | "reports",
): Route {
  const choice = choices[normalizeEmail(email)];
  if (!choice) return { via: "mail" };
  const channel = channels.find((c) => c.id === choice[purpose]);
  if (!channel) return { via: "mail" };
  if (channel.kind === "sms" && !choice.phone) return { via: "mail" };
  return { via: "channel", channel, phone: choice.phone };
}

/** A rendered mail as a channel message: its subject as title, its plain text as lines. */
export function messageOfMail(
  mail: { readonly subject: string; readonly text: string },
  link?: string,
): ChannelMessage {
  const lines = mail.text
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l, i, all) => l !== "" || (i > 0 && all[i - 1] !== ""));
  return { title: mail.subject, lines, ...(link ? { link } : {}) };
}
