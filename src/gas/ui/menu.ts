import type { Lang, Localized } from "../../core/schema/types";
import { ANALYSIS_MENU } from "../analysis/menu-items";
import { BROWSE_MENU } from "../browse/menu-items";
import { CLASSIFY_MENU } from "../classify/menu-items";
import { NOTIFY_MENU } from "../notify/menu-items";
import { TABLE_MENU } from "../table/menu-items";
import { TRUST_MENU } from "../trust/menu-items";

/** One menu entry: its label and the top-level function (an entry point in main.ts) it calls. */
export interface MenuItem {
  readonly label: Localized;
  readonly handler: string;
}

const OPEN: readonly MenuItem[] = [
  { label: { en: "Open sidebar", "zh-CN": "打开侧边栏" }, handler: "menuOpenSidebar" },
];

/** Menu sections in order; a separator is drawn between non-empty sections. */
export const MENU_SECTIONS: readonly (readonly MenuItem[])[] = [
  OPEN,
  TABLE_MENU,
  CLASSIFY_MENU,
  NOTIFY_MENU,
  ANALYSIS_MENU,
  BROWSE_MENU,
  TRUST_MENU,
];

/** Adds the add-on menu; labels in the user's language. */
export function buildMenu(lang: Lang, sections: readonly (readonly MenuItem[])[] = MENU_SECTIONS): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  sections
    .filter((items) => items.length > 0)
    .forEach((items, i) => {
      if (i > 0) menu.addSeparator();
      for (const item of items) menu.addItem(item.label[lang], item.handler);
    });
  menu.addToUi();
}
