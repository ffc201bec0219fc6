import fc from "fast-check";
import { isMasked, maskSensitive, redactValue } from "../../../src/core/trust/mask";

describe("masks of sensitive values", () => {
  it("shows the first and last four of an ID-card number around eight stars", () => {
    expect(maskSensitive("310101199001011234")).toBe("3101********1234");
    expect(maskSensitive(" 6222021234567890123 ")).toBe("6222********0123");
  });

  it("shows less of short values", () => {
    expect(maskSensitive("12345678")).toBe("********5678");
    expect(maskSensitive("123456789012345")).toBe("********2345");
    expect(maskSensitive("1234567")).toBe("********");
  });

  it("never shows more than half of a value, and every mask is recognised as one", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => !s.includes("*") && s.trim() === s),
        (v) => {
          const m = maskSensitive(v);
          expect(isMasked(m)).toBe(true);
          expect(m.replace(/\*/g, "").length).toBeLessThanOrEqual(Math.floor(v.length / 2));
        },
      ),
    );
  });

  it("does not take plaintext for a mask", () => {
    expect(isMasked("310101199001011234")).toBe(false);
    expect(isMasked("")).toBe(false);
    expect(isMasked(12345)).toBe(false);
  });

  it("redacts only sensitive, non-empty values and keeps existing masks", () => {
    expect(redactValue("310101199001011234", true)).toBe("3101********1234");
    expect(redactValue("3101********1234", true)).toBe("3101********1234");
    expect(redactValue("", true)).toBe("");
    expect(redactValue("Shanghai", false)).toBe("Shanghai");
    expect(redactValue(6222021234567890, true)).toBe("6222********7890");
  });
});
