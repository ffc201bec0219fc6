// "Triggers: 20 / user / script" and simple triggers' 30-second limit.
// https://developers.google.com/apps-script/guides/services/quotas#current_limitations
// https://developers.google.com/apps-script/guides/triggers#restrictions
import { createProject, TIME_LIMIT_TEXT } from "../../../../src/local/emulator";
import { emulated } from "./harness";

const TOO_MANY =
  "This script has too many triggers. Triggers must be deleted from the script before more can be added.";

describe("trigger count and run-time limits", () => {
  it("allows 20 triggers per user per script, counted over every document of the project", () => {
    const project = createProject();
    const docs = Array.from({ length: 21 }, () => emulated({ project }));
    docs.slice(0, 20).forEach((d) => d.ScriptApp.newTrigger("h").timeBased().everyDays(1).create());
    expect(() => docs[20].ScriptApp.newTrigger("h").timeBased().everyDays(1).create()).toThrow(TOO_MANY);
    docs[20].emu.setUser("other@example.com");
    docs[20].ScriptApp.newTrigger("h").timeBased().everyDays(1).create();
  });

  it("stops a simple trigger after 30 seconds, an installable one only after the execution limit", () => {
    const { emu, SpreadsheetApp } = emulated(
      { deployment: "bound" },
      {
        onEdit: () => {
          emu.clock.advance(31_000);
          SpreadsheetApp.getActive().getName();
        },
        hEdit: () => {
          emu.clock.advance(31_000);
          SpreadsheetApp.getActive().getName();
        },
      },
    );
    (emu.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp)
      .newTrigger("hEdit")
      .forSpreadsheet(SpreadsheetApp.getActive())
      .onEdit()
      .create();
    const [simple, installable] = emu.edit("A1", "x");
    expect(simple.error?.message).toBe(TIME_LIMIT_TEXT);
    expect(installable.error).toBeNull();
  });
});
