// The Backups card: the registered sets, what restoring one would change (per sheet), a restore behind a
// confirm step, and an Undo that restores the set the restore made of what it overwrote.
import type { BackupSummary, RestorePreview, RestorePreviewSheet, RestoreResult } from "../../shared/trust";
import { act, load, type AppContext } from "../app-context";
import { button, h, listOr, mount } from "../dom";
import { CATALOGUES, t, type MessageKey } from "../i18n";
import { call } from "../rpc";

/** A sheet's name in the user's language when it is a canonical one. */
function sheetName(name: string): string {
  const key = `sheet.${name}`;
  return key in CATALOGUES.en ? t(key as MessageKey) : name;
}

/** One count of a preview line, "≈" before it when the sheet was counted by its key column only. */
function count(p: RestorePreviewSheet, key: MessageKey, n: number): string {
  return `${p.approximate ? "≈" : ""}${t(key, { count: n })}`;
}

function previewLine(p: RestorePreviewSheet): HTMLElement {
  const name = h("strong", {}, [sheetName(p.sheet)]);
  const rows = t("backups.rowsNowThen", { then: p.backupRows, now: p.currentRows });
  let what: string;
  if (p.skipped) what = t("backups.skipped");
  else if (p.missing) what = t("backups.missing", { count: p.backupRows });
  else if (!p.changed && !p.added && !p.removed && !p.headerChanged) what = t("backups.same");
  else
    what = [
      count(p, p.approximate ? "backups.changedAtMost" : "backups.changed", p.changed),
      count(p, "backups.added", p.added),
      count(p, "backups.removed", p.removed),
      p.headerChanged ? t("backups.header") : "",
    ]
      .filter(Boolean)
      .join(" · ");
  return h("li", { "data-sheet": p.sheet }, [
    name,
    " ",
    h("span", { class: "muted" }, [rows]),
    h("br"),
    h("span", { class: "preview-counts" }, [what]),
  ]);
}

function previewList(preview: RestorePreview): HTMLElement {
  return h("div", { class: "backup-preview" }, [
    h("ul", { class: "plain" }, preview.sheets.map(previewLine)),
    preview.sheets.some((s) => s.approximate) ? h("p", { class: "muted" }, [t("backups.approximate")]) : null,
  ]);
}

/** What a restore answered, with an Undo button when it made an undo set. */
function restoredLine(ctx: AppContext, r: RestoreResult, reload: () => void): HTMLElement {
  if (r.continues) return h("p", { class: "backup-result", role: "status" }, [t("backups.continues")]);
  const undoId = r.undoId;
  const undo: HTMLButtonElement | null = undoId
    ? button(
        t("backups.undo"),
        () => {
          void act(ctx, undo, () => call("restoreBackup", undoId)).then((u) => {
            if (!u) return;
            ctx.toast(u.continues ? t("backups.continues") : t("backups.undone", { rows: u.rows }));
            reload();
          });
        },
        { id: "backup-undo" },
      )
    : null;
  return h("div", { class: "backup-result", role: "status" }, [
    h("p", {}, [t("backups.restored", { rows: r.rows })]),
    undo,
  ]);
}

/** One set: its line, and Preview / Restore (with a confirm step) acting in the region below it. */
function backupItem(ctx: AppContext, b: BackupSummary, reload: () => void, after: HTMLElement): HTMLElement {
  const out = h("div", { class: "backup-out" });
  const preview: HTMLButtonElement = button(
    t("backups.preview"),
    () =>
      void load(
        out,
        () => call("previewRestore", b.id),
        (p) => mount(out, previewList(p)),
      ),
    { class: "backup-preview-button" },
  );
  const restore: HTMLButtonElement = button(
    t("backups.restore"),
    () => {
      const confirmButton: HTMLButtonElement = button(
        t("backups.confirm"),
        () => {
          void act(ctx, confirmButton, () => call("restoreBackup", b.id)).then((r) => {
            if (!r) return;
            reload();
            mount(after, restoredLine(ctx, r, reload));
          });
        },
        { class: "primary backup-confirm" },
      );
      mount(
        out,
        h("p", { role: "alert" }, [t("backups.confirmText", { stamp: b.stamp })]),
        h("div", { class: "toolbar" }, [confirmButton, button(t("common.cancel"), () => mount(out))]),
      );
    },
    { class: "backup-restore-button" },
  );
  return h("div", { class: "backup", "data-id": b.id }, [
    h("div", {}, [h("strong", {}, [b.stamp]), " ", h("span", { class: "muted" }, [b.reason])]),
    h("div", { class: "muted" }, [
      t("backups.summary", {
        sheets: b.sheets.map(sheetName).join(", "),
        rows: t("count.rows", { count: b.rows }),
      }),
    ]),
    h("div", { class: "toolbar" }, [preview, restore]),
    out,
  ]);
}

/** The Backups card (for callers whose role may restore backups). */
export function backupsCard(ctx: AppContext): HTMLElement {
  const list = h("div", { id: "backup-list" });
  // Outside the list, so a reload after a restore keeps the restore's answer and its Undo button.
  const after = h("div", { id: "backup-after" });
  const reload = () =>
    void load(
      list,
      () => call("listBackups"),
      (sets) =>
        mount(
          list,
          listOr(
            "ul",
            { class: "plain backups" },
            sets,
            (b) => [backupItem(ctx, b, reload, after)],
            t("backups.none"),
          ),
        ),
    );
  reload();
  return h("section", { class: "card", id: "backups-card" }, [
    h("h3", {}, [t("backups.title")]),
    after,
    list,
  ]);
}
