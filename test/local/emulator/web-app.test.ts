import { createProject } from "../../../src/local/emulator";
import { createEmulator } from "../../../src/local/emulator";
import { checkDeployment, webAppEvent } from "../../../src/local/emulator/web-app-request";
import { webAppClient } from "../../../src/local/emulator/web-app-client";
import { loadBundle } from "../../../src/local/load-bundle";
import { OWNER, SALES_A, fixtureSheets } from "../../../src/local/faults/fixture";
import { ROLE_TABLE } from "../../gas/trust/harness";
import { startServer } from "../../../src/local/serve/server";

describe("ContentService", () => {
  it("a TextOutput is text/plain until set, and takes only the enum's MIME types", () => {
    const emu = createEmulator();
    const CS = emu.globals.ContentService as GoogleAppsScript.Content.ContentService;
    const out = CS.createTextOutput("a").append("b");
    expect([out.getContent(), out.getMimeType()]).toEqual(["ab", "text/plain"]);
    expect(out.setMimeType(CS.MimeType.JSON).getMimeType()).toBe("application/json");
    expect(() => out.setMimeType("text/html" as never)).toThrow(/Invalid argument/);
    expect(() => (out as unknown as { setStatusCode(n: number): void }).setStatusCode(404)).toThrow(
      /not emulated: TextOutput.setStatusCode/,
    );
  });
});

describe("web app event and deployment rules", () => {
  it("builds the documented event: parameter, parameters, queryString, postData, form fields", () => {
    const get = webAppEvent({ method: "GET", query: "view=a&x=1&x=2&q=%E4%B8%AD+b", visitor: null });
    expect(get).toEqual({
      queryString: "view=a&x=1&x=2&q=%E4%B8%AD+b",
      parameter: { view: "a", x: "1", q: "中 b" },
      parameters: { view: ["a"], x: ["1", "2"], q: ["中 b"] },
      contextPath: "",
      contentLength: -1,
    });
    const post = webAppEvent({
      method: "POST",
      query: "view=portal",
      body: "a=1&b=%3D2",
      contentType: "application/x-www-form-urlencoded; charset=utf-8",
      pathInfo: "x/y",
      visitor: null,
    });
    expect(post).toMatchObject({
      parameter: { view: "portal", a: "1", b: "=2" },
      pathInfo: "x/y",
      contentLength: 10,
      postData: {
        length: 10,
        type: "application/x-www-form-urlencoded",
        contents: "a=1&b=%3D2",
        name: "postData",
      },
    });
    const json = webAppEvent({
      method: "POST",
      body: '{"a":1}',
      contentType: "application/json",
      visitor: null,
    });
    expect(json.parameter).toEqual({});
  });

  it("refuses settings Google refuses: an add-on project, anonymous access executing as the visitor", () => {
    expect(() =>
      checkDeployment(createProject(), {
        executeAs: "USER_DEPLOYING",
        access: "ANYONE_ANONYMOUS",
        deployer: OWNER,
      }),
    ).toThrow(/team's own container-bound copy/);
    const bound = createProject({ deployment: "bound" });
    expect(() =>
      checkDeployment(bound, { executeAs: "USER_ACCESSING", access: "ANYONE_ANONYMOUS", deployer: OWNER }),
    ).toThrow(/cannot allow "Anyone" without sign-in/);
    expect(() =>
      checkDeployment(bound, { executeAs: "USER_DEPLOYING", access: "DOMAIN", deployer: OWNER }),
    ).toThrow(/Workspace domain/);
  });

  const book = (workspaceDomain?: string, owner = OWNER) => {
    const loaded = loadBundle({ owner, user: owner, deployment: "bound", workspaceDomain });
    for (const s of fixtureSheets(1)) loaded.emulator.sheetFromValues(s.name, s.values);
    loaded.emulator.properties.document.set("roles", JSON.stringify(ROLE_TABLE));
    return loaded;
  };

  it("Google answers before the script for visitors the access setting refuses", () => {
    const loaded = book();
    const me = webAppClient(loaded, { executeAs: "USER_DEPLOYING", access: "MYSELF", deployer: OWNER });
    const before = loaded.executions.length;
    expect(me.get("api=ping", null)).toMatchObject({ status: 302, google: "sign-in" });
    expect(me.get("api=ping", SALES_A)).toMatchObject({ status: 403, google: "no-access" });
    expect(loaded.executions.length).toBe(before);
    expect(me.get("api=ping", OWNER)).toMatchObject({ status: 200, body: '{"ok":true,"status":200}' });
    const signedIn = webAppClient(loaded, { executeAs: "USER_ACCESSING", access: "ANYONE", deployer: OWNER });
    expect(signedIn.get("api=ping", null).google).toBe("sign-in");
    expect(signedIn.get("api=ping", "someone@gmail.com").status).toBe(200);
  });

  it("executing as the deployer, an anonymous or outside visitor is nobody; a domain colleague is named", () => {
    const domain = "acme-corp.com";
    const owner = `boss@${domain}`;
    const loaded = book(domain, owner);
    const rep = `rep@${domain}`;
    loaded.emulator.properties.document.set("roles", JSON.stringify({ [rep]: "sales" }));
    const asMe = webAppClient(loaded, {
      executeAs: "USER_DEPLOYING",
      access: "ANYONE_ANONYMOUS",
      deployer: owner,
    });
    expect(asMe.get("view=rep", null).body).toMatch(/Sign in with your Google account/);
    expect(asMe.get("view=rep", "stranger@gmail.com").body).toMatch(/Sign in with your Google account/);
    // Session.getActiveUser() inside: the colleague is named (same domain), the outsider is "".
    const seen = (visitor: string | null) =>
      loaded.invoke("getSessionInfo", [], { context: "webapp", user: visitor ?? "", effectiveUser: owner });
    expect(() => seen(null)).toThrow(/no role/);
    expect(() => seen("stranger@gmail.com")).toThrow(/no role/);
    expect((seen(rep) as { user: string }).user).toBe(rep);
  });

  it("a page of an 'execute as me' deployment cannot reach server functions as the deployer", () => {
    const loaded = book();
    // google.script.run from the portal's page: the deployer's authority, an anonymous active user.
    expect(() =>
      loaded.invoke(
        "exportCustomers",
        [{ search: "", filters: {}, sort: null, page: 1, pageSize: 25 }, "csv", "en"],
        {
          context: "webapp",
          user: "",
          effectiveUser: OWNER,
        },
      ),
    ).toThrow(/no role/);
    expect(() =>
      loaded.invoke("createApiToken", ["x", ""], { context: "webapp", user: "", effectiveUser: OWNER }),
    ).toThrow(/no role/);
  });

  it("demo --serve's server answers /exec over real HTTP: GET to doGet, POST to doPost", async () => {
    const loaded = book();
    const token = loaded.run("createApiToken", "HTTP", "").token as string;
    const asMe = webAppClient(loaded, {
      executeAs: "USER_DEPLOYING",
      access: "ANYONE_ANONYMOUS",
      deployer: OWNER,
    });
    const server = await startServer({ bundle: loaded, webApp: asMe });
    try {
      const ping = await fetch(`${server.url}exec?api=ping`);
      expect(ping.headers.get("content-type")).toMatch(/^application\/json/);
      expect(await ping.json()).toEqual({ ok: true, status: 200 });
      const posted = await fetch(`${server.url}exec`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          token,
          idempotencyKey: "h1",
          table: "customers",
          rows: [{ Name: "Over HTTP", Email: "http@x.example" }],
        }),
      });
      expect(await posted.json()).toMatchObject({ ok: true, results: [{ action: "created" }] });
      const portal = await fetch(`${server.url}exec?view=portal&t=nope`);
      expect(await portal.text()).toMatch(/This link is not valid/);
    } finally {
      await server.close();
    }
  });
});
