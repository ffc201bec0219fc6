import { act, type AppContext } from "../app-context";
import { button, downloadFile, h, mount } from "../dom";
import { t } from "../i18n";
import { call } from "../rpc";

/**
 * The portrait's privacy requests: export everything held about the customer (JSON and XLSX), and erase
 * them. Shown only to a role that may use them (the server checks again and audits every call).
 */
export function privacyActions(ctx: AppContext, id: string): HTMLElement {
  const box = h("section", { class: "card", id: "privacy-actions", hidden: true });
  void call("getMyAccess").then(
    (access) => {
      const mayExport = access.permissions.includes("reveal-sensitive");
      const mayErase = access.permissions.includes("edit-all");
      if (!mayExport && !mayErase) return;
      const exporter: HTMLButtonElement = button(
        t("privacy.export"),
        () =>
          void act(ctx, exporter, () => call("exportCustomerData", id)).then((out) => {
            if (!out) return;
            downloadFile(out.json);
            downloadFile(out.xlsx);
            ctx.toast(t("privacy.exported", { count: out.json.rows, id }));
          }),
        { id: "privacy-export" },
      );
      const eraser: HTMLButtonElement = button(
        t("privacy.erase"),
        () => {
          if (!window.confirm(t("privacy.confirmErase", { id }))) return;
          void act(ctx, eraser, () => call("eraseCustomer", id)).then((r) => {
            if (!r) return;
            ctx.toast(t("privacy.erased", { pseudonym: r.pseudonym }));
            ctx.navigate("customers");
          });
        },
        { id: "privacy-erase", class: "danger" },
      );
      mount(
        box,
        h("h3", {}, [t("privacy.title")]),
        h("div", { class: "toolbar" }, [mayExport ? exporter : null, mayErase ? eraser : null]),
      );
      box.hidden = false;
    },
    () => undefined,
  );
  return box;
}
