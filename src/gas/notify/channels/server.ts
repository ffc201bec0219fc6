// Settings → Channels, server side (src/shared/channels.ts): masked channels, add/change/remove/test for
// owners and managers, each member's choice. The one table (src/shared/server-functions.ts) checks the
// role first and audits every change; runJob gives the entry its detail (never a URL or secret).
import { can } from "../../../core/access/roles";
import {
  maskChannel,
  mergeChannelInput,
  type Channel,
  type ChannelChoice,
  type MaskedChannel,
} from "../../../core/notify/channels";
import { normalizeEmail } from "../../../core/notify/escape";
import { isMember } from "../../../core/notify/team";
import type {
  ChannelInput,
  ChannelMember,
  ChannelsView,
  ChannelTestResult,
  SaveChannelResult,
} from "../../../shared/channels";
import { currentRole } from "../../platform/guard";
import { runJob } from "../../platform/job";
import { currentUser } from "../../platform/locale";
import { bookLang } from "../mail-lang";
import { loadTeam } from "../team";
import { sendChannelMessage } from "./send";
import { loadChannels, loadChoices, removeChannel, storeChannel, storeChoice } from "./store";

const canManage = () => can(currentRole(), "manage-settings");

/** What a member who may not manage channels sees of one: its id, kind and name, nothing of its address. */
function nameOnly(c: MaskedChannel): MaskedChannel {
  return { id: c.id, kind: c.kind, name: c.name, url: "", secret: "" };
}

/** The channels (masked) and the choices the caller may see. */
export function channelsView(): ChannelsView {
  const manage = canManage();
  const me = normalizeEmail(currentUser());
  const channels = loadChannels();
  const choices = loadChoices(channels);
  const team = [...loadTeam()].sort();
  const member = (email: string): ChannelMember => ({
    email,
    reminders: choices[email]?.reminders ?? "mail",
    reports: choices[email]?.reports ?? "mail",
    phone: choices[email]?.phone ?? "",
  });
  return {
    channels: channels.map(maskChannel).map((c) => (manage ? c : nameOnly(c))),
    members: manage ? team.map(member) : me && team.includes(me) ? [member(me)] : [],
    me,
    canManage: manage,
  };
}

/** Adds or changes a channel; fields sent empty or masked keep their stored value. */
export function saveChannel(input: ChannelInput): SaveChannelResult {
  return runJob<SaveChannelResult>("Save channel", "manage-settings", () => {
    const raw = (input && typeof input === "object" ? input : {}) as Record<string, unknown>;
    const stored = loadChannels().find((c) => c.id === String(raw.id ?? ""));
    const saved = storeChannel(mergeChannelInput(raw, stored));
    if (!saved.ok)
      return {
        result: { ok: false, error: saved.error },
        outcome: { rowsAffected: 0, detail: `refused: ${saved.error}` },
      };
    return {
      result: { ok: true, view: channelsView() },
      outcome: {
        rowsAffected: 0,
        detail: `${stored ? "changed" : "added"} ${saved.channel.kind} channel "${saved.channel.id}"`,
      },
    };
  });
}

export function deleteChannel(id: string): ChannelsView {
  return runJob("Remove channel", "manage-settings", () => {
    const removed = removeChannel(String(id ?? ""));
    return {
      result: channelsView(),
      outcome: { rowsAffected: 0, detail: removed ? `removed channel "${String(id)}"` : "no such channel" },
    };
  });
}

/** A short test message through one channel, in the book's language. */
export function sendChannelTest(id: string, phone?: string): ChannelTestResult {
  return runJob("Test channel", "manage-settings", () => {
    const channel: Channel | undefined = loadChannels().find((c) => c.id === String(id ?? ""));
    if (!channel) throw new Error(`No channel "${String(id)}".`);
    const me = normalizeEmail(currentUser());
    const to = String(phone ?? "").trim() || loadChoices()[me]?.phone || "";
    const zh = bookLang() === "zh-CN";
    const result = sendChannelMessage(
      channel,
      {
        title: zh ? "Sheet CRM 测试消息" : "Sheet CRM test message",
        lines: [
          zh
            ? `${me || "Sheet CRM"} 发送的测试消息：通道可用。`
            : `Sent by ${me || "Sheet CRM"}: the channel works.`,
        ],
      },
      to,
    );
    return {
      result: { outcome: result.outcome, detail: result.detail.slice(0, 300) },
      outcome: { rowsAffected: 0, detail: `${channel.kind} channel "${channel.id}": ${result.outcome}` },
    };
  });
}

/**
 * Sets one member's choice. A member sets their own reminders' channel and mobile; owners and managers
 * set anyone's, and the channel of reports and alerts (a member's own change keeps it).
 */
export function saveChannelChoice(
  email: string,
  choice: Partial<Omit<ChannelMember, "email">>,
): ChannelsView {
  return runJob("Save channel choice", "view", () => {
    const who = normalizeEmail(email);
    const me = normalizeEmail(currentUser());
    const manage = canManage();
    if (!who || !isMember(loadTeam(), who)) throw new Error("Only team members choose a channel.");
    if (who !== me && !manage) throw new Error("Only owners and managers choose for someone else.");
    const was: ChannelChoice = loadChoices()[who] ?? { reminders: "mail", reports: "mail", phone: "" };
    const c = (choice && typeof choice === "object" ? choice : {}) as Record<string, unknown>;
    const next = {
      reminders: c.reminders ?? was.reminders,
      reports: manage ? (c.reports ?? was.reports) : was.reports,
      phone: c.phone ?? was.phone,
    };
    const saved = storeChoice(who, next);
    return {
      result: channelsView(),
      outcome: { rowsAffected: 0, detail: `${who}: reminders=${saved.reminders} reports=${saved.reports}` },
    };
  });
}
