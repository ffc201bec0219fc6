import type { MenuItem } from "../ui/menu";

/** This feature's menu items, in order; drawn as one section of the add-on menu. */
export const TABLE_MENU: readonly MenuItem[] = [
  { label: { en: "Set up / repair sheets", "zh-CN": "设置 / 修复工作表" }, handler: "menuSetUp" },
  { label: { en: "Validate all", "zh-CN": "全部校验" }, handler: "menuValidateAll" },
  { label: { en: "Fix what is safe…", "zh-CN": "安全修正…" }, handler: "menuFixSafe" },
  { label: { en: "Clear problem marks", "zh-CN": "清除问题标记" }, handler: "menuClearProblemMarks" },
];
