import { checkCampaignDraft, parseStoredCampaign } from "../../../src/core/campaigns/campaign";
import {
  parseUnsubscribeRequest,
  renderCampaignMail,
  unsubscribeHref,
} from "../../../src/core/campaigns/render";
import { htmlBytes, MAX_MAIL_HTML_BYTES } from "../../../src/core/notify/mail-layout";
import { step } from "./fixtures";

const U = { address: "team@x.com", token: "unsub-0123456789abcdef", link: "" };

describe("campaign mails", () => {
  it("escapes merge fields in HTML and never lets a value add markup or a header", () => {
    const evil = `<img src=x onerror=alert(1)>"&'`;
    const mail = renderCampaignMail(
      step(0, "Hi {{Name}}\r\nBcc: x@y.com", "Dear {{Name}}, <b>bold</b> news."),
      { Name: evil },
      "en",
      U,
    );
    expect(mail.html).not.toContain("<img");
    expect(mail.html).toContain("&lt;img src=x onerror=alert(1)&gt;&quot;&amp;&#39;");
    expect(mail.html).toContain("&lt;b&gt;bold&lt;/b&gt;");
    expect(mail.subject).not.toMatch(/[\r\n]/);
    expect(mail.text).toContain(evil);
  });

  it("always ends with an unsubscribe mailto: link to the team address carrying the token (zh and en)", () => {
    for (const lang of ["en", "zh-CN"] as const) {
      const mail = renderCampaignMail(step(), { Name: "王" }, lang, U);
      const href = unsubscribeHref(U, lang);
      const subject = lang === "en" ? "Unsubscribe%20" : "%E9%80%80%E8%AE%A2%20";
      expect(href).toBe(
        `mailto:team@x.com?subject=${subject}unsub-0123456789abcdef&body=${subject}unsub-0123456789abcdef`,
      );
      expect(mail.html).toContain(`href="${href.replace(/&/g, "&amp;")}"`);
      expect(mail.text).toContain(U.token);
      expect(mail.html).toContain(lang === "en" ? ">Unsubscribe</a>" : ">退订</a>");
    }
  });

  it("links to the web app's one-click page when the team has one, never to anything but http(s)", () => {
    const link = "https://script.google.com/macros/s/AKfy/exec?view=unsubscribe&t=unsub-0123456789abcdef";
    const mail = renderCampaignMail(step(), { Name: "王" }, "zh-CN", { ...U, link });
    expect(mail.html).toContain(`href="${link.replace(/&/g, "&amp;")}"`);
    expect(mail.text).toContain(`退订: ${link}`);
    expect(mail.html).not.toContain("mailto:");
    const hostile = renderCampaignMail(step(), { Name: "王" }, "en", { ...U, link: "javascript:alert(1)" });
    expect(hostile.html).toContain(`href="mailto:team@x.com?`);
    expect(hostile.html).not.toContain("javascript:");
  });

  it("stays under Gmail's clipping size whatever the cells hold", () => {
    const body = "{{Name}} ".repeat(130);
    const mail = renderCampaignMail(step(0, "x", body), { Name: "长".repeat(50_000) }, "zh-CN", U);
    expect(htmlBytes(mail.html)).toBeLessThanOrEqual(MAX_MAIL_HTML_BYTES);
    expect(mail.html).toContain(U.token);
  });

  it("reads an unsubscribe request: a token first, else an address", () => {
    expect(parseUnsubscribeRequest("Re: Unsubscribe 退订 UNSUB-0123456789ABCDEF")).toEqual({
      token: "unsub-0123456789abcdef",
    });
    expect(parseUnsubscribeRequest("From: Li <Li@Mail.com> 退订")).toEqual({ email: "li@mail.com" });
    expect(parseUnsubscribeRequest("please stop")).toBeNull();
  });
});

describe("campaign drafts", () => {
  const team = (e: string) => e === "team@x.com";
  const draft = {
    name: "Spring",
    lang: "zh-CN",
    audience: { search: "", filters: { Segment: "Champions" } },
    trigger: { kind: "once", start: "2026-12-08" },
    steps: [{ delayDays: 0, subject: "{{Name}}，您好", body: "感谢 {{Name}}。联系人 {{Owner|我们}}。" }],
    replyTo: "Team@X.com",
    dailyCap: 50,
    status: "scheduled",
  };

  it("accepts a complete draft and cleans it", () => {
    const c = checkCampaignDraft(draft, team);
    expect(c.ok && c.value.replyTo).toBe("team@x.com");
  });

  it("lists every problem: unknown merge fields and filters, a reply-to outside the team, bad delays", () => {
    const c = checkCampaignDraft(
      {
        ...draft,
        audience: { search: "", filters: { Password: "x" } },
        steps: [{ delayDays: -1, subject: "", body: "{{Secret}}" }],
        replyTo: "someone@else.com",
        trigger: { kind: "once", start: "soon" },
      },
      team,
    );
    expect(c.ok).toBe(false);
    if (c.ok) return;
    expect(c.problems.map((p) => `${p.field}:${p.code}`).sort()).toEqual(
      [
        "audience:invalid",
        "replyTo:notTeam",
        "steps.0.body:unknownField",
        "steps.0.delayDays:invalid",
        "steps.0.subject:required",
        "trigger:invalid",
      ].sort(),
    );
  });

  it("drops a stored campaign edited into nonsense, keeps one whose sender left the team", () => {
    expect(parseStoredCampaign("{not json")).toBeNull();
    expect(parseStoredCampaign(JSON.stringify({ ...draft, id: "c1", steps: [] }))).toBeNull();
    expect(
      parseStoredCampaign(JSON.stringify({ ...draft, id: "c1", replyTo: "gone@x.com", status: "done" }))
        ?.status,
    ).toBe("done");
  });
});
