/**
 * Reminders through every channel kind, sent by the built bundle through the emulated UrlFetchApp as real
 * HTTP to the local channel server, then checked here with an independent implementation of each
 * platform's documented algorithm (node:crypto, nothing imported from the add-on's signing code).
 */
import { createHmac } from "node:crypto";
import { startChannelServer, type ChannelServerHandle } from "../../../../src/local/channels-server/start";
import type { ChannelServerConfig } from "../../../../src/local/channels-server/platforms";
import type { LoadedBundle } from "../../../../src/local/load-bundle";
import { loadNotifyBundle } from "../harness";

/** SendLog rows with all nine columns (the last is Channel). */
function sendLogRows(loaded: LoadedBundle): unknown[][] {
  const sheet = loaded.emulator.spreadsheet.getSheetByName("SendLog");
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, 9).getValues();
}

const HOSTILE = "<@all> *x* [a](http://evil) @13800001111 <!channel>";
const DING_SECRET = "SEC0123456789abcdef";
const FEISHU_SECRET = "feishu-secret-42";

/** One endpoint of each kind, as the tests configure the local server (and restore it after a change). */
const SERVER: ChannelServerConfig = {
  wecom: [{ key: "wk-1" }],
  dingtalk: [{ accessToken: "dt-1", secret: DING_SECRET }],
  feishu: [{ token: "fs-1", secret: FEISHU_SECRET }],
  slack: [{ path: "/services/T1/B1/X1" }],
  sms: [
    {
      path: "/sms/send",
      method: "POST",
      requireHeaders: { authorization: "Bearer sms-key" },
      requireFields: ["PhoneNumbers", "Text"],
    },
  ],
};

const customer = (id: string, owner: string, name = `Customer ${id}`) => [
  id,
  name,
  "",
  "Regular",
  "Following up",
  "2026-11-01",
  owner,
  "North",
  "",
  100,
  "",
];

/** DingTalk 加签 as documented: base64(HmacSHA256(key=secret, timestamp+"\n"+secret)). */
function dingSign(timestamp: string, secret: string): string {
  return createHmac("sha256", Buffer.from(secret, "utf8"))
    .update(Buffer.from(`${timestamp}\n${secret}`, "utf8"))
    .digest("base64");
}
/** Feishu as documented: base64(HmacSHA256 keyed with timestamp+"\n"+secret over an empty message). */
function feishuSign(timestamp: string, secret: string): string {
  return createHmac("sha256", Buffer.from(`${timestamp}\n${secret}`, "utf8"))
    .update(Buffer.alloc(0))
    .digest("base64");
}

describe("reminders through chat robots and SMS (real HTTP to the local channel server)", () => {
  let server: ChannelServerHandle;
  beforeAll(async () => {
    server = await startChannelServer(SERVER);
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const channels = (base: string, dingSecret = DING_SECRET) => ({
    channels: [
      {
        id: "wecom",
        kind: "wecom",
        name: "企业微信",
        url: `${base}/cgi-bin/webhook/send?key=wk-1`,
        secret: "",
        format: "markdown",
      },
      {
        id: "ding",
        kind: "dingtalk",
        name: "钉钉",
        url: `${base}/robot/send?access_token=dt-1`,
        secret: dingSecret,
        format: "text",
      },
      {
        id: "feishu",
        kind: "feishu",
        name: "飞书",
        url: `${base}/open-apis/bot/v2/hook/fs-1`,
        secret: FEISHU_SECRET,
        format: "text",
      },
      {
        id: "slack",
        kind: "slack",
        name: "Slack",
        url: `${base}/services/T1/B1/X1`,
        secret: "",
        format: "markdown",
      },
      {
        id: "sms",
        kind: "sms",
        name: "SMS relay",
        url: `${base}/sms/send`,
        method: "post",
        contentType: "application/json",
        headers: { Authorization: "Bearer sms-key" },
        bodyTemplate: '{"PhoneNumbers":"{{Phone}}","Text":"{{Text}}","Sign":"CRM"}',
        maxChars: 120,
      },
    ],
  });
  const choices = {
    "wecom@example.com": { reminders: "wecom", reports: "mail", phone: "" },
    "ding@example.com": { reminders: "ding", reports: "mail", phone: "" },
    "feishu@example.com": { reminders: "feishu", reports: "mail", phone: "" },
    "slack@example.com": { reminders: "slack", reports: "mail", phone: "" },
    "sms@example.com": { reminders: "sms", reports: "mail", phone: "13800001111" },
  };

  const load = (dingSecret?: string) => {
    const loaded = loadNotifyBundle({
      customers: Object.keys(choices).map((email, i) =>
        customer(`C${i + 1}`, email, i === 0 || i === 4 ? `${HOSTILE} "q" \\ \n line` : `Customer ${i + 1}`),
      ),
    });
    loaded.emulator.properties.document.set("channels", JSON.stringify(channels(server.baseUrl, dingSecret)));
    loaded.emulator.properties.document.set("channelChoices", JSON.stringify(choices));
    return loaded;
  };

  it("posts each platform's documented payload, signed, and logs each send once with its channel", async () => {
    const loaded = load();
    const summary = loaded.call("sendRemindersNow", []);
    expect(summary.ok).toBe(true);
    expect(loaded.emulator.outbox.filter((m) => m.subject.startsWith("Sheet CRM reminders"))).toHaveLength(0);
    const got = await server.requests();
    expect(got.map((r) => r.platform).sort()).toEqual(["dingtalk", "feishu", "slack", "sms", "wecom"]);
    expect(got.every((r) => r.accepted)).toBe(true);
    const sentAt = Number(got[0].headers["x-emulator-now"]);

    const wecom = got.find((r) => r.platform === "wecom")!;
    const wBody = JSON.parse(wecom.body);
    expect(wBody.msgtype).toBe("markdown");
    expect(Buffer.byteLength(wBody.markdown.content, "utf8")).toBeLessThanOrEqual(4096);
    expect(wBody.markdown.content).toContain("C1");
    // Customer data cannot mention (<@all>), link or format: its characters arrive as look-alikes.
    expect(wBody.markdown.content).not.toMatch(/<@|\[a\]\(|\*x\*|@1380/);
    expect(wBody.markdown.content).toContain("＜＠all＞");

    const ding = got.find((r) => r.platform === "dingtalk")!;
    expect(ding.query.access_token).toBe("dt-1");
    expect(Math.abs(Number(ding.query.timestamp) - sentAt)).toBeLessThan(60_000);
    expect(ding.query.sign).toBe(dingSign(ding.query.timestamp, DING_SECRET));
    // The sign went url-encoded once in the raw URL (base64's + / = escaped).
    expect(ding.url).toContain(`sign=${encodeURIComponent(ding.query.sign)}`);
    expect(JSON.parse(ding.body)).toMatchObject({
      msgtype: "text",
      text: { content: expect.stringContaining("C2") },
    });

    const feishu = got.find((r) => r.platform === "feishu")!;
    const fBody = JSON.parse(feishu.body);
    expect(fBody.msg_type).toBe("text");
    expect(fBody.timestamp).toMatch(/^\d{10}$/);
    expect(Math.abs(Number(fBody.timestamp) * 1000 - sentAt)).toBeLessThan(60_000);
    expect(fBody.sign).toBe(feishuSign(fBody.timestamp, FEISHU_SECRET));
    expect(fBody.content.text).toContain("C3");

    const slack = got.find((r) => r.platform === "slack")!;
    expect(JSON.parse(slack.body).text).toContain("C4");

    const sms = got.find((r) => r.platform === "sms")!;
    expect(sms.headers.authorization).toBe("Bearer sms-key");
    const sBody = JSON.parse(sms.body);
    // The template's fields are filled; quotes, backslashes and line breaks in the name stay inside the string.
    expect(Object.keys(sBody)).toEqual(["PhoneNumbers", "Text", "Sign"]);
    expect(sBody.PhoneNumbers).toBe("13800001111");
    expect(sBody.Sign).toBe("CRM");
    expect([...sBody.Text].length).toBeLessThanOrEqual(120);
    expect(sBody.Text).not.toContain("\n");

    const rows = sendLogRows(loaded).filter((r) => String(r[3]) !== "weekly-report");
    expect(rows.map((r) => [r[1], r[4], r[8]]).sort()).toEqual([
      ["ding@example.com", "sent", "ding"],
      ["feishu@example.com", "sent", "feishu"],
      ["slack@example.com", "sent", "slack"],
      ["sms@example.com", "sent", "sms"],
      ["wecom@example.com", "sent", "wecom"],
    ]);
    // Nothing twice: the same day's second run sends nothing.
    await server.reset();
    loaded.call("sendRemindersNow", []);
    expect(await server.requests()).toHaveLength(0);
  });

  it("does not retry a refused signature (wrong secret): one request, logged failed, retried next run", async () => {
    const loaded = load("SECwrong");
    loaded.call("sendRemindersNow", []);
    const ding = (await server.requests()).filter((r) => r.platform === "dingtalk");
    expect(ding).toHaveLength(1);
    expect(ding[0].accepted).toBe(false);
    expect(JSON.parse(ding[0].answer.body)).toEqual({ errcode: 310000, errmsg: "sign not match" });
    const row = sendLogRows(loaded).find((r) => r[1] === "ding@example.com")!;
    expect(row[4]).toBe("failed");
    expect(String(row[6])).toContain("310000 sign not match");
  });

  it("defers every channel send when the UrlFetch daily quota is spent, and sends them on the next run", async () => {
    const loaded = load();
    loaded.emulator.urlFetch.remaining(0);
    loaded.call("sendRemindersNow", []);
    expect(await server.requests()).toHaveLength(0);
    const rows = sendLogRows(loaded).filter((r) => String(r[1]).endsWith("@example.com") && r[8]);
    expect(rows.map((r) => r[4])).toEqual(["deferred", "deferred", "deferred", "deferred", "deferred"]);
    loaded.emulator.clock.advance(24 * 3_600_000);
    loaded.call("sendRemindersNow", []);
    expect((await server.requests()).filter((r) => r.accepted)).toHaveLength(5);
  });

  it("retries a busy answer with backoff on the emulated clock, then sends", async () => {
    await server.configure({
      slack: [{ path: "/services/T1/B1/X1" }],
      failFirst: [{ pathPrefix: "/services/", count: 2, status: 503 }],
    });
    try {
      const loaded = load();
      loaded.emulator.properties.document.set(
        "channelChoices",
        JSON.stringify({ "slack@example.com": choices["slack@example.com"] }),
      );
      loaded.call("sendRemindersNow", []);
      const slack = (await server.requests()).filter((r) => r.path.startsWith("/services/"));
      expect(slack.map((r) => r.answer.status)).toEqual([503, 503, 200]);
      // 1 s then 4 s of backoff between the attempts (Utilities.sleep moves the emulated clock).
      const at = slack.map((r) => Date.parse(r.senderNow));
      expect(at[1] - at[0]).toBeGreaterThanOrEqual(1000);
      expect(at[2] - at[1]).toBeGreaterThanOrEqual(4000);
      expect(sendLogRows(loaded).find((r) => r[1] === "slack@example.com")![4]).toBe("sent");
    } finally {
      await server.configure(SERVER);
    }
  });
});
