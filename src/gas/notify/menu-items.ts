import { localized } from "../../core/notify/text";
import type { MenuItem } from "../ui/menu";

/** This feature's menu items, in order; drawn as one section of the add-on menu (default permission run-jobs). */
export const NOTIFY_MENU: readonly MenuItem[] = [
  { label: localized("menu", "sendReminders"), handler: "menuSendRemindersNow" },
  { label: localized("menu", "sendWeekly"), handler: "menuSendWeeklyReportNow" },
  { label: localized("menu", "previewReminders"), handler: "menuPreviewDigest" },
  { label: localized("menu", "previewWeekly"), handler: "menuPreviewWeeklyReport" },
  {
    label: localized("menu", "turnOn"),
    handler: "menuInstallNotifications",
    permission: "manage-settings",
  },
];
