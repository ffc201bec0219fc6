import type { MenuItem } from "../ui/menu";

/** This feature's menu items, in order; drawn as one section of the add-on menu. */
export const ANALYSIS_MENU: readonly MenuItem[] = [
  { label: { en: "Run analysis", "zh-CN": "运行分析" }, handler: "menuRunAnalysis", permission: "run-jobs" },
];
