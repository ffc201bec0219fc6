// The web app's settings server functions (Settings → Web app): integration tokens, portal links,
// webhooks and the deployment's address. Bound in src/gas/server-functions.ts, whose wrapper has checked
// the table's permission and audits each write; the checks here are the per-customer ones.
import { isRoleEmail } from "../../core/access/roles";
import { CUSTOMERS } from "../../core/schema/sheets";
import { customerIdKey } from "../../core/table/validate/validate-table";
import type {
  ApiTokenInfo,
  CreatedApiToken,
  PortalLink,
  WebAppSettings,
  WebhookInfo,
} from "../../shared/webapp";
import { callerAccess, ForbiddenError, implicitOwners, roleAssignments } from "../platform/guard";
import { currentUser } from "../platform/locale";
import { readTable } from "../platform/sheet-table";
import { createToken, listTokens, revokeToken } from "./api-tokens";
import { storeWebAppSettings, webAppLink, webAppSettings } from "./links";
import { portalLinkToken, revokePortal } from "./portal-key";
import { addWebhook as add, listWebhooks as list, removeWebhook as remove } from "./webhooks";

export function listApiTokens(): readonly ApiTokenInfo[] {
  return listTokens();
}

/** A token acting for `actsFor` (a team member) or for the whole book (""). */
export function createApiToken(name: string, actsFor: string): CreatedApiToken {
  const member = String(actsFor ?? "")
    .trim()
    .toLowerCase();
  if (member) {
    const owners = implicitOwners();
    const team = [...Object.keys(roleAssignments()), owners.spreadsheetOwner, owners.installer].map((e) =>
      e.toLowerCase(),
    );
    if (!isRoleEmail(member) || !team.includes(member))
      throw new Error(`${member} is not a team member. / ${member} 不是团队成员。`);
  }
  return createToken(name, member, currentUser());
}

export function revokeApiToken(id: string): readonly ApiTokenInfo[] {
  return revokeToken(String(id ?? ""));
}

/** The customer's Owner cell, or throws when no such customer is visible and changeable by the caller. */
function requireEditableCustomer(customerId: string): string {
  const id = String(customerId ?? "").trim();
  const table = readTable(CUSTOMERS);
  const idAt = table?.map.index.get("CustomerID");
  const ownerAt = table?.map.index.get("Owner");
  const row =
    table && idAt !== undefined
      ? table.rows.find((r) => customerIdKey(r[idAt]) === customerIdKey(id))
      : undefined;
  const access = callerAccess();
  const owner = row && ownerAt !== undefined ? row[ownerAt] : "";
  if (!row || !access.edits(owner))
    throw new ForbiddenError(
      access.role,
      "edit-own",
      `No customer ${id} you may change. / 没有您可修改的客户 ${id}。`,
    );
  return String(row[idAt!]).trim();
}

export function createPortalLink(customerId: string): PortalLink {
  const id = requireEditableCustomer(customerId);
  const { token, expiresMs } = portalLinkToken(id, webAppSettings().portalDays);
  const query = `view=portal&t=${encodeURIComponent(token)}`;
  return { customerId: id, url: webAppLink(query), query, expiresAt: new Date(expiresMs).toISOString() };
}

/** Refuses every link of one customer made so far (anyone who may change the customer). */
export function revokePortalLinks(customerId: string): { readonly revoked: string } {
  const canonical = requireEditableCustomer(customerId);
  revokePortal(canonical);
  return { revoked: canonical };
}

/** Refuses every portal link made so far: a new signing key (owners and managers). */
export function rotatePortalKey(): { readonly revoked: string } {
  revokePortal("");
  return { revoked: "all" };
}

export function getWebAppSettings(): WebAppSettings {
  return webAppSettings();
}

export function saveWebAppSettings(settings: WebAppSettings): WebAppSettings {
  return storeWebAppSettings(settings);
}

export function listWebhooks(): readonly WebhookInfo[] {
  return list();
}

export function addWebhook(url: string, events: readonly string[]): { webhook: WebhookInfo; secret: string } {
  return add(url, Array.isArray(events) ? events.map(String) : []);
}

export function removeWebhook(id: string): readonly WebhookInfo[] {
  return remove(String(id ?? ""));
}
