// Menu handlers of privacy requests and key rotation (privacy-menu-items.ts); main.ts re-exports them.
// The same work is reachable from the sidebar through the server functions (src/gas/server-functions.ts).
import { admitAuditedCall } from "./audit-log";
import { requirePermission } from "../platform/guard";
import { currentUser, userLang } from "../platform/locale";
import { menuItemOf } from "../ui/menu-table";
import { eraseCustomer } from "./privacy-erase";
import { exportCustomerData } from "./privacy-export";
import { PRIVACY_MENU } from "./privacy-menu-items";
import { rotateVaultKey } from "./vault-rotation";

type Ui = GoogleAppsScript.Base.Ui;

const zh = () => userLang() === "zh-CN";

/**
 * Starts the work of the privacy menu item calling `handler`: its permission is checked, and its label (in
 * the user's language) titles the dialogs that follow.
 */
function openMenuItem(handler: string): { ui: Ui; title: string } {
  const item = menuItemOf(PRIVACY_MENU, handler);
  requirePermission(item.permission ?? "run-jobs");
  return { ui: SpreadsheetApp.getUi(), title: item.label[userLang()] };
}

/** Asks for a CustomerID; "" when the user cancels or types nothing. */
function askForId(ui: Ui, title: string): string {
  const answer = ui.prompt(title, zh() ? "客户编号（CustomerID）：" : "CustomerID:", ui.ButtonSet.OK_CANCEL);
  if (answer.getSelectedButton() !== ui.Button.OK) return "";
  return answer.getResponseText().trim();
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Exports one customer's data and offers the JSON and XLSX files as downloads in a dialog. */
export function menuExportCustomer(): void {
  const { ui, title } = openMenuItem("menuExportCustomer");
  const id = askForId(ui, title);
  if (!id) return;
  // Data is about to leave the sheet: refused up front when the audit log could not record it.
  admitAuditedCall("disclose", currentUser());
  const out = exportCustomerData(id);
  const link = (f: { filename: string; mimeType: string; base64: string }) =>
    `<p><a download="${escapeHtml(f.filename)}" href="data:${f.mimeType};base64,${f.base64}">${escapeHtml(f.filename)}</a></p>`;
  const html =
    `<p>${escapeHtml(zh() ? `客户 ${out.customerId} 的数据：` : `Data held about ${out.customerId}:`)}</p>` +
    link(out.json) +
    link(out.xlsx);
  ui.showModalDialog(HtmlService.createHtmlOutput(html).setWidth(420).setHeight(200), title);
}

/** Erases one customer after a confirmation, and says what was removed (pseudonym and counts only). */
export function menuEraseCustomer(): void {
  const { ui, title } = openMenuItem("menuEraseCustomer");
  const id = askForId(ui, title);
  if (!id) return;
  const sure = ui.alert(
    title,
    zh()
      ? `删除客户 ${id} 的全部数据？其订单将以化名保留。此操作无法撤销。`
      : `Erase everything held about ${id}? Their orders are kept under a pseudonym. This cannot be undone.`,
    ui.ButtonSet.YES_NO,
  );
  if (sure !== ui.Button.YES) return;
  const r = eraseCustomer(id);
  ui.alert(
    title,
    zh()
      ? `已删除（化名 ${r.pseudonym}）：客户行 ${r.customers}，互动 ${r.interactions}，反馈 ${r.feedback}，加密值 ${r.vaultValues}，发送记录 ${r.sendLogEntries}，其他单元格 ${r.otherCells}；订单行 ${r.ordersPseudonymised} 已化名。`
      : `Erased (now ${r.pseudonym}): ${r.customers} customer row(s), ${r.interactions} interaction(s), ${r.feedback} feedback row(s), ${r.vaultValues} encrypted value(s), ${r.sendLogEntries} send-log entr(ies), ${r.otherCells} other cell(s); ${r.ordersPseudonymised} order line(s) pseudonymised.`,
    ui.ButtonSet.OK,
  );
}

/** Rotates the vault's key (owner only) after a confirmation, and says how far it got. */
export function menuRotateVaultKey(): void {
  const { ui, title } = openMenuItem("menuRotateVaultKey");
  const sure = ui.alert(
    title,
    zh()
      ? "用新密钥重新加密所有敏感值？旧密钥会保留到不再需要为止。"
      : "Re-encrypt every sensitive value with a new key? The old key is kept until nothing needs it.",
    ui.ButtonSet.YES_NO,
  );
  if (sure !== ui.Button.YES) return;
  const r = rotateVaultKey();
  const left = r.done
    ? ""
    : zh()
      ? `，还剩 ${r.remaining} 个，请再运行一次`
      : `; ${r.remaining} left: run it again`;
  ui.alert(
    title,
    zh()
      ? `当前密钥 ${r.keyId}：已重新加密 ${r.resealed} 个值${left}。`
      : `Key ${r.keyId} is current: ${r.resealed} value(s) re-encrypted${left}.`,
    ui.ButtonSet.OK,
  );
}
