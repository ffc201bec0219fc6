import type { ServerApi, ServerFunctionName } from "../shared/api";

type Args<K extends ServerFunctionName> = Parameters<ServerApi[K]>;
type Result<K extends ServerFunctionName> = ReturnType<ServerApi[K]>;

interface ScriptRunner {
  withSuccessHandler(f: (value: unknown) => void): ScriptRunner;
  withFailureHandler(f: (error: Error) => void): ScriptRunner;
  [name: string]: unknown;
}

declare const google: { script: { run: ScriptRunner } };

/** The only way the sidebar talks to the server: a typed promise over google.script.run. */
export function call<K extends ServerFunctionName>(name: K, ...args: Args<K>): Promise<Result<K>> {
  return new Promise((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v as Result<K>))
      .withFailureHandler((e) => reject(e instanceof Error ? e : new Error(String(e))));
    (runner[name] as (...a: unknown[]) => void)(...args);
  });
}
