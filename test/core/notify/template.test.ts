import { renderWelcome } from "../../../src/core/notify/digest";
import { DEFAULT_NOTIFY_SETTINGS, welcomeTemplate } from "../../../src/core/notify/settings";
import { fillTemplate, placeholdersOf } from "../../../src/core/notify/template";

const welcome = (lang: "en" | "zh-CN", values: Record<string, string>) =>
  renderWelcome(welcomeTemplate(DEFAULT_NOTIFY_SETTINGS, lang), values, lang);

describe("templates never show an empty placeholder", () => {
  it("drops the sentence whose placeholder has no value, and keeps the rest of the line", () => {
    const t = "Dear {{Name}},\n\nThanks. {{Owner}} will be your contact. Reply any time.\n\nBest regards";
    expect(fillTemplate(t, { Name: "Acme", Owner: "" }, "text")).toBe(
      "Dear Acme,\n\nThanks. Reply any time.\n\nBest regards",
    );
    expect(fillTemplate(t, { Name: "Acme", Owner: "ann@x.com" }, "text")).toBe(
      "Dear Acme,\n\nThanks. ann@x.com will be your contact. Reply any time.\n\nBest regards",
    );
    // A whole line that was one sentence goes with its blank line, not leaving a hole.
    expect(fillTemplate("Dear {{Name}},\n\nWelcome.", { Name: " " }, "text")).toBe("Welcome.");
    // Chinese full stops end a sentence wherever they stand; an address's dots never do.
    expect(fillTemplate("感谢您。联系人是 {{Owner}}。祝好！", { Owner: "" }, "text")).toBe("感谢您。祝好！");
    expect(fillTemplate("Write to {{Owner}}.", { Owner: "a.b@x.co.uk" }, "text")).toBe(
      "Write to a.b@x.co.uk.",
    );
  });

  it("uses the default written after a bar, escaped in HTML like any value", () => {
    expect(fillTemplate("Dear {{ContactName|customer}},", { ContactName: "" }, "text")).toBe(
      "Dear customer,",
    );
    expect(fillTemplate("Dear {{ContactName | <b>you</b> }},", {}, "html")).toBe(
      "Dear {{ContactName | &lt;b&gt;you&lt;/b&gt; }},",
    );
    expect(fillTemplate("Dear {{ContactName | <b>you</b> }},", { ContactName: "" }, "html")).toBe(
      "Dear &lt;b&gt;you&lt;/b&gt;,",
    );
    expect(placeholdersOf("{{Name|x}} {{ Owner }} {{Name}}")).toEqual(["Name", "Owner"]);
  });

  it("leaves a name it does not know as written, so a typo shows in the preview", () => {
    expect(fillTemplate("Hi {{Nmae}}.", { Name: "A" }, "text")).toBe("Hi {{Nmae}}.");
  });

  it("welcomes a customer without an owner or contact name in sensible words, in both languages", () => {
    const en = welcome("en", { Name: "Acme Ltd", ContactName: "", Owner: "", CustomerID: "C1", Region: "" });
    expect(en.subject).toBe("Welcome, dear customer");
    expect(en.text).toBe(
      "Dear customer,\n\nThank you for choosing us. If you have any questions, just reply to this mail.\n\nBest regards",
    );
    expect(en.text).not.toMatch(/contact is|will be your contact|\{\{|\s[.,]/);
    const zh = welcome("zh-CN", {
      Name: "星辰科技",
      ContactName: "",
      Owner: "",
      CustomerID: "C1",
      Region: "",
    });
    expect(zh.subject).toBe("欢迎您，尊敬的客户");
    expect(zh.text).toBe("尊敬的客户：\n\n感谢您选择我们。如有任何问题，请直接回复本邮件。\n\n此致\n敬礼");
    expect(zh.html).toContain('<html lang="zh-CN">');

    const named = welcome("zh-CN", { ContactName: "王芳", Owner: "li@x.com", Name: "星辰科技" });
    expect(named.text).toContain("尊敬的王芳：");
    expect(named.text).toContain("您的专属联系人是 li@x.com。");
  });

  it("falls back to a plain subject when the template's subject is left with nothing", () => {
    expect(renderWelcome({ subject: "{{Owner}}", body: "Hi" }, { Owner: "" }, "zh-CN").subject).toBe("欢迎");
  });
});
