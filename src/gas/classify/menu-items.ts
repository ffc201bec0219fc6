import type { MenuItem } from "../ui/menu";

/** This feature's menu items, in order; drawn as one section of the add-on menu. */
export const CLASSIFY_MENU: readonly MenuItem[] = [
  { label: { en: "Classify now", "zh-CN": "立即分类" }, handler: "menuClassifyNow" },
  {
    label: { en: "Turn on nightly classification", "zh-CN": "开启每晚自动分类" },
    handler: "menuInstallNightly",
  },
  {
    label: { en: "Turn off nightly classification", "zh-CN": "关闭每晚自动分类" },
    handler: "menuRemoveNightly",
  },
];
