/**
 * The DuckDB side of the emulated BigQuery service: a worker thread holding one in-memory DuckDB. Apps
 * Script's BigQuery calls are synchronous and DuckDB's node API is asynchronous, so the caller posts a
 * request on a MessagePort, blocks on a SharedArrayBuffer with Atomics.wait, and reads the reply with
 * receiveMessageOnPort once the worker has stored 1 and notified (see DuckWorker).
 *
 * The worker's code is plain JavaScript evaluated by `new Worker(…, { eval: true })`: it needs no
 * TypeScript loader under jest or tsx, and the DuckDB package is required by its resolved path.
 */
import { createRequire } from "node:module";
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from "node:worker_threads";

/** A column of a result: its name and DuckDB type. */
export interface DuckColumn {
  readonly name: string;
  readonly type: string;
}

/** What the worker answers: columns and rows (every value as text or null, as BigQuery's REST API sends). */
export interface DuckResult {
  readonly columns: readonly DuckColumn[];
  readonly rows: readonly (readonly (string | null)[])[];
}

export type DuckRequest =
  | { readonly op: "run"; readonly sql: string }
  /** Inserts NDJSON lines (one object per line) into an existing table, columns by name. */
  | { readonly op: "insertJson"; readonly table: string; readonly ndjson: string };

const WORKER_SOURCE = String.raw`
const { workerData } = require("node:worker_threads");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { DuckDBInstance } = require(workerData.duckdb);
const { port, signal } = workerData;
const flag = new Int32Array(signal);
let connection = null;
async function db() {
  if (!connection) connection = await (await DuckDBInstance.create(":memory:")).connect();
  return connection;
}
function text(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === "bigint" || typeof v === "number" || typeof v === "boolean") return String(v);
  return v.toString();
}
async function handle(req) {
  const c = await db();
  if (req.op === "run") {
    const reader = await c.runAndReadAll(req.sql);
    const names = reader.columnNames();
    const types = reader.columnTypes().map((t) => t.toString());
    const rows = reader.getRows().map((r) => r.map(text));
    return { columns: names.map((name, i) => ({ name, type: types[i] })), rows };
  }
  if (req.op === "insertJson") {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bq-load-")), "rows.ndjson");
    fs.writeFileSync(file, req.ndjson);
    try {
      const cols = (await c.runAndReadAll("DESCRIBE " + req.table)).getRows();
      const spec = cols.map((r) => "'" + String(r[0]).replace(/'/g, "''") + "': '" + String(r[1]) + "'").join(", ");
      await c.run("INSERT INTO " + req.table + " BY NAME SELECT * FROM read_json('" + file.replace(/'/g, "''") +
        "', format = 'newline_delimited', columns = {" + spec + "})");
    } finally {
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    }
    return { columns: [], rows: [] };
  }
  throw new Error("unknown request " + req.op);
}
port.on("message", async (req) => {
  let reply;
  try {
    reply = { ok: true, result: await handle(req) };
  } catch (e) {
    reply = { ok: false, error: String((e && e.message) || e) };
  }
  port.postMessage(reply);
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
});
`;

/** A query longer than this is taken for a hung worker (the 100M-line bench runs DuckDB directly). */
const WAIT_MS = 10 * 60_000;

/**
 * One DuckDB in a worker thread, called synchronously. The thread is started on the first call only, so
 * emulators that never touch BigQuery cost nothing, and it is unref'd so it never keeps a process alive.
 */
export class DuckWorker {
  private worker: Worker | null = null;
  private port: MessagePort | null = null;
  private flag: Int32Array | null = null;

  private start(): void {
    const signal = new SharedArrayBuffer(4);
    const { port1, port2 } = new MessageChannel();
    const duckdb = createRequire(__filename).resolve("@duckdb/node-api");
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { port: port2, signal, duckdb },
      transferList: [port2],
    });
    this.worker.unref();
    port1.unref();
    this.port = port1;
    this.flag = new Int32Array(signal);
  }

  /** Runs one request and returns its result, or throws DuckDB's message. */
  call(req: DuckRequest): DuckResult {
    if (!this.worker) this.start();
    const flag = this.flag!;
    Atomics.store(flag, 0, 0);
    this.port!.postMessage(req);
    if (Atomics.wait(flag, 0, 0, WAIT_MS) === "timed-out") throw new Error("DuckDB worker did not answer");
    const message = receiveMessageOnPort(this.port!);
    if (!message) throw new Error("DuckDB worker answered nothing");
    const reply = message.message as { ok: true; result: DuckResult } | { ok: false; error: string };
    if (!reply.ok) throw new Error(reply.error);
    return reply.result;
  }

  /** Stops the thread (a later call starts a fresh, empty DuckDB). */
  close(): void {
    void this.worker?.terminate();
    this.port?.close();
    this.worker = null;
    this.port = null;
  }
}
