import type { Permission } from "../../core/access/roles";
import type { MenuItem } from "./menu";

/** One menu entry as a table row: its handler, its label in English and Chinese, and its permission. */
export type MenuRow = readonly [handler: string, en: string, zh: string, permission?: Permission];

/** Menu items from table rows, in order (an absent permission keeps the menu's default). */
export function menuTable(rows: readonly MenuRow[]): MenuItem[] {
  return rows.map(([handler, en, zh, permission]) => ({
    label: { en, "zh-CN": zh },
    handler,
    ...(permission ? { permission } : {}),
  }));
}

/** The menu item calling `handler` among `items`; throws when there is none (a wiring mistake). */
export function menuItemOf(items: readonly MenuItem[], handler: string): MenuItem {
  const item = items.find((i) => i.handler === handler);
  if (!item) throw new Error(`no menu item calls ${handler}`);
  return item;
}
