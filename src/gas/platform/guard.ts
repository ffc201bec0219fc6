import { can, roleOf, type Permission, type Role, type RoleAssignments } from "../../core/access/roles";
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

function spreadsheetOwner(): string {
  const owner = SpreadsheetApp.getActive().getOwner();
  return owner ? owner.getEmail() : "";
}

/** The calling user's role. */
export function currentRole(): Role {
  return roleOf(currentUser(), getDocumentJson<RoleAssignments>("roles", {}), spreadsheetOwner());
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
