import { nameEnum } from "./name-enum";
import { createHash, createHmac } from "node:crypto";
import { gunzipSync, gzipSync, unzipSync, zipSync } from "fflate";
import { gasError, wrap, type Env } from "./env";
import { formatDate, parseDate } from "./format-date";
import { isDate, newArray } from "./realm";
import { checkZone } from "./zone";

export const DIGEST_ALGORITHM = Object.freeze({
  MD2: "MD2",
  MD5: "MD5",
  SHA_1: "SHA_1",
  SHA_256: "SHA_256",
  SHA_384: "SHA_384",
  SHA_512: "SHA_512",
});
export const CHARSET = Object.freeze({ US_ASCII: "US_ASCII", UTF_8: "UTF_8" });
const NODE_DIGEST: Record<string, string> = {
  MD5: "md5",
  SHA_1: "sha1",
  SHA_256: "sha256",
  SHA_384: "sha384",
  SHA_512: "sha512",
};

/** Java's bytes are signed: Apps Script hands out numbers in -128..127. */
function signed(buf: Uint8Array, env: Env): number[] {
  return newArray(
    env.realm,
    Array.from(buf, (b) => (b > 127 ? b - 256 : b)),
  );
}

function nodeCharset(charset?: string): string {
  const c = String(charset ?? "UTF_8")
    .toUpperCase()
    .replace(/-/g, "_");
  return c === "US_ASCII" ? "ascii" : c === "UTF_8" ? "utf-8" : String(charset);
}

/** Bytes of a string (in a charset) or of a Java-style signed byte array. */
export function toBuffer(data: unknown, charset?: string): Buffer {
  if (typeof data === "string") {
    const cs = nodeCharset(charset);
    if (cs === "utf-8" || cs === "ascii") return Buffer.from(data, cs === "ascii" ? "latin1" : "utf8");
    throw new Error(`Unsupported charset for encoding: ${charset}`);
  }
  if (Array.isArray(data) || data instanceof Uint8Array)
    return Buffer.from(Array.from(data as ArrayLike<number>, (b) => b & 0xff));
  return Buffer.from(String(data), "utf8");
}

/** A Blob: bytes with a content type and name. */
export class BlobApi {
  constructor(
    private readonly _env: Env,
    private _bytes: Buffer,
    private _type: string | null,
    private _name: string | null,
  ) {}
  getBytes(): number[] {
    return signed(this._bytes, this._env);
  }
  getDataAsString(charset?: string): string {
    const cs = nodeCharset(charset);
    return new TextDecoder(cs === "ascii" ? "latin1" : cs).decode(this._bytes);
  }
  setDataFromString(s: string, charset?: string): this {
    this._bytes = toBuffer(String(s), charset);
    return this;
  }
  setBytes(bytes: number[]): this {
    this._bytes = toBuffer(bytes);
    return this;
  }
  getContentType(): string | null {
    return this._type;
  }
  setContentType(t: string): this {
    this._type = t;
    return this;
  }
  getName(): string | null {
    return this._name;
  }
  setName(n: string): this {
    this._name = n;
    return this;
  }
  copyBlob(): BlobApi {
    return newBlob(this._env, Buffer.from(this._bytes), this._type, this._name);
  }
  getBlob(): this {
    return this;
  }
  isGoogleType(): boolean {
    return false;
  }
  /** Emulator-side access for the outbox. */
  _raw(): Buffer {
    return this._bytes;
  }
}

export function newBlob(env: Env, bytes: Buffer, type: string | null, name: string | null): BlobApi {
  return wrap(env, "Blob", new BlobApi(env, bytes, type, name));
}

/** Deterministic v4-shaped UUIDs from a seed, so test output is stable. */
export class UuidSource {
  private n = 0;
  constructor(private readonly seed: string) {}
  next(): string {
    const h = createHash("sha256").update(`${this.seed}:${this.n++}`).digest("hex");
    const variant = ((parseInt(h[16], 16) & 0x3) | 0x8).toString(16);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
  }
}

/** The Utilities service. */
export class UtilitiesApi {
  readonly DigestAlgorithm = DIGEST_ALGORITHM;
  readonly Charset = CHARSET;
  readonly MacAlgorithm = nameEnum([
    "HMAC_MD5",
    "HMAC_SHA_1",
    "HMAC_SHA_256",
    "HMAC_SHA_384",
    "HMAC_SHA_512",
  ]);

  constructor(
    private readonly _env: Env,
    private readonly _uuids: UuidSource,
    private readonly _sleep: (ms: number) => void,
  ) {}

  formatDate(date: Date, timeZone: string, format: string): string {
    if (!isDate(date))
      throw gasError(
        this._env,
        "The parameters (" +
          typeof date +
          ",String,String) don't match the method signature for Utilities.formatDate.",
      );
    checkZone(String(timeZone));
    try {
      return formatDate(date.getTime(), String(timeZone), String(format));
    } catch (e) {
      throw gasError(this._env, (e as Error).message);
    }
  }
  parseDate(text: string, timeZone: string, format: string): Date {
    checkZone(String(timeZone));
    try {
      return new this._env.realm.Date(parseDate(String(text), String(timeZone), String(format)));
    } catch (e) {
      throw gasError(this._env, (e as Error).message);
    }
  }
  formatString(template: string, ...args: unknown[]): string {
    let i = 0;
    return String(template).replace(
      /%(\d+\$)?([-#+ 0,(]*)?(\d+)?(\.\d+)?([sdfx%])/g,
      (_m, _p, _f, width, prec, conv) => {
        if (conv === "%") return "%";
        const v = args[i++];
        let s =
          conv === "d"
            ? String(Math.trunc(Number(v)))
            : conv === "f"
              ? Number(v).toFixed(prec ? Number(prec.slice(1)) : 6)
              : conv === "x"
                ? Number(v).toString(16)
                : String(v);
        if (width) s = s.padStart(Number(width));
        return s;
      },
    );
  }
  getUuid(): string {
    return this._uuids.next();
  }
  computeDigest(algorithm: string, value: unknown, charset?: string): number[] {
    const alg = NODE_DIGEST[String(algorithm)];
    if (!alg) throw gasError(this._env, `Unsupported digest algorithm: ${algorithm}`);
    return signed(createHash(alg).update(toBuffer(value, charset)).digest(), this._env);
  }
  computeHmacSha256Signature(value: unknown, key: unknown, charset?: string): number[] {
    return signed(
      createHmac("sha256", toBuffer(key, charset)).update(toBuffer(value, charset)).digest(),
      this._env,
    );
  }
  computeHmacSignature(algorithm: string, value: unknown, key: unknown, charset?: string): number[] {
    const alg = NODE_DIGEST[String(algorithm).replace(/^HMAC_/, "")];
    return signed(
      createHmac(alg, toBuffer(key, charset)).update(toBuffer(value, charset)).digest(),
      this._env,
    );
  }
  base64Encode(data: unknown, charset?: string): string {
    return toBuffer(data, charset).toString("base64");
  }
  base64EncodeWebSafe(data: unknown, charset?: string): string {
    return toBuffer(data, charset).toString("base64").replace(/\+/g, "-").replace(/\//g, "_");
  }
  base64Decode(encoded: string): number[] {
    return signed(Buffer.from(String(encoded), "base64"), this._env);
  }
  base64DecodeWebSafe(encoded: string): number[] {
    return signed(Buffer.from(String(encoded).replace(/-/g, "+").replace(/_/g, "/"), "base64"), this._env);
  }
  newBlob(data: unknown, contentType?: string, name?: string): BlobApi {
    return newBlob(this._env, toBuffer(data ?? ""), contentType ?? null, name ?? null);
  }
  zip(blobs: BlobApi[], name?: string): BlobApi {
    const files: Record<string, Uint8Array> = {};
    blobs.forEach((b, i) => {
      const blob = this._env.guard.unwrap(b);
      files[blob.getName() ?? `file${i + 1}`] = blob._raw();
    });
    return newBlob(this._env, Buffer.from(zipSync(files)), "application/zip", name ?? "archive.zip");
  }
  unzip(blob: BlobApi): BlobApi[] {
    const files = unzipSync(this._env.guard.unwrap(blob)._raw());
    return newArray(
      this._env.realm,
      Object.entries(files).map(([name, bytes]) => newBlob(this._env, Buffer.from(bytes), null, name)),
    );
  }
  gzip(blob: BlobApi, name?: string): BlobApi {
    const raw = this._env.guard.unwrap(blob);
    const out = Buffer.from(gzipSync(raw._raw()));
    return newBlob(this._env, out, "application/x-gzip", name ?? `${raw.getName() ?? "archive"}.gz`);
  }
  ungzip(blob: BlobApi): BlobApi {
    const raw = this._env.guard.unwrap(blob);
    return newBlob(
      this._env,
      Buffer.from(gunzipSync(raw._raw())),
      null,
      (raw.getName() ?? "").replace(/\.gz$/, "") || null,
    );
  }
  sleep(milliseconds: number): void {
    this._sleep(Math.max(0, Number(milliseconds) || 0));
  }
  jsonStringify(o: unknown): string {
    return JSON.stringify(o);
  }
}

/** Logger: keeps every line (tests can read them) without printing. */
export class LoggerApi {
  constructor(private readonly _lines: string[]) {}
  log(format: unknown, ...args: unknown[]): this {
    let i = 0;
    const text =
      args.length && typeof format === "string"
        ? format.replace(/%s/g, () => String(args[i++]))
        : String(format);
    this._lines.push(text);
    return this;
  }
  getLog(): string {
    return this._lines.join("\n");
  }
  clear(): void {
    this._lines.length = 0;
  }
}
