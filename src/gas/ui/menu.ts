import type { Lang, Localized } from "../../core/schema/types";

/** One menu entry: its label and the top-level function (an entry point in main.ts) it calls. */
export interface MenuItem {
  readonly label: Localized;
  readonly handler: string;
}

/** Menu sections in order; a separator is drawn between sections. Features add their items here. */
export const MENU_SECTIONS: readonly (readonly MenuItem[])[] = [
  [{ label: { en: "Open sidebar", "zh-CN": "打开侧边栏" }, handler: "menuOpenSidebar" }],
];

/** Adds the add-on menu; labels in the user's language. */
export function buildMenu(lang: Lang, sections: readonly (readonly MenuItem[])[] = MENU_SECTIONS): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  sections.forEach((items, i) => {
    if (i > 0) menu.addSeparator();
    for (const item of items) menu.addItem(item.label[lang], item.handler);
  });
  menu.addToUi();
}
