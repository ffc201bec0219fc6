/**
 * Real HTTP for the emulated UrlFetchApp, made synchronous. Apps Script's UrlFetchApp.fetch blocks until the
 * answer is in, while Node's HTTP is asynchronous: the requests run in a worker thread and the calling
 * thread blocks on a SharedArrayBuffer with Atomics.wait until the worker has posted the answers on a
 * MessagePort, which receiveMessageOnPort then reads synchronously. A server answering these requests must
 * therefore live in another thread or process: the blocked thread cannot serve anything.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

/** One request as the worker sends it. */
export interface WireRequest {
  readonly url: string;
  readonly method: string;
  readonly headers: Readonly<Record<string, string>>;
  /** Base64 of the body, or null. */
  readonly body: string | null;
  readonly followRedirects: boolean;
  readonly validateHttpsCertificates: boolean;
  readonly timeoutMs: number;
}

/** What came back: the final answer (after redirects, when followed) or why there is none. */
export type WireResponse =
  | {
      readonly ok: true;
      readonly url: string;
      readonly status: number;
      /** Raw header pairs in the order and case the server sent them. */
      readonly headers: readonly (readonly [string, string])[];
      /** Base64 of the body. */
      readonly body: string;
      readonly elapsedMs: number;
    }
  | {
      readonly ok: false;
      readonly kind: "timeout" | "refused" | "host" | "error";
      readonly url: string;
      readonly message: string;
      readonly elapsedMs: number;
    };

/** Redirects followed at most (then the last 3xx is the answer). */
const MAX_REDIRECTS = 10;

/**
 * The worker's code, plain JavaScript evaluated in the worker (no TypeScript loader needed there). It
 * re-checks that every hop (redirects too) goes to 127.0.0.1: nothing leaves the machine.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const http = require("node:http");
const https = require("node:https");
const port = workerData.port;
const MAX_REDIRECTS = ${MAX_REDIRECTS};

function once(req, hop) {
  return new Promise((resolve) => {
    const started = Date.now();
    let target;
    try { target = new URL(req.url); } catch (e) {
      return resolve({ ok: false, kind: "error", url: req.url, message: "bad url", elapsedMs: 0 });
    }
    if (target.hostname !== "127.0.0.1") {
      return resolve({ ok: false, kind: "host", url: req.url, message: target.hostname, elapsedMs: 0 });
    }
    const lib = target.protocol === "https:" ? https : http;
    const body = req.body === null ? null : Buffer.from(req.body, "base64");
    const headers = Object.assign({}, req.headers);
    if (body !== null) headers["Content-Length"] = String(body.length);
    let done = false;
    const finish = (r) => { if (!done) { done = true; clearTimeout(timer); resolve(r); } };
    const r = lib.request(target, {
      method: req.method,
      headers,
      rejectUnauthorized: req.validateHttpsCertificates,
    }, (res) => {
      const chunks = [];
      res.on("data", (c) => chunks.push(c));
      res.on("end", () => {
        const pairs = [];
        for (let i = 0; i < res.rawHeaders.length; i += 2) pairs.push([res.rawHeaders[i], res.rawHeaders[i + 1]]);
        const status = res.statusCode || 0;
        const location = res.headers.location;
        if (req.followRedirects && status >= 300 && status < 400 && location && hop < MAX_REDIRECTS) {
          const next = new URL(location, target).toString();
          const method = status === 307 || status === 308 ? req.method : "GET";
          const again = Object.assign({}, req, {
            url: next, method, body: method === req.method ? req.body : null,
          });
          once(again, hop + 1).then(finish);
          return;
        }
        finish({ ok: true, url: req.url, status, headers: pairs,
          body: Buffer.concat(chunks).toString("base64"), elapsedMs: Date.now() - started });
      });
      res.on("error", (e) => finish({ ok: false, kind: "error", url: req.url, message: String(e.message),
        elapsedMs: Date.now() - started }));
    });
    const timer = setTimeout(() => {
      r.destroy();
      finish({ ok: false, kind: "timeout", url: req.url, message: "timeout", elapsedMs: req.timeoutMs });
    }, req.timeoutMs);
    r.on("error", (e) => finish({
      ok: false,
      kind: e && e.code === "ECONNREFUSED" ? "refused" : "error",
      url: req.url, message: String(e && e.message), elapsedMs: Date.now() - started,
    }));
    if (body !== null) r.write(body);
    r.end();
  });
}

parentPort.on("message", async (msg) => {
  const flag = new Int32Array(msg.flag);
  let answers;
  try {
    answers = await Promise.all(msg.requests.map((q) => once(q, 0)));
  } catch (e) {
    answers = msg.requests.map((q) => ({ ok: false, kind: "error", url: q.url, message: String(e), elapsedMs: 0 }));
  }
  port.postMessage(answers);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

interface Channel {
  readonly worker: Worker;
  readonly port: MessagePort;
}

/** One worker per process, started on first use; it never keeps the process alive. */
let channel: Channel | null = null;

function worker(): Channel {
  if (channel) return channel;
  const { port1, port2 } = new MessageChannel();
  const w = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { port: port2 },
    transferList: [port2],
  });
  w.unref();
  port1.unref();
  w.on("error", () => {
    channel = null;
  });
  w.on("exit", () => {
    channel = null;
  });
  channel = { worker: w, port: port1 };
  return channel;
}

/**
 * Runs `requests` concurrently on the worker and blocks the calling thread until every answer is in (each
 * request ends by its own timeout at the latest). Answers come back in the order of `requests`.
 */
export function fetchBlocking(requests: readonly WireRequest[]): WireResponse[] {
  if (!requests.length) return [];
  const { worker: w, port } = worker();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  w.postMessage({ requests, flag: flag.buffer });
  // Each request times out on its own; redirects can chain up to MAX_REDIRECTS hops of it.
  const longest = Math.max(...requests.map((r) => r.timeoutMs)) * (MAX_REDIRECTS + 1) + 5_000;
  const waited = Atomics.wait(flag, 0, 0, longest);
  const message = receiveMessageOnPort(port);
  if (waited === "timed-out" || !message) {
    return requests.map((r) => ({
      ok: false,
      kind: "timeout",
      url: r.url,
      message: "the HTTP worker did not answer",
      elapsedMs: longest,
    }));
  }
  return message.message as WireResponse[];
}

/** Stops the worker (tests that want a clean exit); the next fetch starts a new one. */
export async function stopTransport(): Promise<void> {
  const c = channel;
  channel = null;
  if (c) {
    c.port.close();
    await c.worker.terminate();
  }
}
