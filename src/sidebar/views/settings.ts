import type { MyAccess } from "../../shared/trust";
import { act, load, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { t, type MessageKey } from "../i18n";
import { call } from "../rpc";
import { backupsCard } from "./backups";
import { st } from "../settings-text";
import { field, uid } from "./settings-controls";
import { switchesCard, tableSettingsCards } from "./settings-lists";
import { notifyCard } from "./settings-notify";
import { valueFormCard } from "./settings-value-form";
import { channelsCard } from "./settings-channels";
import { alertRulesCard } from "./settings-alerts";
import { bigQueryCard } from "./settings-bigquery";
import { webAppCard } from "./settings-webapp";

const ROLES: readonly MyAccess["role"][] = ["owner", "manager", "sales", "viewer"];

/** A settings card whose body is loaded from the server, then drawn into `region` by `render`. */
function loadedCard<T>(
  title: MessageKey,
  fetch: () => Promise<T>,
  render: (region: HTMLElement, data: T) => void,
): HTMLElement {
  const region = h("div", {});
  void load(region, fetch, (data) => render(region, data));
  return h("section", { class: "card" }, [h("h3", {}, [t(title)]), region]);
}

function rolesSection(ctx: AppContext): HTMLElement {
  return loadedCard(
    "settings.roles",
    () => call("getRoles"),
    (region, table) => {
      const rows: { email: HTMLInputElement; role: HTMLSelectElement }[] = [];
      const list = h("div", { class: "role-rows" });
      const addRow = (email = "", role: string = "sales") => {
        const n = rows.length + 1;
        const e = h("input", { type: "email", value: email, id: uid("role-email") });
        const r = h(
          "select",
          { id: uid("role") },
          ROLES.filter((x) => x !== "owner").map((x) =>
            h("option", { value: x, selected: x === role }, [t(`role.${x}` as MessageKey)]),
          ),
        );
        rows.push({ email: e, role: r });
        list.appendChild(
          h("div", { class: "batch-row" }, [
            field(e, `${t("settings.email")} ${n}`).element,
            field(r, `${t("settings.role")} ${n}`).element,
          ]),
        );
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
}

function trustSection(ctx: AppContext): HTMLElement {
  return loadedCard(
    "settings.trust",
    () => call("getTrustSettings"),
    (region, s) => {
      const keep = h("input", { type: "number", min: 1, max: 100, value: s.backupKeep, id: "backup-keep" });
      const rows = h("input", {
        type: "number",
        min: 100,
        max: 500000,
        value: s.auditMaxRows,
        id: "audit-rows",
      });
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
        field(keep, t("settings.backupKeep"), st("form.range", { min: 1, max: 100 })).element,
        field(rows, t("settings.auditMaxRows"), st("form.range", { min: 100, max: 500000 })).element,
        save,
      );
    },
  );
}

function notifyPreviews(ctx: AppContext): HTMLElement {
  const out = h("div", { class: "preview" });
  const digest: HTMLButtonElement = button(t("settings.previewDigest"), () => {
    void act(ctx, digest, () => call("previewDigest")).then((list) => {
      if (!list) return;
      mount(
        out,
        ...(list.length
          ? list.map((d) =>
              h("details", {}, [h("summary", {}, [`${d.recipient}: ${d.subject}`]), h("pre", {}, [d.text])]),
            )
          : [h("p", { class: "muted" }, [t("common.empty")])]),
      );
    });
  });
  const report: HTMLButtonElement = button(t("settings.previewReport"), () => {
    void act(ctx, report, () => call("previewWeeklyReport")).then((r) => {
      if (!r) return;
      // The mail's own HTML, isolated: a sandboxed frame runs no script and cannot reach the sidebar.
      const frame = h("iframe", { sandbox: "", class: "mail-preview", title: r.subject });
      frame.srcdoc = r.html;
      mount(out, h("p", {}, [`${r.subject} → ${r.recipients.join(", ")}`]), frame);
    });
  });
  return h("div", {}, [h("div", { class: "toolbar" }, [digest, report]), out]);
}

/**
 * Settings for managers and owners, every one a labelled form control: the scheduled-work switches, roles
 * and the team's display names, the dropdown lists and reject/warn per column, mails (managers, hours,
 * rules, the welcome template with a live preview), classification and analysis, backups and audit.
 */
export function settingsView(root: HTMLElement, ctx: AppContext): void {
  const region = h("section", { class: "view" }, [h("h2", {}, [t("settings.title")])]);
  mount(root, region);
  const body = h("div", {});
  region.appendChild(body);
  void load(
    body,
    () => call("getMyAccess"),
    (access) => {
      const backups = access.permissions.includes("restore-backups") ? backupsCard(ctx) : null;
      if (!access.permissions.includes("manage-settings")) {
        // Every member chooses the channel of their own reminders.
        mount(body, h("p", { class: "muted" }, [t("settings.managersOnly")]), channelsCard(ctx), backups);
        return;
      }
      mount(
        body,
        switchesCard(ctx),
        access.permissions.includes("manage-roles") ? rolesSection(ctx) : null,
        tableSettingsCards(ctx, access.permissions.includes("manage-roles")),
        notifyCard(ctx, [notifyPreviews(ctx)]),
        channelsCard(ctx),
        alertRulesCard(ctx),
        valueFormCard(ctx, "Classify"),
        valueFormCard(ctx, "Analysis"),
        trustSection(ctx),
        bigQueryCard(ctx),
        webAppCard(ctx),
        backups,
      );
    },
  );
}
