import { DEFAULT_NOTIFY_SETTINGS, validateNotifySettings } from "../../../src/core/notify/settings";

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
