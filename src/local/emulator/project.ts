/**
 * An Apps Script project shared by the documents that use it. An editor add-on is one project installed in
 * many documents; a bound script is one project inside one document. What a project holds is shared by
 * every document emulated with it: script properties, each user's user properties, the installable
 * triggers of every document, and each user's mail quota.
 * https://developers.google.com/apps-script/guides/properties
 * https://developers.google.com/workspace/add-ons/concepts/editor-triggers
 */
import type { CacheStores } from "./cache";
import type { DriveFile } from "./drive";
import { checkWorkspaceDomain } from "./identity";
import { MailLedger } from "./mail";
import { TriggerRegistry } from "./triggers";

/** "addon": an editor add-on (Google's add-on trigger rules apply); "bound": a container-bound script. */
export type Deployment = "addon" | "bound";

export interface ProjectOptions {
  /** Default "addon". */
  readonly deployment?: Deployment;
  readonly scriptId?: string;
  /**
   * The developer: an add-on's publisher (default developer@addon-publisher.example), a bound script's
   * author (default each document's owner).
   */
  readonly developer?: string;
  /** The Google Workspace domain the developer and the users share (default none: consumer accounts). */
  readonly workspaceDomain?: string;
  /** MailApp recipients per rolling 24 h per user (default 100 for consumer accounts, 1,500 in Workspace). */
  readonly mailQuota?: number;
}

export interface Project {
  readonly deployment: Deployment;
  readonly scriptId: string;
  readonly developer: string | null;
  readonly workspaceDomain: string | null;
  readonly mailQuota: number | null;
  /** Script properties: one store for every document and user of the project. */
  readonly scriptProperties: Map<string, string>;
  /** User properties, one store per user of the project (whatever the document). */
  readonly userProperties: Map<string, Map<string, string>>;
  readonly triggers: TriggerRegistry;
  readonly mail: MailLedger;
  /** The script cache and the user caches. */
  readonly caches: CacheStores;
  /** Spreadsheets the project's scripts created, by id (drive.ts): shared by its documents, as Drive is. */
  readonly files: Map<string, DriveFile>;
  /** The next document's spreadsheet id (the first is the emulator's historical id). */
  newDocumentId(): string;
  /** Every installable trigger of the project, all documents and users. */
  allTriggers(): readonly import("./triggers").TriggerModel[];
}

const ADDON_DEVELOPER = "developer@addon-publisher.example";

/** A fresh project; pass it to several createEmulator calls to emulate documents sharing it. */
export function createProject(opts: ProjectOptions = {}): Project {
  const deployment = opts.deployment ?? "addon";
  if (deployment !== "addon" && deployment !== "bound") throw new Error(`deployment: "${deployment}"`);
  let documents = 0;
  const triggers = new TriggerRegistry();
  return {
    deployment,
    scriptId: opts.scriptId ?? "1EmuLatedScriptId",
    developer: opts.developer ?? (deployment === "addon" ? ADDON_DEVELOPER : null),
    workspaceDomain: checkWorkspaceDomain(opts.workspaceDomain),
    mailQuota: opts.mailQuota ?? null,
    scriptProperties: new Map(),
    userProperties: new Map(),
    triggers,
    mail: new MailLedger(),
    caches: new Map(),
    files: new Map(),
    newDocumentId() {
      const n = documents++;
      return "1EmuLatedSpreadsheetId" + String(n).padStart(22, "0");
    },
    allTriggers: () => triggers.list.map((t) => t.model),
  };
}

/** A user's property store in the project, created empty. */
export function userStore(project: Project, user: string): Map<string, string> {
  let m = project.userProperties.get(user);
  if (!m) project.userProperties.set(user, (m = new Map()));
  return m;
}
