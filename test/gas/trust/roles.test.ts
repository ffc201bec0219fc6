import type { Role } from "../../../src/core/access/roles";
import type { ServerFunctionName } from "../../../src/shared/api";
import { ENTRY_POINTS } from "../../../src/shared/entry-points";
import { SERVER_FUNCTION_NAMES } from "../../../src/shared/server-functions";
import { loadBundle } from "../../../src/local/load-bundle";
import { MANAGER, OWNER, SALES_A, VIEWER, fixtureSheets } from "../../../src/local/faults/fixture";
import { loadTrustBundle } from "./harness";
import { allowedFor } from "./roles-expected";

const USER_OF: Record<Role, string> = {
  owner: OWNER,
  manager: MANAGER,
  sales: SALES_A,
  viewer: VIEWER,
  none: "stranger@example.org",
};

/** Everything a refused call must leave alone: the workbook and every property store. */
function state(loaded: ReturnType<typeof loadTrustBundle>): string {
  const { emulator } = loaded;
  return JSON.stringify([
    emulator.snapshot(),
    [...emulator.properties.document.entries()],
    [...emulator.properties.script.entries()],
    emulator.triggers().map((t) => [t.handler, t.eventType]),
    emulator.outbox.length,
  ]);
}

describe("roles", () => {
  it("the bundle exposes every function of the table, and nothing Apps Script could call that is not an entry point", () => {
    const { functionNames } = loadTrustBundle(1, OWNER);
    expect(SERVER_FUNCTION_NAMES.filter((n) => !functionNames.includes(n))).toEqual([]);
    // google.script.run can call any top-level function (https://developers.google.com/apps-script/guides/html/reference/run);
    // each one is a declared entry point, so none escapes the table or a handler's own role check.
    const stray = functionNames.filter((n) => !ENTRY_POINTS.includes(n) && !n.endsWith("_"));
    expect(stray).toEqual([]);
  });

  for (const role of Object.keys(USER_OF) as Role[]) {
    it(`as ${role}: functions beyond the role are refused and change nothing; the others are not refused`, () => {
      const loaded = loadTrustBundle(1, USER_OF[role]);
      const { ctx } = loaded;
      const names = SERVER_FUNCTION_NAMES.filter((n) => typeof ctx[n] === "function");
      const call = (name: string): Error | null => {
        try {
          ctx[name]();
          return null;
        } catch (e) {
          return e as Error;
        }
      };
      const isRefusal = (e: Error | null) => e !== null && /does not allow/.test(e.message);
      // Refused calls first, with one comparison of the whole state around all of them (snapshots are slow).
      const wholeBook = role === "owner" || role === "manager" || role === "viewer";
      const refusedNames = names.filter((n) => !allowedFor(role, wholeBook, n as ServerFunctionName));
      const before = state(loaded);
      const wrong = refusedNames.flatMap((name) => {
        const e = call(name);
        return isRefusal(e) ? [] : [`${name} not refused (${e ? e.message : "ran"})`];
      });
      if (state(loaded) !== before) wrong.push(`refused calls changed something: ${refusedNames.join(", ")}`);
      for (const name of names.filter((n) => !refusedNames.includes(n))) {
        const e = call(name);
        if (isRefusal(e)) wrong.push(`${name} refused (${e!.message})`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it("the menu shows only what the role may do", () => {
    const captions = (role: Role): string[] => {
      const loaded = loadTrustBundle(1, USER_OF[role]);
      loaded.emulator.open("FULL");
      const menu = loaded.emulator.ui.menus.find((m) => m.addon)!;
      return menu.items.flatMap((i) => (i.kind === "item" ? [i.handler] : []));
    };
    const viewer = captions("viewer");
    const manager = captions("manager");
    expect(viewer).toContain("menuOpenSidebar");
    expect(viewer).not.toContain("menuBackupNow");
    expect(captions("sales")).not.toContain("menuToggleWeeklyBackup");
    expect(manager).toEqual(
      expect.arrayContaining(["menuOpenSidebar", "menuBackupNow", "menuToggleWeeklyBackup"]),
    );
    // No role, no item: the server refuses every call of theirs anyway.
    expect(captions("none")).toEqual([]);
  });

  it("roles are saved by managers, validated, and managers cannot create owners", () => {
    const loaded = loadTrustBundle(1, MANAGER);
    const { ctx, emulator } = loaded;
    const bad = ctx.saveRoles({ "new@example.com": "owner" });
    expect(bad.ok).toBe(false);
    const good = ctx.saveRoles({ "New@Example.com ": "sales", [MANAGER]: "manager" });
    expect(good).toEqual({ ok: true, value: { "new@example.com": "sales", [MANAGER]: "manager" } });
    expect(JSON.parse(emulator.properties.document.get("roles")!)).toEqual(good.value);
    emulator.setUser("new@example.com");
    expect(ctx.getMyAccess()).toMatchObject({ role: "sales" });
  });

  it("a table of anything but entries is refused, never saved as an empty one", () => {
    const loaded = loadTrustBundle(1, MANAGER);
    const before = loaded.emulator.properties.document.get("roles");
    for (const junk of [undefined, null, "manager", ["a@example.com"]])
      expect(loaded.invoke("saveRoles", [junk])).toMatchObject({ ok: false });
    expect(loaded.emulator.properties.document.get("roles")).toBe(before);
    expect(loaded.ctx.getMyAccess()).toMatchObject({ role: "manager" });
  });
});

describe("the installer", () => {
  const COLLABORATOR = "collaborator@example.org";
  /** A document nobody has set up: the fixture's sheets, no role table, no installer recorded. */
  function freshBook(user: string) {
    const loaded = loadBundle({ owner: OWNER, user, dist: process.env.SHEET_CRM_DIST });
    for (const s of fixtureSheets(1)) loaded.emulator.sheetFromValues(s.name, s.values);
    return loaded;
  }
  const installer = (loaded: ReturnType<typeof freshBook>) =>
    loaded.emulator.properties.document.get("installer");

  it('before any role table only the spreadsheet\'s owner is owner; everyone else, and "", has no role', () => {
    const loaded = freshBook(OWNER);
    expect(loaded.ctx.getMyAccess()).toMatchObject({ role: "owner" });
    for (const user of [COLLABORATOR, ""]) {
      loaded.emulator.setUser(user);
      expect(() => loaded.ctx.getMyAccess()).toThrow(/no role in this Sheet CRM yet/);
      expect(() => loaded.ctx.listCustomers({ page: 1, pageSize: 25 }, "en")).toThrow(/does not allow/);
    }
  });

  it("whoever first runs Set up in the document is recorded as its installer (an owner), once", () => {
    const loaded = freshBook(COLLABORATOR);
    loaded.invoke("menuSetUp", [], { context: "menu" });
    expect(installer(loaded)).toBe(COLLABORATOR);
    expect(loaded.ctx.getMyAccess()).toMatchObject({ role: "owner" });
    // A later Set up by someone else records nobody and is refused; the record stays.
    expect(() => loaded.invoke("menuSetUp", [], { context: "menu", user: "late@example.org" })).toThrow(
      /does not allow/,
    );
    loaded.invoke("menuSetUp", [], { context: "menu", user: OWNER });
    expect(installer(loaded)).toBe(COLLABORATOR);
  });

  it("installing the add-on records the installer; a hidden e-mail is never recorded", () => {
    const loaded = freshBook("");
    loaded.invoke("onInstall", [{ authMode: "FULL" }], { context: "menu" });
    expect(installer(loaded)).toBeUndefined();
    loaded.invoke("onInstall", [{ authMode: "FULL" }], { context: "menu", user: COLLABORATOR });
    expect(installer(loaded)).toBe(COLLABORATOR);
    loaded.invoke("onInstall", [{ authMode: "FULL" }], { context: "menu", user: "late@example.org" });
    expect(installer(loaded)).toBe(COLLABORATOR);
  });

  it("a document that already has roles records no installer (an older install's Set up takes no ownership)", () => {
    const loaded = freshBook(MANAGER);
    loaded.emulator.properties.document.set("roles", JSON.stringify({ [MANAGER]: "manager" }));
    loaded.invoke("menuSetUp", [], { context: "menu" });
    expect(installer(loaded)).toBeUndefined();
    expect(loaded.ctx.getMyAccess()).toMatchObject({ role: "manager" });
  });

  it("in a document an older version set up, the hourly dispatcher records the user it runs as", () => {
    const loaded = freshBook(COLLABORATOR);
    const ScriptApp = loaded.emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
    ScriptApp.newTrigger("handleDispatch").timeBased().everyHours(1).create();
    loaded.emulator.setUser(OWNER);
    const runs = loaded.emulator.advanceAndFire(3_600_000);
    expect(runs.map((r) => [r.handler, r.error?.message ?? null])).toEqual([["handleDispatch", null]]);
    expect(installer(loaded)).toBe(COLLABORATOR);
  });

  it("an owner may give the installer another role; a manager may not", () => {
    const loaded = freshBook(COLLABORATOR);
    loaded.invoke("menuSetUp", [], { context: "menu" });
    expect(loaded.ctx.saveRoles({ [MANAGER]: "manager" })).toMatchObject({ ok: true });
    loaded.emulator.setUser(MANAGER);
    expect(loaded.ctx.saveRoles({ [MANAGER]: "manager", [COLLABORATOR]: "viewer" })).toMatchObject({
      ok: false,
    });
    loaded.emulator.setUser(OWNER);
    expect(loaded.ctx.saveRoles({ [MANAGER]: "manager", [COLLABORATOR]: "viewer" })).toMatchObject({
      ok: true,
    });
    loaded.emulator.setUser(COLLABORATOR);
    expect(loaded.ctx.getMyAccess()).toMatchObject({ role: "viewer" });
    loaded.emulator.setUser(OWNER);
    expect(loaded.ctx.getRoles()).toMatchObject({ installer: COLLABORATOR, spreadsheetOwner: OWNER });
  });
});
