import type { MyAccess } from "../../shared/trust";
import { act, load, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { t, type MessageKey } from "../i18n";
import { call } from "../rpc";

const ROLES: readonly MyAccess["role"][] = ["owner", "manager", "sales", "viewer"];

function rolesSection(ctx: AppContext): HTMLElement {
  const region = h("div", {});
  void load(
    region,
    () => call("getRoles"),
    (table) => {
      const rows: { email: HTMLInputElement; role: HTMLSelectElement }[] = [];
      const list = h("div", { class: "role-rows" });
      const addRow = (email = "", role: string = "sales") => {
        const e = h("input", { type: "email", value: email, "aria-label": t("settings.email") });
        const r = h(
          "select",
          { "aria-label": t("settings.role") },
          ROLES.filter((x) => x !== "owner").map((x) =>
            h("option", { value: x, selected: x === role }, [t(`role.${x}` as MessageKey)]),
          ),
        );
        rows.push({ email: e, role: r });
        list.appendChild(h("div", { class: "batch-row" }, [e, r]));
      };
      for (const [email, role] of Object.entries(table.assignments)) addRow(email, role);
      const save: HTMLButtonElement = button(
        t("settings.save"),
        () => {
          const assignments: Record<string, string> = {};
          for (const r of rows)
            if (r.email.value.trim()) assignments[r.email.value.trim().toLowerCase()] = r.role.value;
          void act(ctx, save, () => call("saveRoles", assignments)).then((res) => {
            if (!res) return;
            ctx.toast(
              res.ok ? t("settings.saved") : res.problems.map((p) => `${p.email}: ${p.message}`).join("; "),
            );
          });
        },
        { class: "primary" },
      );
      mount(
        region,
        h("p", { class: "muted" }, [`${t("role.owner")}: ${table.spreadsheetOwner}`]),
        list,
        button(t("settings.addRole"), () => addRow()),
        save,
      );
    },
  );
  return h("section", { class: "card" }, [h("h3", {}, [t("settings.roles")]), region]);
}

function trustSection(ctx: AppContext): HTMLElement {
  const region = h("div", {});
  void load(
    region,
    () => call("getTrustSettings"),
    (s) => {
      const keep = h("input", { type: "number", min: 1, value: s.backupKeep, id: "backup-keep" });
      const rows = h("input", { type: "number", min: 100, value: s.auditMaxRows, id: "audit-rows" });
      const save: HTMLButtonElement = button(
        t("settings.save"),
        () => {
          void act(ctx, save, () =>
            call("saveTrustSettings", { backupKeep: Number(keep.value), auditMaxRows: Number(rows.value) }),
          ).then((r) => r && ctx.toast(t("settings.saved")));
        },
        { class: "primary" },
      );
      mount(
        region,
        h("label", { class: "field" }, [h("span", {}, [t("settings.backupKeep")]), keep]),
        h("label", { class: "field" }, [h("span", {}, [t("settings.auditMaxRows")]), rows]),
        save,
      );
    },
  );
  return h("section", { class: "card" }, [h("h3", {}, [t("settings.trust")]), region]);
}

function pending(title: MessageKey, name: string): HTMLElement {
  return h("section", { class: "card disabled" }, [
    h("h3", {}, [t(title)]),
    h("p", { class: "muted disabled-note" }, [t("common.unavailable", { name })]),
  ]);
}

/** Settings for managers and owners; each section appears once its feature's server functions exist. */
export function settingsView(root: HTMLElement, ctx: AppContext): void {
  const region = h("section", { class: "view" }, [h("h2", {}, [t("settings.title")])]);
  mount(root, region);
  const body = h("div", {});
  region.appendChild(body);
  void load(
    body,
    () => call("getMyAccess"),
    (access) => {
      if (!access.permissions.includes("manage-settings")) {
        mount(body, h("p", { class: "muted" }, [t("settings.managersOnly")]));
        return;
      }
      mount(
        body,
        pending("settings.classify", "getClassifySettings"),
        pending("settings.notify", "getNotifySettings"),
        access.permissions.includes("manage-roles") ? rolesSection(ctx) : null,
        trustSection(ctx),
      );
    },
  );
}
