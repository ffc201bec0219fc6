/**
 * The add-on's writing jobs as the fault suite drives them: each through its top-level functions in the
 * loaded bundle, as the sidebar, a menu or a trigger would. A job whose functions the bundle lacks is
 * skipped with a note.
 */
import type { BundleContext, LoadedBundle } from "../load-bundle";
import { MANAGER } from "./fixture";

export interface FaultJob {
  readonly name: string;
  /** Top-level functions the job needs. */
  readonly needs: readonly string[];
  run(ctx: BundleContext): void;
  /** Set-up before the fault is armed (and before "before" is taken), e.g. a backup to restore. */
  prepare?(loaded: LoadedBundle): void;
  /** The installable-trigger handler that runs the job, for "fired twice" (else the job runs twice). */
  readonly trigger?: string;
}

/** Notification settings naming a manager, so the weekly report and unowned reminders have a recipient. */
function withManager({ ctx }: LoadedBundle): void {
  if (typeof ctx.getNotifySettings !== "function") return;
  ctx.saveNotifySettings({ ...ctx.getNotifySettings(), managers: [MANAGER] });
}

const IMPORT_HEADERS = ["CustomerID", "Name", "Email", "Owner", "Status", "IDNumber"];

export const FAULT_JOBS: readonly FaultJob[] = [
  {
    name: "classify",
    needs: ["classifyNow"],
    run: (ctx) => ctx.classifyNow(),
    trigger: "handleNightlyClassify",
  },
  {
    name: "validate+fix",
    needs: ["validateAll", "previewFixes", "applyFixes"],
    run: (ctx) => {
      ctx.validateAll();
      ctx.applyFixes(ctx.previewFixes().token);
    },
  },
  {
    name: "import",
    needs: ["importStage", "importCommit"],
    run: (ctx) => {
      const request = { sheet: "Customers", headers: IMPORT_HEADERS, dedupe: "update" };
      const rows = [
        ["C0002", "Customer 2 (imported)", "c2@example.com", "sales.b@example.com", "Won", ""],
        ["C0100", "New Co 100", "n100@example.com", "sales.a@example.com", "Prospect", "310101199001011234"],
        ["C0101", "New Co 101", "n101@example.com", "sales.b@example.com", "Prospect", ""],
      ];
      const jobId = ctx.importStage(null, request, rows, [2, 3, 4]);
      ctx.importCommit(jobId, request);
    },
  },
  {
    name: "batch edit",
    needs: ["batchUpdateCustomers"],
    run: (ctx) => ctx.batchUpdateCustomers(["C0001", "C0002", "C0003"], { status: "Lost", addTags: ["vip"] }),
  },
  {
    name: "batch delete",
    needs: ["batchDeleteCustomers"],
    run: (ctx) => ctx.batchDeleteCustomers(["C0004", "C0005"]),
  },
  {
    name: "restore",
    needs: ["menuBackupNow", "listBackups", "restoreBackup"],
    prepare: ({ ctx, emulator }) => {
      ctx.menuBackupNow();
      emulator.clock.advance(60_000);
      const customers = emulator.spreadsheet.getSheetByName("Customers")!;
      customers.getRange("B2:C3").setValues([
        ["changed after the backup", "x"],
        ["changed after the backup", "y"],
      ]);
      customers.deleteRow(6);
    },
    run: (ctx) =>
      ctx.restoreBackup(ctx.listBackups().find((b: { reason: string }) => b.reason === "manual").id),
  },
  {
    name: "reminders",
    needs: ["sendRemindersNow"],
    prepare: withManager,
    run: (ctx) => ctx.sendRemindersNow(),
    trigger: "handleDailyReminders",
  },
  {
    // The BigQuery mode's export, classification and trim (resumable): cut at any call, the next run
    // finishes it, and every order line reaches the emulated BigQuery exactly once (test/gas/bigquery).
    name: "bigquery",
    needs: ["saveBigQuerySettings", "runBigQueryNow"],
    prepare: ({ ctx }) =>
      ctx.saveBigQuerySettings({
        enabled: true,
        projectId: "sheet-crm-faults",
        datasetId: "crm",
        location: "US",
        workingSetLines: 0,
      }),
    run: (ctx) => ctx.runBigQueryNow(),
    trigger: "handleDispatch",
  },
  {
    name: "weekly report",
    needs: ["sendWeeklyReportNow"],
    prepare: withManager,
    run: (ctx) => ctx.sendWeeklyReportNow(),
    trigger: "handleWeeklyReport",
  },
];
