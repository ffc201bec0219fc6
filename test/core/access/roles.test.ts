import { can, permissionsOf, readRoleTable, roleOf, validateRoleTable } from "../../../src/core/access/roles";

const OWNERS = { spreadsheetOwner: "boss@x.com", installer: "" };

describe("roles", () => {
  it("the spreadsheet owner is always owner; with no table everyone else has no role at all", () => {
    expect(roleOf("Boss@x.com", { "boss@x.com": "viewer" }, OWNERS)).toBe("owner");
    expect(roleOf("a@x.com", {}, OWNERS)).toBe("none");
    expect(roleOf("a@x.com", { "b@x.com": "sales" }, OWNERS)).toBe("none");
    expect(roleOf(" B@X.com ", { "b@x.com": "sales" }, OWNERS)).toBe("sales");
  });

  it('a "" caller (Google hid the e-mail) is nobody, even when the file has no owner either', () => {
    expect(roleOf("", {}, OWNERS)).toBe("none");
    expect(roleOf("", {}, { spreadsheetOwner: "", installer: "" })).toBe("none");
    expect(roleOf("  ", { "": "manager" } as never, { spreadsheetOwner: "", installer: "" })).toBe("none");
  });

  it("the installer is owner until the table gives them another role", () => {
    const owners = { spreadsheetOwner: "boss@x.com", installer: "Inst@x.com" };
    expect(roleOf("inst@x.com", {}, owners)).toBe("owner");
    expect(roleOf("inst@x.com", { "inst@x.com": "viewer" }, owners)).toBe("viewer");
    expect(roleOf("other@x.com", {}, owners)).toBe("none");
  });

  it('"none" holds no permission; viewers change nothing, sales only their own', () => {
    expect(permissionsOf("none")).toEqual([]);
    expect(can("none", "view")).toBe(false);
    expect(can("viewer", "edit-own")).toBe(false);
    expect(can("sales", "run-jobs")).toBe(false);
    expect(can("sales", "reveal-sensitive")).toBe(false);
    expect(can("manager", "restore-backups")).toBe(true);
  });

  it("a stored table is read fail-closed: old {email: role} tables load, junk grants nothing", () => {
    expect(readRoleTable({ "A@x.com": "sales", "b@x.com": "viewer" })).toEqual({
      "a@x.com": "sales",
      "b@x.com": "viewer",
    });
    expect(
      readRoleTable({
        "c@x.com": { role: "viewer", sees: ["S@x.com", "s@x.com"] },
        "d@x.com": "admin",
        "e@x.com": "none",
        "f@x.com": { role: "manager", sees: [] },
        "g@x.com": { role: "viewer", sees: "everything" },
        "not an e-mail": "manager",
      }),
    ).toEqual({ "c@x.com": { role: "viewer", sees: ["s@x.com"] } });
    expect(readRoleTable("manager")).toEqual({});
    expect(readRoleTable(["a@x.com"])).toEqual({});
    expect(readRoleTable(null)).toEqual({});
  });

  it("validates a role table and normalises e-mails", () => {
    const r = validateRoleTable("manager", {}, { " A@X.com": "sales", "b@x.com": "viewer" });
    expect(r).toEqual({ ok: true, value: { "a@x.com": "sales", "b@x.com": "viewer" } });
    const bad = validateRoleTable("owner", {}, { nope: "sales", "c@x.com": "admin", "C@x.com ": "sales" });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.problems.map((p) => p.message)).toEqual(["not an e-mail address", 'unknown role "admin"']);
    const twice = validateRoleTable("owner", {}, { "c@x.com": "sales", "C@x.com ": "viewer" });
    expect(twice.ok ? [] : twice.problems.map((p) => p.message)).toEqual(["listed twice"]);
    // "none" is not a role one can be given: leaving someone out is how.
    expect(validateRoleTable("owner", {}, { "a@x.com": "none" }).ok).toBe(false);
  });

  it("a viewer may be scoped to owners; a bare viewer keeps its scope, sees: 'all' widens it", () => {
    const scoped = validateRoleTable("manager", {}, { "v@x.com": { role: "viewer", sees: ["S@x.com"] } });
    expect(scoped).toEqual({ ok: true, value: { "v@x.com": { role: "viewer", sees: ["s@x.com"] } } });
    if (!scoped.ok) return;
    // What the settings form sends (a bare role) does not silently widen a scoped viewer.
    expect(validateRoleTable("manager", scoped.value, { "v@x.com": "viewer" })).toEqual(scoped);
    expect(
      validateRoleTable("manager", scoped.value, { "v@x.com": { role: "viewer", sees: "all" } }),
    ).toEqual({
      ok: true,
      value: { "v@x.com": "viewer" },
    });
    expect(validateRoleTable("manager", scoped.value, { "v@x.com": "sales" })).toEqual({
      ok: true,
      value: { "v@x.com": "sales" },
    });
    const wrong = validateRoleTable(
      "manager",
      {},
      {
        "a@x.com": { role: "viewer", sees: ["nobody"] },
        "b@x.com": { role: "sales", sees: [] },
        "c@x.com": { role: "viewer" },
      },
    );
    expect(wrong.ok ? [] : wrong.problems.map((p) => p.email)).toEqual(["a@x.com", "b@x.com", "c@x.com"]);
  });

  it("a manager can neither grant nor remove the owner role (the installer's included); an owner can", () => {
    const grant = validateRoleTable("manager", {}, { "m@x.com": "owner" });
    expect(grant.ok).toBe(false);
    const demote = validateRoleTable("manager", { "o@x.com": "owner" }, {});
    expect(demote.ok).toBe(false);
    expect(validateRoleTable("manager", { "o@x.com": "owner" }, { "o@x.com": "owner" }).ok).toBe(true);
    expect(validateRoleTable("owner", { "o@x.com": "owner" }, { "m@x.com": "owner" }).ok).toBe(true);
    const owners = { spreadsheetOwner: "boss@x.com", installer: "inst@x.com" };
    expect(validateRoleTable("manager", {}, { "inst@x.com": "viewer" }, owners).ok).toBe(false);
    expect(validateRoleTable("owner", {}, { "inst@x.com": "viewer" }, owners).ok).toBe(true);
    // The spreadsheet owner stays owner whatever the table says, so an entry for them changes nothing.
    expect(validateRoleTable("manager", {}, { "boss@x.com": "viewer" }, owners).ok).toBe(true);
  });
});
