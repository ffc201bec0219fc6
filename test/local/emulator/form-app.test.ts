import { createEmulator } from "../../../src/local/emulator";
import { formsOf } from "../../../src/local/emulator/form-app";

const FORMS = "https://www.googleapis.com/auth/forms";

function setup(opts: Parameters<typeof createEmulator>[0] = {}) {
  const emu = createEmulator({ now: "2026-11-23T09:00:00Z", ...opts });
  const calls: { handler: string; event: any; context: string }[] = [];
  const SpreadsheetApp = emu.globals.SpreadsheetApp as GoogleAppsScript.Spreadsheet.SpreadsheetApp;
  emu.setHandlerRunner((handler, event) => {
    calls.push({ handler, event, context: String(SpreadsheetApp.getActive().getName()) });
    return true;
  });
  const FormApp = emu.globals.FormApp as GoogleAppsScript.Forms.FormApp;
  const ScriptApp = emu.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
  const respondent = formsOf(emu.project, () => emu.clock.nowMs());
  return { emu, calls, FormApp, ScriptApp, SpreadsheetApp, respondent };
}

/** A form with a text, a scale and a choice question, linked to the emulated spreadsheet. */
function signupForm(t: ReturnType<typeof setup>) {
  const form = t.FormApp.create("Sign up");
  form.addTextItem().setTitle("Name").setRequired(true);
  form.addScaleItem().setTitle("NPS").setBounds(0, 10);
  form.addMultipleChoiceItem().setTitle("Type").setChoiceValues(["Retail", "Wholesale"]);
  form.setDestination(t.FormApp.DestinationType.SPREADSHEET, t.SpreadsheetApp.getActive().getId());
  return form;
}

describe("FormApp", () => {
  it("creates a form with items, ids, URLs and typed getters", () => {
    const t = setup();
    const form = signupForm(t);
    expect(form.getTitle()).toBe("Sign up");
    expect(form.getPublishedUrl()).toMatch(/^https:\/\/docs\.google\.com\/forms\/d\/e\/[^/]+\/viewform$/);
    const items = form.getItems();
    expect(items.map((i) => [i.getTitle(), String(i.getType())])).toEqual([
      ["Name", "TEXT"],
      ["NPS", "SCALE"],
      ["Type", "MULTIPLE_CHOICE"],
    ]);
    expect(items[1].asScaleItem().getUpperBound()).toBe(10);
    expect(() => items[0].asScaleItem()).toThrow(/not a ScaleItem/);
    expect(t.FormApp.openById(form.getId()).getTitle()).toBe("Sign up");
    expect(() => (items[0] as any).setBounds(0, 10)).toThrow("not emulated: Item.setBounds");
  });

  it("setDestination adds a responses tab first, headed Timestamp and the question titles", () => {
    const t = setup();
    signupForm(t);
    const tab = t.emu.spreadsheet.getSheets()[0];
    expect(tab.getName()).toBe("Form Responses 1");
    expect(tab.getRange(1, 1, 1, 4).getValues()[0]).toEqual(["Timestamp", "Name", "NPS", "Type"]);
  });

  it("a Chinese spreadsheet names the tab and the timestamp column in Chinese", () => {
    const t = setup({ locale: "zh_CN" });
    signupForm(t);
    const tab = t.emu.spreadsheet.getSheets()[0];
    expect(tab.getName()).toBe("表单回复 1");
    expect(tab.getRange(1, 1).getValue()).toBe("时间戳记");
  });

  it("a respondent's submission is appended and fires the form-submit trigger with the documented fields", () => {
    const t = setup();
    const form = signupForm(t);
    t.ScriptApp.newTrigger("handleFormSubmit")
      .forSpreadsheet(t.SpreadsheetApp.getActive())
      .onFormSubmit()
      .create();
    t.respondent.respond(form.getId(), { Name: "=HYPERLINK(1)", NPS: 9, Type: "Retail" });
    const tab = t.emu.spreadsheet.getSheetByName("Form Responses 1")!;
    const row = tab.getRange(2, 1, 1, 4).getValues()[0];
    expect(row[0]).toBeInstanceOf(Date);
    expect(row.slice(1)).toEqual(["=HYPERLINK(1)", 9, "Retail"]);
    expect(tab.getRange(2, 2).getFormula()).toBe("");
    expect(t.calls).toHaveLength(1);
    const e = t.calls[0].event;
    expect(Object.keys(e).sort()).toEqual(["authMode", "namedValues", "range", "triggerUid", "values"]);
    expect(e.values).toEqual(["11/23/2026 17:00:00", "=HYPERLINK(1)", "9", "Retail"]);
    expect(e.namedValues.NPS).toEqual(["9"]);
    expect(e.range.getA1Notation()).toBe("A2:D2");
    expect(t.emu.executions.map((x) => [x.handler, x.kind])).toEqual([["handleFormSubmit", "installable"]]);
  });

  it("refuses answers a question cannot take and required questions left blank", () => {
    const t = setup();
    const form = signupForm(t);
    expect(() => t.respondent.respond(form.getId(), { Name: "A", NPS: 11 })).toThrow(/scale/);
    expect(() => t.respondent.respond(form.getId(), { Name: "A", Type: "Other" })).toThrow(
      /Invalid response/,
    );
    expect(() => t.respondent.respond(form.getId(), { NPS: 3 })).toThrow(/required question: Name/);
    form.setAcceptingResponses(false);
    expect(() => t.respondent.respond(form.getId(), { Name: "A" })).toThrow(/no longer accepting/);
    expect(t.emu.spreadsheet.getSheetByName("Form Responses 1")!.getLastRow()).toBe(1);
  });

  it("toPrefilledUrl carries the answers; the respondent sees them filled in", () => {
    const t = setup();
    const form = signupForm(t);
    const [name, nps] = form.getItems();
    const url = form
      .createResponse()
      .withItemResponse(name.asTextItem().createResponse("王 & Co"))
      .withItemResponse(nps.asScaleItem().createResponse(7))
      .toPrefilledUrl();
    expect(url).toContain("usp=pp_url");
    expect(t.respondent.prefilled(url)).toEqual({
      formId: form.getId(),
      answers: { Name: "王 & Co", NPS: "7" },
    });
  });

  it("a script's submit() records the response; its trigger runs after that execution", () => {
    const t = setup();
    const form = signupForm(t);
    t.ScriptApp.newTrigger("h").forSpreadsheet(t.SpreadsheetApp.getActive()).onFormSubmit().create();
    const seenInside = t.emu.execution(() => {
      form.createResponse().withItemResponse(form.getItems()[0].asTextItem().createResponse("Li")).submit();
      return t.calls.length;
    });
    expect(seenInside).toBe(0);
    expect(t.calls).toHaveLength(1);
    const responses = form.getResponses();
    expect(responses.map((r) => r.getItemResponses().map((i) => i.getResponse()))).toEqual([["Li"]]);
    expect(responses[0].getTimestamp()).toEqual(new Date("2026-11-23T09:00:00Z"));
  });

  it("FormApp needs the forms scope, and a form opens only for its owner", () => {
    const refused = createEmulator({ oauthScopes: ["https://www.googleapis.com/auth/spreadsheets"] });
    expect(() => (refused.globals.FormApp as GoogleAppsScript.Forms.FormApp).create("x")).toThrow(
      /Required permissions: https:\/\/www\.googleapis\.com\/auth\/forms/,
    );
    const t = setup({ oauthScopes: [FORMS] });
    const id = t.FormApp.create("mine").getId();
    t.emu.setUser("other@example.com");
    expect(() => t.FormApp.openById(id)).toThrow(/do not have permission/);
  });

  it("collects respondents' e-mails when asked, in a column after the timestamp", () => {
    const t = setup();
    const form = t.FormApp.create("Survey").setCollectEmail(true);
    form.addParagraphTextItem().setTitle("Comment");
    form.setDestination(t.FormApp.DestinationType.SPREADSHEET, t.SpreadsheetApp.getActive().getId());
    t.respondent.respond(form.getId(), { Comment: "good" }, { email: "a@x.com" });
    const tab = t.emu.spreadsheet.getSheetByName("Form Responses 1")!;
    expect(
      tab
        .getRange(1, 1, 2, 3)
        .getValues()
        .map((r) => r.slice(1)),
    ).toEqual([
      ["Email Address", "Comment"],
      ["a@x.com", "good"],
    ]);
    expect(form.getResponses()[0].getRespondentEmail()).toBe("a@x.com");
  });
});
