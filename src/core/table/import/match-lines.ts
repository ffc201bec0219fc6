import type { ColumnSpec, SheetKey } from "../../schema/types";
import { isEmptyRow } from "../validate/validate-table";

/**
 * How the lines of a sheet without a row ID are recognised when a file is imported again. An order ID
 * repeats across the lines of one order, so it names a group of lines, not a line; lines without one are
 * known by a fingerprint of what they record.
 */
export interface LineIdentity {
  /** The column naming the record a line belongs to (Orders: OrderID), when the file has it. */
  readonly group?: string;
  /** Within one group, the column lines are told apart by before their order is used (Orders: Product). */
  readonly within?: string;
  /** The columns that identify a line without a group value: what happened, to whom, when. */
  readonly fingerprint: readonly string[];
}

/**
 * The identity of each line sheet. Orders: by OrderID (then Product, then position within the order),
 * else by customer, date, product and amount. Interactions: customer, date, channel, type and summary.
 * Feedback: customer, date, category and comment. The other columns (payment status, quantity, next
 * follow-up, rating, resolved…) are the line's state: a difference there makes the line "changed".
 */
export const LINE_IDENTITY: Readonly<Partial<Record<SheetKey, LineIdentity>>> = {
  Orders: {
    group: "OrderID",
    within: "Product",
    fingerprint: ["CustomerID", "OrderDate", "Product", "Amount"],
  },
  Interactions: { fingerprint: ["CustomerID", "Date", "Channel", "Type", "Summary"] },
  Feedback: { fingerprint: ["CustomerID", "Date", "Category", "Comment"] },
};

/** What a file line is to the sheet: not there, there with the same values, or there with others. */
export type LineMatch =
  | { readonly kind: "new" }
  | {
      readonly kind: "present" | "changed";
      /** 0-based data-row index of the sheet row. */ readonly row: number;
    };

export interface LineMatchInput {
  readonly identity: LineIdentity;
  /** Schema column key → sheet column index. */
  readonly index: ReadonlyMap<string, number>;
  /** Sheet column index → its schema column (owned columns left out: they are not compared). */
  readonly columns: ReadonlyMap<number, ColumnSpec>;
  /** Sheet column indexes the file's mapping fills. */
  readonly mapped: ReadonlySet<number>;
  readonly sheetRows: readonly (readonly unknown[])[];
  /** Each incoming line's non-blank values by sheet column index (custom columns are ignored here). */
  readonly lines: readonly ReadonlyMap<number, unknown>[];
  /** Canonical text of a cell for comparison (see cellIdentity). */
  readonly identityOf: (column: ColumnSpec, value: unknown) => string;
}

/**
 * Pairs each incoming line with at most one sheet row, and each sheet row with at most one line, so that
 * counts hold: a file with two identical lines matches two identical rows, never one twice.
 *
 * Lines and rows fall in groups: by the group column's value when the file has that column and the cell is
 * filled (Orders: the OrderID), else by the fingerprint columns the file has. Within a group, lines pair
 * with rows in three passes: first with a row holding the same values in every column the file maps
 * (blanks included), then in every column the line fills ("present"; lines that fill more columns pair
 * first), then with a row of the same `within` value, then
 * with the remaining rows in sheet order; the last two are "changed" (same key, other values). A line left
 * without a row is "new". A line's blank cells say nothing: a row is not changed by a column the file
 * leaves empty. Rows no line pairs with are left alone (an import never deletes).
 *
 * Only the file's columns are compared, so importing the same file twice finds every line present, and
 * importing F, then F plus G, leaves what importing F plus G leaves (test/core/table/import/sync.test.ts).
 * Over rows that came from elsewhere, which of them a changed line lands on may depend on what was
 * imported before; how many rows there are does not.
 */
export function matchLines(input: LineMatchInput): LineMatch[] {
  const { identity, index, columns, mapped, sheetRows, lines, identityOf } = input;
  const at = (key: string | undefined) => {
    const i = key === undefined ? undefined : index.get(key);
    return i !== undefined && mapped.has(i) && columns.has(i) ? i : undefined;
  };
  const groupAt = at(identity.group);
  const withinAt = at(identity.within);
  const fingerprintAt = identity.fingerprint.map(at).filter((i): i is number => i !== undefined);
  const ident = (i: number, value: unknown) => identityOf(columns.get(i)!, value);
  const groupOf = (get: (i: number) => unknown): string => {
    const group = groupAt === undefined ? "" : ident(groupAt, get(groupAt));
    if (group !== "") return `g\u0000${group}`;
    return `f\u0000${fingerprintAt.map((i) => ident(i, get(i))).join("\u0001")}`;
  };

  // The groups the file touches, with their lines (file order); then the sheet rows of those groups only.
  const groups = new Map<string, { lines: number[]; rows: number[] }>();
  lines.forEach((values, n) => {
    const key = groupOf((i) => values.get(i));
    const group = groups.get(key) ?? { lines: [], rows: [] };
    group.lines.push(n);
    groups.set(key, group);
  });
  sheetRows.forEach((row, r) => {
    if (isEmptyRow(row)) return;
    groups.get(groupOf((i) => row[i]))?.rows.push(r);
  });

  const result: LineMatch[] = lines.map(() => ({ kind: "new" }));
  const mappedColumns = [...mapped].filter((i) => columns.has(i)).sort((a, b) => a - b);
  const filled = lines.map((values) =>
    [...values.keys()].filter((i) => columns.has(i)).sort((a, b) => a - b),
  );
  const lineKeys = new Map<number, string>();
  const fits = (n: number, r: number): boolean => {
    let key = lineKeys.get(n);
    if (key === undefined)
      lineKeys.set(n, (key = filled[n].map((i) => ident(i, lines[n].get(i))).join("\u0001")));
    return filled[n].map((i) => ident(i, sheetRows[r][i])).join("\u0001") === key;
  };
  /**
   * 1c. A line still open takes a row another line holds as present when that line can move to another row
   * that fits it (an augmenting path, Kuhn's algorithm), so a greedy choice never leaves a line without the
   * row it wrote while some other row would serve its neighbour. Only in groups of modest size (the lines of
   * one order), so the match stays linear in the file.
   */
  const augment = (
    members: readonly number[],
    rows: readonly number[],
    open: Set<number>,
    pair: (n: number, r: number, kind: "present") => void,
  ) => {
    const holder = new Map<number, number>();
    for (const n of members) {
      const m = result[n];
      if (m.kind === "present") holder.set(m.row, n);
    }
    const take = (n: number, seen: Set<number>): boolean => {
      for (const r of rows) {
        if (seen.has(r) || !fits(n, r)) continue;
        seen.add(r);
        const h = holder.get(r);
        if (h === undefined || take(h, seen)) {
          holder.set(r, n);
          pair(n, r, "present");
          return true;
        }
      }
      return false;
    };
    for (const n of [...open]) take(n, new Set());
  };
  for (const { lines: members, rows } of groups.values()) {
    if (!rows.length) continue;
    const taken = new Set<number>();
    const open = new Set(members);
    const pair = (n: number, r: number, kind: "present" | "changed") => {
      result[n] = { kind, row: r };
      taken.add(r);
      open.delete(n);
    };
    // 1. Same values, one lookup per distinct column set: first in every column the file maps, blanks
    //    included, so a line finds the row it wrote before rather than a fuller row that merely agrees
    //    where the line is filled (which would push the line's own row onto another line); then in the
    //    columns the line fills.
    const specific = [...members].sort((a, b) => filled[b].length - filled[a].length || a - b);
    const presentPass = (setOf: (n: number) => readonly number[]) => {
      const bySet = new Map<string, Map<string, Queue>>();
      for (const n of specific) {
        if (!open.has(n)) continue;
        const set = setOf(n);
        const setKey = set.join(",");
        let queues = bySet.get(setKey);
        if (!queues) {
          queues = new Map();
          for (const r of rows) enqueue(queues, set.map((i) => ident(i, sheetRows[r][i])).join("\u0001"), r);
          bySet.set(setKey, queues);
        }
        const r = takeFirst(queues.get(set.map((i) => ident(i, lines[n].get(i))).join("\u0001")), taken);
        if (r !== undefined) pair(n, r, "present");
      }
    };
    presentPass(() => mappedColumns);
    presentPass((n) => filled[n]);
    if (open.size && members.length * rows.length <= AUGMENT_LIMIT) augment(members, rows, open, pair);
    // 2. The same `within` value (the same product of the order), in sheet order.
    if (withinAt !== undefined) {
      const byWithin = new Map<string, Queue>();
      for (const r of rows) {
        const key = taken.has(r) ? "" : ident(withinAt, sheetRows[r][withinAt]);
        if (key !== "") enqueue(byWithin, key, r);
      }
      for (const n of [...open]) {
        const key = ident(withinAt, lines[n].get(withinAt));
        const r = key === "" ? undefined : takeFirst(byWithin.get(key), taken);
        if (r !== undefined) pair(n, r, "changed");
      }
    }
    // 3. The rest by position: the n-th open line of the group with the n-th open row.
    const rest = rows.filter((r) => !taken.has(r));
    [...open].forEach((n, k) => k < rest.length && pair(n, rest[k], "changed"));
  }
  return result;
}

/** Lines × rows of a group above which the augmenting pass is skipped (it is quadratic in the group). */
const AUGMENT_LIMIT = 4096;

/** Rows in sheet order and how many of them were handed out or found taken. */
interface Queue {
  readonly rows: number[];
  next: number;
}

function enqueue(queues: Map<string, Queue>, key: string, r: number): void {
  const queue = queues.get(key);
  if (queue) queue.rows.push(r);
  else queues.set(key, { rows: [r], next: 0 });
}

/** The first row of a queue not yet taken (each row is passed over once: linear in the group). */
function takeFirst(queue: Queue | undefined, taken: ReadonlySet<number>): number | undefined {
  if (!queue) return undefined;
  while (queue.next < queue.rows.length) {
    const r = queue.rows[queue.next++];
    if (!taken.has(r)) return r;
  }
  return undefined;
}
