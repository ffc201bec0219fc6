import { ROLES, can, type Role } from "../../../src/core/access/roles";
import { ENTRY_POINTS } from "../../../src/shared/entry-points";
import { SERVER_FUNCTIONS, SERVER_FUNCTION_NAMES } from "../../../src/shared/server-functions";
import { MANAGER, OWNER, SALES_A, VIEWER } from "../../../src/local/faults/fixture";
import { loadTrustBundle } from "./harness";

const USER_OF: Record<Role, string> = { owner: OWNER, manager: MANAGER, sales: SALES_A, viewer: VIEWER };

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

  for (const role of ROLES) {
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
      const refusedNames = names.filter((n) => !can(role, SERVER_FUNCTIONS[n].permission));
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
    expect(captions("sales")).not.toContain("menuInstallWeeklyBackup");
    expect(manager).toEqual(
      expect.arrayContaining(["menuOpenSidebar", "menuBackupNow", "menuInstallWeeklyBackup"]),
    );
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
});
