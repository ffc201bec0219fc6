import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { loadBundle, type LoadedBundle } from "../load-bundle";
import { BRIDGE_SHIM } from "./bridge-shim";
import { decodeTagged } from "./wire-args";
import type { WebAppClient } from "../emulator/web-app-client";

export interface ServeOptions {
  /** 0 (default) picks a free port. */
  readonly port?: number;
  /** A loaded bundle to serve (its emulator is the spreadsheet the sidebar edits); a fresh one otherwise. */
  readonly bundle?: LoadedBundle;
  /** Folder with the built Sidebar.html (default <repo>/dist). */
  readonly dist?: string;
  /** One line per server call, e.g. console.log; silent by default. */
  readonly log?: (line: string) => void;
  /** A web app deployment to serve at /exec (GET and POST go to its doGet/doPost). */
  readonly webApp?: WebAppClient;
  /**
   * Who visits /exec: null (default) someone not signed in; an e-mail, that signed-in Google account (their
   * pages' google.script.run calls then run as the emulator's current user, who should be the same).
   */
  readonly webAppVisitor?: string | null;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly bundle: LoadedBundle;
  /** Server calls answered so far, in order (name and milliseconds), for tests and the console. */
  readonly calls: { name: string; ms: number; ok: boolean }[];
  close(): Promise<void>;
}

const DEFAULT_DIST = path.join(__dirname, "..", "..", "..", "dist");
const MAX_BODY = 20 * 1024 * 1024;

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new Error("request too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The built sidebar with the google.script.run bridge injected before its own script. */
export function sidebarPage(dist: string): string {
  const html = readFileSync(path.join(dist, "Sidebar.html"), "utf8");
  const at = html.indexOf("<script");
  return at < 0 ? html + BRIDGE_SHIM : html.slice(0, at) + BRIDGE_SHIM + html.slice(at);
}

/**
 * Serves dist/Sidebar.html on 127.0.0.1 with google.script.run bridged to the emulated spreadsheet:
 * POST /rpc {name, args} calls the bundle's top-level function `name` with google.script.run's rules
 * (emulator/bridge.ts: any top-level function not ending in "_", legal parameters only, a fresh execution
 * in context "sidebar", Dates returned as null) and answers {ok, value} or {ok: false, error: {name, message}}.
 */
export function startServer(options: ServeOptions = {}): Promise<RunningServer> {
  const dist = options.dist ?? DEFAULT_DIST;
  const bundle = options.bundle ?? loadBundle({ dist });
  const calls: RunningServer["calls"] = [];
  const log = options.log ?? (() => undefined);

  const server = http.createServer((req, res) => {
    const send = (status: number, type: string, body: string) => {
      res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
      res.end(body);
    };
    if (req.method === "GET" && (req.url === "/" || req.url?.startsWith("/?"))) {
      try {
        send(200, "text/html; charset=utf-8", sidebarPage(dist));
      } catch (e) {
        send(
          500,
          "text/plain; charset=utf-8",
          `Build the add-on first (npm run build): ${(e as Error).message}`,
        );
      }
      return;
    }
    if (req.method === "POST" && req.url === "/rpc") {
      readBody(req)
        .then((raw) => {
          const body = JSON.parse(raw) as { name: string; args: unknown[]; tagged?: boolean };
          const name = String(body.name);
          const list = Array.isArray(body.args) ? body.args : [];
          const args = body.tagged ? list.map(decodeTagged) : list;
          if (!bundle.functionNames.includes(name) || name.endsWith("_")) {
            send(
              404,
              "application/json",
              JSON.stringify({
                ok: false,
                error: { name: "Error", message: `Script function not found: ${name}` },
              }),
            );
            return;
          }
          const started = performance.now();
          const result = bundle.call(name, args);
          const ms = performance.now() - started;
          calls.push({ name, ms, ok: result.ok });
          log(result.ok ? `${name} ${ms.toFixed(0)} ms` : `${name} failed: ${result.error.message}`);
          send(200, "application/json", JSON.stringify(result));
        })
        .catch((e: Error) =>
          send(
            400,
            "application/json",
            JSON.stringify({ ok: false, error: { name: "Error", message: e.message } }),
          ),
        );
      return;
    }
    const exec = /^\/exec(\/[^?]*)?(?:\?(.*))?$/.exec(req.url ?? "");
    if (exec && options.webApp && (req.method === "GET" || req.method === "POST")) {
      const web = options.webApp;
      const query = exec[2] ?? "";
      const visitor = options.webAppVisitor ?? null;
      const answer = (r: { status: number; contentType: string; body: string }) => {
        log(`exec ${req.method} ${query.slice(0, 60)} → ${r.status}`);
        // Every HtmlService page has google.script.run; here it is the bridge to /rpc.
        const at = r.body.indexOf("<script");
        const html = /^text\/html/.test(r.contentType) && at >= 0;
        send(r.status, r.contentType, html ? r.body.slice(0, at) + BRIDGE_SHIM + r.body.slice(at) : r.body);
      };
      if (req.method === "GET") answer(web.get(query, visitor));
      else
        readBody(req)
          .then((body) =>
            answer(
              web.post(body, visitor, {
                query,
                contentType: String(req.headers["content-type"] ?? "text/plain"),
              }),
            ),
          )
          .catch((e: Error) => send(400, "text/plain; charset=utf-8", e.message));
      return;
    }
    if (req.url === "/favicon.ico") {
      res.writeHead(204).end();
      return;
    }
    send(404, "text/plain; charset=utf-8", "not found");
  });

  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      const port = (server.address() as AddressInfo).port;
      resolve({
        url: `http://127.0.0.1:${port}/`,
        port,
        bundle,
        calls,
        close: () =>
          new Promise<void>((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
