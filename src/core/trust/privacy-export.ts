import type { ExportCell } from "../browse/export-file";

/**
 * The document a privacy export (a GDPR / PIPL access request) hands over: everything the book holds
 * about one customer, section by section (their Customers row, orders, interactions, feedback, the
 * vault's values, mails sent, audit entries, other cells naming them), as JSON and as one worksheet.
 */
export const PRIVACY_EXPORT_FORMAT = "sheet-crm/privacy-export@1";

/** One section: a title and a table. */
export interface PrivacySection {
  /** Stable key ("customer", "orders", …). */
  readonly key: string;
  readonly title: string;
  readonly header: readonly string[];
  readonly rows: readonly (readonly ExportCell[])[];
}

export interface PrivacyExportDocument {
  readonly format: typeof PRIVACY_EXPORT_FORMAT;
  readonly customerId: string;
  /** ISO instant. */
  readonly exportedAt: string;
  readonly exportedBy: string;
  readonly sections: readonly PrivacySection[];
  /** What the reader should know (what was left out and why). */
  readonly notes: readonly string[];
}

/** A section's rows as objects keyed by its header (a repeated or blank header gets its column number). */
function records(section: PrivacySection): Record<string, ExportCell>[] {
  const names: string[] = [];
  section.header.forEach((h, i) => {
    const base = String(h).trim() || `Column ${i + 1}`;
    names.push(names.includes(base) ? `${base} (${i + 1})` : base);
  });
  return section.rows.map((row) => {
    const out: Record<string, ExportCell> = {};
    names.forEach((name, i) => (out[name] = row[i] ?? null));
    return out;
  });
}

/** The export as JSON text (UTF-8 when written out); sections keyed by their key, rows as objects. */
export function privacyJson(doc: PrivacyExportDocument): string {
  const sections: Record<string, { title: string; rows: Record<string, ExportCell>[] }> = {};
  for (const s of doc.sections) sections[s.key] = { title: s.title, rows: records(s) };
  return (
    JSON.stringify(
      {
        format: doc.format,
        customerId: doc.customerId,
        exportedAt: doc.exportedAt,
        exportedBy: doc.exportedBy,
        notes: doc.notes,
        sections,
      },
      null,
      2,
    ) + "\n"
  );
}

/**
 * The export as one worksheet, for the project's one-sheet XLSX writer: a title row, the notes, then each
 * section as its title, its header and its rows, a blank row between sections.
 */
export function privacySheet(doc: PrivacyExportDocument): {
  readonly header: string[];
  readonly rows: ExportCell[][];
} {
  const rows: ExportCell[][] = [
    ["Exported at", doc.exportedAt],
    ["Exported by", doc.exportedBy],
    ...doc.notes.map((n): ExportCell[] => ["Note", n]),
  ];
  for (const s of doc.sections) {
    rows.push([], [`${s.title} (${s.rows.length})`], [...s.header]);
    for (const r of s.rows) rows.push([...r]);
  }
  return { header: ["Privacy export", doc.customerId], rows };
}
