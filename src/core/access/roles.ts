/** Who a user is to the add-on. Kept in document properties; edited in settings by owners and managers. */
export type Role = "owner" | "manager" | "sales" | "viewer";

/** What a server function or menu item needs. */
export type Permission =
  | "view"
  | "edit-own"
  | "edit-all"
  | "run-jobs"
  | "manage-settings"
  | "manage-roles"
  | "reveal-sensitive"
  | "restore-backups";

const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  owner: [
    "view",
    "edit-own",
    "edit-all",
    "run-jobs",
    "manage-settings",
    "manage-roles",
    "reveal-sensitive",
    "restore-backups",
  ],
  manager: [
    "view",
    "edit-own",
    "edit-all",
    "run-jobs",
    "manage-settings",
    "manage-roles",
    "reveal-sensitive",
    "restore-backups",
  ],
  sales: ["view", "edit-own"],
  viewer: ["view"],
};

/** Whether a role holds a permission. */
export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** E-mail (lower case) → role. */
export type RoleAssignments = Readonly<Record<string, Role>>;

/**
 * The role of `user`. The spreadsheet owner is always owner. With no assignments at all (a sheet nobody
 * has configured yet) everyone is a manager, so a new add-on works out of the box; once any role is
 * assigned, unlisted users are viewers.
 */
export function roleOf(user: string, assignments: RoleAssignments, spreadsheetOwner: string): Role {
  const email = user.trim().toLowerCase();
  if (email && email === spreadsheetOwner.trim().toLowerCase()) return "owner";
  const assigned = assignments[email];
  if (assigned) return assigned;
  return Object.keys(assignments).length === 0 ? "manager" : "viewer";
}
