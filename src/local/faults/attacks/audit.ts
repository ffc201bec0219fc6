/**
 * Item 6: the audit trail. Someone who may edit the log edits, deletes, inserts, reorders or cuts entries
 * (or rebuilds the links without the add-on's key) and hopes the verifier still says OK; an editor whose
 * e-mail Google hides hopes to be logged as the owner; a viewer floods the queue of waiting entries so a
 * delete goes unaudited; and any state-changing call that leaves no entry is a success too.
 */
import { createHash } from "node:crypto";
import { chainInput, parseDigestCell } from "../../../core/trust/audit-chain";
import { SERVER_FUNCTIONS, SERVER_FUNCTION_NAMES } from "../../../shared/server-functions";
import type { LoadedBundle } from "../../load-bundle";
import { MANAGER, OWNER, VIEWER } from "../fixture";
import { control, type Attack, type AttackEnv } from "./attack";
import { QUERY, asUser, attempt, auditQueueBytes, auditRows, begin, rowOfCustomer, trustBook } from "./book";
import { CALL_ARGS } from "./secrets";

/** A book whose log holds ten linked entries (rows 2–11): nine edits by the owner, then a backup job. */
function bookWithLog(env: AttackEnv): LoadedBundle {
  const loaded = trustBook(env);
  for (let i = 0; i < 9; i++) loaded.emulator.edit(`Customers!X${i + 2}`, `note ${i}`, { user: OWNER });
  loaded.ctx.menuBackupNow();
  const check = loaded.ctx.verifyAuditLog() as { ok: boolean };
  control(check.ok, "the untouched log verifies");
  return begin(env, loaded, OWNER);
}

/** A run on the owner's trust book once an edit by the owner made the first entry (the log exists). */
function withFirstEntry(act: (loaded: LoadedBundle) => string | null): Attack["run"] {
  return asUser(OWNER, (loaded) => {
    loaded.emulator.edit("Customers!B2", "first", { user: OWNER });
    return act(loaded);
  });
}

const log = (loaded: LoadedBundle) => loaded.emulator.spreadsheet.getSheetByName("AuditLog")!;
const rowValues = (loaded: LoadedBundle, row: number) => log(loaded).getRange(row, 1, 1, 10).getValues()[0];

/** The verifier's verdict after the tampering: OK is the attack's success. */
function undetected(loaded: LoadedBundle): string | null {
  const check = loaded.ctx.verifyAuditLog() as { ok: boolean; entries?: number };
  return check.ok ? `verifyAuditLog still says OK (${check.entries} entries)` : null;
}

/** A cell as the chain covers it: a date as its wall clock in the book's zone (Asia/Shanghai, +08:00). */
const asTheChainReadsIt = (v: unknown) =>
  Object.prototype.toString.call(v) === "[object Date]"
    ? new Date((v as Date).getTime() + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ")
    : String(v);

function tamper(name: string, tries: string, act: (loaded: LoadedBundle) => void): Attack {
  return {
    name,
    item: 6,
    tries,
    run(env) {
      const loaded = bookWithLog(env);
      act(loaded);
      return undetected(loaded);
    },
  };
}

export const AUDIT_ATTACKS: readonly Attack[] = [
  tamper("audit-entry-edited", "an entry's text edited in the sheet", (loaded) =>
    log(loaded).getRange("F5").setValue("nothing to see"),
  ),
  tamper("audit-entry-deleted", "an entry's row deleted", (loaded) => log(loaded).deleteRow(6)),
  tamper(
    "audit-entry-inserted",
    "a forged entry inserted between two, with a link of the right shape",
    (loaded) => {
      const forged = [...rowValues(loaded, 4)];
      forged[1] = "someone.else@example.com";
      forged[9] = `4:${"a".repeat(64)}`;
      log(loaded).insertRowBefore(5);
      log(loaded).getRange(5, 1, 1, 10).setValues([forged]);
    },
  ),
  tamper("audit-entries-reordered", "two entries swapped", (loaded) => {
    const [a, b] = [rowValues(loaded, 4), rowValues(loaded, 8)];
    log(loaded).getRange(4, 1, 1, 10).setValues([b]);
    log(loaded).getRange(8, 1, 1, 10).setValues([a]);
  }),
  tamper("audit-newest-cut", "the three newest entries cut from the end", (loaded) =>
    log(loaded).deleteRows(9, 3),
  ),
  tamper(
    "audit-links-recomputed",
    "an entry edited and every later link rebuilt with plain SHA-256",
    (loaded) => {
      const sheet = log(loaded);
      const values = sheet.getRange(2, 1, 10, 10).getValues();
      values[3][5] = "rewritten";
      let prev = parseDigestCell(values[2][9])?.digest ?? "";
      for (let i = 3; i < values.length; i++) {
        const seq = i + 1;
        prev = createHash("sha256")
          .update(chainInput(prev, seq, values[i].slice(0, 9).map(asTheChainReadsIt)))
          .digest("hex");
        values[i][9] = `${seq}:${prev}`;
      }
      sheet.getRange(2, 1, 10, 10).setValues(values);
    },
  ),
  {
    name: "audit-hidden-editor-as-owner",
    item: 6,
    tries: "editors of a consumer-account book (Google hides their e-mail) edit customers",
    run: asUser(OWNER, (loaded) => {
      const { emulator } = loaded;
      emulator.edit("Customers!B2", "hidden hand", { user: "stranger@gmail.com" });
      emulator.edit("Customers!B3:B4", [["p"], ["q"]], { user: MANAGER });
      const rows = auditRows(loaded);
      control(rows.length >= 2, "the edits were audited");
      const named = rows.filter((r) => r[1] === OWNER);
      return named.length ? `${named.length} hidden editor's edit(s) logged as the owner` : null;
    }),
  },
  {
    name: "audit-queue-flood-then-delete",
    item: 6,
    tries:
      "a viewer exports 120 times to fill the queue of waiting entries, then a manager deletes a customer",
    run: withFirstEntry((loaded) => {
      const { emulator } = loaded;
      emulator.setUser(VIEWER);
      let exported = 0;
      for (let i = 0; i < 120; i++) if (attempt(loaded, "exportCustomers", QUERY, "csv", "en").ok) exported++;
      control(exported > 0, "the viewer may export");
      const bytes = auditQueueBytes(loaded);
      emulator.setUser(MANAGER);
      const before = auditRows(loaded).length;
      const deleted = attempt(loaded, "batchDeleteCustomers", ["C0011"]);
      const gone = rowOfCustomer(loaded, "C0011") === 0;
      const entry = auditRows(loaded)
        .slice(before)
        .some((r) => r[1] === MANAGER && /delete/i.test(String(r[6])));
      if (gone && !entry) return "the delete went through with no audit entry";
      if (!deleted.ok && !gone && bytes > 100 * 1024) return `the viewer filled the queue (${bytes} bytes)`;
      if (exported === 120) return `nothing bounded the viewer's 120 exports (${bytes} bytes queued)`;
      return null;
    }),
  },
  {
    name: "audit-queue-full-delete",
    item: 6,
    tries:
      "a manager-installed edit trigger fills the queue with big pastes, then a delete and a menu job run",
    run: withFirstEntry((loaded) => {
      const { emulator, ctx } = loaded;
      const ScriptApp = emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
      for (const t of ScriptApp.getUserTriggers(emulator.spreadsheet)) ScriptApp.deleteTrigger(t);
      emulator.setUser(MANAGER);
      emulator.execution(() =>
        ScriptApp.newTrigger("handleEdit").forSpreadsheet(emulator.spreadsheet).onEdit().create(),
      );
      const paste = Array.from({ length: 12 }, (_, i) => [`客户备注${i}：`.repeat(300)]);
      let full = false;
      for (let i = 0; i < 12 && !full; i++)
        full = emulator.edit("Customers!X2:X13", paste, { user: MANAGER }).some((r) => r.error);
      control(full, "the pastes filled the queue");
      const before = auditRows(loaded).length;
      attempt(loaded, "batchDeleteCustomers", ["C0011"]);
      try {
        ctx.menuSealSensitive();
      } catch {
        // Refused: what the attack hopes is that it runs without an entry.
      }
      const after = auditRows(loaded).slice(before);
      const gone = rowOfCustomer(loaded, "C0011") === 0;
      if (gone && !after.some((r) => /delete/i.test(String(r[6]))))
        return "the delete went through unaudited";
      return null;
    }),
  },
  {
    name: "write-without-audit-entry",
    item: 6,
    tries: "the owner calls every state-changing and disclosing server function, counting audit entries",
    run: withFirstEntry((loaded) => {
      const missing: string[] = [];
      for (const name of SERVER_FUNCTION_NAMES) {
        // A name the bundle lacks cannot be called, so it changes nothing.
        if (SERVER_FUNCTIONS[name].kind === "read" || !loaded.functionNames.includes(name)) continue;
        const before = auditRows(loaded).length;
        attempt(loaded, name, ...(CALL_ARGS[name] ?? []));
        if (auditRows(loaded).length === before) missing.push(name);
      }
      return missing.length ? `no audit entry for ${missing.join(", ")}` : null;
    }),
  },
];
