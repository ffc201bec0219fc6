import { OWNER } from "../../../src/local/faults/fixture";
import { loadWebAppBook } from "./harness";

/**
 * A page of the team's "execute as me" web app can call any top-level function through google.script.run
 * with the owner's authority: menu and trigger handlers must not run for a visitor Google hides.
 */
describe("menu and trigger handlers behind an execute-as-me web app", () => {
  const visitor = { context: "webapp" as const, user: "stranger@gmail.com", effectiveUser: OWNER };

  test("a hidden visitor cannot run a menu handler; the owner can", () => {
    const { loaded } = loadWebAppBook();
    const before = loaded.emulator.snapshot();
    expect(() => loaded.invoke("menuBackupNow", [], visitor)).toThrow(/menuBackupNow: refused/);
    expect(() => loaded.invoke("menuClassifyNow", [], visitor)).toThrow(/refused/);
    expect(loaded.emulator.snapshot()).toEqual(before);
    expect(loaded.emulator.driveFiles()).toHaveLength(0);
    loaded.invoke("menuBackupNow", [], { context: "menu", user: OWNER });
    expect(loaded.emulator.driveFiles()).toHaveLength(1);
  });

  test("a forged trigger event is refused; one naming a real trigger of the owner runs", () => {
    const { loaded } = loadWebAppBook();
    expect(() => loaded.invoke("handleDispatch", [{ triggerUid: "12345" }], visitor)).toThrow(
      /handleDispatch: refused/,
    );
    const uid = loaded.emulator.execution(
      () => {
        const app = loaded.emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
        return app.newTrigger("handleDispatch").timeBased().everyHours(1).create().getUniqueId();
      },
      { context: "sidebar", user: OWNER },
    );
    expect(() => loaded.invoke("handleDispatch", [{ triggerUid: uid }], visitor)).not.toThrow();
  });
});
