// Effective and active user. getEmail() is "" when security policy hides the active user: in executions
// running as someone else (installable triggers) unless both share a Google Workspace domain, and in simple
// triggers unless the user is the developer or in the developer's domain.
// https://developers.google.com/apps-script/reference/base/user#getEmail()
// https://developers.google.com/apps-script/guides/triggers/installable#restrictions
import { emulated } from "./harness";

const MANAGER = "manager@example.com";
const REP = "rep@example.com";

function withEditTrigger(opts: Parameters<typeof emulated>[0] = {}) {
  const seen: Record<string, unknown> = {};
  const h = emulated(
    { owner: MANAGER, user: MANAGER, ...opts },
    {
      onEdit: (e) => {
        seen.simpleEventUser = e.user.getEmail();
        seen.simpleActive = h.Session.getActiveUser().getEmail();
      },
      hEdit: (e) => {
        seen.eventUser = e.user.getEmail();
        seen.active = h.Session.getActiveUser().getEmail();
        seen.effective = h.Session.getEffectiveUser().getEmail();
      },
    },
  );
  h.ScriptApp.newTrigger("hEdit").forSpreadsheet(h.SpreadsheetApp.getActive()).onEdit().create();
  return { ...h, seen };
}

describe("who runs an execution", () => {
  it("a caller is both active and effective user", () => {
    const { Session, emu } = emulated({ user: REP });
    expect([Session.getActiveUser().getEmail(), Session.getEffectiveUser().getEmail()]).toEqual([REP, REP]);
    const inside = emu.execution(() => Session.getActiveUser().getEmail(), { user: MANAGER });
    expect(inside).toBe(MANAGER);
    expect(Session.getActiveUser().getEmail()).toBe(REP);
  });

  it("an installable trigger runs as its creator and hides a consumer-account editor", () => {
    const { emu, seen } = withEditTrigger();
    emu.edit("A1", "x", { user: REP });
    expect(seen).toMatchObject({ eventUser: "", active: "", effective: MANAGER });
    // Simple triggers run without authorization: the editor is hidden from them too.
    expect(seen).toMatchObject({ simpleEventUser: "", simpleActive: "" });
  });

  it("shows the editor when editor and creator share a Workspace domain", () => {
    const { emu, seen } = withEditTrigger({
      owner: "manager@corp.com",
      user: "manager@corp.com",
      workspaceDomain: "corp.com",
    });
    emu.edit("A1", "x", { user: "rep@corp.com" });
    expect(seen).toMatchObject({
      eventUser: "rep@corp.com",
      active: "rep@corp.com",
      effective: "manager@corp.com",
    });
  });

  it("a consumer domain is never a shared Workspace domain", () => {
    expect(() => emulated({ workspaceDomain: "gmail.com" })).toThrow(/not a Google Workspace domain/);
    expect(() => emulated({ workspaceDomain: "example.com" })).toThrow(/not a Google Workspace domain/);
  });

  it("the creator editing sees themself", () => {
    const { emu, seen } = withEditTrigger();
    emu.edit("A1", "x", { user: MANAGER });
    expect(seen).toMatchObject({ eventUser: MANAGER, active: MANAGER, effective: MANAGER });
  });

  it("a bound script's simple trigger shows its developer (the owner) but not other editors", () => {
    const { emu, seen } = withEditTrigger({ deployment: "bound" });
    emu.edit("A1", "x", { user: MANAGER });
    expect(seen.simpleEventUser).toBe(MANAGER);
    emu.edit("A2", "x", { user: REP });
    expect(seen.simpleEventUser).toBe("");
  });

  it("an installable trigger writes with its creator's rights, not the editor's", () => {
    const h = emulated(
      { owner: "owner@example.com", user: MANAGER },
      {
        hEdit: () => h.SpreadsheetApp.getActive().getRange("B1").setValue("stamped"),
      },
    );
    const sheet = h.SpreadsheetApp.getActive().getActiveSheet();
    h.emu.setUser("owner@example.com");
    const p = sheet.getRange("B1").protect();
    p.addEditor(MANAGER);
    h.emu.setUser(MANAGER);
    h.ScriptApp.newTrigger("hEdit").forSpreadsheet(h.SpreadsheetApp.getActive()).onEdit().create();
    const [run] = h.emu.edit("A1", "x", { user: REP });
    expect(run.error).toBeNull();
    expect(h.emu.spreadsheet.getRange("B1").getValue()).toBe("stamped");
    // The editor's own script call has only the editor's rights.
    h.emu.setUser(REP);
    expect(() => sheet.getRange("B1").setValue("forged")).toThrow(/protected cell/);
  });
});
