// A project shared by documents: script properties are the project's, user properties each user's in the
// project, document properties the document's.
// https://developers.google.com/apps-script/guides/properties
import { createProject } from "../../../../src/local/emulator";
import { emulated } from "./harness";

describe("a project shared by several documents", () => {
  it("gives each document its own id and document store, and shares script and user stores", () => {
    const project = createProject();
    const a = emulated({ project, user: "ann@example.com" });
    const b = emulated({ project, user: "ann@example.com" });
    expect(a.SpreadsheetApp.getActive().getId()).not.toBe(b.SpreadsheetApp.getActive().getId());
    a.PropertiesService.getScriptProperties().setProperty("k", "shared");
    a.PropertiesService.getDocumentProperties().setProperty("d", "only a");
    a.PropertiesService.getUserProperties().setProperty("u", "ann's");
    expect(b.PropertiesService.getScriptProperties().getProperty("k")).toBe("shared");
    expect(b.PropertiesService.getDocumentProperties().getProperty("d")).toBeNull();
    expect(b.PropertiesService.getUserProperties().getProperty("u")).toBe("ann's");
    b.emu.setUser("bob@example.com");
    expect(b.PropertiesService.getUserProperties().getProperty("u")).toBeNull();
    expect(b.emu.properties.user("ann@example.com").get("u")).toBe("ann's");
  });

  it("without a project option each emulator has a private one", () => {
    const a = emulated();
    const b = emulated();
    a.PropertiesService.getScriptProperties().setProperty("k", "a");
    expect(b.PropertiesService.getScriptProperties().getProperty("k")).toBeNull();
    expect(a.emu.project).not.toBe(b.emu.project);
    expect(a.emu.project.deployment).toBe("addon");
  });
});
