/**
 * The local channel test server: one HTTP server on 127.0.0.1 standing in for every chat platform's
 * webhook and the SMS relay (platforms.ts), recording every request with its headers, body and answer.
 *
 * It runs in a child process (start.ts forks this file): the emulated UrlFetchApp blocks its own thread
 * while a request is out, so the server must not live there. The parent talks to it over the IPC channel:
 * {type:"requests"} → the records, {type:"reset"} → cleared, {type:"config", config} → replaced.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import {
  answerCall,
  RateWindow,
  type ChannelServerConfig,
  type IncomingCall,
  type Platform,
} from "./platforms";

/** One request as recorded: what came in and what was answered. */
export interface RecordedRequest {
  readonly seq: number;
  /** Real time the request arrived (ISO). */
  readonly receivedAt: string;
  /** The sender's clock (the emulator's, from X-Emulator-Now) as ISO. */
  readonly senderNow: string;
  readonly platform: Platform | null;
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  readonly accepted: boolean;
  readonly reason: string;
  readonly answer: { readonly status: number; readonly body: string };
}

const NOW_HEADER = "x-emulator-now";

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** The server and its records (usable in-process too, for a server living in a process of its own). */
export function channelServer(initial: ChannelServerConfig): {
  server: Server;
  records: RecordedRequest[];
  setConfig(c: ChannelServerConfig): void;
  reset(): void;
} {
  let config = initial;
  const records: RecordedRequest[] = [];
  const rate = new RateWindow();
  const failed = new Map<string, number>();
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers))
        headers[k] = Array.isArray(v) ? v.join(", ") : String(v);
      const sent = Number(headers[NOW_HEADER]);
      const call: IncomingCall = {
        method: req.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers,
        body,
        nowMs: Number.isFinite(sent) && sent > 0 ? sent : Date.now(),
      };
      const delay = config.delay?.find((d) => call.path.startsWith(d.pathPrefix));
      if (delay) await new Promise((r) => setTimeout(r, delay.ms));
      const failure = config.failFirst?.find((f) => call.path.startsWith(f.pathPrefix));
      const n = failure ? (failed.get(failure.pathPrefix) ?? 0) : 0;
      const answer =
        failure && n < failure.count
          ? (failed.set(failure.pathPrefix, n + 1),
            {
              platform: null,
              accepted: false,
              reason: `injected HTTP ${failure.status}`,
              status: failure.status,
              contentType: "text/plain; charset=utf-8",
              body: "injected failure",
            })
          : answerCall(call, config, rate);
      records.push({
        seq: records.length + 1,
        receivedAt: new Date().toISOString(),
        senderNow: new Date(call.nowMs).toISOString(),
        platform: answer.platform,
        method: call.method,
        url: req.url ?? "/",
        path: call.path,
        query: call.query,
        headers,
        body,
        accepted: answer.accepted,
        reason: answer.reason,
        answer: { status: answer.status, body: answer.body },
      });
      if (res.destroyed) return;
      res.writeHead(answer.status, { "Content-Type": answer.contentType });
      res.end(answer.body);
    })();
  });
  return {
    server,
    records,
    setConfig(c) {
      config = c;
    },
    reset() {
      records.length = 0;
      rate.clear();
      failed.clear();
    },
  };
}

type ParentMessage =
  | { type: "start"; config: ChannelServerConfig; port?: number }
  | { type: "requests"; id: number }
  | { type: "reset"; id: number }
  | { type: "config"; id: number; config: ChannelServerConfig };

/** Child-process entry: listens once the parent sends "start", then answers the parent's messages. */
function runAsChild(): void {
  let state: ReturnType<typeof channelServer> | null = null;
  process.on("message", (m: ParentMessage) => {
    if (m.type === "start") {
      state = channelServer(m.config);
      state.server.listen(m.port ?? 0, "127.0.0.1", () => {
        const addr = state!.server.address();
        process.send?.({ type: "listening", port: typeof addr === "object" && addr ? addr.port : 0 });
      });
      return;
    }
    if (!state) return;
    if (m.type === "requests") process.send?.({ type: "reply", id: m.id, records: state.records });
    if (m.type === "reset") {
      state.reset();
      process.send?.({ type: "reply", id: m.id });
    }
    if (m.type === "config") {
      state.setConfig(m.config);
      process.send?.({ type: "reply", id: m.id });
    }
  });
  process.on("disconnect", () => process.exit(0));
}

if (process.send && process.env.SHEET_CRM_CHANNEL_SERVER === "1") runAsChild();
