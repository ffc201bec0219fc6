import { act, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { t } from "../i18n";
import { callByName, isAvailable } from "../rpc";

/** The table feature's import wizard functions, by name. */
const PREVIEW = "previewImport";
const RUN = "runImport";

/** The import wizard: file → mapping → preview → result; the parsing and checks live on the server. */
export function importView(root: HTMLElement, ctx: AppContext): void {
  const body = h("div", { class: "wizard" });
  mount(root, h("section", { class: "view" }, [h("h2", {}, [t("import.title")]), body]));
  if (!isAvailable(PREVIEW) || !isAvailable(RUN)) {
    mount(body, h("p", { class: "muted disabled-note" }, [t("common.unavailable", { name: PREVIEW })]));
    return;
  }
  const file = h("input", {
    type: "file",
    id: "import-file",
    accept: ".csv,.xlsx,.txt",
    "aria-label": t("import.file"),
  });
  const result = h("div", { class: "result", "aria-live": "polite" });
  const next: HTMLButtonElement = button(t("import.next"), () => {
    const chosen = file.files?.[0];
    if (!chosen) return;
    void act(ctx, next, async () => {
      const bytes = new Uint8Array(await chosen.arrayBuffer());
      let binary = "";
      for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]);
      const preview = await callByName(PREVIEW, chosen.name, btoa(binary));
      const run: HTMLButtonElement = button(
        t("import.run"),
        () => {
          void act(ctx, run, () => callByName(RUN, chosen.name, btoa(binary))).then((r) => {
            if (r !== undefined)
              mount(result, h("h3", {}, [t("import.result")]), h("pre", {}, [JSON.stringify(r, null, 1)]));
          });
        },
        { class: "primary" },
      );
      mount(
        result,
        h("h3", {}, [t("import.preview")]),
        h("pre", {}, [JSON.stringify(preview, null, 1)]),
        run,
      );
    });
  });
  mount(body, h("label", { class: "field" }, [h("span", {}, [t("import.file")]), file]), next, result);
}
