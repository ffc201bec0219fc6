import type {
  DedupeMode,
  ImportPreviewDto,
  ImportReport,
  ImportRequest,
  ParsedImportFile,
} from "../../shared/table";
import { act, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { t, type MessageKey } from "../i18n";
import { call } from "../rpc";
import { ACCEPT, CHUNK_BYTES, MAX_UPLOAD_BYTES, bytesToBase64, chunkRows, isAcceptedName } from "../upload";

/** Kept here too for callers that find the chunking with the wizard. */
export { chunkRows };

const SHEETS: readonly ImportRequest["sheet"][] = ["Customers", "Orders", "Interactions", "Feedback"];
const DEDUPE: readonly DedupeMode[] = ["skip", "update", "add"];
/**
 * What an import did or would do: the three counts of a sync first (new, already present, changed), then
 * what was written over and what was refused, with the first reasons (in the book's language, from the
 * server). Reports from an older server lack the sync counts; they read as 0.
 */
function reportView(report: ImportReport): HTMLElement {
  const present = report.present ?? 0;
  const changed = report.changed ?? 0;
  // Changed rows not written: "skip" keeps them (update writes each changed row, at most once).
  const kept = Math.max(0, changed - report.updated);
  return h("div", { class: "report" }, [
    h("p", { id: "import-report" }, [t("import.sync", { added: report.added, present, changed })]),
    h("p", { class: "muted", id: "import-detail" }, [
      t("import.detail", { updated: report.updated, rejected: report.rejected.length }),
    ]),
    kept ? h("p", { class: "muted", id: "import-kept" }, [t("import.changedKept", { count: kept })]) : null,
    report.rejected.length
      ? h(
          "ul",
          { class: "problems" },
          report.rejected.slice(0, 50).map((r) => h("li", {}, [`#${r.line}: ${r.reason}`])),
        )
      : null,
  ]);
}

/** The first rows as they would be added, in the columns they fill (a 40-column sheet does not fit 300 px). */
function sampleTable(preview: ImportPreviewDto): HTMLElement {
  const rows = preview.sample.slice(0, 5);
  const text = (c: unknown) => (c === null || c === undefined ? "" : String(c));
  const shown = preview.sampleHeaders.map((_, i) => i).filter((i) => rows.some((row) => text(row[i]) !== ""));
  return h("div", { class: "sample" }, [
    h("table", {}, [
      h("thead", {}, [
        h(
          "tr",
          {},
          shown.map((i) => h("th", { scope: "col" }, [preview.sampleHeaders[i]])),
        ),
      ]),
      h(
        "tbody",
        {},
        rows.map((row) =>
          h(
            "tr",
            {},
            shown.map((i) => h("td", {}, [text(row[i])])),
          ),
        ),
      ),
    ]),
  ]);
}

/**
 * Reads the chosen file on the server (CSV in any encoding, or XLSX). Size and name are checked here
 * first so a wrong file costs no upload.
 */
async function readFile(chosen: File): Promise<ParsedImportFile> {
  if (!isAcceptedName(chosen.name)) throw new Error(t("import.unsupported", { name: chosen.name }));
  if (chosen.size > MAX_UPLOAD_BYTES)
    throw new Error(t("import.tooBig", { name: chosen.name, mb: MAX_UPLOAD_BYTES / 1024 / 1024 }));
  const bytes = new Uint8Array(await chosen.arrayBuffer());
  const parsed = await call("parseImportFile", bytesToBase64(bytes), chosen.name);
  if (!parsed.headers.length) throw new Error(t("import.empty"));
  return parsed;
}

/** The import wizard: file → mapping → preview → result. Files are read and checked on the server. */
export function importView(root: HTMLElement, ctx: AppContext): void {
  const body = h("div", { class: "wizard" });
  mount(
    root,
    h("section", { class: "view", "aria-label": t("import.title") }, [
      h("h2", {}, [t("import.title")]),
      body,
    ]),
  );
  const file = h("input", {
    type: "file",
    id: "import-file",
    accept: ACCEPT,
    "aria-label": t("import.file"),
  });
  const sheet = h(
    "select",
    { id: "import-sheet", "aria-label": t("import.target") },
    SHEETS.map((s) => h("option", { value: s }, [t(`sheet.${s}`)])),
  );
  const dedupe = h(
    "select",
    { id: "import-dedupe", "aria-label": t("import.dedupe") },
    DEDUPE.map((d) => h("option", { value: d }, [t(`import.dedupe.${d}` as MessageKey)])),
  );
  // Until the user picks a sheet, the one the file's headers belong to is used.
  let sheetChosen = false;
  sheet.addEventListener("change", () => (sheetChosen = true));
  const info = h("p", { class: "muted", id: "import-info", "aria-live": "polite" });
  const step = h("div", { class: "step", "aria-live": "polite" });
  const next: HTMLButtonElement = button(
    t("import.next"),
    () => {
      const chosen = file.files?.[0];
      if (!chosen) return void ctx.toast(t("import.file"));
      void act(ctx, next, async () => {
        const parsed = await readFile(chosen);
        const { headers, rows } = parsed;
        if (parsed.sheet && !sheetChosen) sheet.value = parsed.sheet;
        const format = parsed.format === "xlsx" ? "XLSX" : "CSV";
        info.textContent = parsed.sheet
          ? t("import.detected", { rows: rows.length, format, sheet: t(`sheet.${parsed.sheet}`) })
          : t("import.read", { rows: rows.length, format });
        let request: ImportRequest = {
          sheet: sheet.value as ImportRequest["sheet"],
          headers,
          dedupe: dedupe.value as DedupeMode,
        };
        let jobId: string | null = null;
        for (const chunk of chunkRows(rows, CHUNK_BYTES, parsed.lines))
          jobId = await call("importStage", jobId, request, chunk.rows, chunk.lines);
        if (jobId === null) jobId = await call("importStage", null, request, [], []);
        const job = jobId;
        const showPreview = (preview: ImportPreviewDto) => {
          const selects = headers.map((header, i) =>
            h("select", { "aria-label": header, "data-column": i }, [
              h("option", { value: "" }, [t("import.ignore")]),
              ...preview.targets.map((tg) =>
                h("option", { value: tg.value, selected: preview.mapping[i] === tg.value }, [tg.label]),
              ),
            ]),
          );
          const remap: HTMLButtonElement = button(t("import.preview"), () => {
            request = { ...request, mapping: selects.map((s) => s.value || null) };
            void act(ctx, remap, () => call("importPreview", job, request)).then((p) => p && showPreview(p));
          });
          const commit: HTMLButtonElement = button(
            t("import.run"),
            () =>
              void act(ctx, commit, () => call("importCommit", job, request)).then((report) => {
                if (!report) return;
                ctx.toast(t("import.done", { count: report.added + report.updated }));
                mount(step, h("h3", {}, [t("import.result")]), reportView(report));
              }),
            { class: "primary", id: "import-commit" },
          );
          mount(
            step,
            h("h3", {}, [t("import.mapping")]),
            h(
              "div",
              { class: "mapping" },
              headers.map((header, i) =>
                h("label", { class: "field" }, [h("span", {}, [header]), selects[i]]),
              ),
            ),
            remap,
            h("h3", {}, [t("import.preview")]),
            reportView(preview.report),
            sampleTable(preview),
            commit,
          );
        };
        showPreview(await call("importPreview", job, request));
      });
    },
    { class: "primary", id: "import-next" },
  );
  mount(
    body,
    h("label", { class: "field" }, [h("span", {}, [t("import.file")]), file]),
    h("label", { class: "field" }, [h("span", {}, [t("import.target")]), sheet]),
    h("label", { class: "field" }, [h("span", {}, [t("import.dedupe")]), dedupe]),
    next,
    info,
    step,
  );
}
