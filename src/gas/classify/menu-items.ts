import type { MenuItem } from "../ui/menu";

/**
 * This feature's menu items, in order; drawn as one section of the add-on menu. Nightly classification is
 * turned on and off by its switch (SWITCHES_MENU in ../table/menu-items.ts); menuInstallNightly and
 * menuRemoveNightly stay entry points (on, off; idempotent) for scripts and tests.
 */
export const CLASSIFY_MENU: readonly MenuItem[] = [
  { label: { en: "Classify now", "zh-CN": "立即分类" }, handler: "menuClassifyNow" },
];
