import type { MenuItem } from "../ui/menu";

/** This feature's menu items, in order; drawn as one section of the add-on menu. */
export const TRUST_MENU: readonly MenuItem[] = [];
