import type { RoleAssignments } from "../../../src/core/access/roles";
import {
  accessOf,
  canEditCustomer,
  canSeeCustomer,
  ownerTest,
  scopeKey,
  seesWholeBook,
} from "../../../src/core/access/scope";

const OWNERS = { spreadsheetOwner: "boss@x.com", installer: "inst@x.com" };
const TABLE: RoleAssignments = {
  "m@x.com": "manager",
  "s@x.com": "sales",
  "v@x.com": "viewer",
  "w@x.com": { role: "viewer", sees: ["s@x.com", "t@x.com"] },
  "blind@x.com": { role: "viewer", sees: [] },
};

describe("who sees which customers", () => {
  const of = (user: string) => accessOf(user, TABLE, OWNERS);

  it("owners, managers and unscoped viewers see every customer, unowned ones too", () => {
    for (const user of ["boss@x.com", "inst@x.com", "m@x.com", "v@x.com"]) {
      expect(seesWholeBook(of(user))).toBe(true);
      expect(canSeeCustomer(of(user), "t@x.com")).toBe(true);
      expect(canSeeCustomer(of(user), "")).toBe(true);
    }
  });

  it("sales see only customers they own; an empty Owner is nobody's", () => {
    const s = of("S@x.com ");
    expect(s.role).toBe("sales");
    expect(seesWholeBook(s)).toBe(false);
    expect(canSeeCustomer(s, " s@X.com")).toBe(true);
    expect(canSeeCustomer(s, "t@x.com")).toBe(false);
    expect(canSeeCustomer(s, "")).toBe(false);
    expect(canSeeCustomer(s, null)).toBe(false);
  });

  it("a scoped viewer sees the listed owners' customers, and changes none", () => {
    const w = of("w@x.com");
    expect(w.role).toBe("viewer");
    expect(canSeeCustomer(w, "t@x.com")).toBe(true);
    expect(canSeeCustomer(w, "S@x.com")).toBe(true);
    expect(canSeeCustomer(w, "u@x.com")).toBe(false);
    expect(canSeeCustomer(w, "")).toBe(false);
    expect(canEditCustomer(w, "t@x.com")).toBe(false);
    expect(canSeeCustomer(of("blind@x.com"), "s@x.com")).toBe(false);
  });

  it("unlisted users and hidden e-mails see and change nothing", () => {
    for (const user of ["stranger@y.com", "", "   "]) {
      const a = of(user);
      expect(a.role).toBe("none");
      expect(seesWholeBook(a)).toBe(false);
      for (const owner of ["", "s@x.com", user, "boss@x.com"]) {
        expect(canSeeCustomer(a, owner)).toBe(false);
        expect(canEditCustomer(a, owner)).toBe(false);
      }
    }
  });

  it("edits: managers any customer, sales their own, viewers none", () => {
    expect(canEditCustomer(of("m@x.com"), "t@x.com")).toBe(true);
    expect(canEditCustomer(of("s@x.com"), "S@x.com")).toBe(true);
    expect(canEditCustomer(of("s@x.com"), "t@x.com")).toBe(false);
    expect(canEditCustomer(of("s@x.com"), "")).toBe(false);
    expect(canEditCustomer(of("v@x.com"), "v@x.com")).toBe(false);
  });

  it("callers who see the same customers share a cache key; different scopes never do", () => {
    const keys = ["boss@x.com", "m@x.com", "s@x.com", "w@x.com", "blind@x.com", ""].map((u) =>
      scopeKey(of(u).scope),
    );
    expect(keys[0]).toBe(keys[1]);
    expect(new Set(keys.slice(1)).size).toBe(4); // blind viewer and "" both see nothing: one key
    expect(keys[4]).toBe(keys[5]);
    expect(scopeKey({ kind: "owners", owners: ["b@x.com", "a@x.com"] })).toBe(
      scopeKey({ kind: "owners", owners: ["a@x.com", "b@x.com"] }),
    );
  });

  it("ownerTest is the same rule as canSeeCustomer", () => {
    for (const user of ["m@x.com", "s@x.com", "w@x.com", ""]) {
      const a = of(user);
      const test = ownerTest(a.scope);
      for (const owner of ["", "s@x.com", " T@x.com", "u@x.com"])
        expect(test(owner)).toBe(canSeeCustomer(a, owner));
    }
  });
});
