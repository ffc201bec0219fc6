import type { Lang } from "../../core/schema/types";
import { FileCapError, MAX_TABLE_FILE_BYTES } from "../../core/table/import/caps";
import type { Decoder } from "../../core/table/import/decode-text";
import { loadTableFile } from "../../core/table/import/load-table-file";
import type { ParsedImportFile } from "../../shared/table";
import { bookLang } from "../notify/mail-lang";

/** Largest upload read (decoded bytes); the sidebar refuses bigger files before sending them. */
export const MAX_IMPORT_FILE_BYTES = MAX_TABLE_FILE_BYTES;

/** Apps Script's charset names for the encodings core's decoder asks for. */
const CHARSETS: Readonly<Record<Parameters<Decoder>[1], string>> = {
  "utf-8": "UTF-8",
  "utf-16le": "UTF-16LE",
  "utf-16be": "UTF-16BE",
  gb18030: "GB18030",
};

/**
 * Decodes with a Blob: Apps Script has no TextDecoder, but Blob.getDataAsString knows GB18030, so a CSV
 * saved by Chinese Excel (GBK) reads correctly. Blobs take Java's signed bytes.
 */
const blobDecoder: Decoder = (bytes, encoding) =>
  Utilities.newBlob(Array.from(bytes, (b) => (b > 127 ? b - 256 : b))).getDataAsString(CHARSETS[encoding]);

function message(lang: Lang, en: string, zh: string): string {
  return lang === "zh-CN" ? zh : en;
}

/** A cell as google.script.run can carry it (Apps Script drops undefined and cannot send dates). */
function wireCell(v: unknown): string | number | boolean | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "string") return v;
  return String(v);
}

/**
 * Reads an uploaded CSV or XLSX (told apart by content, as loadTableFile does; the name only words the
 * errors) into headers, rows, file line numbers and the sheet the headers suggest. Nothing is written:
 * the wizard stages the rows with importStage afterwards, as before.
 */
export function parseImportFile(base64: string, fileName: string): ParsedImportFile {
  // The book's language, as the import's report (see import.ts).
  const lang = bookLang();
  const name = String(fileName ?? "");
  if (typeof base64 !== "string" || base64 === "")
    throw new Error(message(lang, `The file ${name} is empty.`, `文件 ${name} 是空的。`));
  if (/\.xls$/i.test(name))
    throw new Error(
      message(
        lang,
        `${name} is an old Excel (.xls) file: save it as .xlsx or CSV first.`,
        `${name} 是旧版 Excel（.xls）文件：请先另存为 .xlsx 或 CSV。`,
      ),
    );
  // Four base64 characters per three bytes: a text longer than the cap's is refused before it is decoded.
  const size = Math.floor((base64.length * 3) / 4);
  const bytes =
    size > MAX_IMPORT_FILE_BYTES + 2
      ? null
      : Uint8Array.from(Utilities.base64Decode(base64), (b) => b & 0xff);
  if (bytes === null || bytes.length > MAX_IMPORT_FILE_BYTES)
    throw new Error(
      message(
        lang,
        `${name} is larger than ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB; split it first.`,
        `${name} 超过 ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB，请先拆分。`,
      ),
    );
  let loaded: ReturnType<typeof loadTableFile>;
  try {
    loaded = loadTableFile(bytes, blobDecoder);
  } catch (e) {
    // A cap: the file's name, the cap and where it broke, in the user's language.
    if (e instanceof FileCapError)
      throw new Error(
        message(
          lang,
          `${name} was not imported: ${e.describe("en")}.`,
          `未导入 ${name}：${e.describe("zh-CN")}。`,
        ),
      );
    const why = e instanceof Error ? e.message : String(e);
    throw new Error(message(lang, `${name} could not be read: ${why}`, `无法读取 ${name}：${why}`));
  }
  if (!loaded.headers.some((h) => String(h).trim() !== ""))
    throw new Error(message(lang, `The file ${name} is empty.`, `文件 ${name} 是空的。`));
  return {
    format: loaded.format,
    encoding: loaded.encoding,
    headers: loaded.headers.map(String),
    rows: loaded.rows.map((row) => row.map(wireCell)),
    lines: [...loaded.lines],
    sheet: loaded.sheet?.key ?? null,
  };
}
