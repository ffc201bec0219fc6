import {
  checkChannel,
  checkChoice,
  EMPTY_CHANNELS,
  MAX_CHANNELS,
  readChannels,
  readChoices,
  type Channel,
  type ChannelChoice,
  type ChannelChoices,
} from "../../../core/notify/channels";
import { normalizeEmail } from "../../../core/notify/escape";
import { getDocumentJson, setDocumentJson } from "../../platform/properties";

/**
 * Channels (with their webhook URLs and secrets) and each person's choice are the document's, kept in
 * document properties like the vault key (trust/vault-keys.ts): script properties are shared by every
 * installation of the add-on and user properties follow a user into every document, while document
 * properties belong to this spreadsheet and are reachable only through the add-on's code
 * (https://developers.google.com/apps-script/guides/properties). Only owners and managers may read or
 * change channels through the server functions, and the sidebar only ever gets them masked.
 */
const CHANNELS_KEY = "channels";
const CHOICES_KEY = "channelChoices";

export function loadChannels(): readonly Channel[] {
  return readChannels(getDocumentJson<unknown>(CHANNELS_KEY, EMPTY_CHANNELS)).channels;
}

/** Adds or replaces a channel (by id); returns the error key when it does not validate. */
export function storeChannel(raw: unknown): { ok: true; channel: Channel } | { ok: false; error: string } {
  const r = checkChannel(raw);
  if (!r.ok) return r;
  const others = loadChannels().filter((c) => c.id !== r.channel.id);
  if (others.length >= MAX_CHANNELS) return { ok: false, error: "tooMany" };
  setDocumentJson(CHANNELS_KEY, { channels: [...others, r.channel] });
  return r;
}

/** Removes a channel; people who chose it get mail again (choices are re-checked on read). */
export function removeChannel(id: string): boolean {
  const all = loadChannels();
  const kept = all.filter((c) => c.id !== id);
  if (kept.length === all.length) return false;
  setDocumentJson(CHANNELS_KEY, { channels: kept });
  return true;
}

export function loadChoices(channels: readonly Channel[] = loadChannels()): ChannelChoices {
  return readChoices(getDocumentJson<unknown>(CHOICES_KEY, {}), channels);
}

/** Stores one person's choice (checked against the channels that exist). */
export function storeChoice(email: string, raw: unknown): ChannelChoice {
  const channels = loadChannels();
  const who = normalizeEmail(email);
  if (!who) throw new Error("no e-mail");
  const choice = checkChoice(raw, channels);
  setDocumentJson(CHOICES_KEY, { ...loadChoices(channels), [who]: choice });
  return choice;
}
