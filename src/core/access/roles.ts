import type { Checked } from "../checked";

/** Who a user is to the add-on. Kept in document properties; edited in settings by owners and managers. */
export type Role = "owner" | "manager" | "sales" | "viewer";

/** Every permission, in the stable order the sidebar and menu list them. */
export const PERMISSIONS = [
  "view",
  "edit-own",
  "edit-all",
  "run-jobs",
  "manage-settings",
  "manage-roles",
  "reveal-sensitive",
  "restore-backups",
] as const;

/** What a server function or menu item needs. */
export type Permission = (typeof PERMISSIONS)[number];

// Owners and managers hold every permission; what sets owners apart is that a manager may not grant or
// take away the owner role (validateRoleTable).
const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  owner: PERMISSIONS,
  manager: PERMISSIONS,
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

export const ROLES: readonly Role[] = ["owner", "manager", "sales", "viewer"];

/** Every permission a role holds, in a stable order (for the sidebar and menu). */
export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

function sameEmail(a: unknown, b: string): boolean {
  return (
    String(a ?? "")
      .trim()
      .toLowerCase() === b.trim().toLowerCase()
  );
}

/**
 * Whether `user` with `role` may see a customer whose Owner column holds `customerOwner`. Sales see only
 * customers they own (an empty Owner is nobody's, so hidden from sales); every other role sees all.
 */
export function canSeeCustomer(role: Role, user: string, customerOwner: unknown): boolean {
  if (can(role, "edit-all") || role === "viewer") return true;
  return user.trim() !== "" && sameEmail(customerOwner, user);
}

/** Whether `user` with `role` may change a customer whose Owner column holds `customerOwner`. */
export function canEditCustomer(role: Role, user: string, customerOwner: unknown): boolean {
  if (can(role, "edit-all")) return true;
  if (!can(role, "edit-own")) return false;
  return user.trim() !== "" && sameEmail(customerOwner, user);
}

/** Why a role table was refused, per entry, for the settings form. */
export interface RoleProblem {
  readonly email: string;
  readonly message: string;
}

export type RoleTableResult = Checked<RoleAssignments, RoleProblem>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks a role table that `editorRole` wants to save over `before`. E-mails are trimmed and lower-cased;
 * invalid e-mails or roles are refused. Managers may not grant or take away the owner role (else a
 * manager could promote themselves or demote an owner); the spreadsheet owner needs no entry.
 */
export function validateRoleTable(
  editorRole: Role,
  before: RoleAssignments,
  proposed: Readonly<Record<string, unknown>>,
): RoleTableResult {
  const problems: RoleProblem[] = [];
  const out: Record<string, Role> = {};
  for (const [rawEmail, rawRole] of Object.entries(proposed)) {
    const email = rawEmail.trim().toLowerCase();
    if (!EMAIL.test(email)) {
      problems.push({ email: rawEmail, message: "not an e-mail address" });
      continue;
    }
    if (!ROLES.includes(rawRole as Role)) {
      problems.push({ email, message: `unknown role "${String(rawRole)}"` });
      continue;
    }
    if (email in out) {
      problems.push({ email, message: "listed twice" });
      continue;
    }
    out[email] = rawRole as Role;
  }
  if (editorRole !== "owner") {
    const emails = new Set([...Object.keys(before), ...Object.keys(out)]);
    for (const email of emails) {
      const was = before[email];
      const now = out[email];
      if ((was === "owner" || now === "owner") && was !== now)
        problems.push({ email, message: "only an owner can grant or remove the owner role" });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: out };
}
