/**
 * The platform bench's "nothing lost" check: a compact snapshot of the cells users own (every column of
 * the canonical tabs but the add-on's result and stamp columns, custom columns included) and a count of
 * those cells a job lost or changed when it should not have. Customers rows are matched by CustomerID
 * (rows move when a job deletes, restores or appends), the other tabs by position; columns by header, so
 * a column the add-on appends moves nothing. Cells compare as src/local/faults/invariants.ts compares them.
 */
import { SHEETS } from "../../core/schema/sheets";
import type { SheetSpec } from "../../core/schema/types";
import type { Emulator } from "../emulator";

/** One tab's user cells: each data row's cells joined in `headers` order, by row key. */
export interface TabCells {
  /** The whole header row (to find a column of an A1 address). */
  readonly headerRow: readonly string[];
  /** Headers of the user columns, in sheet order. */
  readonly headers: readonly string[];
  /** Key of each data row, in sheet order (row 2 first). */
  readonly rowKeys: readonly string[];
  readonly rows: ReadonlyMap<string, string>;
}

export type UserCells = ReadonlyMap<string, TabCells>;

/** Says whether a difference is one the job was asked to make. */
export interface Allowed {
  /** A user cell of this row and column may change (to `now`: its comparable form, "" when blank). */
  cell?(tab: string, rowKey: string, header: string, now: string): boolean;
  /** This row may be gone. */
  removed?(tab: string, rowKey: string): boolean;
}

export interface LossReport {
  /** User cells lost (blank now) or changed that the job had no reason to touch. */
  readonly lost: number;
  /** The first few, as "Tab!row key/column: was → now". */
  readonly notes: readonly string[];
}

const SEP = "\u0001";
const MAX_NOTES = 5;

function isDateValue(v: unknown): v is Date {
  return Object.prototype.toString.call(v) === "[object Date]";
}

function cellKey(v: unknown): string {
  if (isDateValue(v)) return `d:${v.getTime()}`;
  if (v === null || v === undefined || v === "") return "";
  return `${typeof v}:${String(v)}`;
}

/** Headers (any language or alias) of the columns the add-on owns, per canonical tab name. */
function ownedHeaders(spec: SheetSpec): Set<string> {
  const out = new Set<string>();
  for (const c of spec.columns)
    if (c.owned)
      for (const h of [c.header.en, c.header["zh-CN"], ...c.aliases]) out.add(h.trim().toLowerCase());
  return out;
}

function specOf(tab: string): SheetSpec | undefined {
  const t = tab.trim().toLowerCase();
  return SHEETS.find(
    (s) => s.name.en.toLowerCase() === t || s.name["zh-CN"] === tab.trim() || s.aliases.includes(t),
  );
}

/** Reads the user cells of every canonical tab (through the uncounted inspector API). */
export function userCells(emulator: Emulator): UserCells {
  const out = new Map<string, TabCells>();
  for (const sheet of emulator.spreadsheet.getSheets()) {
    const name = sheet.getName();
    const spec = specOf(name);
    if (!spec) continue;
    const lastRow = sheet.getLastRow();
    const lastColumn = sheet.getLastColumn();
    if (lastRow < 1 || lastColumn < 1) continue;
    const values = sheet.getRange(1, 1, lastRow, lastColumn).getValues();
    const headerRow = values[0].map((h) => String(h ?? "").trim());
    const owned = ownedHeaders(spec);
    const columns = headerRow.flatMap((h, c) => (h && !owned.has(h.toLowerCase()) ? [c] : []));
    const idAt = spec.idColumn ? headerRow.findIndex((h) => h === spec.idColumn) : -1;
    const seen = new Map<string, number>();
    const rows = new Map<string, string>();
    const rowKeys: string[] = [];
    for (let r = 1; r < values.length; r++) {
      const line = values[r];
      let key: string;
      if (idAt >= 0) {
        const id = String(line[idAt] ?? "").trim();
        const n = (seen.get(id) ?? 0) + 1;
        seen.set(id, n);
        key = `${id}#${n}`;
      } else key = `row ${r + 1}`;
      rowKeys.push(key);
      rows.set(key, columns.map((c) => cellKey(line[c])).join(SEP));
    }
    out.set(name, { headerRow, headers: columns.map((c) => headerRow[c]), rowKeys, rows });
  }
  return out;
}

/** Row key and header of a cell given by 1-based row and column, or null outside the data. */
export function cellAt(
  tab: TabCells,
  row: number,
  column: number,
): { rowKey: string; header: string } | null {
  const rowKey = tab.rowKeys[row - 2];
  const header = tab.headerRow[column - 1];
  return rowKey && header ? { rowKey, header } : null;
}

/** Counts user cells of `before` that are gone or different in `after`, unless `allowed` says so. */
export function lostCells(before: UserCells, after: UserCells, allowed: Allowed = {}): LossReport {
  let lost = 0;
  const notes: string[] = [];
  const note = (text: string) => {
    if (notes.length < MAX_NOTES) notes.push(text);
  };
  for (const [tab, was] of before) {
    const now = after.get(tab);
    const nonBlank = (joined: string) => joined.split(SEP).filter((v) => v !== "").length;
    if (!now) {
      let n = 0;
      for (const joined of was.rows.values()) n += nonBlank(joined);
      if (n) note(`${tab}: the tab is gone (${n} cells)`);
      lost += n;
      continue;
    }
    const sameOrder = was.headers.join(SEP) === now.headers.join(SEP);
    const position = was.headers.map((h) => now.headers.indexOf(h));
    for (const [key, joined] of was.rows) {
      const current = now.rows.get(key);
      if (current === undefined) {
        if (allowed.removed?.(tab, key)) continue;
        const n = nonBlank(joined);
        if (n) note(`${tab}!${key}: row gone (${n} cells)`);
        lost += n;
        continue;
      }
      if (sameOrder && current === joined) continue;
      const a = joined.split(SEP);
      const b = current.split(SEP);
      a.forEach((v, i) => {
        const w = position[i] < 0 ? "" : (b[position[i]] ?? "");
        if (v === w || allowed.cell?.(tab, key, was.headers[i], w)) return;
        lost++;
        note(`${tab}!${key}/${was.headers[i]}: ${v || "blank"} → ${w || "blank"}`);
      });
    }
  }
  return { lost, notes };
}
