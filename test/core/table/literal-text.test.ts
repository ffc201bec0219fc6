/**
 * literalCell against the emulator's model of how Sheets parses an entry (user-entered.ts): whatever text a
 * job writes, the cell holds that text afterwards — never a number, date, boolean or formula.
 */
import fc from "fast-check";
import { literalCell, staysText, valueOfLiteral } from "../../../src/core/table/literal-text";
import { parseEntered } from "../../../src/local/emulator/user-entered";

const NOW = Date.UTC(2026, 10, 23);
const stored = (text: string, locale = "en_US") => parseEntered(text, locale, "Asia/Shanghai", NOW);

describe("literalCell", () => {
  it.each([
    "00123",
    "1-2",
    "2025-03-01",
    "TRUE",
    "=IMPORTXML(A1)",
    "+8613800138000",
    "-100",
    "'quoted",
    "110101199003077777",
    "12%",
    " 7 ",
  ])("keeps %j as that very text", (text) => {
    const cell = stored(String(literalCell(text)));
    expect(cell.value).toBe(text);
    expect(cell.formula).toBeUndefined();
  });

  it("leaves plain words, numbers, booleans and blanks as they are", () => {
    expect(literalCell("客户管理表")).toBe("客户管理表");
    expect(literalCell("Acme Trading")).toBe("Acme Trading");
    expect(literalCell(42)).toBe(42);
    expect(literalCell(false)).toBe(false);
    expect(literalCell("")).toBe("");
  });

  it("round-trips any text in en and zh locales", () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 30 }),
        fc.constantFrom("en_US", "zh_CN", "de_DE"),
        (text, locale) => {
          const cell = stored(String(literalCell(text)), locale);
          expect(cell.formula).toBeUndefined();
          expect(cell.value).toBe(text);
          expect(valueOfLiteral(literalCell(text))).toBe(text);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("calls text with digits or signs unsafe", () => {
    expect(staysText("C00301")).toBe(false);
    expect(staysText("Mar")).toBe(true);
    expect(staysText("false")).toBe(false);
  });
});
