import { createEmulator } from "../../../src/local/emulator";
import { URL_FETCH_QUOTA_TEXT } from "../../../src/local/emulator/url-fetch";
import { startChannelServer, type ChannelServerHandle } from "../../../src/local/channels-server/start";

type Fetch = GoogleAppsScript.URL_Fetch.UrlFetchApp;

describe("UrlFetchApp (emulated, real HTTP to 127.0.0.1)", () => {
  let server: ChannelServerHandle;
  beforeAll(async () => {
    server = await startChannelServer({
      slack: [{ path: "/services/T1/B1/X1" }],
      failFirst: [{ pathPrefix: "/flaky", count: 1, status: 503 }],
      delay: [{ pathPrefix: "/slow", ms: 1500 }],
      sms: [{ path: "/sms", method: "POST", requireFields: ["to"] }],
    });
  });
  afterAll(() => server.close());
  beforeEach(() => server.reset());

  const fetchOf = (emu = createEmulator()) => emu.globals.UrlFetchApp as Fetch;

  it("sends a real POST and reads code, text and headers while blocking the caller", async () => {
    const emu = createEmulator();
    const res = fetchOf(emu).fetch(`${server.baseUrl}/services/T1/B1/X1`, {
      method: "post",
      contentType: "application/json",
      payload: JSON.stringify({ text: "你好 hello" }),
      headers: { "X-Test": "1" },
    });
    expect(res.getResponseCode()).toBe(200);
    expect(res.getContentText()).toBe("ok");
    expect((res.getHeaders() as Record<string, unknown>)["Content-Type"]).toBe("text/plain; charset=utf-8");
    expect((res.getAllHeaders() as Record<string, unknown>)["Content-Type"]).toBe(
      "text/plain; charset=utf-8",
    );
    const [got] = await server.requests();
    expect(got.method).toBe("POST");
    expect(JSON.parse(got.body)).toEqual({ text: "你好 hello" });
    expect(got.headers["x-test"]).toBe("1");
    expect(got.headers["content-type"]).toBe("application/json");
    // The emulated clock, not the real one, is what the server judges timestamps by.
    expect(got.senderNow).toBe("2026-11-23T09:00:00.000Z");
    expect(emu.countOf("UrlFetchApp.fetch")).toBe(1);
    expect(emu.urlFetch.requests).toHaveLength(1);
  });

  it("throws Apps Script's text for a 4xx/5xx unless muteHttpExceptions", () => {
    const f = fetchOf();
    expect(() => f.fetch(`${server.baseUrl}/services/nope`, { method: "post", payload: "{}" })).toThrow(
      /^Request failed for http:\/\/127\.0\.0\.1:\d+\/services\/nope returned code 404\. Truncated server response: no_service/,
    );
    const res = f.fetch(`${server.baseUrl}/flaky`, {
      method: "post",
      payload: "x",
      muteHttpExceptions: true,
    });
    expect(res.getResponseCode()).toBe(503);
  });

  it("sends an object payload as a form and fetchAll runs requests together", async () => {
    const res = fetchOf().fetchAll([
      { url: `${server.baseUrl}/sms`, method: "post", payload: { to: "13800001111", text: "a&b" } },
      { url: `${server.baseUrl}/sms`, method: "post", payload: { text: "no to" }, muteHttpExceptions: true },
    ]);
    expect(res.map((r) => r.getResponseCode())).toEqual([200, 400]);
    const got = await server.requests();
    expect(got.map((r) => r.body).sort()).toEqual(["text=no+to", "to=13800001111&text=a%26b"]);
    expect(got[0].headers["content-type"]).toBe("application/x-www-form-urlencoded");
  });

  it("refuses any host but 127.0.0.1, bad URLs and unknown options, before counting quota", () => {
    const emu = createEmulator();
    const f = fetchOf(emu);
    expect(() => f.fetch("https://oapi.dingtalk.com/robot/send?access_token=x")).toThrow(
      /only 127\.0\.0\.1 is reachable here.*refused https:\/\/oapi\.dingtalk\.com/,
    );
    expect(() => f.fetch("http://localhost:1/")).toThrow(/refused http:\/\/localhost:1/);
    expect(() => f.fetch("not a url")).toThrow("Invalid argument: not a url");
    expect(() => f.fetch(`${server.baseUrl}/x`, { timeout: 5 } as never)).toThrow(
      "not emulated: UrlFetchApp option timeout",
    );
    expect(emu.urlFetch.requests).toHaveLength(0);
  });

  it("times out a slow answer with Apps Script's text and moves the emulated clock by the timeout", () => {
    const emu = createEmulator();
    emu.urlFetch.timeoutMs = 300;
    const before = emu.clock.nowMs();
    expect(() => fetchOf(emu).fetch(`${server.baseUrl}/slow`)).toThrow(/^Timeout: http:\/\/127\.0\.0\.1/);
    expect(emu.clock.nowMs() - before).toBeGreaterThanOrEqual(300);
  });

  it("answers a closed port with Address unavailable", () => {
    expect(() => fetchOf().fetch("http://127.0.0.1:1/")).toThrow(
      /^Address unavailable: http:\/\/127\.0\.0\.1:1\//,
    );
  });

  it("keeps the documented daily quota (20,000 consumer / 100,000 Workspace) per rolling 24 h", () => {
    const emu = createEmulator();
    emu.urlFetch.remaining(1);
    const f = fetchOf(emu);
    f.fetch(`${server.baseUrl}/services/T1/B1/X1`, { method: "post", payload: '{"text":"a"}' });
    expect(() => f.fetch(`${server.baseUrl}/services/T1/B1/X1`)).toThrow(URL_FETCH_QUOTA_TEXT);
    emu.clock.advance(24 * 3_600_000 + 1);
    expect(
      f
        .fetch(`${server.baseUrl}/services/T1/B1/X1`, { method: "post", payload: '{"text":"b"}' })
        .getResponseCode(),
    ).toBe(200);
  });

  it("counts each fetchAll request against the quota and injects failures", () => {
    const emu = createEmulator();
    emu.urlFetch.quota = 2;
    const f = fetchOf(emu);
    expect(() => f.fetchAll([`${server.baseUrl}/a`, `${server.baseUrl}/b`, `${server.baseUrl}/c`])).toThrow(
      URL_FETCH_QUOTA_TEXT,
    );
    emu.urlFetch.failNext(1, "DNS error");
    expect(() => f.fetch(`${server.baseUrl}/services/T1/B1/X1`)).toThrow(/^DNS error: http/);
    emu.faults.failAtCall(1, "Service error: UrlFetch", "UrlFetchApp.fetch");
    expect(() => f.fetch(`${server.baseUrl}/services/T1/B1/X1`)).toThrow("Service error: UrlFetch");
  });

  it("is refused without the external_request scope in the manifest", () => {
    const emu = createEmulator({ oauthScopes: ["https://www.googleapis.com/auth/spreadsheets"] });
    expect(() => fetchOf(emu).fetch(`${server.baseUrl}/x`)).toThrow(
      /You do not have permission to call UrlFetchApp\.fetch\. Required permissions: https:\/\/www\.googleapis\.com\/auth\/script\.external_request/,
    );
  });

  it("does not emulate what it lacks", () => {
    expect(() => (fetchOf() as unknown as Record<string, unknown>).getRemainingDailyQuota).toThrow(
      "not emulated: UrlFetchApp.getRemainingDailyQuota",
    );
  });
});
