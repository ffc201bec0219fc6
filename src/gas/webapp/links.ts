// The web app's own address (the team deployment's /exec URL, set in settings) and the links built on it:
// portal links and campaign mails' unsubscribe links.
import type { WebAppSettings } from "../../shared/webapp";
import { getDocumentJson, setDocumentJson } from "../platform/properties";

export const WEBAPP_SETTINGS_PROPERTY = "webApp";
const DEFAULTS: WebAppSettings = { url: "", portalDays: 30 };

export function webAppSettings(): WebAppSettings {
  const s = getDocumentJson<Partial<WebAppSettings>>(WEBAPP_SETTINGS_PROPERTY, {});
  return {
    url: typeof s.url === "string" ? s.url : DEFAULTS.url,
    portalDays:
      typeof s.portalDays === "number" && s.portalDays >= 1 && s.portalDays <= 365
        ? Math.floor(s.portalDays)
        : DEFAULTS.portalDays,
  };
}

/** Saves the settings; the address must be an Apps Script web app's /exec (or a local one offline). */
export function storeWebAppSettings(raw: WebAppSettings): WebAppSettings {
  const url = String(raw?.url ?? "").trim();
  if (
    url &&
    !/^https:\/\/script\.google\.com\/(a\/[^/\s]+\/)?macros\/s\/[\w-]+\/exec$/.test(url) &&
    !/^http:\/\/127\.0\.0\.1:\d+\/exec$/.test(url)
  )
    throw new Error(
      "The address must be the web app's URL ending in /exec. / 地址须为以 /exec 结尾的网页应用网址。",
    );
  const days = Number(raw?.portalDays);
  if (!Number.isInteger(days) || days < 1 || days > 365)
    throw new Error("Portal links last 1 to 365 days. / 门户链接有效期为 1 到 365 天。");
  const next = { url, portalDays: days };
  setDocumentJson(WEBAPP_SETTINGS_PROPERTY, next);
  return next;
}

/** The web app's URL with `query`, or "" when the address is not set. */
export function webAppLink(query: string): string {
  const { url } = webAppSettings();
  return url ? `${url}?${query}` : "";
}

/** The one-click unsubscribe link for a campaign mail's token, or "" (then the mailto stays). */
export function unsubscribeLink(token: string): string {
  return webAppLink(`view=unsubscribe&t=${encodeURIComponent(token)}`);
}
