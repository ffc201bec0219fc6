/**
 * Item 5: backups recognised by what they look like. An editor adds tabs named like backups dated 2099 (in
 * the book and in the backup spreadsheet) or changes a real copy; retention must not delete genuine sets
 * for them, and a restore must never bring a forged or changed copy back.
 */
import type { LoadedBundle } from "../../load-bundle";
import { MANAGER, OWNER } from "../fixture";
import { control, type Attack } from "./attack";
import { asUser, attempt } from "./book";

const FORGED_ID = "2099-01-01 00:00:00";

function values(loaded: LoadedBundle, name: string): unknown[][] {
  const sheet = loaded.emulator.spreadsheet.getSheetByName(name);
  if (!sheet || sheet.getLastRow() < 1) return [];
  return sheet.getRange(1, 1, sheet.getLastRow(), sheet.getLastColumn()).getValues();
}

const forgedIn = (loaded: LoadedBundle) => values(loaded, "Customers").some((r) => r.includes("FORGED"));

const listed = (loaded: LoadedBundle) => loaded.ctx.listBackups() as { id: string }[];

export const BACKUP_ATTACKS: readonly Attack[] = [
  {
    name: "forged-backups-outlive-genuine",
    item: 5,
    tries: "ten tabs named like backups dated 2099, in the book and the backup file, before retention runs",
    run: asUser(MANAGER, (loaded) => {
      const { emulator, ctx } = loaded;
      ctx.saveTrustSettings({ backupKeep: 2 });
      for (let i = 0; i < 10; i++) {
        const stamp = `2099-01-${String(i + 1).padStart(2, "0")} 00:00:00`;
        emulator.sheetFromValues(`Backup ${stamp} Customers`, [["CustomerID"], ["FORGED"]]);
      }
      ctx.menuBackupNow();
      const file = emulator.openSpreadsheet(emulator.driveFiles()[0]?.id ?? "");
      control(file !== null, "the backup spreadsheet exists");
      for (let i = 0; i < 10; i++)
        file!.insertSheet(`2099-02-${String(i + 1).padStart(2, "0")} 00:00:00 Customers`);
      const genuine: string[] = [listed(loaded)[0].id];
      for (let i = 0; i < 2; i++) {
        emulator.clock.advance(1000);
        ctx.menuBackupNow();
        genuine.push(listed(loaded)[0].id);
      }
      const ids = listed(loaded).map((b) => b.id);
      if (ids.some((id) => id.includes("2099"))) return `a forged set is listed: ${ids.join(", ")}`;
      const kept = genuine.slice(-2).reverse();
      if (JSON.stringify(ids) !== JSON.stringify(kept))
        return `retention kept ${ids.join(", ") || "nothing"}, not the newest genuine ${kept.join(", ")}`;
      return null;
    }),
  },
  {
    name: "forged-backup-restored",
    item: 5,
    tries: "a forged set (tabs named like a 2099 backup, AuditLog included) restored by name",
    run: asUser(OWNER, (loaded) => {
      const { emulator } = loaded;
      emulator.edit("Customers!B2", "first audited edit", { user: OWNER });
      emulator.sheetFromValues(`Backup ${FORGED_ID} Customers`, [
        ["CustomerID", "Name"],
        ["FORGED", "x"],
      ]);
      emulator.sheetFromValues(`Backup ${FORGED_ID} AuditLog`, [["forged"]]);
      const audit = values(loaded, "AuditLog");
      control(audit.length >= 2, "the audit log has an entry");
      for (const id of [FORGED_ID, `Backup ${FORGED_ID}`]) attempt(loaded, "restoreBackup", id);
      if (forgedIn(loaded)) return "the forged Customers tab was restored";
      const now = values(loaded, "AuditLog");
      if (JSON.stringify(now.slice(0, audit.length)) !== JSON.stringify(audit))
        return "the AuditLog was overwritten";
      return null;
    }),
  },
  {
    name: "changed-backup-copy-restored",
    item: 5,
    tries: "a cell of a genuine copy changed in the backup spreadsheet, then that set restored",
    run: asUser(OWNER, (loaded) => {
      const { emulator, ctx } = loaded;
      ctx.menuBackupNow();
      const [set] = listed(loaded);
      const entry = JSON.parse(emulator.properties.document.get(`backupSet:${set.id}`) ?? "null") as {
        file: string;
        tabs: { sheet: string; tabId: number; file?: string }[];
      } | null;
      control(entry !== null, "the set is in the registry");
      const tab = entry!.tabs.find((t) => t.sheet === "Customers")!;
      const copy = emulator.openSpreadsheet(tab.file ?? entry!.file)?.getSheetById(tab.tabId);
      control(copy !== null && copy !== undefined, "the copy exists");
      copy!.getRange("B2").setValue("FORGED");
      emulator.edit("Customers!B3", "edited after the backup", { user: OWNER });
      attempt(loaded, "restoreBackup", set.id);
      return forgedIn(loaded) ? "the changed copy was restored" : null;
    }),
  },
];
