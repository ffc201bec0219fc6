import {
  can,
  canEditCustomer,
  canSeeCustomer,
  roleOf,
  type Permission,
  type Role,
  type RoleAssignments,
} from "../../core/access/roles";
import { currentUser } from "./locale";
import { getDocumentJson } from "./properties";

/** Raised when the caller's role lacks a permission; nothing was read or changed. */
export class ForbiddenError extends Error {
  constructor(
    readonly role: Role,
    readonly permission: Permission,
  ) {
    super(`Your role (${role}) does not allow this (${permission}).`);
    this.name = "ForbiddenError";
  }
}

export const ROLES_PROPERTY = "roles";

export function spreadsheetOwner(): string {
  const owner = SpreadsheetApp.getActive().getOwner();
  return owner ? owner.getEmail() : "";
}

export function roleAssignments(): RoleAssignments {
  return getDocumentJson<RoleAssignments>(ROLES_PROPERTY, {});
}

/** The calling user's role. */
export function currentRole(): Role {
  return roleOf(currentUser(), roleAssignments(), spreadsheetOwner());
}

/**
 * Checks the caller's role before anything else runs; returns the role. Every server function passes
 * here first (src/gas/server-functions.ts); menu items and jobs (runJob) call it themselves.
 */
export function requirePermission(permission: Permission): Role {
  const role = currentRole();
  if (!can(role, permission)) throw new ForbiddenError(role, permission);
  return role;
}

/** Who is asking, resolved once: filter thousands of rows without re-reading the role each time. */
export interface CallerAccess {
  readonly user: string;
  readonly role: Role;
  /** Whether the caller may see a customer with this Owner value (sales: only their own). */
  sees(customerOwner: unknown): boolean;
  /** Whether the caller may change a customer with this Owner value (viewers: never). */
  edits(customerOwner: unknown): boolean;
}

export function callerAccess(): CallerAccess {
  const user = currentUser();
  const role = roleOf(user, roleAssignments(), spreadsheetOwner());
  return {
    user,
    role,
    sees: (owner) => canSeeCustomer(role, user, owner),
    edits: (owner) => canEditCustomer(role, user, owner),
  };
}

/** Whether the caller may see a customer whose Owner column holds `ownerEmail`. */
export function visibleToCaller(ownerEmail: unknown): boolean {
  return callerAccess().sees(ownerEmail);
}
