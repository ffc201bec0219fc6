import type { MyAccess } from "../../shared/trust";
import { act, load, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { t, type MessageKey } from "../i18n";
import { call } from "../rpc";
import { backupsCard } from "./backups";

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
}

function trustSection(ctx: AppContext): HTMLElement {
  return loadedCard(
    "settings.trust",
    () => call("getTrustSettings"),
    (region, s) => {
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
}

/** A save answer of any feature: ok, or a list of problems each with a message (and maybe a path). */
type SaveAnswer =
  | { readonly ok: true }
  | { readonly ok: false; readonly problems?: readonly unknown[]; readonly errors?: readonly unknown[] };

function problemText(p: unknown): string {
  if (typeof p !== "object" || p === null) return String(p);
  const o = p as Record<string, unknown>;
  const where = o.path ?? o.field ?? o.key ?? o.email;
  return `${where === undefined ? "" : `${String(where)}: `}${String(o.message ?? JSON.stringify(p))}`;
}

/** The settings a manager edits as JSON, named as their get…Settings / save…Settings server functions are. */
type JsonSettings = "Classify" | "Notify" | "Analysis";

/**
 * A feature's settings as editable JSON: the server validates and answers with problems, which are listed
 * under the editor; nothing is saved unless all is well.
 */

function jsonSection(ctx: AppContext, name: JsonSettings, extras: readonly HTMLElement[] = []): HTMLElement {
  const id = name.toLowerCase() as Lowercase<JsonSettings>;
  const title: MessageKey = `settings.${id}`;
  const fetch = () => call(`get${name}Settings`) as Promise<unknown>;
  const save = (value: unknown) => call(`save${name}Settings`, value as never) as Promise<SaveAnswer>;
  return loadedCard(title, fetch, (region, settings) => {
    const editor = h("textarea", {
      id: `${id}-json`,
      rows: 10,
      spellcheck: "false",
      "aria-label": t("settings.json"),
    });
    editor.value = JSON.stringify(settings, null, 2);
    const problems = h("ul", { class: "problems", role: "alert" });
    const saveButton: HTMLButtonElement = button(
      t("settings.save"),
      () => {
        let value: unknown;
        try {
          value = JSON.parse(editor.value);
        } catch (e) {
          mount(problems, h("li", {}, [t("settings.invalidJson", { message: (e as Error).message })]));
          return;
        }
        void act(ctx, saveButton, () => save(value)).then((answer) => {
          if (!answer) return;
          if (answer.ok) {
            mount(problems);
            ctx.toast(t("settings.saved"));
          } else
            mount(
              problems,
              ...(answer.problems ?? answer.errors ?? []).map((p) => h("li", {}, [problemText(p)])),
            );
        });
      },
      { class: "primary", id: `${id}-save` },
    );
    mount(region, ...extras, editor, problems, saveButton);
  });
}

function nightlyToggle(ctx: AppContext): HTMLElement {
  const box = h("input", { type: "checkbox", id: "nightly-classify", disabled: true });
  void call("getNightlyClassify").then(
    (on) => {
      box.checked = on;
      box.disabled = false;
    },
    () => undefined,
  );
  box.addEventListener("change", () => {
    void act(ctx, null, () => call("setNightlyClassify", box.checked)).then((on) => {
      if (on !== undefined) box.checked = on;
    });
  });
  return h("label", { class: "check" }, [box, t("settings.nightly")]);
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

/** Settings for managers and owners: each feature's settings, roles, backups and audit. */
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
        mount(body, h("p", { class: "muted" }, [t("settings.managersOnly")]), backups);
        return;
      }
      mount(
        body,
        jsonSection(ctx, "Classify", [nightlyToggle(ctx)]),
        jsonSection(ctx, "Notify", [notifyPreviews(ctx)]),
        jsonSection(ctx, "Analysis"),
        access.permissions.includes("manage-roles") ? rolesSection(ctx) : null,
        trustSection(ctx),
        backups,
      );
    },
  );
}
