/** The channel server refuses what each platform refuses; signatures computed here independently. */
import { createHmac } from "node:crypto";
import { startChannelServer, type ChannelServerHandle } from "../../../src/local/channels-server/start";

const SECRET = "SECabc";
const ding = (ts: string, secret: string) =>
  encodeURIComponent(createHmac("sha256", secret).update(`${ts}\n${secret}`).digest("base64"));
const feishu = (ts: string, secret: string) =>
  createHmac("sha256", `${ts}\n${secret}`).update("").digest("base64");

describe("local channel server", () => {
  let server: ChannelServerHandle;
  beforeAll(async () => {
    server = await startChannelServer({
      wecom: [{ key: "k" }],
      dingtalk: [{ accessToken: "t", secret: SECRET }],
      feishu: [{ token: "f", secret: SECRET }],
      slack: [{ path: "/services/A/B/C" }],
    });
  });
  afterAll(() => server.close());

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${server.baseUrl}${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    return { status: res.status, text: await res.text() };
  };
  const text = { msgtype: "text", text: { content: "hi" } };

  it("DingTalk: accepts a correct 加签, refuses a wrong secret and an hour-old timestamp", async () => {
    const now = String(Date.now());
    const ok = await post(`/robot/send?access_token=t&timestamp=${now}&sign=${ding(now, SECRET)}`, text);
    expect(JSON.parse(ok.text)).toEqual({ errcode: 0, errmsg: "ok" });
    const wrong = await post(
      `/robot/send?access_token=t&timestamp=${now}&sign=${ding(now, "SECother")}`,
      text,
    );
    expect(JSON.parse(wrong.text)).toEqual({ errcode: 310000, errmsg: "sign not match" });
    const old = String(Date.now() - 3_700_000);
    const stale = await post(`/robot/send?access_token=t&timestamp=${old}&sign=${ding(old, SECRET)}`, text);
    expect(JSON.parse(stale.text).errcode).toBe(310000);
    const unknown = await post(`/robot/send?access_token=nope`, text);
    expect(JSON.parse(unknown.text).errcode).toBe(300001);
  });

  it("Feishu: accepts a correct signature, refuses a wrong secret and a stale timestamp (19021)", async () => {
    const ts = String(Math.floor(Date.now() / 1000));
    const msg = { msg_type: "text", content: { text: "hi" } };
    const ok = await post("/open-apis/bot/v2/hook/f", { timestamp: ts, sign: feishu(ts, SECRET), ...msg });
    expect(JSON.parse(ok.text)).toMatchObject({ code: 0 });
    const wrong = await post("/open-apis/bot/v2/hook/f", {
      timestamp: ts,
      sign: feishu(ts, "other"),
      ...msg,
    });
    expect(JSON.parse(wrong.text).code).toBe(19021);
    const old = String(Math.floor(Date.now() / 1000) - 3700);
    const stale = await post("/open-apis/bot/v2/hook/f", {
      timestamp: old,
      sign: feishu(old, SECRET),
      ...msg,
    });
    expect(JSON.parse(stale.text).code).toBe(19021);
  });

  it("WeCom: unknown key, too long a text, and the 20-a-minute limit", async () => {
    expect(JSON.parse((await post("/cgi-bin/webhook/send?key=x", text)).text).errcode).toBe(93000);
    const long = { msgtype: "text", text: { content: "字".repeat(683) } }; // 2049 bytes
    expect(JSON.parse((await post("/cgi-bin/webhook/send?key=k", long)).text).errcode).toBe(40058);
    const codes: number[] = [];
    for (let i = 0; i < 21; i++)
      codes.push(JSON.parse((await post("/cgi-bin/webhook/send?key=k", text)).text).errcode);
    expect(codes.slice(0, 20).every((c) => c === 0)).toBe(true);
    expect(codes[20]).toBe(45009);
  });

  it("Slack: answers ok, no_service and invalid_payload; every request is recorded with headers and body", async () => {
    await server.reset();
    expect(await post("/services/A/B/C", { text: "hi" })).toEqual({ status: 200, text: "ok" });
    expect(await post("/services/A/B/X", { text: "hi" })).toEqual({ status: 404, text: "no_service" });
    expect(await post("/services/A/B/C", { nope: 1 })).toEqual({ status: 400, text: "invalid_payload" });
    const got = await server.requests();
    expect(got.map((r) => [r.platform, r.accepted, r.answer.status])).toEqual([
      ["slack", true, 200],
      ["slack", false, 404],
      ["slack", false, 400],
    ]);
    expect(got[0].headers["content-type"]).toBe("application/json");
    expect(JSON.parse(got[0].body)).toEqual({ text: "hi" });
  });
});
