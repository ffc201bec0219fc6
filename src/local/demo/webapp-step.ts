/**
 * The demo's web app: the team's own container-bound copy of the project (an Editor Add-on's shared project
 * has no document of its own to serve: README "Web app"), holding a copy of the demo book and its settings,
 * deployed "execute as me, anyone". The step makes an integration token and calls the inbound API as a
 * website would (create, the same idempotency key again, update, bad fields, a formula, an order, a rep's
 * token reaching for another rep's customer), opens a portal link (and an altered one) and an unsubscribe
 * link, and writes every request and answer to out/webapp/.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { webAppClient, type WebAppClient } from "../emulator/web-app-client";
import type { WebAppResponse } from "../emulator/web-app-request";
import { loadBundle, type LoadedBundle } from "../load-bundle";

export interface WebAppCall {
  readonly what: string;
  readonly method: "GET" | "POST";
  readonly query: string;
  readonly request: unknown;
  readonly status: number;
  readonly contentType: string;
  readonly response: unknown;
}

export interface WebAppRun {
  readonly team: LoadedBundle;
  readonly client: WebAppClient;
  readonly calls: readonly WebAppCall[];
  /** Pages as served: name → HTML. */
  readonly pages: Readonly<Record<string, string>>;
}

const HIDDEN_STATE = /^(auditQueue:|vaultQueue:)/;

/** The team's bound copy of the project on a copy of `demo`'s book (tabs and document properties). */
export function teamCopy(demo: LoadedBundle): { team: LoadedBundle; client: WebAppClient } {
  const ss = demo.emulator.spreadsheet;
  const owner = ss.getOwner()?.getEmail() || "owner@example.com";
  const team = loadBundle({
    deployment: "bound",
    owner,
    user: owner,
    now: demo.emulator.clock.now(),
    timeZone: ss.getSpreadsheetTimeZone(),
    spreadsheetName: ss.getName(),
  });
  for (const sheet of ss.getSheets()) {
    const values = sheet.getLastRow() ? sheet.getDataRange().getValues() : [[]];
    team.emulator.sheetFromValues(sheet.getName(), values);
  }
  const first = team.emulator.spreadsheet.getSheetByName("Sheet1");
  if (first && !ss.getSheetByName("Sheet1")) team.emulator.spreadsheet.deleteSheet(first);
  for (const [k, v] of demo.emulator.properties.document)
    if (!HIDDEN_STATE.test(k)) team.emulator.properties.document.set(k, v);
  const client = webAppClient(team, {
    executeAs: "USER_DEPLOYING",
    access: "ANYONE_ANONYMOUS",
    deployer: owner,
  });
  return { team, client };
}

function parsed(res: WebAppResponse): unknown {
  if (/json/.test(res.contentType)) return JSON.parse(res.body);
  return `${res.body.length} characters of HTML`;
}

/** Runs the web app's calls on the team's copy; the demo's own book is not touched. */
export function runWebAppStep(demo: LoadedBundle): WebAppRun {
  const { team, client } = teamCopy(demo);
  const calls: WebAppCall[] = [];
  const pages: Record<string, string> = {};
  const post = (what: string, body: Record<string, unknown>) => {
    const res = client.post(body);
    const shown = { ...body, token: `${String(body.token).slice(0, 9)}…` };
    calls.push({
      what,
      method: "POST",
      query: "",
      request: shown,
      status: res.status,
      contentType: res.contentType,
      response: parsed(res),
    });
    return res;
  };
  const get = (what: string, query: string, page?: string) => {
    const res = client.get(query);
    calls.push({
      what,
      method: "GET",
      query,
      request: null,
      status: res.status,
      contentType: res.contentType,
      response: parsed(res),
    });
    if (page) pages[page] = res.body;
    return res;
  };

  const { token } = team.run("createApiToken", "Website", "");
  const newCustomer = {
    Name: "Web Lead 网络线索",
    Email: "lead@web-demo.example",
    Phone: "13900139000",
    Region: "上海",
  };
  const created = JSON.parse(
    post("create a customer", { token, idempotencyKey: "demo-1", table: "customers", rows: [newCustomer] })
      .body,
  );
  post("the same idempotency key again (applied once)", {
    token,
    idempotencyKey: "demo-1",
    table: "customers",
    rows: [newCustomer],
  });
  post("update by e-mail", {
    token,
    idempotencyKey: "demo-2",
    table: "customers",
    rows: [{ Email: newCustomer.Email, Notes: "asked for a quote" }],
  });
  post("bad fields: an error per field, nothing written", {
    token,
    idempotencyKey: "demo-3",
    table: "customers",
    rows: [{ Name: "Bad", Email: "not-an-address", Age: 300, CustomerType: "Martian" }],
  });
  post("a formula in a field is kept as text", {
    token,
    idempotencyKey: "demo-4",
    table: "customers",
    rows: [
      { Name: "Formula Co", Email: "f@web-demo.example", Notes: '=HYPERLINK("http://evil.example","x")' },
    ],
  });
  const id = created.ok ? created.results[0].id : "";
  if (id)
    post("an order for the new customer", {
      token,
      idempotencyKey: "demo-5",
      table: "orders",
      rows: [
        {
          CustomerID: id,
          OrderID: "WEB-1",
          OrderDate: "2026-11-20",
          Product: "Tea",
          Quantity: 2,
          Amount: 199,
          PaymentStatus: "Paid",
        },
      ],
    });
  post("a bad token", {
    token: "scrm_not-a-token",
    idempotencyKey: "demo-6",
    table: "customers",
    rows: [{ Name: "x" }],
  });

  // A rep's token and another rep's customer.
  const roles = JSON.parse(team.emulator.properties.document.get("roles") ?? "{}") as Record<string, unknown>;
  const reps = Object.entries(roles)
    .filter(([, r]) => r === "sales")
    .map(([e]) => e);
  if (reps.length >= 2) {
    const rep = team.run("createApiToken", `Site of ${reps[0]}`, reps[0]).token as string;
    const sheet = team.emulator.spreadsheet.getSheets().find((s) => /^(Customers|客户)$/.test(s.getName()))!;
    const [head, ...rows] = sheet.getDataRange().getValues();
    const idAt = head.findIndex((h) => /^(CustomerID|客户编号)$/.test(String(h)));
    const ownerAt = head.findIndex((h) => /^(Owner|负责人)$/.test(String(h)));
    const theirs = rows.find((r) => String(r[ownerAt]).toLowerCase() === reps[1].toLowerCase());
    if (theirs)
      post(`${reps[0]}'s token tries ${reps[1]}'s customer`, {
        token: rep,
        idempotencyKey: "demo-7",
        table: "customers",
        rows: [{ CustomerID: theirs[idAt], Notes: "mine now" }],
      });
  }

  if (id) {
    const link = team.run("createPortalLink", id);
    get("the customer's portal", link.query, "portal");
    const t = new URLSearchParams(link.query).get("t")!;
    const parts = t.split(".");
    parts[1] = Buffer.from("C000001").toString("base64url");
    get("the same link with another customer's ID", `view=portal&t=${parts.join(".")}`, "portal-altered");
  }
  const log = team.emulator.spreadsheet
    .getSheets()
    .find((s) => /^(CampaignLog|营销发送记录)$/.test(s.getName()));
  const unsub = log
    ?.getDataRange()
    .getValues()
    .map((r) => String(r[9] ?? ""))
    .find((x) => /^unsub-[0-9a-f]{16}$/.test(x));
  if (unsub) {
    get(
      "the mailed unsubscribe link: one button, nothing changed yet",
      `view=unsubscribe&t=${unsub}`,
      "unsubscribe",
    );
    const click = (what: string, page?: string) => {
      const fields = { view: "unsubscribe", t: unsub };
      const res = client.postForm(fields);
      calls.push({
        what,
        method: "POST",
        query: "",
        request: fields,
        status: res.status,
        contentType: res.contentType,
        response: parsed(res),
      });
      if (page) pages[page] = res.body;
    };
    click("the button: unsubscribed", "unsubscribed");
    click("the button again (idempotent)");
  }
  return { team, client, calls, pages };
}

/** out/webapp/calls.json and the pages served; returns the files written. */
export function writeWebAppRun(out: string, run: WebAppRun): string[] {
  const dir = path.join(out, "webapp");
  mkdirSync(dir, { recursive: true });
  const files = [path.join(dir, "calls.json")];
  writeFileSync(files[0], JSON.stringify(run.calls, null, 2) + "\n");
  for (const [name, html] of Object.entries(run.pages)) {
    const f = path.join(dir, `${name}.html`);
    writeFileSync(f, html);
    files.push(f);
  }
  return files;
}
