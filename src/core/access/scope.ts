import { foldOwner, ownerSpellings, type OwnerDirectory } from "./owner-names";
import { can, roleOf, type ImplicitOwners, type Role, type RoleAssignments } from "./roles";

/**
 * Which customers a caller may see: every one, or those whose Owner column is one of `owners` (lower-case
 * e-mails and the display names of those members, folded as core/access/owner-names.ts folds Owner
 * cells; an empty list is none at all).
 */
export type CustomerScope =
  { readonly kind: "all" } | { readonly kind: "owners"; readonly owners: readonly string[] };

/**
 * The one access rule every data path applies (browse, portrait, export, problem lists, analysis,
 * dashboard, segment summary, settings): who the caller is, their role, and which customers they see.
 */
export interface Access {
  /** The caller's e-mail as Google showed it ("" when hidden). */
  readonly user: string;
  readonly role: Role;
  readonly scope: CustomerScope;
}

const ALL: CustomerScope = { kind: "all" };

function normalEmail(value: unknown): string {
  return String(value ?? "")
    .trim()
    .toLowerCase();
}

/**
 * The access of `user`: owners and managers see every customer; sales reps the customers they own (Owner
 * = their e-mail); a viewer every customer or, when the entry is scoped, those of the listed owners;
 * everyone else (unlisted, or "") nothing.
 */
export function accessOf(
  user: string,
  assignments: RoleAssignments,
  owners: ImplicitOwners,
  directory?: OwnerDirectory,
): Access {
  const role = roleOf(user, assignments, owners);
  const scope = scopeOf(role, normalEmail(user), assignments);
  // An Owner cell may name a member by display name (王经理) as well as by e-mail.
  if (scope.kind === "all" || !directory || scope.owners.length === 0) return { user, role, scope };
  return { user, role, scope: { kind: "owners", owners: ownerSpellings(scope.owners, directory) } };
}

function scopeOf(role: Role, email: string, assignments: RoleAssignments): CustomerScope {
  switch (role) {
    case "owner":
    case "manager":
      return ALL;
    case "sales":
      return { kind: "owners", owners: [email] };
    case "viewer": {
      const entry = assignments[email];
      return typeof entry === "object" ? { kind: "owners", owners: entry.sees } : ALL;
    }
    case "none":
      return { kind: "owners", owners: [] };
  }
}

/**
 * A test of Owner cells against a scope, made once for thousands of rows. An empty Owner is nobody's, so
 * only a caller who sees every customer sees it.
 */
export function ownerTest(scope: CustomerScope): (customerOwner: unknown) => boolean {
  if (scope.kind === "all") return () => true;
  const owners = new Set(scope.owners);
  if (owners.size === 0) return () => false;
  return (customerOwner) => {
    const owner = foldOwner(customerOwner);
    return owner !== "" && owners.has(owner);
  };
}

/** Whether the caller may see a customer whose Owner column holds `customerOwner`. */
export function canSeeCustomer(access: Access, customerOwner: unknown): boolean {
  return ownerTest(access.scope)(customerOwner);
}

/**
 * Whether the caller may change a customer whose Owner column holds `customerOwner`: managers and owners
 * any, sales reps their own, viewers and "none" never.
 */
export function canEditCustomer(access: Access, customerOwner: unknown): boolean {
  if (can(access.role, "edit-all")) return true;
  if (!can(access.role, "edit-own")) return false;
  const user = normalEmail(access.user);
  // Their own: the Owner cell holds their e-mail or (through the scope) their display name.
  if (user === "") return false;
  const own = access.scope.kind === "owners" ? access.scope.owners : [user];
  return own.includes(foldOwner(customerOwner)) || foldOwner(customerOwner) === user;
}

/** Whether the caller sees every customer (book-wide figures, such as the segment summary, need it). */
export function seesWholeBook(access: Access): boolean {
  return access.scope.kind === "all";
}

/** A cache key for answers that depend on what the caller sees (equal scopes share answers). */
export function scopeKey(scope: CustomerScope): string {
  return scope.kind === "all" ? "all" : `owners:${[...scope.owners].sort().join(",")}`;
}
