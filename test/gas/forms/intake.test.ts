import { formsOf } from "../../../src/local/emulator/form-app";
import { loadBundle, type LoadedBundle } from "../../../src/local/load-bundle";

const OWNER = "owner@example.com";
const isDate = (v: unknown) => Object.prototype.toString.call(v) === "[object Date]";

/** A bundle on a book with three customers (Chinese headers), the last two consenting to mail. */
function book(locale = "zh_CN"): { b: LoadedBundle; respondent: ReturnType<typeof formsOf> } {
  const b = loadBundle({ locale, user: OWNER, dist: process.env.SHEET_CRM_DIST });
  b.emulator.sheetFromValues(locale === "zh_CN" ? "客户" : "Customers", [
    locale === "zh_CN"
      ? ["客户编号", "客户名称", "联系电话", "电子邮件", "同意接收邮件"]
      : ["CustomerID", "Name", "Phone", "Email", "MarketingConsent"],
    ["KH-0007", "老王商行", "13800138000", "wang@shop.cn", ""],
    ["KH-0008", "李记", "13900139000", "li@ji.cn", "是"],
    ["KH-0009", "张三", "", "zhang@x.cn", "是"],
  ]);
  return { b, respondent: formsOf(b.emulator.project, () => b.emulator.clock.nowMs()) };
}

function rows(b: LoadedBundle, name: string): unknown[][] {
  const s = b.emulator.spreadsheet.getSheetByName(name);
  return s ? s.getDataRange().getValues() : [];
}

describe("form intake through the bundle", () => {
  it("creates the sign-up form in the book's language, linked to the book, with one form-submit trigger", () => {
    const { b, respondent } = book();
    const made = b.ctx.menuCreateSignupForm();
    expect(made.created).toBe(true);
    const [formId] = respondent.formIds();
    const form = respondent.describe(formId);
    expect(form.title).toMatch(/^客户登记表/);
    expect(form.questions).toContain("公司或您的姓名");
    expect(b.emulator.triggers().filter((t) => t.eventType === "ON_FORM_SUBMIT")).toHaveLength(1);
    expect(b.emulator.spreadsheet.getSheetByName("表单回复 1")).not.toBeNull();
    // Twice changes nothing: the same form, still one trigger.
    expect(b.ctx.menuCreateSignupForm().created).toBe(false);
    expect(respondent.formIds()).toHaveLength(1);
    expect(b.emulator.triggers().filter((t) => t.eventType === "ON_FORM_SUBMIT")).toHaveLength(1);
  });

  it("adds a new customer with the next ID and stamps, updates a known one, reviews a bad one", () => {
    const { b, respondent } = book();
    b.ctx.menuCreateSignupForm();
    const [formId] = respondent.formIds();
    const ask = (a: Record<string, string>) =>
      respondent.respond(formId, { "是否同意接收我们的邮件？": "是", ...a } as Record<string, string>);
    ask({ 公司或您的姓名: "新客户", 电子邮件: "new@x.cn", 联系电话: "+86 137 0000 1111" });
    // The same person again: e-mail in capitals, phone as typed differently.
    ask({ 公司或您的姓名: "新客户有限公司", 电子邮件: "NEW@X.CN" });
    ask({ 公司或您的姓名: "王", 联系电话: "138-0013-8000", 所在地区: "上海" });
    ask({ 公司或您的姓名: "坏", 电子邮件: "not-an-email", 联系电话: "12" });
    ask({ 公司或您的姓名: '=IMAGE("http://evil.example")', 电子邮件: "evil@x.cn" });
    const table = rows(b, "客户");
    const header = table[0].map(String);
    const col = (h: string) => header.indexOf(h);
    expect(table).toHaveLength(5);
    const added = table[4];
    expect(added[col("客户编号")]).toBe("KH-0010");
    expect(added[col("客户名称")]).toBe("新客户有限公司");
    expect(isDate(added[col("创建时间")])).toBe(true);
    expect(isDate(added[col("更新时间")])).toBe(true);
    expect(table[1][col("所在地区")]).toBe("上海");
    const log = rows(b, "表单收件");
    expect(log.slice(1).map((r) => [r[2], r[3]])).toEqual([
      ["新增客户", "KH-0010"],
      ["已更新", "KH-0010"],
      ["已更新", "KH-0007"],
      ["待审核", ""],
      ["待审核", ""],
    ]);
    expect(String(log[4][4])).toMatch(/电子邮件|联系电话/);
    expect(String(log[5][8])).toMatch(/^\d+:6$/);
    // Nothing lost: the bad answers are in the log and in the responses tab, as text.
    expect(String(log[5][7])).toContain('=IMAGE("http://evil.example")');
    const review = b.ctx.menuShowFormReview();
    expect(review).toHaveLength(2);
    expect(b.emulator.executions.filter((e) => e.error)).toEqual([]);
    // Audited: one job entry per submission.
    const audit = rows(b, "审计日志").map((r) => r.join("|"));
    expect(audit.filter((r) => r.includes("form-intake"))).toHaveLength(5);
  });

  it("survey answers land in Feedback linked by token or e-mail; unknown ones wait for review", () => {
    const { b, respondent } = book();
    b.ctx.menuCreateSignupForm();
    b.ctx.menuCreateSurvey();
    const surveyId = respondent.formIds()[1];
    const q = respondent.describe(surveyId).questions;
    const [csat, nps, comment, email] = q;
    respondent.respond(surveyId, { [csat]: 5, [nps]: 10, [comment]: "服务很好", [email]: "LI@ji.cn" });
    respondent.respond(surveyId, { [csat]: 2, [nps]: 3, [comment]: "太慢了", [email]: "nobody@x.cn" });
    const feedback = rows(b, "客户反馈");
    expect(feedback.slice(1).map((r) => [r[1], r[2], r[3], r[4]])).toEqual([
      ["KH-0008", 5, "满意度调查", "服务很好"],
    ]);
    expect(isDate(feedback[1][0])).toBe(true);
    const log = rows(b, "表单收件").slice(1);
    expect(log.map((r) => [r[2], r[5], r[6]])).toEqual([
      ["已记入反馈", 5, 10],
      ["待审核", 2, 3],
    ]);
    // The weekly report counts both answers' NPS (one promoter, one detractor) and the rating by segment.
    // It covers the 90 days up to yesterday: tomorrow's report has today's answers.
    b.ctx.menuPreviewWeeklyReport();
    expect(b.emulator.ui.dialogs.at(-1)!.html).toContain("此期间没有问卷回复");
    b.emulator.clock.advance(24 * 3_600_000);
    b.ctx.menuPreviewWeeklyReport();
    const html = b.emulator.ui.dialogs.at(-1)!.html;
    expect(html).toContain("净推荐值 0（2 份问卷：推荐者 1，贬损者 1）");
    expect(html).toContain("平均评分 5.0 / 5（1 条评分）");
    expect(html).toContain("意见情感：正面 1");
  });

  it("mails “confirm your details” pre-filled to consenting customers once; the answer updates the same customer", () => {
    const { b, respondent } = book();
    b.ctx.menuCreateSignupForm();
    const first = b.ctx.menuSendConfirmDetails();
    expect(first).toMatchObject({ sent: 2, notAsked: 1, alreadySent: 0 });
    expect(b.emulator.outbox.map((m) => m.to).sort()).toEqual(["li@ji.cn", "zhang@x.cn"]);
    expect(b.ctx.menuSendConfirmDetails()).toMatchObject({ sent: 0, alreadySent: 2 });
    expect(b.emulator.outbox).toHaveLength(2);
    const mail = b.emulator.outbox.find((m) => m.to === "li@ji.cn")!;
    const url = /https:\/\/docs\.google\.com\/forms\/\S+/.exec(mail.body)![0];
    expect(url).not.toContain("KH-0008");
    const { formId, answers } = respondent.prefilled(url);
    expect(answers["公司或您的姓名"]).toBe("李记");
    // They changed their e-mail: the token still says who they are.
    respondent.respond(formId, { ...answers, 电子邮件: "li.new@ji.cn" });
    const table = rows(b, "客户");
    expect(table).toHaveLength(4);
    expect(table[2][3]).toBe("li.new@ji.cn");
    // A token altered by hand is not trusted.
    respondent.respond(formId, {
      ...answers,
      电子邮件: "x@y.cn",
      "参考码（请保持不变）": "AAAAAAAAAAAAAAAA",
    });
    expect(
      rows(b, "表单收件")
        .slice(1)
        .map((r) => r[2]),
    ).toEqual(["已更新", "待审核"]);
  });

  it("an English book gets the forms in English", () => {
    const { b, respondent } = book("en");
    b.ctx.menuCreateSurvey();
    const form = respondent.describe(respondent.formIds()[0]);
    expect(form.title).toMatch(/^Satisfaction survey/);
    expect(form.questions[1]).toBe("How likely are you to recommend us to a friend or colleague?");
  });
});
