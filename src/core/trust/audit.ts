/** An entry's fields, in column order. */
export const AUDIT_FIELDS = [
  "Time",
  "User",
  "Sheet",
  "Range",
  "OldValue",
  "NewValue",
  "Job",
  "Rows",
  "Detail",
] as const;

/** The audit log's columns: an entry's fields, then its link in the hash chain (see audit-chain.ts). */
export const AUDIT_HEADERS = [...AUDIT_FIELDS, "Digest"] as const;

/** One line of the audit trail. Values of sensitive columns must already be masked by the caller. */
export type AuditEntry =
  | {
      readonly kind: "edit";
      readonly at: Date;
      readonly user: string;
      readonly sheet: string;
      readonly range: string;
      readonly oldValue: unknown;
      readonly newValue: unknown;
    }
  | {
      readonly kind: "paste";
      readonly at: Date;
      readonly user: string;
      readonly sheet: string;
      readonly range: string;
      /** Old values from the add-on's last snapshot of the sheet, when it had one. */
      readonly oldValues: readonly (readonly unknown[])[] | null;
      readonly newValues: readonly (readonly unknown[])[];
      readonly snapshot?: string;
    }
  | {
      readonly kind: "job";
      readonly at: Date;
      readonly user: string;
      readonly job: string;
      readonly rows: number;
      readonly detail: string;
    }
  | {
      readonly kind: "reveal";
      readonly at: Date;
      readonly user: string;
      readonly sheet: string;
      readonly rowKey: string;
      readonly column: string;
    };

/** Google Sheets holds at most 50,000 characters in a cell; longer text is cut with a note of how much. */
export const MAX_CELL_CHARS = 50_000;

/** Cuts `text` to `max` characters, ending with "…(+N chars)" so a reader knows it was cut. */
export function clip(text: string, max = MAX_CELL_CHARS): string {
  if (text.length <= max) return text;
  const tail = `…(+${text.length - max} chars)`;
  return text.slice(0, Math.max(0, max - tail.length)) + tail;
}

/**
 * A value as the log stores it: clipped text (the gas writer stores text as text, so a pasted
 * "=IMPORTXML(…)" can never run inside the log, and an old value "007" stays "007").
 */
export function logCell(value: unknown): unknown {
  if (value === null || value === undefined) return "";
  if (value instanceof Date || typeof value === "number" || typeof value === "boolean") return value;
  const text = clip(String(value));
  return text;
}

function grid(values: readonly (readonly unknown[])[] | null): string {
  return values === null ? "" : JSON.stringify(values);
}

/**
 * A time cut to whole seconds: Sheets keeps a date-time as a serial number of days, which holds whole
 * seconds exactly, so the time the hash chain covers reads back as it was written.
 */
function wholeSeconds(at: Date): Date {
  return new Date(Math.floor(at.getTime() / 1000) * 1000);
}

/** The sheet row for one entry: its fields in {@link AUDIT_FIELDS} order (the Digest is added on writing). */
export function auditRow(entry: AuditEntry): unknown[] {
  return fieldsOf({ ...entry, at: wholeSeconds(entry.at) });
}

function fieldsOf(entry: AuditEntry): unknown[] {
  switch (entry.kind) {
    case "edit":
      return [entry.at, entry.user, entry.sheet, entry.range, entry.oldValue, entry.newValue, "", "", ""].map(
        logCell,
      );
    case "paste":
      return [
        entry.at,
        entry.user,
        entry.sheet,
        entry.range,
        grid(entry.oldValues),
        grid(entry.newValues),
        "",
        "",
        entry.oldValues === null
          ? "multi-cell edit; no snapshot of the old values"
          : `multi-cell edit; old values from ${entry.snapshot ?? "the last snapshot"}`,
      ].map(logCell);
    case "job":
      return [entry.at, entry.user, "", "", "", "", entry.job, entry.rows, entry.detail].map(logCell);
    case "reveal":
      return [
        entry.at,
        entry.user,
        entry.sheet,
        "",
        "",
        "",
        "reveal",
        1,
        `revealed ${entry.column} of ${entry.rowKey}`,
      ].map(logCell);
  }
}

/**
 * Whether appending `incoming` rows would take a log of `dataRows` entries past `maxRows`; then the log
 * rolls over first, so no sheet ever holds more than `maxRows` entries (a batch larger than `maxRows`
 * still goes into one fresh sheet rather than being split).
 */
export function needsRollover(dataRows: number, incoming: number, maxRows: number): boolean {
  return dataRows > 0 && dataRows + incoming > maxRows;
}

/** "AuditLog 1", "AuditLog 2", …: the next free archive name given the sheet names in the workbook. */
export function archiveName(base: string, existing: readonly string[]): string {
  const pattern = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} (\\d+)$`);
  const used = existing.map((n) => pattern.exec(n)).filter((m) => m !== null);
  const next = used.reduce((max, m) => Math.max(max, Number(m![1])), 0) + 1;
  return `${base} ${next}`;
}
