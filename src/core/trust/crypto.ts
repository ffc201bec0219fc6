import { gcm } from "@noble/ciphers/aes.js";
import { base64Decode, base64Encode, utf8Decode, utf8Encode } from "./bytes";

/** Prefix of a stored ciphertext; the version lets a later key or format change coexist with old cells. */
export const CIPHER_PREFIX = "enc:v1:";

export const KEY_BYTES = 32;
export const NONCE_BYTES = 12;
const COUNTER_BYTES = 6;

/**
 * A 96-bit GCM nonce: a 48-bit big-endian counter (kept in document properties beside the key, bumped
 * under the script lock) followed by 48 random bits. The counter alone makes nonces unique; the random half still keeps them
 * apart if the properties are ever restored to an older counter.
 * @param counter a non-negative integer below 2^48
 * @param random at least 6 bytes; only the first 6 are used
 */
export function makeNonce(counter: number, random: Uint8Array): Uint8Array {
  if (!Number.isSafeInteger(counter) || counter < 0 || counter >= 2 ** 48)
    throw new Error(`nonce counter out of range: ${counter}`);
  if (random.length < NONCE_BYTES - COUNTER_BYTES) throw new Error("nonce needs 6 random bytes");
  const nonce = new Uint8Array(NONCE_BYTES);
  let n = counter;
  for (let i = COUNTER_BYTES - 1; i >= 0; i--) {
    nonce[i] = n % 256;
    n = Math.floor(n / 256);
  }
  nonce.set(random.subarray(0, NONCE_BYTES - COUNTER_BYTES), COUNTER_BYTES);
  return nonce;
}

/**
 * What a ciphertext is bound to (GCM associated data): the sheet, row ID and column. A ciphertext moved
 * to another customer's or column's slot then fails to decrypt instead of revealing the wrong value.
 */
export function cellContext(sheet: string, rowKey: string, column: string): string {
  return `${sheet}\u0000${rowKey}\u0000${column}`;
}

function checkKey(key: Uint8Array): void {
  if (key.length !== KEY_BYTES) throw new Error(`AES-256 needs a ${KEY_BYTES}-byte key, got ${key.length}`);
}

/**
 * Encrypts one field with AES-256-GCM. Returns "enc:v1:" + base64(nonce ‖ ciphertext ‖ 16-byte tag).
 * The caller must never pass the same nonce twice under one key (see {@link makeNonce}).
 */
export function encryptField(key: Uint8Array, nonce: Uint8Array, plaintext: string, context: string): string {
  checkKey(key);
  if (nonce.length !== NONCE_BYTES) throw new Error(`GCM nonce must be ${NONCE_BYTES} bytes`);
  const sealed = gcm(key, nonce, utf8Encode(context)).encrypt(utf8Encode(plaintext));
  const out = new Uint8Array(NONCE_BYTES + sealed.length);
  out.set(nonce, 0);
  out.set(sealed, NONCE_BYTES);
  return CIPHER_PREFIX + base64Encode(out);
}

/** Whether a stored value is a ciphertext of this format. */
export function isCiphertext(value: unknown): value is string {
  return typeof value === "string" && value.startsWith(CIPHER_PREFIX);
}

/**
 * Decrypts a value made by {@link encryptField} with the same key and context. Throws when the token is
 * malformed, the key is wrong, or the token was tampered with or moved to another cell's context.
 */
export function decryptField(key: Uint8Array, token: string, context: string): string {
  checkKey(key);
  if (!isCiphertext(token)) throw new Error("not an enc:v1 ciphertext");
  const raw = base64Decode(token.slice(CIPHER_PREFIX.length));
  if (raw.length < NONCE_BYTES + 16) throw new Error("ciphertext too short");
  const opened = gcm(key, raw.subarray(0, NONCE_BYTES), utf8Encode(context)).decrypt(
    raw.subarray(NONCE_BYTES),
  );
  return utf8Decode(opened);
}
