// The portal's signing key and revocations (document properties, reachable only through the add-on's
// code). A link is HMAC-SHA-256 over the customer and its times (core/webapp/portal-link.ts) under the
// key; rotating the key refuses every earlier link, and a customer's revocation time refuses theirs.
import { checkPortalLink, signPortalLink, type LinkCheck } from "../../core/webapp/portal-link";
import { getDocumentJson, setDocumentJson } from "../platform/properties";
import { hmacSha256, randomHex } from "./secrets";

const KEY_PROPERTY = "portalKey";
const REVOKED_PROPERTY = "portalRevoked";
/** Revocations kept at most (each ~30 bytes of a 9 KB value); the oldest go first. */
const MAX_REVOKED = 250;

function key(create: boolean): string {
  const props = PropertiesService.getDocumentProperties();
  let k = props.getProperty(KEY_PROPERTY) ?? "";
  if (!k && create) {
    k = randomHex(2);
    props.setProperty(KEY_PROPERTY, k);
  }
  return k;
}

export function portalLinkToken(customerId: string, days: number): { token: string; expiresMs: number } {
  const k = key(true);
  const now = Date.now();
  const expiresMs = now + days * 86_400_000;
  return { token: signPortalLink((m) => hmacSha256(m, k), customerId, now, expiresMs), expiresMs };
}

export function checkPortalToken(token: string): LinkCheck {
  const k = key(false);
  if (!k) return { ok: false, reason: "altered" };
  const revoked = getDocumentJson<Record<string, number>>(REVOKED_PROPERTY, {});
  return checkPortalLink(
    (m) => hmacSha256(m, k),
    token,
    Date.now(),
    (id) => revoked[id.trim().toLowerCase()],
  );
}

/** Refuses the links of one customer made until now, or every link (a new key) when `customerId` is "". */
export function revokePortal(customerId: string): void {
  if (!customerId) {
    PropertiesService.getDocumentProperties().setProperty(KEY_PROPERTY, randomHex(2));
    return;
  }
  const revoked = getDocumentJson<Record<string, number>>(REVOKED_PROPERTY, {});
  revoked[customerId.trim().toLowerCase()] = Date.now() + 1000;
  const entries = Object.entries(revoked)
    .sort((a, b) => a[1] - b[1])
    .slice(-MAX_REVOKED);
  setDocumentJson(REVOKED_PROPERTY, Object.fromEntries(entries));
}
