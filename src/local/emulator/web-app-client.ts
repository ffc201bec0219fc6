/**
 * A client of an emulated web app deployment, for tests, the demo and the local server: GET and POST as a
 * visitor (a signed-in e-mail, or null for someone not signed in), answered as web-app-request.ts models.
 */
import type { Project } from "./project";
import {
  serveWebAppRequest,
  type WebAppDeployment,
  type WebAppInvoke,
  type WebAppResponse,
} from "./web-app-request";

/** What a client needs of a loaded bundle (loadBundle's result fits). */
export interface WebAppHost {
  readonly emulator: { readonly project: Project };
  invoke(name: string, args: readonly unknown[], options?: object): unknown;
}

export interface WebAppClient {
  readonly deployment: WebAppDeployment;
  get(query: string, visitor?: string | null): WebAppResponse;
  /** POST `body` (a string as it is, anything else as JSON) with its content type. */
  post(
    body: unknown,
    visitor?: string | null,
    options?: { query?: string; contentType?: string },
  ): WebAppResponse;
  /** POST form fields as a browser submits a form (application/x-www-form-urlencoded). */
  postForm(fields: Readonly<Record<string, string>>, visitor?: string | null, query?: string): WebAppResponse;
}

export function webAppClient(host: WebAppHost, deployment: WebAppDeployment): WebAppClient {
  const invoke: WebAppInvoke = (name, args, options) => host.invoke(name, args, options);
  const serve = (req: Parameters<typeof serveWebAppRequest>[3]) =>
    serveWebAppRequest(host.emulator.project, deployment, invoke, req);
  return {
    deployment,
    get: (query, visitor = null) => serve({ method: "GET", query, visitor }),
    post: (body, visitor = null, options = {}) =>
      serve({
        method: "POST",
        query: options.query ?? "",
        body: typeof body === "string" ? body : JSON.stringify(body),
        contentType: options.contentType ?? "application/json",
        visitor,
      }),
    postForm: (fields, visitor = null, query = "") =>
      serve({
        method: "POST",
        query,
        body: new URLSearchParams(fields as Record<string, string>).toString(),
        contentType: "application/x-www-form-urlencoded",
        visitor,
      }),
  };
}
