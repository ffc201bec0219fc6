/**
 * An offline, stateful emulation of the Apps Script services Sheet CRM uses (SpreadsheetApp, ScriptApp,
 * MailApp, PropertiesService, CacheService, LockService, HtmlService, Session, Utilities, Logger, console).
 *
 * - Every emulated object sits behind a guard: a member the emulation lacks throws "not emulated: Class.member",
 *   and every call the bundle makes is counted ("Range.getValues") and passes fault injection and the auth
 *   mode of the running simple trigger.
 * - Time is the emulated clock only; time-driven triggers fire as it advances (advanceAndFire).
 * - `emulator.spreadsheet`, `sheetFromValues`, `properties` and `snapshot()` are for set-up and assertions:
 *   they see the same state but are never counted.
 * Use loadBundle (../load-bundle.ts) to run dist/Code.js against it; createEmulator alone for unit tests.
 */
import { parseA1, splitSheetPrefix } from "./a1";
import type { Book } from "./book";
import { CacheServiceApi } from "./cache";
import { toStored } from "./cells";
import { allowedIn, permissionText } from "./auth-mode";
import { CHART_TYPE } from "./chart";
import { Clock, type TimeInput } from "./clock";
import { CostModel, FREE_COSTS, type CostTable } from "./cost-model";
import { CallCounter } from "./counter";
import { passesValidation, type ValidationModel } from "./data-validation";
import { scopeRefusal } from "./scopes";
import { appMayOpen, MISSING_DOCUMENT_TEXT, NO_ACCESS_TEXT, type DriveAccess } from "./drive";
import { gasError, wrap, type Env, type ExecutionContext, type SessionState } from "./env";
import { Faults, TIME_LIMIT_TEXT } from "./faults";
import { Guard } from "./guard";
import { HtmlServiceApi } from "./html";
import { hasUi, visibleEmail } from "./identity";
import { LockServiceApi, type LockState } from "./lock";
import { mailApp, MAIL_LIMITS, type SentMail } from "./mail";
import { createProject, userStore, type Deployment, type Project } from "./project";
import { PropertiesServiceApi } from "./properties";
import { setCellValue } from "./range";
import { HOST_REALM, newArray, newObject, type Realm } from "./realm";
import { sessionApi } from "./session";
import { snapshotWorkbook, type WorkbookSnapshot } from "./snapshot";
import { createBook, SpreadsheetAppApi } from "./spreadsheet";
import { ScriptAppApi, TriggerStore, AUTH_MODE, type TriggerModel } from "./triggers";
import { setEnteredValue } from "./user-entered";
import { UiRecorder } from "./ui";
import { LoggerApi, UtilitiesApi, UuidSource } from "./utilities";
import { mayEdit, ownerOf, PROTECTED_TEXT, Workbook } from "./workbook";
import { checkCellGrowth, cellCount } from "./limits";
import { checkZone } from "./zone";
import { formApp, type FormAppApi } from "./form-app";
import type { SubmitFields } from "./form-store";
import { urlFetchApp, UrlFetchControl } from "./url-fetch";
import { contentService } from "./content-service";
import { createBigQuery, type BigQueryBackend, type BigQueryOptions } from "./bigquery";

export type { SentMail } from "./mail";
export type { WorkbookSnapshot, SheetSnapshot } from "./snapshot";
export type { RecordedMenu, MenuEntry, RecordedAlert, RecordedHtml, ScriptedAnswer } from "./ui";
export { TIME_LIMIT_TEXT } from "./faults";
export { MAIL_QUOTA_TEXT } from "./mail";
export { LOCK_TIMEOUT_TEXT } from "./lock";
export { PROTECTED_TEXT } from "./workbook";
export { createProject, type Project, type ProjectOptions, type Deployment } from "./project";
export type { ExecutionContext } from "./env";
export { NO_UI_TEXT } from "./identity";
export { CELL_LIMIT_TEXT, MAX_CELLS, cellCount } from "./limits";
export { NO_ACCESS_TEXT, MISSING_DOCUMENT_TEXT } from "./drive";

export interface EmulatorOptions {
  /** The emulated BigQuery service (its DuckDB worker starts on the first BigQuery call only). */
  readonly bigquery?: BigQueryOptions;
  /**
   * The Apps Script project this document uses, shared with other emulated documents (createProject()).
   * Without it the document gets a private project built from `deployment`, `workspaceDomain`, `mailQuota`.
   */
  readonly project?: Project;
  /** For a private project: "addon" (default; Google's add-on trigger rules) or "bound". */
  readonly deployment?: Deployment;
  /** For a private project: the Google Workspace domain shared by developer and users (default none). */
  readonly workspaceDomain?: string;
  /** The emulated "now" at start (default 2026-11-23T09:00:00Z). */
  readonly now?: TimeInput;
  /** The spreadsheet's zone (default Asia/Shanghai). */
  readonly timeZone?: string;
  /** The script's zone, appsscript.json timeZone (default Asia/Shanghai). */
  readonly scriptTimeZone?: string;
  /** Active (and effective) user e-mail (default the owner). */
  readonly user?: string;
  /** Spreadsheet owner (default owner@example.com). */
  readonly owner?: string;
  /** Session.getActiveUserLocale(): "en" or "zh_CN" (default "en"). */
  readonly locale?: string;
  /** For a private project: MailApp's recipients per rolling 24 h (default 100, 1,500 in a Workspace domain). */
  readonly mailQuota?: number;
  /** Project HTML files by name ("Sidebar" → content). */
  readonly htmlFiles?: Record<string, string>;
  readonly spreadsheetName?: string;
  /** Name of the one tab a new spreadsheet has (default "Sheet1"). */
  readonly firstSheet?: string;
  /** Seed of Utilities.getUuid. */
  readonly seed?: string;
  /** The bundle's realm (set by loadBundle). */
  readonly realm?: Realm;
  /**
   * Apps Script stops an execution after 6 minutes (30 for some Workspace accounts); emulated time spent
   * in one execution (sleeps, lock waits, per-call cost) beyond this throws "Exceeded maximum execution time".
   * Simple triggers stop after 30 seconds whatever this says.
   */
  readonly executionLimitMs?: number;
  /**
   * The manifest's `oauthScopes` (appsscript.json). When given, calls needing a scope the manifest lacks are
   * refused as Apps Script refuses them (see scopes.ts); loadBundle passes dist/appsscript.json's.
   */
  readonly oauthScopes?: readonly string[];
  /**
   * Charges every counted call inside an execution on the clock (cost-model.ts: per call, per cell read
   * and written, flush), so long jobs meet the time limit where Google's would. Off by default here (no
   * time charged, calls and cells still counted); loadBundle turns it on.
   */
  readonly costModel?: CostTable | false;
}

/** How loadBundle (or a test) says where an execution comes from and who runs it. */
export interface ExecutionOptions {
  /** Default "sidebar" (an editor UI exists). Nested executions keep their outer one's. */
  readonly context?: ExecutionContext;
  /** This user calls the function: active and effective user for the execution (default the current user). */
  readonly user?: string;
  /**
   * Whose authority the code runs with when it is not `user` (a web app deployed "execute as me" runs as
   * its deployer for every visitor: web-app-request.ts).
   */
  readonly effectiveUser?: string;
}

/** One run of a trigger handler. */
export interface Execution {
  readonly handler: string;
  readonly kind: "simple" | "installable";
  readonly event: unknown;
  readonly at: Date;
  readonly error: Error | null;
}

/** Apps Script's onChange changeType values. */
export type ChangeType =
  | "EDIT"
  | "INSERT_ROW"
  | "INSERT_COLUMN"
  | "REMOVE_ROW"
  | "REMOVE_COLUMN"
  | "INSERT_GRID"
  | "REMOVE_GRID"
  | "FORMAT"
  | "OTHER";

/** Calls a top-level bundle function by name; returns false when there is none. */
export type HandlerRunner = (handler: string, event: unknown) => boolean;

export interface EditOptions {
  /** Who edits (default the active user). */
  readonly user?: string;
}

export interface Emulator {
  /** The Apps Script project (shared when createEmulator got one). */
  readonly project: Project;
  /** The Apps Script globals to expose to the bundle. */
  readonly globals: Record<string, unknown>;
  /**
   * The active spreadsheet for set-up and assertions: the same workbook and API as SpreadsheetApp.getActive(),
   * but its calls are not counted and ignore faults and auth modes.
   */
  readonly spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet;
  readonly clock: Clock;
  /** Per-execution calls, cells and modelled time; what the cost model charged (emulator.costs.totals()). */
  readonly costs: CostModel;
  readonly outbox: SentMail[];
  /** UrlFetchApp's requests and test controls (quota, failures, timeout): url-fetch.ts. */
  readonly urlFetch: UrlFetchControl;
  /** The DuckDB behind the BigQuery advanced service (bigquery.ts): direct SQL for assertions. */
  readonly bigquery: BigQueryBackend;
  readonly ui: UiRecorder;
  readonly faults: Faults;
  /** Logger.log and console lines. */
  readonly logs: string[];
  /** Every trigger run so far (errors are recorded, not thrown, as Apps Script does). */
  readonly executions: Execution[];
  /** Raw property stores, for set-up and assertions without counting calls. */
  readonly properties: {
    readonly document: Map<string, string>;
    readonly script: Map<string, string>;
    user(email?: string): Map<string, string>;
  };
  counts(): Record<string, number>;
  /** Sum of calls whose "Class.member" key starts with prefix. */
  countOf(prefix: string): number;
  resetCounts(): void;
  setUser(email: string): void;
  setLocale(locale: string): void;
  setScriptTimeZone(tz: string): void;
  /** This document's installable triggers (every user's), for assertions; project.allTriggers() has all. */
  triggers(): readonly TriggerModel[];
  setHandlerRunner(run: HandlerRunner): void;
  /** Fires every time-driven trigger due at the current emulated time; returns the runs. */
  runDueTriggers(): Execution[];
  /** Advances the clock by `ms`, firing due time-driven triggers in chronological order on the way. */
  advanceAndFire(ms: number): Execution[];
  /** A user's edit of `a1` ("Sheet!B2" or on the active tab), then simple and installable onEdit. */
  edit(a1: string, values: unknown, options?: EditOptions): Execution[];
  /** Opens the document: simple onOpen (authMode LIMITED unless given) and installable onOpen triggers. */
  open(authMode?: string): Execution[];
  /**
   * A user's structural change (insert/remove rows, columns or tabs, formatting...): `action` applies it
   * through the uncounted `spreadsheet`, then installable onChange triggers run with `changeType`.
   */
  change(
    changeType: ChangeType,
    action: (spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) => void,
    options?: EditOptions,
  ): Execution[];
  /** Creates (or overwrites) a tab with `rows` written at A1, without counting calls. */
  sheetFromValues(name: string, rows: readonly (readonly unknown[])[]): GoogleAppsScript.Spreadsheet.Sheet;
  /** Deep comparable copy of the whole workbook. */
  snapshot(): WorkbookSnapshot;
  /**
   * A spreadsheet a script created (SpreadsheetApp.create), for set-up and assertions: uncounted, no access
   * check. Null when no such file exists (the emulated document's own id gives `spreadsheet`).
   */
  openSpreadsheet(id: string): GoogleAppsScript.Spreadsheet.Spreadsheet | null;
  /** The spreadsheets scripts created in this project's Drive: id, name, owner, cells, trashed. */
  driveFiles(): readonly {
    readonly id: string;
    readonly name: string;
    readonly owner: string;
    readonly cells: number;
    readonly trashed: boolean;
  }[];
  /** Moves a created spreadsheet to the trash (a user deleting it in Drive): openById fails from then on. */
  trashSpreadsheet(id: string): void;
  /** The emulated document's own cell count (every tab's grid, as the 10M limit counts). */
  cellCount(): number;
  /**
   * Runs `fn` as one Apps Script execution: whatever locks it still holds are released when it ends,
   * however it ends (loadBundle runs every top-level bundle function this way). `options` say where it
   * comes from (menu, sidebar, time trigger...: whether getUi works) and which user calls it.
   */
  execution<T>(fn: () => T, options?: ExecutionOptions): T;
}

const DEFAULT_NOW = "2026-11-23T09:00:00Z";

/** Builds a fresh, stateful emulation of the Apps Script services the add-on uses. */
export function createEmulator(opts: EmulatorOptions = {}): Emulator {
  const realm = opts.realm ?? HOST_REALM;
  const owner = opts.owner ?? "owner@example.com";
  const user = opts.user ?? owner;
  const project =
    opts.project ??
    createProject({
      deployment: opts.deployment,
      workspaceDomain: opts.workspaceDomain,
      mailQuota: opts.mailQuota,
    });
  const session: SessionState = {
    activeUser: user,
    effectiveUser: user,
    owner,
    locale: opts.locale ?? "en",
    scriptTimeZone: opts.scriptTimeZone ?? "Asia/Shanghai",
    context: "sidebar",
    ui: true,
    identity: { workspaceDomain: project.workspaceDomain, developer: project.developer ?? owner },
  };
  checkZone(session.scriptTimeZone);
  const clock = new Clock(opts.now ?? DEFAULT_NOW, realm);
  const costs = new CostModel(clock, opts.costModel || FREE_COSTS);
  const counter = new CallCounter();
  const wb = new Workbook(
    project.newDocumentId(),
    opts.spreadsheetName ?? "Sheet CRM test",
    opts.timeZone ?? "Asia/Shanghai",
    session.locale,
  );
  checkZone(wb.timeZone);
  let faults: Faults;
  /** The auth mode of the simple trigger running now (FULL outside simple triggers). */
  let authMode: string = AUTH_MODE.FULL;
  const grantedScopes = opts.oauthScopes ? new Set(opts.oauthScopes) : null;
  const guard = new Guard(
    counter,
    (key, target, args) => {
      if (!allowedIn(authMode, key)) throw gasError(env, permissionText(key));
      const refused = scopeRefusal(key, grantedScopes);
      if (refused) throw gasError(env, refused);
      faults.beforeCall(key);
      if (executionDepth > 0) costs.charge(key, target, args);
      if (executionDepth > 0 && clock.nowMs() - executionStart > currentLimitMs) {
        throw gasError(env, TIME_LIMIT_TEXT);
      }
    },
    realm.Error,
  );
  const env: Env = { realm, clock, guard, session };
  faults = new Faults(clock, {
    renameSheet: (o, n) => {
      const s = wb.byName(o);
      if (s) s.name = n;
    },
    deleteSheet: (name) => {
      const s = wb.byName(name);
      if (s) wb.removeSheet(s);
    },
    insertRows: (name, before, count) => {
      const s = wb.byName(name);
      if (s) {
        s.grid.insertRows(before, count);
        s.maxRows += count;
      }
    },
    error: (m) => gasError(env, m),
  });
  const ui = new UiRecorder();
  const toast = (t: { message: string; title: string; timeoutSeconds: number }) => ui.toasts.push(t);
  const book: Book = createBook(env, wb, toast);
  /** One Book (facades) per workbook this emulator's scripts reach: the document and Drive files. */
  const books = new Map<Workbook, Book>([[wb, book]]);
  const bookOf = (w: Workbook): Book => {
    let b = books.get(w);
    if (!b) books.set(w, (b = createBook(env, w, toast)));
    return b;
  };
  const drive: DriveAccess = {
    create(name, rows = 1000, columns = 26) {
      const valid = (n: unknown) => typeof n === "number" && Number.isInteger(n) && n >= 1;
      if (!valid(rows)) throw gasError(env, "Invalid argument: rows");
      if (!valid(columns)) throw gasError(env, "Invalid argument: columns");
      const created = new Workbook(project.newDocumentId(), String(name), wb.timeZone, wb.locale);
      created.owner = session.effectiveUser;
      checkCellGrowth(env, created, rows * columns);
      const first = created.addSheet("Sheet1");
      first.maxRows = rows;
      first.maxColumns = columns;
      created.active = first;
      project.files.set(created.id, {
        wb: created,
        appUsers: new Set([session.effectiveUser]),
        trashed: false,
      });
      return bookOf(created).spreadsheetApi();
    },
    open(id) {
      if (id === wb.id) return book.spreadsheetApi();
      const file = project.files.get(id);
      if (!file) throw gasError(env, MISSING_DOCUMENT_TEXT);
      if (!appMayOpen(file, session.effectiveUser)) throw gasError(env, NO_ACCESS_TEXT);
      return bookOf(file.wb).spreadsheetApi();
    },
  };
  wb.addSheet(opts.firstSheet ?? "Sheet1");
  wb.active = wb.sheets[0];

  const outbox: SentMail[] = [];
  const urlFetch = new UrlFetchControl();
  const bigquery = createBigQuery(env, opts.bigquery);
  const logs: string[] = [];
  const executions: Execution[] = [];
  const stores = {
    document: new Map<string, string>(),
    script: project.scriptProperties,
    users: project.userProperties,
  };
  const triggerStore = new TriggerStore(env, project.triggers, {
    deployment: project.deployment,
    documentId: wb.id,
  });
  const inWorkspace = (email: string) =>
    project.workspaceDomain !== null && email.toLowerCase().endsWith("@" + project.workspaceDomain);
  const mailPolicy = {
    quotaFor: (email: string) =>
      project.mailQuota ??
      (inWorkspace(email) ? MAIL_LIMITS.workspaceDailyRecipients : MAIL_LIMITS.consumerDailyRecipients),
    bodyBytesFor: (email: string) =>
      inWorkspace(email) ? MAIL_LIMITS.workspaceBodyBytes : MAIL_LIMITS.consumerBodyBytes,
  };
  const lockStates = new Map<string, LockState>();
  let runner: HandlerRunner = () => false;

  const consoleApi = wrap(env, "console", {
    log: (...a: unknown[]) => void logs.push(a.map(String).join(" ")),
    info: (...a: unknown[]) => void logs.push(a.map(String).join(" ")),
    warn: (...a: unknown[]) => void logs.push("WARN " + a.map(String).join(" ")),
    error: (...a: unknown[]) => void logs.push("ERROR " + a.map(String).join(" ")),
    debug: (...a: unknown[]) => void logs.push(a.map(String).join(" ")),
    time: () => undefined,
    timeEnd: () => undefined,
  });

  const globals: Record<string, unknown> = {
    SpreadsheetApp: wrap(env, "SpreadsheetApp", new SpreadsheetAppApi(book, ui, () => undefined, drive)),
    ScriptApp: wrap(env, "ScriptApp", new ScriptAppApi(env, triggerStore, project.scriptId)),
    MailApp: mailApp(env, project.mail, mailPolicy, outbox, faults),
    UrlFetchApp: urlFetchApp(env, project, urlFetch),
    BigQuery: bigquery.service,
    PropertiesService: wrap(env, "PropertiesService", new PropertiesServiceApi(env, stores)),
    CacheService: wrap(env, "CacheService", new CacheServiceApi(env, project.caches, new Map())),
    LockService: wrap(
      env,
      "LockService",
      new LockServiceApi(env, lockStates, () => faults.isLockContended()),
    ),
    HtmlService: wrap(env, "HtmlService", new HtmlServiceApi(env, opts.htmlFiles ?? {})),
    ContentService: contentService(env),
    Session: sessionApi(env),
    Utilities: wrap(
      env,
      "Utilities",
      new UtilitiesApi(env, new UuidSource(opts.seed ?? "sheet-crm"), (ms) => clock.advance(ms)),
    ),
    Logger: wrap(env, "Logger", new LoggerApi(logs)),
    Charts: wrap(env, "Charts", { ChartType: CHART_TYPE }),
    FormApp: null as unknown as FormAppApi,
    console: consoleApi,
  };
  // A form's response reaches this document's form-submit triggers after the execution that submitted it.
  const formSubmits: SubmitFields[] = [];
  globals.FormApp = formApp(env, project, {
    wb,
    book,
    fireFormSubmit: (fields) => {
      formSubmits.push(fields);
      if (executionDepth === 0) fireFormSubmits();
    },
  });

  let executionDepth = 0;
  let executionStart = 0;
  const executionLimitMs = opts.executionLimitMs ?? 6 * 60_000;
  let currentLimitMs = executionLimitMs;
  /**
   * Apps Script releases an execution's locks when it ends, however it ends. The outermost execution sets
   * the context (and the caller); nested ones (a trigger's handler run through loadBundle) keep it. Simple
   * triggers "cannot run for longer than 30 seconds"
   * (https://developers.google.com/apps-script/guides/triggers#restrictions).
   */
  const inExecution = <T>(fn: () => T, options: ExecutionOptions & { eventType?: string } = {}): T => {
    const outer = executionDepth++ === 0;
    const saved = { ...session };
    if (outer) {
      executionStart = clock.nowMs();
      session.context = options.context ?? "sidebar";
      session.ui = hasUi(session.context, options.eventType ?? null);
      currentLimitMs = session.context === "simple-trigger" ? 30_000 : executionLimitMs;
      if (options.user !== undefined) session.activeUser = session.effectiveUser = options.user;
      if (options.effectiveUser !== undefined) session.effectiveUser = options.effectiveUser;
    }
    try {
      return fn();
    } finally {
      if (--executionDepth === 0) {
        for (const lock of lockStates.values()) lock.held = false;
        Object.assign(session, {
          context: saved.context,
          ui: saved.ui,
          activeUser: saved.activeUser,
          effectiveUser: saved.effectiveUser,
        });
        if (formSubmits.length) fireFormSubmits();
      }
    }
  };
  /** The event's `user`: the one who acted, shown as Session.getActiveUser() would be in that run. */
  const eventUser = (actor: string, effective: string, context: ExecutionContext) => {
    const email = visibleEmail(session.identity, actor, effective, context);
    return wrap(env, "User", { getEmail: () => email, toString: () => email });
  };

  const run = (
    handler: string,
    kind: Execution["kind"],
    event: unknown,
    asUser?: string,
    eventType = "CLOCK",
  ): Execution | null => {
    const saved = { ...session };
    const savedMode = authMode;
    if (asUser !== undefined) session.effectiveUser = asUser;
    if (kind === "simple") authMode = String((event as { authMode?: string }).authMode ?? AUTH_MODE.LIMITED);
    const context: ExecutionContext =
      kind === "simple" ? "simple-trigger" : eventType === "CLOCK" ? "time-trigger" : "installable-trigger";
    const at = clock.now();
    let error: Error | null = null;
    let found = false;
    try {
      found = inExecution(() => runner(handler, event), { context, eventType });
    } catch (e) {
      found = true;
      error = e as Error;
    } finally {
      session.activeUser = saved.activeUser;
      session.effectiveUser = saved.effectiveUser;
      authMode = savedMode;
    }
    if (!found) return null;
    const ex: Execution = { handler, kind, event, at: new Date(at.getTime()), error };
    executions.push(ex);
    return ex;
  };

  const fireDue = (until: number): Execution[] => {
    const out: Execution[] = [];
    for (let t = triggerStore.earliestDue(until); t; t = triggerStore.earliestDue(until)) {
      const at = t.model.next!;
      if (at > clock.nowMs()) clock.set(at);
      const event = triggerStore.clockEvent(t.model, at);
      triggerStore.fired(t);
      const ex = run(t.model.handler, "installable", event, t.model.owner);
      if (ex) out.push(ex);
    }
    return out;
  };

  // Tests set up and inspect the workbook through a second set of facades: same API and checks, but
  // neither counted nor subject to faults or auth modes, so assertions never disturb what they measure.
  const inspectorEnv: Env = { ...env, guard: new Guard(new CallCounter(), () => undefined, realm.Error) };
  const inspector = createBook(inspectorEnv, wb, toast);
  const spreadsheet = inspector.spreadsheetApi();
  const inspectors = new Map<Workbook, Book>([[wb, inspector]]);

  /**
   * A document event: its simple trigger (when named) runs as the person who acted, in `simpleAuth` mode;
   * then every installable trigger of `type` runs as its owner, fully authorized. `fields` builds each
   * event's own fields (fresh facades per execution).
   */
  const fireDocumentEvent = (
    type: "ON_EDIT" | "ON_OPEN" | "ON_CHANGE",
    actor: string,
    fields: () => Record<string, unknown>,
    simple?: { readonly handler: string; readonly authMode: string },
  ): Execution[] => {
    const out: Execution[] = [];
    if (simple) {
      const user = eventUser(actor, actor, "simple-trigger");
      const ex = run(
        simple.handler,
        "simple",
        newObject(realm, { ...fields(), user, authMode: simple.authMode }),
      );
      if (ex) out.push(ex);
    }
    for (const t of triggerStore.triggers.filter((x) => x.model.eventType === type)) {
      const event = newObject(realm, {
        authMode: AUTH_MODE.FULL,
        ...fields(),
        user: eventUser(actor, t.model.owner, "installable-trigger"),
        triggerUid: t.model.id,
      });
      const ex = run(t.model.handler, "installable", event, t.model.owner, type);
      if (ex) out.push(ex);
    }
    return out;
  };

  /**
   * Installable form-submit triggers, one execution each, with the event's documented fields: values,
   * namedValues, range, triggerUid (https://developers.google.com/apps-script/guides/triggers/events#form-submit).
   */
  function fireFormSubmits(): void {
    for (let f = formSubmits.shift(); f; f = formSubmits.shift()) {
      const fields = f;
      for (const t of triggerStore.triggers.filter((x) => x.model.eventType === "ON_FORM_SUBMIT")) {
        const namedValues = newObject(realm, {}) as Record<string, unknown>;
        for (const [k, v] of Object.entries(fields.namedValues)) namedValues[k] = newArray(realm, v);
        const event = newObject(realm, {
          authMode: AUTH_MODE.FULL,
          namedValues,
          range: book.rangeApi(fields.sheet, {
            row: fields.row,
            column: 1,
            numRows: 1,
            numColumns: fields.width,
          }),
          triggerUid: t.model.id,
          values: newArray(realm, fields.values),
        });
        run(t.model.handler, "installable", event, t.model.owner, "ON_FORM_SUBMIT");
      }
    }
  }

  /** Installable onChange triggers, which also fire (changeType EDIT) after every user edit. */
  const fireChange = (changeType: ChangeType, editor: string): Execution[] =>
    fireDocumentEvent("ON_CHANGE", editor, () => ({ changeType, source: book.spreadsheetApi() }));

  const emulator: Emulator = {
    project,
    globals,
    spreadsheet,
    clock,
    costs,
    outbox,
    urlFetch,
    bigquery: bigquery.backend,
    ui,
    faults,
    logs,
    executions,
    properties: {
      document: stores.document,
      script: stores.script,
      user: (email = session.effectiveUser) => userStore(project, email),
    },
    counts: () => counter.snapshot(),
    countOf: (prefix) => counter.total(prefix),
    resetCounts: () => counter.reset(),
    setUser(email) {
      session.activeUser = email;
      session.effectiveUser = email;
    },
    setLocale(locale) {
      session.locale = locale;
    },
    setScriptTimeZone(tz) {
      checkZone(tz);
      session.scriptTimeZone = tz;
    },
    triggers: () => triggerStore.triggers.map((t) => t.model),
    setHandlerRunner(r) {
      runner = r;
    },
    runDueTriggers: () => fireDue(clock.nowMs()),
    advanceAndFire(ms) {
      const target = clock.nowMs() + ms;
      const out = fireDue(target);
      if (clock.nowMs() < target) clock.set(target);
      return out;
    },
    edit(a1, values, options = {}) {
      const { sheet: sheetName, range } = splitSheetPrefix(a1);
      const model = sheetName === null ? (wb.active ?? wb.sheets[0]) : wb.byName(sheetName);
      if (!model) throw new Error(`edit: no sheet named "${sheetName}"`);
      const rect = parseA1(range, model.maxRows, model.maxColumns);
      const matrix = Array.isArray(values) ? (values as unknown[][]) : [[values]];
      if (
        matrix.length !== rect.numRows ||
        matrix.some((r) => !Array.isArray(r) || r.length !== rect.numColumns)
      ) {
        throw new Error(`edit: ${a1} is ${rect.numRows}×${rect.numColumns}; the values do not match`);
      }
      const editor = options.user ?? session.activeUser;
      if (!mayEdit(model, rect, editor, session.owner)) throw gasError(env, PROTECTED_TEXT);
      // A typed entry is parsed in the spreadsheet's locale, as a script's setValues is (user-entered.ts).
      const entryAt = { locale: wb.locale, timeZone: wb.timeZone, now: clock.nowMs() };
      const entered = (row: number, col: number, v: unknown) => {
        const c = { ...(model.grid.get(row, col) ?? { v: "" }) };
        setEnteredValue(c, v, entryAt);
        return c.v;
      };
      matrix.forEach((line, i) =>
        line.forEach((v, j) => {
          const dv = model.grid.get(rect.row + i, rect.column + j)?.validation as ValidationModel | undefined;
          if (dv && !dv.allowInvalid && !passesValidation(dv, entered(rect.row + i, rect.column + j, v))) {
            throw gasError(
              env,
              dv.helpText ||
                `Invalid: ${model.name}!${range} violates the data validation rule (${dv.criteria}).`,
            );
          }
        }),
      );
      const single = rect.numRows === 1 && rect.numColumns === 1;
      const before = model.grid.get(rect.row, rect.column);
      const oldValue = before && before.v !== "" ? String(toStored(before.v)) : undefined;
      matrix.forEach((line, i) =>
        line.forEach((v, j) => setEnteredValue(model.grid.cell(rect.row + i, rect.column + j), v, entryAt)),
      );
      const rangeApi = book.rangeApi(model, rect);
      const base = {
        range: rangeApi,
        source: book.spreadsheetApi(),
        ...(single ? { value: valueText(matrix[0][0]) } : {}),
        ...(single && oldValue !== undefined ? { oldValue } : {}),
      };
      const saved = session.activeUser;
      session.activeUser = editor;
      try {
        const out = fireDocumentEvent("ON_EDIT", editor, () => base, {
          handler: "onEdit",
          authMode: AUTH_MODE.LIMITED,
        });
        out.push(...fireChange("EDIT", editor));
        return out;
      } finally {
        session.activeUser = saved;
      }
    },
    change(changeType, action, options = {}) {
      const editor = options.user ?? session.activeUser;
      action(spreadsheet);
      return fireChange(changeType, editor);
    },
    open(authMode = AUTH_MODE.LIMITED) {
      const opener = session.activeUser;
      return fireDocumentEvent("ON_OPEN", opener, () => ({ source: book.spreadsheetApi() }), {
        handler: "onOpen",
        authMode,
      });
    },
    sheetFromValues(name, rows) {
      let model = wb.byName(name);
      if (model) model.grid.clear();
      else model = wb.addSheet(name);
      const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
      model.maxRows = Math.max(model.maxRows, rows.length);
      model.maxColumns = Math.max(model.maxColumns, width);
      rows.forEach((line, i) => line.forEach((v, j) => setCellValue(model!.grid.cell(i + 1, j + 1), v)));
      return inspector.sheetApi(model);
    },
    snapshot: () => snapshotWorkbook(wb),
    openSpreadsheet(id) {
      const target = id === wb.id ? wb : project.files.get(id)?.wb;
      if (!target) return null;
      let b = inspectors.get(target);
      if (!b) inspectors.set(target, (b = createBook(inspectorEnv, target, toast)));
      return b.spreadsheetApi();
    },
    driveFiles: () =>
      [...project.files.entries()].map(([id, f]) => ({
        id,
        name: f.wb.name,
        owner: ownerOf(f.wb, session.owner),
        cells: cellCount(f.wb),
        trashed: f.trashed,
      })),
    trashSpreadsheet(id) {
      const file = project.files.get(id);
      if (!file) throw new Error(`trashSpreadsheet: no file "${id}"`);
      file.trashed = true;
    },
    cellCount: () => cellCount(wb),
    execution: (fn, options) => inExecution(fn, options),
  };
  return emulator;
}

/** e.value as Apps Script gives it for a typed value: text. */
function valueText(v: unknown): string {
  const s = toStored(v);
  if (typeof s === "boolean") return s ? "TRUE" : "FALSE";
  return typeof s === "object" ? new Date(s.date).toISOString() : String(s);
}
