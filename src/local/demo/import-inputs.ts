/**
 * The demo's `--input` files go in as a user's do: through the sidebar's import wizard path, on the
 * bundle's own server functions — parseImportFile (bytes as base64; CSV in any encoding, XLSX), the rows
 * staged in chunks of UTF-8 bytes with importStage (the sidebar's own chunkRows), importPreview for the
 * header mapping the wizard offers, then importCommit. Nothing is written to the sheet directly.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { CUSTOMERS, sheetSpec } from "../../core/schema/sheets";
import type { Lang } from "../../core/schema/types";
import type { ImportReport } from "../../core/table/import/plan-import";
import type { ImportRequest, ParsedImportFile } from "../../shared/table";
import { CHUNK_BYTES, chunkRows } from "../../sidebar/upload";
import type { LoadedBundle } from "../load-bundle";
import { namedCustomerIds } from "../named-customers";

/** What importing one file did. */
export interface ImportedFile {
  readonly file: string;
  readonly sheet: ImportRequest["sheet"];
  readonly rows: number;
  /** importStage calls the rows took. */
  readonly chunks: number;
  /** File headers the default mapping leaves out. */
  readonly ignored: readonly string[];
  readonly report: ImportReport;
}

/** The wizard's default: a row matching an existing one (by ID, e-mail, phone) is skipped. */
const DEDUPE: ImportRequest["dedupe"] = "skip";

/**
 * Stages, previews and commits one parsed file as the sidebar's wizard does with its default choices
 * (the sheet the headers name, the default mapping, "skip" de-duplication).
 */
export function importParsed(
  bundle: LoadedBundle,
  file: string,
  parsed: Pick<ParsedImportFile, "headers" | "rows" | "lines">,
  sheet: ImportRequest["sheet"],
): ImportedFile {
  const { ctx } = bundle;
  const request: ImportRequest = { sheet, headers: [...parsed.headers], dedupe: DEDUPE };
  const chunks = chunkRows(parsed.rows, CHUNK_BYTES, parsed.lines);
  let jobId: string | null = null;
  for (const chunk of chunks) jobId = ctx.importStage(jobId, request, chunk.rows, chunk.lines);
  if (jobId === null) jobId = ctx.importStage(null, request, [], []);
  const preview = ctx.importPreview(jobId, request);
  const ignored = parsed.headers.filter((_, i) => !preview.mapping[i]);
  const report: ImportReport = ctx.importCommit(jobId, request);
  return { file, sheet, rows: parsed.rows.length, chunks: Math.max(1, chunks.length), ignored, report };
}

/** One console line for an imported file, with the first reasons rows were rejected. */
function describe(done: ImportedFile, parsed: ParsedImportFile | null, lang: Lang): string[] {
  const r = done.report;
  const how = parsed ? `${parsed.format}${parsed.encoding ? ` (${parsed.encoding})` : ""}, ` : "";
  const lines = [
    `${path.basename(done.file)}: ${how}${done.rows} rows → sheet "${sheetSpec(done.sheet).name[lang]}" ` +
      `(${done.sheet}) in ${done.chunks} chunks: added ${r.added}, updated ${r.updated}, skipped ${r.skipped}, ` +
      `rejected ${r.rejected.length}`,
  ];
  if (done.ignored.length) lines.push(`    columns not imported: ${done.ignored.join(", ")}`);
  for (const x of r.rejected.slice(0, 3)) lines.push(`    line ${x.line}: ${x.reason}`);
  return lines;
}

/**
 * Imports the user's files through the sidebar's path: customers first (orders, interactions and feedback
 * may only name known customers), then the rest in the order given. Without a customers file, the
 * customers the other files name are imported first as a Customers file of IDs (their ID as name), as
 * someone starting a Customers tab would. Returns the lines to print; throws on a file whose headers fit
 * no sheet.
 */
export function importInputs(bundle: LoadedBundle, inputs: readonly string[], lang: Lang): string[] {
  const parsedFiles = inputs.map((file) => {
    const bytes = readFileSync(file);
    const parsed: ParsedImportFile = bundle.ctx.parseImportFile(
      bytes.toString("base64"),
      path.basename(file),
    );
    if (!parsed.sheet)
      throw new Error(
        `${file}: its headers (${parsed.headers.slice(0, 6).join(", ")}…) match none of Customers, Orders, Interactions, Feedback`,
      );
    return { file, parsed, sheet: parsed.sheet };
  });
  const out: string[] = [];
  const customers = parsedFiles.filter((f) => f.sheet === "Customers");
  if (!customers.length) {
    const ids = new Set<string>();
    for (const f of parsedFiles)
      for (const id of namedCustomerIds(sheetSpec(f.sheet), f.parsed.headers, f.parsed.rows)) ids.add(id);
    if (ids.size) {
      const header = (key: string) => CUSTOMERS.columns.find((c) => c.key === key)!.header[lang];
      const done = importParsed(
        bundle,
        "(customers named by the other files)",
        {
          headers: [header("CustomerID"), header("Name")],
          rows: [...ids].map((id) => [id, id]),
          lines: [...ids].map((_, i) => i + 2),
        },
        "Customers",
      );
      out.push(
        `(no customers file) ${ids.size} customers named by the other files → sheet "${CUSTOMERS.name[lang]}": ` +
          `added ${done.report.added}`,
      );
    }
  }
  for (const f of [...customers, ...parsedFiles.filter((x) => x.sheet !== "Customers")])
    out.push(...describe(importParsed(bundle, f.file, f.parsed, f.sheet), f.parsed, lang));
  return out;
}
