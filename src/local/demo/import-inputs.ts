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
import { customersFromFiles } from "./customers-from-files";

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

const say = (lang: Lang, en: string, zh: string) => (lang === "zh-CN" ? zh : en);

/** The sync counts as the sidebar shows them: new, already present, changed; then updated and rejected. */
export function describeReport(r: ImportReport, lang: Lang): string {
  return say(
    lang,
    `${r.added} new, ${r.present} already present, ${r.changed} changed; updated ${r.updated}, rejected ${r.rejected.length}`,
    `新增 ${r.added} 条，已存在 ${r.present} 条，变更 ${r.changed} 条；更新 ${r.updated} 条，拒绝 ${r.rejected.length} 条`,
  );
}

/** Console lines for an imported file (in `lang`, as the book's own report), with the first rejections. */
function describe(
  done: ImportedFile,
  parsed: ParsedImportFile | null,
  lang: Lang,
  carried: ReadonlySet<string> = new Set(),
): string[] {
  const r = done.report;
  const name = path.basename(done.file);
  const sheet = sheetSpec(done.sheet).name[lang];
  const how = parsed ? `${parsed.format}${parsed.encoding ? ` (${parsed.encoding})` : ""}, ` : "";
  const lines = [
    say(
      lang,
      `${name}: ${how}${done.rows} rows → sheet "${sheet}" (${done.sheet}) in ${done.chunks} ` +
        `${done.chunks === 1 ? "chunk" : "chunks"}: ${describeReport(r, lang)}`,
      `${name}：${how}${done.rows} 行 → 工作表“${sheet}”（${done.sheet}），分 ${done.chunks} 批：${describeReport(r, lang)}`,
    ),
  ];
  const list = (headers: readonly string[]) => headers.join(say(lang, ", ", "、"));
  const toCustomers = done.ignored.filter((h) => carried.has(h));
  const ignored = done.ignored.filter((h) => !carried.has(h));
  if (toCustomers.length)
    lines.push(say(lang, "    carried to Customers: ", "    已带入客户表：") + list(toCustomers));
  if (ignored.length) lines.push(say(lang, "    columns not imported: ", "    未导入的列：") + list(ignored));
  for (const x of r.rejected.slice(0, 3))
    lines.push(say(lang, `    line ${x.line}: ${x.reason}`, `    第 ${x.line} 行：${x.reason}`));
  return lines;
}

/**
 * Imports the user's files through the sidebar's path: customers first (orders, interactions and feedback
 * may only name known customers), then the rest in the order given. Without a customers file, the
 * customers the other files name are imported first as a Customers file, carrying the names, e-mails
 * and phones those files hold (customersFromFiles; a customer without a name is named by their ID), as
 * someone starting a Customers tab would. The same file given twice is imported twice, as a user
 * re-importing it would: the second time finds its lines already present. Returns the lines to print
 * (in `lang`); throws on a file whose headers fit no sheet.
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
        say(
          lang,
          `${file}: its headers (${parsed.headers.slice(0, 6).join(", ")}…) match none of Customers, Orders, Interactions, Feedback`,
          `${file}：表头（${parsed.headers.slice(0, 6).join("、")}…）不属于客户、订单、互动记录、客户反馈中的任何一张表`,
        ),
      );
    return { file, parsed, sheet: parsed.sheet };
  });
  const out: string[] = [];
  const customers = parsedFiles.filter((f) => f.sheet === "Customers");
  let carried: ReadonlySet<string> = new Set();
  if (!customers.length) {
    const grid = customersFromFiles(
      parsedFiles.map((f) => ({ spec: sheetSpec(f.sheet), headers: f.parsed.headers, rows: f.parsed.rows })),
      lang,
    );
    carried = grid.carriedHeaders;
    if (grid.rows.length) {
      const done = importParsed(
        bundle,
        say(lang, "(customers named by the other files)", "（其他文件中出现的客户）"),
        { headers: grid.headers, rows: grid.rows, lines: grid.rows.map((_, i) => i + 2) },
        "Customers",
      );
      const n = grid.rows.length;
      out.push(
        say(
          lang,
          `(no customers file) ${n} ${n === 1 ? "customer" : "customers"} named by the other files → ` +
            `sheet "${CUSTOMERS.name.en}": ${describeReport(done.report, lang)}; ` +
            `names from the files ${grid.named}, e-mails ${grid.emails}`,
          `（没有客户文件）其他文件中出现 ${n} 位客户 → 工作表“${CUSTOMERS.name["zh-CN"]}”：` +
            `${describeReport(done.report, lang)}；取自文件的名称 ${grid.named} 个，电子邮件 ${grid.emails} 个`,
        ),
      );
      for (const x of done.report.rejected.slice(0, 3))
        out.push(say(lang, `    line ${x.line}: ${x.reason}`, `    第 ${x.line} 行：${x.reason}`));
    }
  }
  for (const f of [...customers, ...parsedFiles.filter((x) => x.sheet !== "Customers")])
    out.push(...describe(importParsed(bundle, f.file, f.parsed, f.sheet), f.parsed, lang, carried));
  return out;
}
