import { ROLES, can, type Role } from "../../../src/core/access/roles";
import { SERVER_FUNCTION_NAMES } from "../../../src/shared/api";
import { SERVER_FUNCTION_PERMISSIONS } from "../../../src/shared/trust";
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
  it("every server function declares the permission it needs", () => {
    const undeclared = SERVER_FUNCTION_NAMES.filter((n) => !SERVER_FUNCTION_PERMISSIONS[n]);
    expect(undeclared).toEqual([]);
  });

  for (const role of ROLES) {
    it(`as ${role}: functions beyond the role are refused and change nothing; the others are not refused`, () => {
      const loaded = loadTrustBundle(1, USER_OF[role]);
      const { ctx } = loaded;
      const wrong: string[] = [];
      for (const name of SERVER_FUNCTION_NAMES) {
        const permission = SERVER_FUNCTION_PERMISSIONS[name];
        if (!permission || typeof ctx[name] !== "function") continue;
        const before = state(loaded);
        let error: Error | null = null;
        try {
          ctx[name]();
        } catch (e) {
          error = e as Error;
        }
        const refused = error !== null && /does not allow/.test(error.message);
        if (can(role, permission)) {
          if (refused) wrong.push(`${name} refused (${error!.message})`);
        } else {
          if (!refused) wrong.push(`${name} not refused (${error ? error.message : "ran"})`);
          else if (state(loaded) !== before) wrong.push(`${name} refused but changed something`);
        }
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
    expect(good).toEqual({ ok: true, assignments: { "new@example.com": "sales", [MANAGER]: "manager" } });
    expect(JSON.parse(emulator.properties.document.get("roles")!)).toEqual(good.assignments);
    emulator.setUser("new@example.com");
    expect(ctx.getMyAccess()).toMatchObject({ role: "sales" });
  });
});
