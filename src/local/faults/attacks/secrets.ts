/**
 * Items 4 and 7: the AES key read where editors or other installations reach it, and the vault keyed so
 * that one customer's sealed number is revealed as another's (rows moved, an ID reused) or lost.
 */
import type { LoadedBundle } from "../../load-bundle";
import { OWNER } from "../fixture";
import { control, type Attack } from "./attack";
import { READ_ARGS } from "./roles";
import { QUERY, asUser, attempt, customerCell, idOf, outcomeText, rowOfCustomer } from "./book";

const FIRST = "310101199001011234";
const SECOND = "11010519851212678X";
const THIRD = "44030419770707123X";

/** Arguments for the writers a sidebar calls (beyond READ_ARGS): harmless, or failing after the role check. */
const WRITE_ARGS: Readonly<Record<string, readonly unknown[]>> = {
  applyFixes: ["stale-token"],
  importStage: [
    null,
    { sheet: "Customers", headers: ["CustomerID", "Name"], dedupe: "skip" },
    [["C0099", "New"]],
    [2],
  ],
  importCommit: ["no-such-job", { sheet: "Customers", headers: ["CustomerID", "Name"], dedupe: "skip" }],
  setCustomColumnTypes: ["Customers", {}],
  saveClassifySettings: [{}],
  setNightlyClassify: [false],
  saveNotifySettings: [{}],
  saveRoles: [{ "manager@example.com": "manager" }],
  restoreBackup: ["no-such-backup"],
  revealSensitive: ["C0003", "IDNumber"],
  saveTrustSettings: [{}],
  saveAnalysisSettings: [{}],
  batchUpdateCustomers: [["C0001"], { addTags: ["attack"] }],
  batchDeleteCustomers: [["C0011"]],
  undoDelete: ["no-such-token"],
};

/** Every argument list the attacks send, by function name. */
export const CALL_ARGS: Readonly<Record<string, readonly unknown[]>> = { ...READ_ARGS, ...WRITE_ARGS };

/** Key material the document properties hold: the vault's keys and the audit chain's key. */
function secretsOf(loaded: LoadedBundle): string[] {
  const doc = loaded.emulator.properties.document;
  const out: string[] = [];
  for (const [k, v] of doc.entries()) {
    if (k === "vaultKey") out.push(v);
    if (k === "vaultRetiredKeys" || k === "auditChain") {
      const found = v.match(/[A-Za-z0-9+/]{40,}={0,2}|[0-9a-f]{64}/g);
      if (found) out.push(...found);
    }
  }
  return out;
}

/** The owner seals `value` into customer `id`'s IDNumber by typing it. */
function seal(loaded: LoadedBundle, id: string, value: string): void {
  const runs = loaded.emulator.edit(customerCell(loaded, "IDNumber", rowOfCustomer(loaded, id)), value, {
    user: OWNER,
  });
  control(
    runs.every((r) => !r.error),
    `the ID number of ${id} was sealed`,
  );
}

/** A run on the owner's trust book once FIRST is sealed into C0003: where most vault attacks start. */
function withSealedFirst(act: (loaded: LoadedBundle) => string | null): Attack["run"] {
  return asUser(OWNER, (loaded) => {
    seal(loaded, idOf(3), FIRST);
    return act(loaded);
  });
}

/** What revealing customer `id`'s ID number answers (the value, or the error message). */
function reveal(loaded: LoadedBundle, id: string): string {
  return outcomeText(attempt(loaded, "revealSensitive", id, "IDNumber")).replace(/^"|"$/g, "");
}

/** Types a new customer row below the last (no CustomerID: the add-on assigns one); returns its sheet row. */
function typeNewCustomer(loaded: LoadedBundle, name: string, idNumber: string): number {
  const sheet = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
  const row = sheet.getLastRow() + 1;
  const nameCell = customerCell(loaded, "Name", row);
  const idCell = customerCell(loaded, "IDNumber", row);
  loaded.emulator.edit(nameCell, name, { user: OWNER });
  loaded.emulator.edit(idCell, idNumber, { user: OWNER });
  return row;
}

export const SECRET_ATTACKS: readonly Attack[] = [
  {
    name: "key-in-script-properties",
    item: 4,
    tries:
      "an editor (or another installation of the add-on) reads script properties after values are sealed",
    run: withSealedFirst((loaded) => {
      loaded.ctx.menuBackupNow();
      control(reveal(loaded, idOf(3)) === FIRST, "the owner reveals the number");
      control(loaded.emulator.properties.document.has("vaultKey"), "the key is in document properties");
      const script = [...loaded.emulator.properties.script.keys()];
      return script.length ? `script properties hold ${script.join(", ")}` : null;
    }),
  },
  {
    name: "key-through-server-functions",
    item: 4,
    tries: "the owner calls every top-level function google.script.run can reach, looking for a key",
    run: withSealedFirst((loaded) => {
      loaded.emulator.edit("Customers!B2", "audited edit", { user: OWNER });
      const secrets = secretsOf(loaded);
      control(secrets.length >= 2, "the vault and audit keys exist");
      const found: string[] = [];
      for (const name of loaded.functionNames) {
        if (name.endsWith("_")) continue;
        const got = outcomeText(attempt(loaded, name, ...(CALL_ARGS[name] ?? [])));
        // Key material may be rotated by a call: compare with the keys as they are now too.
        for (const s of new Set([...secrets, ...secretsOf(loaded)])) if (got.includes(s)) found.push(name);
      }
      return found.length ? `key material in the answer of ${[...new Set(found)].join(", ")}` : null;
    }),
  },
  {
    name: "vault-reveal-after-rows-move",
    item: 7,
    tries: "rows inserted above and deleted between sealed customers, then each revealed",
    run: withSealedFirst((loaded) => {
      seal(loaded, idOf(6), SECOND);
      const { emulator } = loaded;
      emulator.change("INSERT_ROW", (ss) => ss.getSheetByName("Customers")!.insertRowsBefore(2, 2));
      emulator.change("REMOVE_ROW", (ss) =>
        ss.getSheetByName("Customers")!.deleteRow(rowOfCustomer(loaded, idOf(4))),
      );
      const got = [reveal(loaded, idOf(3)), reveal(loaded, idOf(6))];
      return got[0] === FIRST && got[1] === SECOND ? null : `revealed ${got.join(" / ")} for C0003 / C0006`;
    }),
  },
  {
    name: "vault-new-row-then-move",
    item: 7,
    tries: "a new customer typed with its ID number (sealed before it has an ID), then a row inserted above",
    run: asUser(OWNER, (loaded) => {
      const { emulator } = loaded;
      const row = typeNewCustomer(loaded, "Newcomer Ltd", THIRD);
      const sheet = emulator.spreadsheet.getSheetByName("Customers")!;
      const id = String(sheet.getRange(row, 1).getValue());
      control(id !== "", "the new customer got an ID");
      emulator.change("INSERT_ROW", (ss) => ss.getSheetByName("Customers")!.insertRowBefore(2));
      // Another new customer typed where the first one was.
      typeNewCustomer(loaded, "Second Ltd", SECOND);
      const got = reveal(loaded, id);
      return got === THIRD ? null : `revealing ${id} answered ${got}`;
    }),
  },
  {
    name: "vault-reused-id-inherits",
    item: 7,
    tries: "a sealed customer deleted, then a new customer typed with the same CustomerID",
    run: withSealedFirst((loaded) => {
      control(attempt(loaded, "batchDeleteCustomers", [idOf(3)]).ok, "the customer was deleted");
      control(rowOfCustomer(loaded, idOf(3)) === 0, "the customer is gone");
      const sheet = loaded.emulator.spreadsheet.getSheetByName("Customers")!;
      const row = sheet.getLastRow() + 1;
      loaded.emulator.edit(`Customers!A${row}:B${row}`, [[idOf(3), "Someone Else"]], { user: OWNER });
      const got = reveal(loaded, idOf(3));
      return got.includes(FIRST) ? `the new ${idOf(3)} revealed the deleted customer's number` : null;
    }),
  },
  {
    name: "vault-lost-on-restore",
    item: 7,
    tries: "every tab deleted, vault included, then the last backup restored",
    run: withSealedFirst((loaded) => {
      loaded.ctx.menuBackupNow();
      const ss = loaded.emulator.spreadsheet;
      ss.insertSheet("Blank");
      for (const s of ss.getSheets()) if (s.getName() !== "Blank") ss.deleteSheet(s);
      const [set] = loaded.ctx.listBackups() as { id: string }[];
      control(set !== undefined, "a backup was listed");
      const restored = attempt(loaded, "restoreBackup", set.id);
      control(restored.ok, "the restore ran");
      control(
        JSON.stringify(loaded.run("listCustomers", QUERY, "en")).includes(idOf(3)),
        "the customers are back",
      );
      const got = reveal(loaded, idOf(3));
      return got === FIRST ? null : `after the restore, C0003's number reveals as ${got}`;
    }),
  },
];
