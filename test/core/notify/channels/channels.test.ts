import {
  chatRequest,
  checkChannel,
  escapeFor,
  fitLines,
  judgeAnswer,
  maskChannel,
  mergeChannelInput,
  renderSmsRequest,
  routeFor,
  smsText,
  utf8Bytes,
  type ChatChannel,
  type SmsChannel,
} from "../../../../src/core/notify/channels";

const sms: SmsChannel = {
  id: "sms",
  kind: "sms",
  name: "relay",
  url: "https://relay.example.com/send?to={{Phone}}",
  method: "post",
  contentType: "application/json",
  headers: { Authorization: "Bearer k" },
  bodyTemplate: '{"phone":"{{Phone}}","text":"{{Text}}"}',
  maxChars: 40,
};

describe("SMS gateway template", () => {
  it("fills merge fields encoded for where they stand: a value cannot add a JSON field or a query part", () => {
    const r = renderSmsRequest(sms, { Phone: "138&x=1", Text: 'He said "hi",\n"admin":true', Title: "" });
    expect(r.url).toBe("https://relay.example.com/send?to=138%26x%3D1");
    expect(JSON.parse(r.payload)).toEqual({ phone: "138&x=1", text: 'He said "hi",\n"admin":true' });
    const form = renderSmsRequest(
      { ...sms, contentType: "application/x-www-form-urlencoded", bodyTemplate: "m={{Phone}}&t={{Text}}" },
      { Phone: "1", Text: "a&b=c", Title: "" },
    );
    expect(Object.fromEntries(new URLSearchParams(form.payload))).toEqual({ m: "1", t: "a&b=c" });
  });
  it("refuses unknown merge fields and cuts the text to the channel's characters", () => {
    expect(() =>
      renderSmsRequest({ ...sms, bodyTemplate: "{{Secret}}" }, { Phone: "", Text: "", Title: "" }),
    ).toThrow("Unknown merge field: {{Secret}}");
    const text = smsText(sms, { title: "客户提醒", lines: ["一".repeat(30), "二".repeat(30)] });
    expect([...text].length).toBeLessThanOrEqual(40);
    expect(text).toContain("…(+");
  });
});

describe("chat payloads", () => {
  const wecom: ChatChannel = {
    id: "w",
    kind: "wecom",
    name: "w",
    url: "https://x/y?key=1",
    secret: "",
    format: "text",
  };
  it("escapes mentions and markup per platform", () => {
    expect(escapeFor("slack", "<!channel> & <@U1>")).toBe("&lt;!channel&gt; &amp; &lt;@U1&gt;");
    expect(escapeFor("feishu", '<at user_id="all">x</at>')).not.toContain("<");
    expect(escapeFor("dingtalk", "@13800001111 **b**")).toBe("＠13800001111 ＊＊b＊＊");
  });
  it("keeps WeCom text within 2048 bytes, whole lines first", () => {
    const lines = Array.from({ length: 200 }, (_, i) => `客户 ${i} 逾期付款`);
    const body = JSON.parse(chatRequest(wecom, { title: "提醒", lines }, 0, () => "").payload);
    expect(utf8Bytes(body.text.content)).toBeLessThanOrEqual(2048);
    expect(body.text.content).toMatch(/…\(\+\d+\)$/);
    expect(fitLines(["ab", "cd"], 5)).toBe("ab\ncd");
  });
  it("signs DingTalk in the URL and Feishu in the body with the signer it is given", () => {
    const seen: [string, string][] = [];
    const hmac = (m: string, k: string) => (seen.push([m, k]), "a+b/c=");
    const d = chatRequest(
      { ...wecom, kind: "dingtalk", url: "https://o/robot/send?access_token=t", secret: "S" },
      { title: "t", lines: [] },
      1700000000123,
      hmac,
    );
    expect(d.url).toBe("https://o/robot/send?access_token=t&timestamp=1700000000123&sign=a%2Bb%2Fc%3D");
    const f = chatRequest(
      { ...wecom, kind: "feishu", url: "https://f/h", secret: "S" },
      { title: "t", lines: [] },
      1700000000123,
      hmac,
    );
    expect(JSON.parse(f.payload)).toMatchObject({ timestamp: "1700000000", sign: "a+b/c=" });
    expect(seen).toEqual([
      ["1700000000123\nS", "S"],
      ["", "1700000000\nS"],
    ]);
  });
});

describe("answers, settings, masking, routes", () => {
  it("retries only busy answers", () => {
    expect(judgeAnswer("wecom", 200, '{"errcode":45009,"errmsg":"api freq out of limit"}').outcome).toBe(
      "retry",
    );
    expect(judgeAnswer("dingtalk", 200, '{"errcode":310000,"errmsg":"sign not match"}').outcome).toBe(
      "failed",
    );
    expect(judgeAnswer("feishu", 200, '{"code":0,"msg":"success"}').outcome).toBe("sent");
    expect(judgeAnswer("slack", 503, "").outcome).toBe("retry");
    expect(judgeAnswer("slack", 404, "no_service").outcome).toBe("failed");
  });
  it("never shows a credential; a masked or empty field keeps the stored one", () => {
    const r = checkChannel({
      id: "d",
      kind: "dingtalk",
      name: "钉钉",
      url: "https://oapi.dingtalk.com/robot/send?access_token=abcdef123456",
      secret: "SEC1234567890",
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const masked = maskChannel(r.channel);
    expect(JSON.stringify(masked)).not.toMatch(/abcdef12|SEC12345/);
    const merged = mergeChannelInput({ ...masked, name: "new" }, r.channel);
    expect(merged).toMatchObject({ name: "new", url: r.channel.url, secret: "SEC1234567890" });
    expect(checkChannel({ id: "x", kind: "slack", name: "s", url: "http://evil.example.com/hook" }).ok).toBe(
      false,
    );
  });
  it("routes to mail when the chosen channel is gone or SMS has no phone", () => {
    const ch = [sms];
    expect(
      routeFor({ "a@x.com": { reminders: "sms", reports: "mail", phone: "" } }, ch, "a@x.com", "reminders")
        .via,
    ).toBe("mail");
    expect(
      routeFor(
        { "a@x.com": { reminders: "sms", reports: "mail", phone: "13800001111" } },
        ch,
        "A@x.com",
        "reminders",
      ).via,
    ).toBe("channel");
    expect(
      routeFor({ "a@x.com": { reminders: "gone", reports: "mail", phone: "" } }, ch, "a@x.com", "reminders")
        .via,
    ).toBe("mail");
  });
});
