import type { Lang } from "./types";

/** The add-on's own tabs (not the user's tables): the audit log, the send log, the vault, segment history. */
export type SystemTab =
  "audit" | "sendLog" | "vault" | "history" | "campaignLog" | "suppression" | "alerts" | "webhookLog";

/**
 * Each system tab's name in either language. A new tab takes the book's language; an existing one is found
 * under either name (a book made before tabs were named in Chinese, or whose language changed since).
 */
export const SYSTEM_TAB_NAMES: Readonly<Record<SystemTab, Readonly<Record<Lang, string>>>> = {
  audit: { en: "AuditLog", "zh-CN": "审计日志" },
  sendLog: { en: "SendLog", "zh-CN": "发送记录" },
  vault: { en: "Vault", "zh-CN": "加密保管库" },
  history: { en: "SegmentHistory", "zh-CN": "分群历史" },
  campaignLog: { en: "CampaignLog", "zh-CN": "营销发送记录" },
  suppression: { en: "Suppression", "zh-CN": "退订名单" },
  alerts: { en: "Alerts", "zh-CN": "预警记录" },
  webhookLog: { en: "WebhookLog", "zh-CN": "Webhook投递记录" },
};

const LANGS: readonly Lang[] = ["en", "zh-CN"];

/** Every name system tab `tab` may have, English first (the name books made before had). */
export function systemTabNames(tab: SystemTab): readonly string[] {
  return LANGS.map((lang) => SYSTEM_TAB_NAMES[tab][lang]);
}

/** Whether `name` is one of system tab `tab`'s names. */
export function isSystemTabName(tab: SystemTab, name: string): boolean {
  return systemTabNames(tab).includes(name);
}

/** The archive number of an audit-log archive name ("AuditLog 2", "审计日志 3"), else undefined. */
export function auditArchiveNumber(name: string): number | undefined {
  for (const base of systemTabNames("audit")) {
    const m = new RegExp(`^${base} (\\d+)$`).exec(name);
    if (m) return Number(m[1]);
  }
  return undefined;
}

/**
 * The system tab `name` is, or undefined for any other tab. The audit log's archives count as the audit
 * log: a privacy read takes all of them on their own terms.
 */
export function systemTabOf(name: string): SystemTab | undefined {
  const kinds = Object.keys(SYSTEM_TAB_NAMES) as SystemTab[];
  const kind = kinds.find((k) => isSystemTabName(k, name));
  if (kind) return kind;
  return auditArchiveNumber(name) !== undefined ? "audit" : undefined;
}
