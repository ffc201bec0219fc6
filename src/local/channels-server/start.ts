/**
 * Starts the local channel test server (server.ts) in a child process and returns a handle to it: its
 * base URL, the recorded requests, and close. Tests and the demo use this; the emulated UrlFetchApp then
 * sends real HTTP to it while the main thread is blocked.
 */
import { fork, type ChildProcess } from "node:child_process";
import path from "node:path";
import type { ChannelServerConfig } from "./platforms";
import type { RecordedRequest } from "./server";

export type { ChannelServerConfig, SmsGatewayConfig } from "./platforms";
export type { RecordedRequest } from "./server";

export interface ChannelServerHandle {
  /** "http://127.0.0.1:PORT" */
  readonly baseUrl: string;
  readonly port: number;
  requests(): Promise<RecordedRequest[]>;
  reset(): Promise<void>;
  configure(config: ChannelServerConfig): Promise<void>;
  close(): Promise<void>;
}

/** Forks the server with tsx (so the TypeScript runs as is) and waits until it listens. */
export function startChannelServer(config: ChannelServerConfig, port = 0): Promise<ChannelServerHandle> {
  const entry = path.join(__dirname, "server.ts");
  const child: ChildProcess = fork(entry, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, SHEET_CRM_CHANNEL_SERVER: "1" },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  let nextId = 1;
  const waiting = new Map<number, (m: { records?: RecordedRequest[] }) => void>();
  const ask = (type: string, extra: Record<string, unknown> = {}) =>
    new Promise<{ records?: RecordedRequest[] }>((resolve, reject) => {
      if (!child.connected) return reject(new Error("the channel server has stopped"));
      const id = nextId++;
      waiting.set(id, resolve);
      child.send({ type, id, ...extra });
    });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("the channel server did not start in 20 s")), 20_000);
    child.once("error", reject);
    child.once("exit", (code) => reject(new Error(`the channel server exited (${code})`)));
    child.on("message", (m: { type: string; id?: number; port?: number; records?: RecordedRequest[] }) => {
      if (m.type === "reply" && m.id !== undefined) {
        waiting.get(m.id)?.(m);
        waiting.delete(m.id);
        return;
      }
      if (m.type !== "listening") return;
      clearTimeout(timer);
      const actual = m.port ?? 0;
      resolve({
        baseUrl: `http://127.0.0.1:${actual}`,
        port: actual,
        requests: async () => (await ask("requests")).records ?? [],
        reset: async () => void (await ask("reset")),
        configure: async (c) => void (await ask("config", { config: c })),
        close: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.disconnect();
          }),
      });
    });
    child.send({ type: "start", config, port });
  });
}
