import { menuTable } from "../ui/menu-table";

/** Privacy requests and the vault key: one section of the add-on menu (handlers in privacy-entry.ts). */
export const PRIVACY_MENU = menuTable([
  ["menuExportCustomer", "Export one customer's data", "导出单个客户的数据", "reveal-sensitive"],
  ["menuEraseCustomer", "Erase one customer", "删除单个客户的全部数据", "edit-all"],
  ["menuRotateVaultKey", "Rotate encryption key", "更换加密密钥", "manage-settings"],
]);
