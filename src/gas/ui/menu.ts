import { can, type Permission, type Role } from "../../core/access/roles";
import { currentRole } from "../platform/guard";
import type { Lang, Localized } from "../../core/schema/types";
import { ANALYSIS_MENU } from "../analysis/menu-items";
import { BROWSE_MENU } from "../browse/menu-items";
import { CLASSIFY_MENU } from "../classify/menu-items";
import { NOTIFY_MENU } from "../notify/menu-items";
import { SWITCHES_MENU, TABLE_MENU } from "../table/menu-items";
import { TRUST_MENU } from "../trust/menu-items";
import { PRIVACY_MENU } from "../trust/privacy-menu-items";
import { FORMS_MENU } from "../forms/menu-items";

/**
 * One menu entry: its label, the top-level function (an entry point in main.ts) it calls, and what the
 * caller's role needs for the item to be shown (default "run-jobs").
 */
export interface MenuItem {
  readonly label: Localized;
  readonly handler: string;
  readonly permission?: Permission;
}

const OPEN: readonly MenuItem[] = [
  { label: { en: "Open sidebar", "zh-CN": "打开侧边栏" }, handler: "menuOpenSidebar", permission: "view" },
];

/** Menu sections in order; a separator is drawn between non-empty sections. */
export const MENU_SECTIONS: readonly (readonly MenuItem[])[] = [
  OPEN,
  TABLE_MENU,
  CLASSIFY_MENU,
  NOTIFY_MENU,
  FORMS_MENU,
  ANALYSIS_MENU,
  BROWSE_MENU,
  TRUST_MENU,
  SWITCHES_MENU,
  PRIVACY_MENU,
];

/** The caller's role, or undefined where it cannot be read (AuthMode.NONE has no properties or Session). */
function menuRole(): Role | undefined {
  try {
    return currentRole();
  } catch {
    return undefined;
  }
}

/**
 * Adds the add-on menu; labels in the user's language, only the items the caller's role may use (all of
 * them when the role cannot be read yet; the server functions still check on use).
 */
export function buildMenu(
  lang: Lang,
  sections: readonly (readonly MenuItem[])[] = MENU_SECTIONS,
  role: Role | undefined = menuRole(),
): void {
  const menu = SpreadsheetApp.getUi().createAddonMenu();
  sections
    .map((items) => items.filter((item) => !role || can(role, item.permission ?? "run-jobs")))
    .filter((items) => items.length > 0)
    .forEach((items, i) => {
      if (i > 0) menu.addSeparator();
      for (const item of items) menu.addItem(item.label[lang], item.handler);
    });
  menu.addToUi();
}
