import { createDecipheriv } from "node:crypto";
import fc from "fast-check";
import {
  cellContext,
  decryptField,
  encryptField,
  isCiphertext,
  makeNonce,
} from "../../../src/core/trust/crypto";
import { base64Decode } from "../../../src/core/trust/bytes";

const key = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) % 256);
const random = Uint8Array.from([9, 8, 7, 6, 5, 4]);
const ctx = cellContext("Customers", "C0001", "IDNumber");

describe("AES-256-GCM field encryption", () => {
  it("round-trips any text, including Chinese", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), fc.nat({ max: 2 ** 40 }), (text, counter) => {
        const token = encryptField(key, makeNonce(counter, random), text, ctx);
        expect(isCiphertext(token)).toBe(true);
        expect(decryptField(key, token, ctx)).toBe(text);
      }),
      { numRuns: 50 },
    );
    expect(decryptField(key, encryptField(key, makeNonce(1, random), "张三 310101", ctx), ctx)).toBe(
      "张三 310101",
    );
  });

  it("is standard AES-256-GCM: Node's crypto decrypts it", () => {
    const token = encryptField(key, makeNonce(42, random), "6222021234567890123", ctx);
    const raw = Buffer.from(base64Decode(token.slice("enc:v1:".length)));
    const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(ctx, "utf8"));
    decipher.setAuthTag(raw.subarray(raw.length - 16));
    const plain = Buffer.concat([decipher.update(raw.subarray(12, raw.length - 16)), decipher.final()]);
    expect(plain.toString("utf8")).toBe("6222021234567890123");
  });

  it("never shows the plaintext in the token", () => {
    const token = encryptField(key, makeNonce(7, random), "310101199001011234", ctx);
    expect(token).not.toContain("310101199001011234");
    expect(token).not.toContain("1234");
  });

  it("fails on a wrong key, a tampered token, or another cell's context", () => {
    const token = encryptField(key, makeNonce(3, random), "310101199001011234", ctx);
    const otherKey = key.map((b) => b ^ 1);
    expect(() => decryptField(otherKey, token, ctx)).toThrow();
    expect(() => decryptField(key, token, cellContext("Customers", "C0002", "IDNumber"))).toThrow();
    const body = token.slice(-8);
    const flipped = token.slice(0, -8) + (body[0] === "A" ? "B" : "A") + body.slice(1);
    expect(() => decryptField(key, flipped, ctx)).toThrow();
    expect(() => decryptField(key, "plain text", ctx)).toThrow("not an enc:v1 ciphertext");
  });

  it("makes distinct nonces for distinct counters and puts the counter first, big-endian", () => {
    const seen = new Set<string>();
    for (let c = 0; c < 1000; c++) seen.add(Buffer.from(makeNonce(c, random)).toString("hex"));
    expect(seen.size).toBe(1000);
    expect([...makeNonce(258, random)]).toEqual([0, 0, 0, 0, 1, 2, 9, 8, 7, 6, 5, 4]);
    expect(() => makeNonce(-1, random)).toThrow();
    expect(() => makeNonce(2 ** 48, random)).toThrow();
  });

  it("the same plaintext encrypts differently under different nonces", () => {
    const a = encryptField(key, makeNonce(1, random), "same", ctx);
    const b = encryptField(key, makeNonce(2, random), "same", ctx);
    expect(a).not.toBe(b);
  });

  it("refuses keys that are not 256 bits", () => {
    expect(() => encryptField(key.subarray(0, 16), makeNonce(1, random), "x", ctx)).toThrow("32-byte key");
  });
});
