// Random secrets and digests for the web app: tokens, keys, hashes (Utilities only; no Apps Script
// crypto beyond digests and HMAC exists: https://developers.google.com/apps-script/reference/utilities/utilities).

/** Hex of bytes as Apps Script returns them (signed). */
export function hex(bytes: readonly number[]): string {
  return bytes.map((b) => (b & 255).toString(16).padStart(2, "0")).join("");
}

/** `n` × 122 random bits from getUuid, as hex. */
export function randomHex(uuids: number): string {
  let out = "";
  for (let i = 0; i < uuids; i++) out += Utilities.getUuid().replace(/-/g, "");
  return out.toLowerCase();
}

/** SHA-256 of UTF-8 text, as hex. */
export function sha256Hex(text: string): string {
  return hex(
    Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, text, Utilities.Charset.UTF_8) as number[],
  );
}

/** HMAC-SHA-256 of UTF-8 text under a key. */
export function hmacSha256(message: string, key: string): number[] {
  return Utilities.computeHmacSha256Signature(message, key, Utilities.Charset.UTF_8) as number[];
}
