/**
 * Roles × server functions: every name in the one table (src/shared/server-functions.ts) is called through
 * the bridge (bundle.run: google.script.run's rules) by the owner, a manager, a sales rep, a viewer, a
 * signed-in user the role table does not list, and a caller whose e-mail Google hides (""). A call beyond
 * the caller's role (or, for book-wide figures, beyond what the caller sees: roles-expected.ts) is refused
 * before the sheet is touched at all and changes nothing; any other call is not refused, and if the table
 * says it is audited it leaves exactly one audit entry naming the caller. The unlisted and "" callers have
 * no role: every call is refused. What allowed calls return is checked in attacks-roles.test.ts.
 */
import type { RoleAssignments } from "../../../src/core/access/roles";
import { accessOf } from "../../../src/core/access/scope";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { MANAGER, OWNER, SALES_A, SALES_B } from "../../../src/local/faults/fixture";
import { SERVER_FUNCTIONS, SERVER_FUNCTION_NAMES } from "../../../src/shared/server-functions";
import { ROLE_TABLE, auditRows, loadTrustBundle } from "./harness";
import { ARGS, CALLERS, QUERY, REFUSAL, allowedFor } from "./roles-expected";

/** Everything a refused call must leave alone: the workbook, every property store, triggers, mail. */
function state(loaded: LoadedBundle): string {
  const { emulator } = loaded;
  return JSON.stringify([
    emulator.snapshot(),
    [...emulator.properties.document.entries()],
    [...emulator.properties.script.entries()],
    emulator.triggers().map((t) => [t.handler, t.eventType]),
    emulator.outbox.length,
  ]);
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Error };

function call(loaded: LoadedBundle, name: string): Outcome {
  try {
    return { ok: true, value: loaded.run(name, ...(ARGS[name] ?? [])) };
  } catch (e) {
    return { ok: false, error: e as Error };
  }
}

const refused = (o: Outcome) => !o.ok && REFUSAL.test(o.error.message);

describe("roles × server functions (through google.script.run)", () => {
  for (const { label, user } of CALLERS) {
    it(`${label}: refusals come before any sheet access and change nothing; audited calls leave one entry`, () => {
      const loaded = loadTrustBundle(1, user);
      const { emulator } = loaded;
      const { role, scope } = accessOf(user, ROLE_TABLE as RoleAssignments, {
        spreadsheetOwner: OWNER,
        installer: "",
      });
      const allowed = (name: (typeof SERVER_FUNCTION_NAMES)[number]) =>
        allowedFor(role, scope.kind === "all", name);
      const wrong: string[] = [];

      const refusedNames = SERVER_FUNCTION_NAMES.filter((n) => !allowed(n));
      const before = state(loaded);
      for (const name of refusedNames) {
        const sheetCalls = emulator.countOf("Range.") + emulator.countOf("Sheet.");
        const audit = auditRows(loaded).length;
        const outcome = call(loaded, name);
        if (!refused(outcome))
          wrong.push(`${name}: not refused (${outcome.ok ? "ran" : outcome.error.message})`);
        const touched = emulator.countOf("Range.") + emulator.countOf("Sheet.") - sheetCalls;
        if (touched) wrong.push(`${name}: ${touched} sheet call(s) before the refusal`);
        if (auditRows(loaded).length !== audit) wrong.push(`${name}: a refusal was audited`);
      }
      if (state(loaded) !== before) wrong.push(`refused calls changed something: ${refusedNames.join(", ")}`);

      let auditedCalls = 0;
      for (const name of SERVER_FUNCTION_NAMES.filter(allowed)) {
        const audit = auditRows(loaded);
        const outcome = call(loaded, name);
        if (refused(outcome)) wrong.push(`${name}: refused (${(outcome as { error: Error }).error.message})`);
        const added = auditRows(loaded).slice(audit.length);
        if (!SERVER_FUNCTIONS[name].audited) {
          if (added.length) wrong.push(`${name}: not audited, yet wrote ${added.length} entries`);
          continue;
        }
        auditedCalls++;
        if (added.length !== 1) {
          wrong.push(`${name}: ${added.length} audit entries, not 1`);
          continue;
        }
        const [entry] = added;
        if (entry[1] !== (user || "(unknown editor)"))
          wrong.push(`${name}: audited as "${String(entry[1])}"`);
        const failed = String(entry[8]).startsWith("failed: ");
        if (failed === outcome.ok) wrong.push(`${name}: ok ${outcome.ok} but audited "${String(entry[8])}"`);
      }
      expect(wrong).toEqual([]);
      // Every role may export; a role that may do more leaves more entries. No role: no call at all.
      if (role === "none") expect(SERVER_FUNCTION_NAMES.filter(allowed)).toEqual([]);
      else expect(auditedCalls).toBeGreaterThanOrEqual(1);
    });
  }

  it("an audited call's entry names the job it ran and the rows it reports; a failure names the reason", () => {
    const loaded = loadTrustBundle(1, MANAGER);
    loaded.run("classifyNow");
    const classified = auditRows(loaded).at(-1)!;
    expect(classified.slice(1, 2)).toEqual([MANAGER]);
    expect(classified[6]).toBe("classify");
    expect(() => loaded.run("undoDelete", "no-such-token")).toThrow();
    const failed = auditRows(loaded).at(-1)!;
    expect(failed[1]).toBe(MANAGER);
    expect(failed[6]).toBe("Undo batch delete");
    expect(String(failed[8])).toMatch(/^failed: /);
    // A call that runs no job is audited under its own name.
    loaded.run("saveNotifySettings", {});
    expect(auditRows(loaded).at(-1)!.slice(6, 9)).toEqual(["saveNotifySettings", 0, "ok"]);
  });
});

describe("the one export", () => {
  const csvOf = (file: { base64: string }) => Buffer.from(file.base64, "base64").toString("utf8");

  it("holds only the customers the caller may see, and each export is audited with its row count", () => {
    const rep = loadTrustBundle(1, SALES_A);
    const own = rep.run("exportCustomers", QUERY, "csv", "en");
    expect(own.rows).toBe(6); // C0001, C0003, … C0011: sales A's half of the fixture
    expect(csvOf(own)).toContain(SALES_A);
    expect(csvOf(own)).not.toContain(SALES_B);
    expect(auditRows(rep).at(-1)!.slice(1, 9)).toEqual([
      SALES_A,
      "",
      "",
      "",
      "",
      "Export customers",
      6,
      "csv export",
    ]);

    const manager = loadTrustBundle(1, MANAGER);
    expect(manager.run("exportCustomers", QUERY, "xlsx", "en").rows).toBe(12);
  });

  it("exportView (any sheet, every row, unaudited) is gone: one export path", () => {
    const loaded = loadTrustBundle(1, MANAGER);
    expect(loaded.functionNames).not.toContain("exportView");
    expect(() => loaded.run("exportView", { sheet: "Orders", format: "csv" })).toThrow(/exportView/);
  });
});
