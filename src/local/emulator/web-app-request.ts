/**
 * A web app deployment of the emulated project and one HTTP request to it: who may reach it, whose
 * authority doGet/doPost run with, the event object they get, and what Google answers with their output.
 *
 * Deployment settings (https://developers.google.com/apps-script/guides/web#permissions and the manifest's
 * `webapp` object, https://developers.google.com/apps-script/manifest/web-app-api-executable):
 * - executeAs USER_DEPLOYING ("Me"): every request runs with the deployer's authority; the visitor is the
 *   active user, whose e-mail the script sees only when it is the deployer's or both share a Workspace
 *   domain (https://developers.google.com/apps-script/reference/base/session#getActiveUser()), so for an
 *   anonymous or outside visitor Session.getActiveUser().getEmail() is "".
 * - executeAs USER_ACCESSING: every request runs as the visitor, who must be signed in to Google (the
 *   access cannot be ANYONE_ANONYMOUS) and authorise the script.
 * - access MYSELF | DOMAIN | ANYONE (any signed-in Google account) | ANYONE_ANONYMOUS (no sign-in).
 *   A visitor the setting refuses never reaches doGet/doPost: Google answers with its sign-in or
 *   "You need access" page.
 *
 * The event (https://developers.google.com/apps-script/guides/web#request_parameters): queryString,
 * parameter (first value per name), parameters (every value), contextPath "", contentLength (-1 for a
 * GET), pathInfo (the path after /exec, only when there is one), and for a POST postData {length, type,
 * contents, name: "postData"}; a form-encoded body's fields join `parameter`/`parameters`.
 * An HtmlOutput is served as text/html, a TextOutput with its MIME type, always with HTTP 200 (a script
 * cannot set the status); nothing returned gives "The script completed but did not return anything.".
 *
 * Only a container-bound project can be a team's web app here: an Editor Add-on's one project is shared by
 * every document that installed it, so its web app would have no document of its own (no active
 * spreadsheet, no document properties or lock). The team deploys its own bound copy instead (README).
 */
import type { Project } from "./project";

export type ExecuteAs = "USER_DEPLOYING" | "USER_ACCESSING";
export type WebAppAccess = "MYSELF" | "DOMAIN" | "ANYONE" | "ANYONE_ANONYMOUS";

export interface WebAppDeployment {
  readonly executeAs: ExecuteAs;
  readonly access: WebAppAccess;
  /** Who deployed it (the spreadsheet's owner, for a team's bound copy). */
  readonly deployer: string;
}

export interface WebAppRequest {
  readonly method: "GET" | "POST";
  /** The query string without "?" (e.g. "view=portal&t=…"). */
  readonly query?: string;
  /** The path after /exec (e.g. "api/customers"), or "". */
  readonly pathInfo?: string;
  readonly body?: string;
  /** The body's Content-Type (default text/plain for a POST). */
  readonly contentType?: string;
  /** The signed-in Google account making the request, or null for someone not signed in. */
  readonly visitor: string | null;
}

export interface WebAppResponse {
  readonly status: number;
  readonly contentType: string;
  readonly body: string;
  /** Set when Google answered instead of the script (sign-in, no access, a failed or empty run). */
  readonly google?: "sign-in" | "no-access" | "error" | "empty";
}

/** What runs doGet/doPost: loadBundle's invoke. */
export type WebAppInvoke = (
  name: string,
  args: readonly unknown[],
  options: { context: "webapp"; user: string; effectiveUser: string },
) => unknown;

export const SIGN_IN_TEXT = "Sign in – Google Accounts";
export const NO_ACCESS_PAGE_TEXT = "You need access. Ask the owner of this web app for access.";
export const EMPTY_OUTPUT_TEXT = "The script completed but did not return anything.";

function domainOf(email: string): string {
  return email.slice(email.lastIndexOf("@") + 1).toLowerCase();
}

/** Checks a deployment's settings as the deployment dialog does. */
export function checkDeployment(project: Project, d: WebAppDeployment): void {
  if (project.deployment !== "bound")
    throw new Error(
      "A web app that reaches one team's spreadsheet is deployed from the team's own container-bound copy " +
        'of the project (createProject({ deployment: "bound" })): an Editor Add-on\'s project is shared by ' +
        "every installing document, so its web app has no document of its own.",
    );
  if (d.executeAs === "USER_ACCESSING" && d.access === "ANYONE_ANONYMOUS")
    throw new Error('A web app executing as the user accessing it cannot allow "Anyone" without sign-in.');
  if (d.access === "DOMAIN" && project.workspaceDomain === null)
    throw new Error('Access "Anyone within domain" needs a Google Workspace domain.');
}

/** Whether the deployment lets `visitor` in; the refusal Google shows otherwise. */
function admission(
  project: Project,
  d: WebAppDeployment,
  visitor: string | null,
): WebAppResponse["google"] | null {
  if (visitor === null) return d.access === "ANYONE_ANONYMOUS" ? null : "sign-in";
  if (d.access === "MYSELF" && visitor.toLowerCase() !== d.deployer.toLowerCase()) return "no-access";
  if (d.access === "DOMAIN" && domainOf(visitor) !== project.workspaceDomain) return "no-access";
  return null;
}

/** Query or form text → parameter and parameters, as Apps Script parses them. */
function parseParams(text: string, into: Map<string, string[]>): void {
  for (const part of text.split("&")) {
    if (!part) continue;
    const eq = part.indexOf("=");
    const decode = (s: string) => {
      try {
        return decodeURIComponent(s.replace(/\+/g, " "));
      } catch {
        return s;
      }
    };
    const name = decode(eq < 0 ? part : part.slice(0, eq));
    const value = decode(eq < 0 ? "" : part.slice(eq + 1));
    into.set(name, [...(into.get(name) ?? []), value]);
  }
}

/** The doGet/doPost event object for a request. */
export function webAppEvent(req: WebAppRequest): Record<string, unknown> {
  const params = new Map<string, string[]>();
  const query = req.query ?? "";
  parseParams(query, params);
  const body = req.body ?? "";
  const type = req.method === "POST" ? (req.contentType ?? "text/plain").split(";")[0].trim() : "";
  if (req.method === "POST" && type === "application/x-www-form-urlencoded") parseParams(body, params);
  const event: Record<string, unknown> = {
    queryString: query,
    parameter: Object.fromEntries([...params].map(([k, v]) => [k, v[0]])),
    parameters: Object.fromEntries(params),
    contextPath: "",
    contentLength: req.method === "POST" ? Buffer.byteLength(body) : -1,
  };
  if (req.pathInfo) event.pathInfo = req.pathInfo;
  if (req.method === "POST")
    event.postData = { length: Buffer.byteLength(body), type, contents: body, name: "postData" };
  return event;
}

function googlePage(kind: NonNullable<WebAppResponse["google"]>, text: string): WebAppResponse {
  return {
    status: kind === "sign-in" ? 302 : kind === "no-access" ? 403 : 200,
    contentType: "text/html; charset=utf-8",
    body: text,
    google: kind,
  };
}

/**
 * One request to a deployed web app: refused as Google refuses it, or run as one execution of doGet or
 * doPost (context "webapp") with the deployment's identities, its output served as Google serves it.
 */
export function serveWebAppRequest(
  project: Project,
  d: WebAppDeployment,
  invoke: WebAppInvoke,
  req: WebAppRequest,
): WebAppResponse {
  checkDeployment(project, d);
  const refused = admission(project, d, req.visitor);
  if (refused) return googlePage(refused, refused === "sign-in" ? SIGN_IN_TEXT : NO_ACCESS_PAGE_TEXT);
  const active = req.visitor ?? "";
  const effective = d.executeAs === "USER_DEPLOYING" ? d.deployer : active;
  let output: unknown;
  try {
    output = invoke(req.method === "GET" ? "doGet" : "doPost", [webAppEvent(req)], {
      context: "webapp",
      user: active,
      effectiveUser: effective,
    });
  } catch (e) {
    return googlePage("error", `Error: ${(e as Error).message}`);
  }
  const o = output as { getContent?: () => string; getMimeType?: () => string } | null | undefined;
  // `in`, not a read: the guard throws on reading a member an output class lacks.
  if (!o || typeof o !== "object" || !("getContent" in o)) return googlePage("empty", EMPTY_OUTPUT_TEXT);
  const isText = "getMimeType" in o;
  return {
    status: 200,
    contentType: isText ? `${o.getMimeType!()}; charset=utf-8` : "text/html; charset=utf-8",
    body: o.getContent!(),
  };
}
