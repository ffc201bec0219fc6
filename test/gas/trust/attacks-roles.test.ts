/**
 * Attacks on roles (issue 15, items 2, 3 and 8), on the built bundle through google.script.run: the owner, a
 * manager, a sales rep, a viewer, a viewer scoped to another rep's customers, a signed-in user the role
 * table does not list and a caller whose e-mail Google hides ("") each call every server function. Each
 * call is either allowed by the README's "Roles" table and answers with nothing of a customer the caller
 * may not see, or is refused with nothing leaked in its message. The book holds bad cells in every rep's
 * rows (so problem lists have something to leak), a sealed ID number and a manager's address.
 */
import type { RoleAssignments } from "../../../src/core/access/roles";
import { accessOf, canSeeCustomer, type Access } from "../../../src/core/access/scope";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { MANAGER, OWNER, SALES_A, SALES_B, VIEWER } from "../../../src/local/faults/fixture";
import type { ServerFunctionName } from "../../../src/shared/api";
import { SERVER_FUNCTION_NAMES } from "../../../src/shared/server-functions";
import { ROLE_TABLE, auditRows, loadTrustBundle } from "./harness";
import { ARGS, QUERY, REFUSAL, allowedFor } from "./roles-expected";

const SCOPED_VIEWER = "scoped.viewer@example.com";
const STRANGER = "stranger@example.org";
/** The harness's table plus a viewer a manager granted sales rep B's customers only. */
const TABLE: RoleAssignments = {
  ...(ROLE_TABLE as RoleAssignments),
  [SCOPED_VIEWER]: { role: "viewer", sees: [SALES_B] },
};
const OWNERS = { spreadsheetOwner: OWNER, installer: "" };

const CALLERS: readonly { readonly label: string; readonly user: string }[] = [
  { label: "owner", user: OWNER },
  { label: "manager", user: MANAGER },
  { label: "sales", user: SALES_A },
  { label: "viewer", user: VIEWER },
  { label: "scoped viewer", user: SCOPED_VIEWER },
  { label: "unlisted user", user: STRANGER },
  { label: '"" caller', user: "" },
];

const ID_NUMBER = "310101199001011234";
const MANAGER_SECRET = "boss.secret@example.net";
const CUSTOMERS = 12;
/** The fixture's Owner of customer i (fixture.ts): odd A, even B, the last nobody's. */
const ownerOf = (i: number) => (i === CUSTOMERS ? "" : i % 2 ? SALES_A : SALES_B);
const idOf = (i: number) => `C${String(i).padStart(4, "0")}`;
/** A bad cell's value per Owner: it lands in problem lists, so it must not reach other reps. */
const badValue = (owner: string, what: string) =>
  `LEAK${owner === SALES_A ? "A" : owner === SALES_B ? "B" : "U"}-${what}`;

/** Everything of customer i a leak would show: ID, names, contact details, notes, their rows' bad cells. */
function markersOf(i: number): readonly RegExp[] {
  const owner = ownerOf(i);
  const words = [
    idOf(i),
    `Customer ${i}`,
    `Contact ${i}`,
    `c${i}@example\\.com`,
    `note ${i}`,
    `private ${i}`,
  ];
  const own = [`call ${i}`, `ok ${i}`, `0000 ${1000 + i}`];
  const bad = [1, 2, CUSTOMERS].includes(i) ? [badValue(owner, "age"), badValue(owner, "amount")] : [];
  return [...words, ...own, ...bad].map((w) => new RegExp(`${w}(?![0-9])`));
}

function columnOf(loaded: LoadedBundle, sheet: string, header: string): number {
  const headers = loaded.emulator.spreadsheet.getSheetByName(sheet)!.getRange("1:1").getValues()[0];
  const at = headers.indexOf(header);
  if (at < 0) throw new Error(`${sheet} has no ${header}`);
  return at + 1;
}

/** The trust book, roles with a scoped viewer, bad cells in A's, B's and nobody's rows, a sealed ID number. */
function attackBook(user: string): LoadedBundle {
  const loaded = loadTrustBundle(1, OWNER);
  const { emulator } = loaded;
  emulator.properties.document.set("roles", JSON.stringify(TABLE));
  const customers = emulator.spreadsheet.getSheetByName("Customers")!;
  const orders = emulator.spreadsheet.getSheetByName("Orders")!;
  const age = columnOf(loaded, "Customers", "Age");
  const orderCustomer = columnOf(loaded, "Orders", "CustomerID");
  const amount = columnOf(loaded, "Orders", "Amount");
  const orderIds = orders.getRange(2, orderCustomer, orders.getLastRow() - 1, 1).getValues();
  for (const i of [1, 2, CUSTOMERS]) {
    customers.getRange(i + 1, age).setValue(badValue(ownerOf(i), "age"));
    const line = orderIds.findIndex((r) => r[0] === idOf(i));
    orders.getRange(line + 2, amount).setValue(badValue(ownerOf(i), "amount"));
  }
  // C0003 (sales A's) gets a real ID number, typed by the owner: sealed into the vault, masked in the cell.
  const idColumn = String.fromCharCode(64 + columnOf(loaded, "Customers", "IDNumber"));
  const runs = emulator.edit(`Customers!${idColumn}4`, ID_NUMBER, { user: OWNER });
  expect(runs.filter((r) => r.error).map((r) => r.error!.message)).toEqual([]);
  const saved = loaded.run("saveNotifySettings", { managers: [MANAGER, MANAGER_SECRET] });
  expect(saved).toMatchObject({ ok: true });
  emulator.setUser(user);
  emulator.resetCounts();
  return loaded;
}

/** A result as text, with exported files decoded (CSV: the test asks for CSV so its cells can be read). */
function textOf(value: unknown): string {
  return JSON.stringify(value, (k, v) =>
    k === "base64" && typeof v === "string" ? Buffer.from(v, "base64").toString("utf8") : v,
  );
}

/** What a caller must never get: every customer it may not see, the sealed number, others' bad cells. */
function forbiddenMarkers(access: Access): readonly RegExp[] {
  const hidden: RegExp[] = [];
  for (let i = 1; i <= CUSTOMERS; i++) if (!canSeeCustomer(access, ownerOf(i))) hidden.push(...markersOf(i));
  // The plaintext leaves only through revealSensitive, to those who may reveal.
  if (access.role !== "owner" && access.role !== "manager") hidden.push(new RegExp(ID_NUMBER));
  return hidden;
}

type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: Error };

function call(loaded: LoadedBundle, name: ServerFunctionName): Outcome {
  const args = name === "exportCustomers" ? [QUERY, "csv", "en"] : (ARGS[name] ?? []);
  try {
    return { ok: true, value: loaded.run(name, ...args) };
  } catch (e) {
    return { ok: false, error: e as Error };
  }
}

describe("roles × server functions: allowed as documented, or refused; nothing leaked either way", () => {
  for (const { label, user } of CALLERS) {
    it(label, () => {
      const loaded = attackBook(user);
      const access = accessOf(user, TABLE, OWNERS);
      const wholeBook = access.scope.kind === "all";
      const forbidden = forbiddenMarkers(access);
      const wrong: string[] = [];
      for (const name of SERVER_FUNCTION_NAMES) {
        const outcome = call(loaded, name);
        const allowed = allowedFor(access.role, wholeBook, name);
        if (!allowed && (outcome.ok || !REFUSAL.test(outcome.error.message)))
          wrong.push(`${name}: not refused (${outcome.ok ? "ran" : outcome.error.message})`);
        if (allowed && !outcome.ok && REFUSAL.test(outcome.error.message))
          wrong.push(`${name}: refused (${outcome.error.message})`);
        // An answer, or an error message: neither may hold what the caller may not see. An ID the caller
        // sent itself (a portrait asked for) may be echoed in "not found".
        const text = outcome.ok ? textOf(outcome.value) : outcome.error.message;
        const sent = JSON.stringify(ARGS[name] ?? []);
        for (const marker of forbidden)
          if (marker.test(text) && !marker.test(sent)) wrong.push(`${name}: leaked ${marker.source}`);
      }
      expect(wrong).toEqual([]);
    });
  }
});

describe("what each role is shown", () => {
  it("the list: managers and viewers every customer, a rep their own, a scoped viewer the rep's granted", () => {
    const ids = (user: string): string[] => {
      const page = attackBook(user).run("listCustomers", { ...QUERY, pageSize: 50 }, "en");
      return (page.rows as { id: string }[]).map((r) => r.id).sort();
    };
    const all = Array.from({ length: CUSTOMERS }, (_, i) => idOf(i + 1));
    expect(ids(MANAGER)).toEqual(all);
    expect(ids(VIEWER)).toEqual(all);
    expect(ids(SALES_A)).toEqual(all.filter((_, i) => ownerOf(i + 1) === SALES_A));
    expect(ids(SCOPED_VIEWER)).toEqual(all.filter((_, i) => ownerOf(i + 1) === SALES_B));
  });

  it("Validate all answers a rep with their own rows' problems; a manager gets every one", () => {
    const values = (user: string) =>
      (attackBook(user).run("validateAll").problems as { value: string }[]).map((p) => p.value);
    const mine = values(SALES_A);
    expect(mine).toEqual(expect.arrayContaining(["LEAKA-age", "LEAKA-amount"]));
    expect(mine.filter((v) => /LEAK[BU]/.test(v))).toEqual([]);
    expect(values(MANAGER)).toEqual(expect.arrayContaining(["LEAKA-age", "LEAKB-age", "LEAKU-amount"]));
  });

  it("analysis stops on a rep's own unreadable cells only, and lists only those", () => {
    const issues = (user: string) => {
      const r = attackBook(user).run("getAnalysis");
      return r.ok ? [] : (r.issues as { value: string }[]).map((i) => i.value);
    };
    const mine = issues(SALES_A);
    expect(mine).toEqual(expect.arrayContaining(["LEAKA-age", "LEAKA-amount"]));
    expect(mine.filter((v) => /LEAK[BU]/.test(v))).toEqual([]);
    expect(issues(MANAGER)).toEqual(expect.arrayContaining(["LEAKB-amount", "LEAKU-age"]));
  });

  it("book-wide revenue (the segment summary) goes only to callers who see every customer", () => {
    const loaded = attackBook(MANAGER);
    loaded.run("classifyNow");
    const summary = loaded.run("getSegmentSummary") as { revenue: number }[];
    expect(summary.reduce((n, r) => n + r.revenue, 0)).toBeGreaterThan(0);
    for (const user of [SALES_A, SCOPED_VIEWER]) {
      loaded.emulator.setUser(user);
      expect(() => loaded.run("getSegmentSummary")).toThrow(/covers every customer/);
    }
    loaded.emulator.setUser(VIEWER);
    expect(loaded.run("getSegmentSummary")).toEqual(summary);
  });

  it("a stranger or hidden caller can neither save a role table nor reveal a sealed number", () => {
    for (const user of [STRANGER, ""]) {
      const loaded = attackBook(user);
      const before = loaded.emulator.properties.document.get("roles");
      const audit = auditRows(loaded).length;
      expect(() => loaded.run("saveRoles", { [user || "me@example.org"]: "manager" })).toThrow(REFUSAL);
      expect(() => loaded.run("revealSensitive", "C0003", "IDNumber")).toThrow(REFUSAL);
      expect(loaded.emulator.properties.document.get("roles")).toBe(before);
      expect(auditRows(loaded).length).toBe(audit);
    }
    const owner = attackBook(OWNER);
    expect(owner.run("revealSensitive", "C0003", "IDNumber")).toBe(ID_NUMBER);
  });

  it("the notify settings (managers' addresses) are for those who manage settings", () => {
    for (const user of [SALES_A, VIEWER, SCOPED_VIEWER]) {
      const loaded = attackBook(user);
      let text = "";
      try {
        text = textOf(loaded.run("getNotifySettings"));
      } catch (e) {
        expect((e as Error).message).toMatch(REFUSAL);
      }
      expect(text).not.toContain(MANAGER_SECRET);
    }
    expect(textOf(attackBook(MANAGER).run("getNotifySettings"))).toContain(MANAGER_SECRET);
  });
});
