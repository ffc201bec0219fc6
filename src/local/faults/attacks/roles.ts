/**
 * Items 2, 3 and 8: roles that fail open on a new install, an export of the whole book, and answers that
 * carry other reps' customers (problem lists, analysis, book-wide revenue, the managers' addresses).
 * Judged by the answers: a customer the caller may not see, or the sealed number, found in any of them.
 */
import { SERVER_FUNCTIONS, SERVER_FUNCTION_NAMES } from "../../../shared/server-functions";
import type { LoadedBundle } from "../../load-bundle";
import { MANAGER, OWNER, SALES_A, SALES_B, VIEWER } from "../fixture";
import { control, firstFound, type Attack, type AttackEnv } from "./attack";
import {
  CUSTOMERS,
  QUERY,
  SCOPED_VIEWER,
  STRANGER,
  attempt,
  auditRows,
  begin,
  columnOf,
  customerCell,
  idOf,
  outcomeText,
  ownerOf,
  trustBook,
} from "./book";

export const ID_NUMBER = "310101199001011234";
const MANAGER_SECRET = "boss.secret@example.net";
const PERIOD = { from: "2026-01-01", to: "2026-06-30" };
const LATER = { from: "2026-07-01", to: "2026-11-20" };

/** Arguments a sidebar would send to the read functions; those not listed take none. */
export const READ_ARGS: Readonly<Record<string, readonly unknown[]>> = {
  parseImportFile: [Buffer.from("CustomerID,Name\nC0099,New Ltd\n").toString("base64"), "new.csv"],
  importPreview: ["no-such-job", { sheet: "Customers", headers: ["CustomerID", "Name"], dedupe: "skip" }],
  getCustomColumnTypes: ["Customers"],
  previewDigest: [SALES_B],
  getAuditLog: [0],
  comparePeriods: [{ a: PERIOD, b: LATER }],
  compareSegments: [{ by: "owner", a: SALES_A, b: SALES_B, current: LATER, previous: PERIOD }],
  getDashboard: ["en"],
  listCustomers: [QUERY, "en"],
  getCustomerPortrait: ["C0002", "en"],
  goToRow: ["C0002"],
  selectCell: ["Customers", "A3"],
  exportCustomers: [QUERY, "csv", "en"],
};

/** A bad cell's value per Owner: it lands in problem lists, so it must not reach other reps. */
const badValue = (owner: string, what: string) =>
  `LEAK${owner === SALES_A ? "A" : owner === SALES_B ? "B" : "U"}-${what}`;

/** What of customer i a leak would show: ID, names, contact details, notes, its rows' bad cells. */
function markersOf(i: number): RegExp[] {
  const words = [
    idOf(i),
    `Customer ${i}`,
    `Contact ${i}`,
    `c${i}@example\\.com`,
    `note ${i}`,
    `private ${i}`,
  ];
  const bad = [1, 2, CUSTOMERS].includes(i)
    ? [badValue(ownerOf(i), "age"), badValue(ownerOf(i), "amount")]
    : [];
  return [...words, ...bad].map((w) => new RegExp(`${w}(?![0-9])`));
}

/** Markers of every customer whose Owner is not `owner` (sales A's view of the book). */
function othersMarkers(owner: string): RegExp[] {
  const out: RegExp[] = [];
  for (let i = 1; i <= CUSTOMERS; i++) if (ownerOf(i) !== owner) out.push(...markersOf(i));
  return out;
}

/**
 * The trust book with bad cells in A's, B's and nobody's rows, a sealed ID number in C0003 (sales A's) and
 * a manager's address only the notify settings hold.
 */
function leakBook(env: AttackEnv, user: string): LoadedBundle {
  const loaded = trustBook(env);
  const { emulator } = loaded;
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
  const runs = emulator.edit(customerCell(loaded, "IDNumber", 4), ID_NUMBER, { user: OWNER });
  control(
    runs.every((r) => !r.error),
    "the owner's ID number was sealed",
  );
  control(
    attempt(loaded, "saveNotifySettings", { managers: [MANAGER, MANAGER_SECRET] }).ok,
    "settings saved",
  );
  return begin(env, loaded, user);
}

/** Which of `markers` (not in what was sent) an answer holds. */
function leaked(text: string, markers: readonly RegExp[], sent: readonly unknown[] = []): string[] {
  const asked = JSON.stringify(sent);
  return markers.filter((m) => m.test(text) && !m.test(asked)).map((m) => m.source.replace(/\(\?!.*\)$/, ""));
}

/** A book as a new install finds it: no role table; the owner sealed an ID number into C0003. */
function newInstall(env: AttackEnv, user: string): LoadedBundle {
  const loaded = trustBook(env, { roles: false });
  loaded.emulator.edit(customerCell(loaded, "IDNumber", 4), ID_NUMBER, { user: OWNER });
  control(loaded.run("revealSensitive", "C0003", "IDNumber") === ID_NUMBER, "the owner reveals the number");
  control(
    JSON.stringify(loaded.run("listCustomers", QUERY, "en")).includes("C0001"),
    "the owner lists customers",
  );
  return begin(env, loaded, user);
}

/** Callers no role table names: an editor it does not list, and one whose e-mail Google hides (""). */
const UNLISTED = [STRANGER, ""];
/** A caller as a report names it. */
const who = (user: string) => user || '""';

/** A run trying each unlisted caller on a fresh `book` of its own; the first success is the verdict. */
function asEachUnlisted(
  book: (env: AttackEnv, user: string) => LoadedBundle,
  judge: (loaded: LoadedBundle, user: string) => string | null,
): Attack["run"] {
  return (env) => firstFound(UNLISTED, (user) => judge(book(env, user), user));
}

const ALL_MARKERS = Array.from({ length: CUSTOMERS }, (_, i) => markersOf(i + 1)).flat();

export const ROLE_ATTACKS: readonly Attack[] = [
  {
    name: "new-install-stranger-reads",
    item: 2,
    tries: "before any role table, an editor not listed and a hidden caller read customers every way",
    run(env) {
      const found: string[] = [];
      for (const user of UNLISTED) {
        const loaded = newInstall(env, user);
        for (const name of [
          "listCustomers",
          "getCustomerPortrait",
          "exportCustomers",
          "getDashboard",
          "goToRow",
        ]) {
          const args = READ_ARGS[name] ?? [];
          const got = leaked(outcomeText(attempt(loaded, name, ...args)), ALL_MARKERS, args);
          if (got.length) found.push(`${who(user)} ${name}: ${got[0]}`);
        }
      }
      return found.length ? found.join("; ") : null;
    },
  },
  {
    name: "new-install-reveal-sensitive",
    item: 2,
    tries: "before any role table, a stranger and a hidden caller reveal a sealed ID number",
    run: asEachUnlisted(newInstall, (loaded, user) => {
      const got = attempt(loaded, "revealSensitive", "C0003", "IDNumber");
      return outcomeText(got).includes(ID_NUMBER) ? `${who(user)} revealed the ID number` : null;
    }),
  },
  {
    name: "new-install-save-roles",
    item: 2,
    tries: "before any role table, a stranger saves one making itself manager and a colleague a viewer",
    run: asEachUnlisted(newInstall, (loaded, user) => {
      const before = loaded.emulator.properties.document.get("roles");
      attempt(loaded, "saveRoles", { [user || "me@example.org"]: "manager", [MANAGER]: "viewer" });
      const saved = loaded.emulator.properties.document.get("roles");
      return saved !== before ? `${who(user)} saved the role table ${saved}` : null;
    }),
  },
  {
    name: "export-others-customers",
    item: 3,
    tries: "sales rep A and a viewer scoped to rep B export the customer list",
    run(env) {
      const a = leakBook(env, SALES_A);
      const own = attempt(a, "exportCustomers", QUERY, "csv", "en");
      control(outcomeText(own).includes(idOf(1)), "rep A's export holds rep A's customer");
      const found = leaked(outcomeText(own), othersMarkers(SALES_A));
      const scoped = leakBook(env, SCOPED_VIEWER);
      const text = outcomeText(attempt(scoped, "exportCustomers", QUERY, "csv", "en"));
      found.push(...leaked(text, othersMarkers(SALES_B)));
      return found.length ? `export held ${found.slice(0, 3).join(", ")}` : null;
    },
  },
  {
    name: "export-unaudited",
    item: 3,
    tries: "a viewer exports the list, hoping no audit entry names it",
    run(env) {
      const loaded = leakBook(env, VIEWER);
      const before = auditRows(loaded).length;
      const got = attempt(loaded, "exportCustomers", QUERY, "csv", "en");
      control(got.ok, "the viewer may export");
      const entries = auditRows(loaded).slice(before);
      return entries.some((r) => r[1] === VIEWER && /export/i.test(String(r[6])))
        ? null
        : "the viewer's export left no audit entry naming it";
    },
  },
  {
    name: "sales-reads-others-anywhere",
    item: 8,
    tries: "sales rep A calls every read function the role allows, looking for rep B's customers",
    run(env) {
      const loaded = leakBook(env, SALES_A);
      const markers = [...othersMarkers(SALES_A), new RegExp(ID_NUMBER), new RegExp(MANAGER_SECRET)];
      const found: string[] = [];
      let answered = 0;
      for (const name of SERVER_FUNCTION_NAMES) {
        if (SERVER_FUNCTIONS[name].kind === "write") continue;
        const args = READ_ARGS[name] ?? [];
        const got = attempt(loaded, name, ...args);
        if (got.ok) answered++;
        const hits = leaked(outcomeText(got), markers, args);
        if (hits.length) found.push(`${name}: ${hits[0]}`);
      }
      control(answered >= 5, "rep A's reads answered");
      return found.length ? found.join("; ") : null;
    },
  },
  {
    name: "sales-problem-lists",
    item: 8,
    tries: "sales rep A runs Validate all and Analysis to read others' bad cells in the problem lists",
    run(env) {
      const loaded = leakBook(env, SALES_A);
      const validate = outcomeText(attempt(loaded, "validateAll"));
      const analysis = outcomeText(attempt(loaded, "getAnalysis"));
      control(validate.includes("LEAKA-age"), "rep A's own bad cell is listed");
      const hits = `${validate}\n${analysis}`.match(/LEAK[BU]-\w+/g);
      return hits ? `problem lists held ${[...new Set(hits)].join(", ")}` : null;
    },
  },
  {
    name: "sales-book-wide-revenue",
    item: 8,
    tries:
      "after a classification, sales rep A and a scoped viewer read the segment summary (book-wide revenue)",
    run(env) {
      const loaded = leakBook(env, MANAGER);
      loaded.run("classifyNow");
      control(attempt(loaded, "getSegmentSummary").ok, "a manager reads the summary");
      return firstFound([SALES_A, SCOPED_VIEWER], (user) => {
        loaded.emulator.setUser(user);
        return attempt(loaded, "getSegmentSummary").ok ? `${user} read the segment summary` : null;
      });
    },
  },
  {
    name: "read-managers-addresses",
    item: 8,
    tries: "a viewer, a rep and a scoped viewer read the notify settings (the managers' addresses)",
    run(env) {
      control(
        outcomeText(attempt(leakBook(env, MANAGER), "getNotifySettings")).includes(MANAGER_SECRET),
        "a manager reads the settings",
      );
      return firstFound([VIEWER, SALES_A, SCOPED_VIEWER], (user) => {
        const text = outcomeText(attempt(leakBook(env, user), "getNotifySettings"));
        return text.includes(MANAGER_SECRET) ? `${user} read ${MANAGER_SECRET}` : null;
      });
    },
  },
  {
    name: "unlisted-user-reads",
    item: 8,
    tries: "with a role table, an editor it does not list and a hidden caller list customers",
    run: asEachUnlisted(leakBook, (loaded, user) =>
      firstFound(["listCustomers", "exportCustomers", "getCustomerPortrait"], (name) => {
        const args = READ_ARGS[name] ?? [];
        const hits = leaked(outcomeText(attempt(loaded, name, ...args)), ALL_MARKERS, args);
        return hits.length ? `${who(user)} ${name}: ${hits[0]}` : null;
      }),
    ),
  },
];
