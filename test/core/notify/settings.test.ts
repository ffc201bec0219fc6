import {
  defaultLangOf,
  DEFAULT_NOTIFY_SETTINGS,
  langFor,
  validateNotifySettings,
  welcomeTemplate,
} from "../../../src/core/notify/settings";

describe("notify settings", () => {
  it("fills defaults and lower-cases e-mails", () => {
    const r = validateNotifySettings({
      managers: ["Boss@Example.com"],
      langs: { "Li@Example.com": "zh-CN" },
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.settings.managers).toEqual(["boss@example.com"]);
    expect(r.settings.langs).toEqual({ "li@example.com": "zh-CN" });
    expect(r.settings.rules).toEqual(DEFAULT_NOTIFY_SETTINGS.rules);
  });

  it("reports every bad field by path and accepts nothing", () => {
    const r = validateNotifySettings({
      managers: ["nope"],
      reminderHour: 24,
      weekday: 0,
      rules: [
        { id: "a", kind: "status-idle", status: "following_up", days: -1, priority: 1 },
        { id: "a", kind: "overdue-order", priority: 2 },
        { id: "welcome", kind: "teleport", priority: 0 },
      ],
      welcome: { enabled: true, subject: "Hi {{Nme}}", body: "x" },
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const fields = r.errors.map((e) => e.field);
    expect(fields).toEqual(
      expect.arrayContaining([
        "managers[0]",
        "reminderHour",
        "weekday",
        "rules[0].days",
        "rules[1].id",
        "rules[2].id",
        "rules[2].priority",
        "rules[2].kind",
        "welcome.subject",
      ]),
    );
  });
});

describe("mail language, repeats and the welcome template", () => {
  it("follows the spreadsheet by default, or the language set, or the recipient's own", () => {
    const r = validateNotifySettings({ langs: { "li@example.com": "zh-CN" } });
    if (!r.ok) throw new Error("invalid");
    expect(r.settings.defaultLang).toBe("auto");
    expect(langFor(r.settings, "ann@example.com", "zh-CN")).toBe("zh-CN");
    expect(langFor(r.settings, "ann@example.com", "en")).toBe("en");
    expect(langFor(r.settings, "Li@Example.com", "en")).toBe("zh-CN");
    const en = { ...r.settings, defaultLang: "en" as const };
    expect(langFor(en, "ann@example.com", "zh-CN")).toBe("en");
    expect(defaultLangOf(en, "zh-CN")).toBe("en");
    expect(validateNotifySettings({ defaultLang: "fr" }).ok).toBe(false);
  });

  it("repeats a still-due reminder after 3 days unless set from 1 to 30", () => {
    expect(DEFAULT_NOTIFY_SETTINGS.repeatDays).toBe(3);
    const one = validateNotifySettings({ repeatDays: 1 });
    expect(one.ok && one.settings.repeatDays).toBe(1);
    for (const bad of [0, 31, 2.5, "3"]) {
      const r = validateNotifySettings({ repeatDays: bad });
      expect(r.ok ? [] : r.errors.map((e) => e.field)).toEqual(["repeatDays"]);
    }
  });

  it("says what is wrong in the user's language", () => {
    const r = validateNotifySettings({ managers: ["nope"], repeatDays: 0 }, "zh-CN");
    expect(r.ok ? [] : r.errors.map((e) => e.message)).toEqual([
      "「nope」不是邮箱地址",
      "须为 1 到 30 的整数天数",
    ]);
    const en = validateNotifySettings({ managers: ["nope"] });
    expect(en.ok ? [] : en.errors.map((e) => e.message)).toEqual(['"nope" is not an e-mail address']);
  });

  it("uses the built-in welcome in each mail's language when the template is empty or an old default", () => {
    expect(welcomeTemplate(DEFAULT_NOTIFY_SETTINGS, "zh-CN").body).toContain("感谢您选择我们");
    expect(welcomeTemplate(DEFAULT_NOTIFY_SETTINGS, "en").subject).toBe(
      "Welcome, {{ContactName|dear customer}}",
    );
    const legacy = {
      ...DEFAULT_NOTIFY_SETTINGS,
      welcome: {
        enabled: true,
        subject: "Welcome, {{Name}}",
        body: "Dear {{Name}},\n\nThank you for choosing us. {{Owner}} will be your contact.\n\nBest regards",
      },
    };
    expect(welcomeTemplate(legacy, "zh-CN").subject).toBe("欢迎您，{{ContactName|尊敬的客户}}");
    const own = { ...legacy, welcome: { enabled: true, subject: "", body: "Hello {{Name}}" } };
    expect(welcomeTemplate(own, "zh-CN")).toEqual({
      subject: "欢迎您，{{ContactName|尊敬的客户}}",
      body: "Hello {{Name}}",
    });
    // Empty is accepted (built-in); placeholders with defaults are checked by name.
    expect(validateNotifySettings({ welcome: { enabled: true, subject: "", body: "" } }).ok).toBe(true);
    expect(validateNotifySettings({ welcome: { subject: "Hi {{Owner|us}}", body: "{{Region|}}." } }).ok).toBe(
      true,
    );
    const bad = validateNotifySettings({ welcome: { subject: "Hi {{Boss|us}}", body: "x" } });
    expect(bad.ok ? [] : bad.errors.map((e) => e.field)).toEqual(["welcome.subject"]);
  });
});
