/**
 * The customer portal's signed link: `v1.<customer>.<issued>.<expires>.<signature>`, where customer is
 * the CustomerID in base64url, issued and expires are epoch seconds in base 36, and the signature is
 * HMAC-SHA-256 over everything before it under the document's portal key (the caller computes it:
 * Utilities.computeHmacSha256Signature in Apps Script). Revocable two ways: rotating the key refuses
 * every link made before, and a per-customer revocation time refuses that customer's links issued
 * before it. Nothing in the link is secret but the signature; nothing can be changed without the key.
 */
import { base64urlDecode, base64urlEncode, utf8Decode, utf8Encode } from "../trust/bytes";

/** Computes HMAC-SHA-256 of `message` under the portal key, as bytes. */
export type Signer = (message: string) => readonly number[];

export type LinkRefusal = "malformed" | "altered" | "expired" | "revoked";

export type LinkCheck =
  | { readonly ok: true; readonly customerId: string; readonly expiresMs: number }
  | { readonly ok: false; readonly reason: LinkRefusal };

/** base64url → UTF-8 text, or null when it is not valid base64url of UTF-8. */
function fromBase64url(text: string): string | null {
  const bytes = base64urlDecode(text);
  if (bytes === null) return null;
  try {
    return utf8Decode(bytes);
  } catch {
    return null;
  }
}

/** Equal strings compared in time independent of where they differ. */
export function sameText(a: string, b: string): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    diff |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return diff === 0;
}

/**
 * A signed link token for `customerId`, valid from `issuedMs` until `expiresMs`.
 */
export function signPortalLink(
  sign: Signer,
  customerId: string,
  issuedMs: number,
  expiresMs: number,
): string {
  const body = [
    "v1",
    base64urlEncode(utf8Encode(customerId)),
    Math.floor(issuedMs / 1000).toString(36),
    Math.floor(expiresMs / 1000).toString(36),
  ].join(".");
  return `${body}.${base64urlEncode(sign(body))}`;
}

/**
 * Checks a link token: its shape, then its signature (an altered customer, time or signature is
 * "altered"), then its expiry, then the customer's revocation time (links issued before it are refused).
 */
export function checkPortalLink(
  sign: Signer,
  token: string,
  nowMs: number,
  revokedBeforeMs: (customerId: string) => number | undefined,
): LinkCheck {
  const parts = String(token ?? "")
    .trim()
    .split(".");
  if (parts.length !== 5 || parts[0] !== "v1" || parts.some((p) => p === "") || token.length > 600)
    return { ok: false, reason: "malformed" };
  const [v, id64, issued36, expires36, signature] = parts;
  const body = [v, id64, issued36, expires36].join(".");
  if (!sameText(base64urlEncode(sign(body)), signature)) return { ok: false, reason: "altered" };
  const customerId = fromBase64url(id64);
  const issuedMs = parseInt(issued36, 36) * 1000;
  const expiresMs = parseInt(expires36, 36) * 1000;
  if (customerId === null || !Number.isFinite(issuedMs) || !Number.isFinite(expiresMs))
    return { ok: false, reason: "malformed" };
  if (nowMs >= expiresMs) return { ok: false, reason: "expired" };
  const revoked = revokedBeforeMs(customerId);
  if (revoked !== undefined && issuedMs < revoked) return { ok: false, reason: "revoked" };
  return { ok: true, customerId, expiresMs };
}
