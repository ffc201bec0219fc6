import {
  can,
  canEditCustomer,
  canSeeCustomer,
  roleOf,
  validateRoleTable,
} from "../../../src/core/access/roles";

describe("roles", () => {
  it("the spreadsheet owner is always owner; unconfigured sheets make everyone manager", () => {
    expect(roleOf("Boss@x.com", { "boss@x.com": "viewer" }, "boss@x.com")).toBe("owner");
    expect(roleOf("a@x.com", {}, "boss@x.com")).toBe("manager");
    expect(roleOf("a@x.com", { "b@x.com": "sales" }, "boss@x.com")).toBe("viewer");
    expect(roleOf(" B@X.com ", { "b@x.com": "sales" }, "boss@x.com")).toBe("sales");
  });

  it("viewers change nothing, sales only their own", () => {
    expect(can("viewer", "edit-own")).toBe(false);
    expect(can("sales", "run-jobs")).toBe(false);
    expect(can("sales", "reveal-sensitive")).toBe(false);
    expect(can("manager", "restore-backups")).toBe(true);
  });

  it("sales see and change only customers they own; others see all", () => {
    expect(canSeeCustomer("sales", "s@x.com", "S@X.com ")).toBe(true);
    expect(canSeeCustomer("sales", "s@x.com", "t@x.com")).toBe(false);
    expect(canSeeCustomer("sales", "s@x.com", "")).toBe(false);
    expect(canSeeCustomer("sales", "", "")).toBe(false);
    expect(canSeeCustomer("viewer", "v@x.com", "t@x.com")).toBe(true);
    expect(canEditCustomer("viewer", "v@x.com", "v@x.com")).toBe(false);
    expect(canEditCustomer("sales", "s@x.com", "s@x.com")).toBe(true);
    expect(canEditCustomer("sales", "s@x.com", "t@x.com")).toBe(false);
    expect(canEditCustomer("manager", "m@x.com", "t@x.com")).toBe(true);
  });

  it("validates a role table and normalises e-mails", () => {
    const r = validateRoleTable("manager", {}, { " A@X.com": "sales", "b@x.com": "viewer" });
    expect(r).toEqual({ ok: true, value: { "a@x.com": "sales", "b@x.com": "viewer" } });
    const bad = validateRoleTable("owner", {}, { nope: "sales", "c@x.com": "admin", "C@x.com ": "sales" });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems.map((p) => p.message)).toEqual(["not an e-mail address", 'unknown role "admin"']);
  });

  it("a manager can neither grant nor remove the owner role; an owner can", () => {
    const grant = validateRoleTable("manager", {}, { "m@x.com": "owner" });
    expect(grant.ok).toBe(false);
    const demote = validateRoleTable("manager", { "o@x.com": "owner" }, {});
    expect(demote.ok).toBe(false);
    expect(validateRoleTable("manager", { "o@x.com": "owner" }, { "o@x.com": "owner" }).ok).toBe(true);
    expect(validateRoleTable("owner", { "o@x.com": "owner" }, { "m@x.com": "owner" }).ok).toBe(true);
  });
});
