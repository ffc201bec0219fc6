import {
  can,
  canEditCustomer,
  canSeeCustomer,
  roleOf,
  type Permission,
  type Role,
  type RoleAssignments,
} from "../../core/access/roles";
import type { ServerFunctionName } from "../../shared/api";
import { SERVER_FUNCTION_PERMISSIONS } from "../../shared/trust";
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

/** Checks the caller's role before anything else runs; returns the role. */
export function requirePermission(permission: Permission): Role {
  const role = currentRole();
  if (!can(role, permission)) throw new ForbiddenError(role, permission);
  return role;
}

/** Wraps a server function so the role check runs first, whatever the function does. */
export function guarded<A extends unknown[], R>(
  permission: Permission,
  fn: (...args: A) => R,
): (...args: A) => R {
  return (...args: A) => {
    requirePermission(permission);
    return fn(...args);
  };
}

/**
 * Wraps the server function `name` with the permission SERVER_FUNCTION_PERMISSIONS declares for it, so
 * the table the role tests check is the one that is enforced. An undeclared name is refused outright.
 */
export function serverFunction<A extends unknown[], R>(
  name: ServerFunctionName,
  fn: (...args: A) => R,
): (...args: A) => R {
  return (...args: A) => {
    const permission = SERVER_FUNCTION_PERMISSIONS[name];
    if (!permission) throw new Error(`Server function ${name} declares no permission.`);
    requirePermission(permission);
    return fn(...args);
  };
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
