import { createHmac } from "node:crypto";
import { customerToken, hmacSha256, resolveCustomerToken } from "../../../src/core/intake/customer-token";
import { utf8Encode } from "../../../src/core/trust/bytes";
import { planSignup, type IntakeContext } from "../../../src/core/intake/intake-plan";

const ctx: IntakeContext = {
  lang: "en",
  timeZone: "Asia/Shanghai",
  tokenKey: "k3y",
  now: "NOW",
  today: "TODAY",
};
const customers = {
  headers: ["CustomerID", "Name", "Phone", "Email", "CreatedAt", "UpdatedAt"],
  rows: [
    ["C00041", "Acme", "138 0013 8000", "a@acme.cn", "", ""],
    ["C00042", "Beta", "13900139000", "b@beta.cn", "", ""],
  ],
};

describe("customer tokens", () => {
  it("HMAC-SHA-256 matches Node's for ASCII, Chinese and long keys", () => {
    for (const [key, msg] of [
      ["k", "customer:c001"],
      ["密钥".repeat(50), "客户:KH-0007 😀"],
    ])
      expect(Buffer.from(hmacSha256(utf8Encode(key), utf8Encode(msg))).toString("hex")).toBe(
        createHmac("sha256", key).update(msg, "utf8").digest("hex"),
      );
  });

  it("a token names its customer, not the raw ID, and a forged one names nobody", () => {
    const t = customerToken("k3y", "C00042");
    expect(t).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(t).not.toContain("42");
    expect(resolveCustomerToken("k3y", t, ["C00041", "C00042"])).toBe("C00042");
    expect(resolveCustomerToken("other", t, ["C00041", "C00042"])).toBeUndefined();
    expect(resolveCustomerToken("k3y", "AAAAAAAAAAAAAAAA", ["C00041", "C00042"])).toBeUndefined();
  });
});

describe("planSignup", () => {
  it("adds with the next ID in the sheet's pattern and both stamps", () => {
    const p = planSignup(customers, { Name: "New", Email: "n@x.cn" }, ctx);
    expect(p).toEqual({
      kind: "added",
      customerId: "C00043",
      row: ["C00043", "New", "", "n@x.cn", "NOW", "NOW"],
    });
  });

  it("updates the customer with the same phone or e-mail, normalised, writing only what changes", () => {
    const p = planSignup(
      customers,
      { Name: "Acme Ltd", Phone: "+86 138-0013-8000", Email: "A@ACME.CN" },
      ctx,
    );
    expect(p.kind).toBe("updated");
    if (p.kind !== "updated") return;
    expect(p.rowIndex).toBe(0);
    expect([...p.cells]).toEqual([
      [1, "Acme Ltd"],
      [5, "NOW"],
    ]);
  });

  it("sends to review what breaks the table's rules or matches two customers", () => {
    expect(planSignup(customers, { Name: "X" }, ctx)).toMatchObject({ kind: "review" });
    expect(planSignup(customers, { Name: "X", Email: "bad@" }, ctx)).toMatchObject({
      kind: "review",
      reason: expect.stringMatching(/e-mail/i),
    });
    expect(planSignup(customers, { Name: "=HYPERLINK(1)", Email: "h@x.cn" }, ctx)).toMatchObject({
      kind: "review",
    });
    expect(planSignup(customers, { Name: "X", Email: "a@acme.cn", Phone: "13900139000" }, ctx)).toEqual({
      kind: "review",
      reason: "It matches two customers: C00041 and C00042.",
    });
  });

  it("a token keeps a changed e-mail with its customer, but never takes another customer's", () => {
    const Token = customerToken("k3y", "C00042");
    const moved = planSignup(customers, { Name: "Beta", Email: "new@beta.cn", Token }, ctx);
    expect(moved).toMatchObject({ kind: "updated", customerId: "C00042" });
    expect(planSignup(customers, { Name: "Beta", Email: "a@acme.cn", Token }, ctx)).toEqual({
      kind: "review",
      reason: "The e-mail belongs to another customer (C00041).",
    });
  });
});
