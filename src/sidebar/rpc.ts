import type { ServerApi, ServerFunctionName } from "../shared/api";
import { t } from "./i18n";

type Args<K extends ServerFunctionName> = Parameters<ServerApi[K]>;
type Result<K extends ServerFunctionName> = ReturnType<ServerApi[K]>;

interface ScriptRunner {
  withSuccessHandler(f: (value: unknown) => void): ScriptRunner;
  withFailureHandler(f: (error: Error) => void): ScriptRunner;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRunner } };

/** Apps Script prefixes thrown messages with "Exception: "; users need only the sentence. */
export function readableError(e: unknown): Error {
  const raw = e instanceof Error ? e.message : typeof e === "string" ? e : JSON.stringify(e);
  const message = String(raw || t("common.unknownError")).replace(/^(Exception|Error|ScriptError):\s*/i, "");
  const error = new Error(message);
  error.name = e instanceof Error ? e.name : "Error";
  return error;
}

function run(name: string, args: readonly unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v))
      .withFailureHandler((e) => reject(readableError(e)));
    const fn = runner[name];
    if (typeof fn !== "function") {
      reject(new Error(t("common.noFunction", { name })));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, args as unknown[]);
  });
}

/** The only way the sidebar talks to the server: a typed promise over google.script.run. */
export function call<K extends ServerFunctionName>(name: K, ...args: Args<K>): Promise<Result<K>> {
  return run(name, args) as Promise<Result<K>>;
}
