import fc from "fast-check";
import {
  base64Decode,
  base64Encode,
  base64urlDecode,
  base64urlEncode,
  utf8Decode,
  utf8Encode,
} from "../../../src/core/trust/bytes";

describe("utf8 and base64 without platform encoders", () => {
  it("utf8Encode agrees with Node's encoder and round-trips", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (s) => {
        const bytes = utf8Encode(s);
        expect(Buffer.from(bytes).equals(Buffer.from(s, "utf8"))).toBe(true);
        expect(utf8Decode(bytes)).toBe(s);
      }),
    );
  });

  it("encodes Chinese text and emoji", () => {
    expect(Buffer.from(utf8Encode("身份证 🙂")).toString("utf8")).toBe("身份证 🙂");
  });

  it("base64 agrees with Node's and round-trips", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = base64Encode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64"));
        expect([...base64Decode(text)]).toEqual([...bytes]);
      }),
    );
  });

  it("base64url agrees with Node's (signed bytes too) and round-trips", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), (bytes) => {
        const text = base64urlEncode(bytes);
        expect(text).toBe(Buffer.from(bytes).toString("base64url"));
        expect(base64urlEncode(Array.from(bytes, (b) => (b << 24) >> 24))).toBe(text);
        expect([...base64urlDecode(text)!]).toEqual([...bytes]);
      }),
    );
    expect(base64urlDecode("ab+c")).toBeNull();
    expect(base64urlDecode("abcde")).toBeNull();
  });

  it("refuses malformed input instead of guessing", () => {
    expect(() => base64Decode("ab$c")).toThrow("malformed base64");
    expect(() => utf8Decode(Uint8Array.from([0xe4, 0xb8]))).toThrow("malformed UTF-8");
  });
});
