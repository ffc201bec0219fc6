import type { RenderedMail } from "../../../core/notify/digest";
import { messageOfMail, routeFor, type Channel, type Route } from "../../../core/notify/channels";
import type { SendStatus } from "../../../core/notify/send-log";
import { sendMail } from "../mailer";
import { sendChannelMessage } from "./send";
import { loadChannels, loadChoices } from "./store";

/** A channel send that did not fail but must not be logged "failed": quota (deferred) or timeout (pending). */
export class ChannelHeld extends Error {
  constructor(
    readonly status: Extract<SendStatus, "deferred" | "pending">,
    message: string,
  ) {
    super(message);
  }
}

let cache: {
  channels: readonly Channel[];
  route: (email: string, p: "reminders" | "reports") => Route;
} | null = null;

/** How `email` gets `purpose` (their choice in Settings → Channels; mail when none). Read once per run. */
export function routeOf(email: string, purpose: "reminders" | "reports"): Route {
  if (!cache) {
    const channels = loadChannels();
    const choices = channels.length ? loadChoices(channels) : {};
    cache = { channels, route: (e, p) => routeFor(choices, channels, e, p) };
  }
  return cache.route(email, purpose);
}

/** The SendLog Channel of a route: "" for mail, else the channel's id. */
export function channelIdOf(route: Route): string {
  return route.via === "mail" ? "" : route.channel.id;
}

/**
 * Delivers a rendered mail by `route`: mail as before (sendMail), or the same text as a channel message.
 * Throws on failure (the caller logs "failed" with the message), and {@link ChannelHeld} when the send
 * is to be logged deferred (UrlFetch quota) or left pending (timed out: it may have arrived).
 */
export function deliver(
  route: Route,
  to: string,
  mail: RenderedMail,
  senderName: string,
  replyTo?: string,
  link?: string,
): void {
  if (route.via === "mail") return sendMail(to, mail, senderName, replyTo);
  const result = sendChannelMessage(route.channel, messageOfMail(mail, link), route.phone);
  if (result.outcome === "sent") return;
  if (result.outcome === "deferred") throw new ChannelHeld("deferred", result.detail);
  if (result.outcome === "unknown") throw new ChannelHeld("pending", result.detail);
  throw new Error(`${route.channel.kind}: ${result.detail}`);
}

/** The SendLog status after `deliver` threw `e`. */
export function statusAfter(e: unknown): Extract<SendStatus, "failed" | "deferred" | "pending"> {
  return e instanceof ChannelHeld ? e.status : "failed";
}
