import {
  can,
  readRoleTable,
  roleOf,
  type ImplicitOwners,
  type Permission,
  type Role,
  type RoleAssignments,
} from "../../core/access/roles";
import { ownerDirectory, readMemberNames, type OwnerDirectory } from "../../core/access/owner-names";
import {
  accessOf,
  canEditCustomer,
  ownerTest,
  scopeKey,
  seesWholeBook,
  type Access,
} from "../../core/access/scope";
import { currentUser } from "./locale";
import { withDocumentLock } from "./lock";

/** Raised when the caller's role lacks a permission; nothing was read or changed. */
export class ForbiddenError extends Error {
  constructor(
    readonly role: Role,
    readonly permission: Permission,
    message = role === "none"
      ? `You have no role in this Sheet CRM yet, so it does not allow this (${permission}); ask the spreadsheet's owner or a manager to add you.`
      : `Your role (${role}) does not allow this (${permission}).`,
  ) {
    super(message);
    this.name = "ForbiddenError";
  }
}

/** Document property holding the role table: `{email: role}`, or a scoped viewer `{role, sees}`. */
export const ROLES_PROPERTY = "roles";
/**
 * Document property holding the e-mail of the user who installed the add-on in this document (or first ran
 * Set up in it): an owner without an entry. Written once, never overwritten.
 */
export const INSTALLER_PROPERTY = "installer";
/**
 * Document property holding team members' display names (`{email: "王经理"}`), so an Owner cell may name a
 * member by name (core/access/owner-names.ts). Edited with the role table in settings.
 */
export const MEMBER_NAMES_PROPERTY = "memberNames";

/** The members' display names as a lookup (from properties already read, or read now). */
export function ownerDirectoryFrom(properties?: Readonly<Record<string, string>>): OwnerDirectory {
  const raw =
    properties !== undefined
      ? properties[MEMBER_NAMES_PROPERTY]
      : PropertiesService.getDocumentProperties().getProperty(MEMBER_NAMES_PROPERTY);
  return ownerDirectory(readMemberNames(parseJson(raw)));
}

export function spreadsheetOwner(): string {
  const owner = SpreadsheetApp.getActive().getOwner();
  return owner ? owner.getEmail() : "";
}

function parseJson(raw: string | null | undefined): unknown {
  if (raw === null || raw === undefined || raw === "") return {};
  try {
    return JSON.parse(raw);
  } catch {
    return {};
  }
}

/** The role table, read fail-closed (malformed entries grant nothing). */
export function roleAssignments(): RoleAssignments {
  return readRoleTable(parseJson(PropertiesService.getDocumentProperties().getProperty(ROLES_PROPERTY)));
}

/** The recorded installer's e-mail, or "" before any install or Set up recorded one. */
export function installer(): string {
  return PropertiesService.getDocumentProperties().getProperty(INSTALLER_PROPERTY) ?? "";
}

/** Who is owner without a role-table entry (core/access/roles.ts ImplicitOwners). */
export function implicitOwners(): ImplicitOwners {
  return { spreadsheetOwner: spreadsheetOwner(), installer: installer() };
}

/**
 * Records the user running this (the effective user: who installs, or who runs Set up) as the add-on's
 * installer in this document — only when nobody is recorded yet and no role table exists, so a later
 * Set up by someone else, or the first run of an older install that already has roles, never takes the
 * owner role. Under the document lock, so two first runs cannot both win. Returns whether it recorded.
 * The effective user is the one whose authority the add-on runs with; in an install or a menu run that is
 * the user at the keyboard (https://developers.google.com/apps-script/reference/base/session#getEffectiveUser()).
 */
export function claimInstaller(): boolean {
  const email = (Session.getEffectiveUser().getEmail() || "").trim().toLowerCase();
  if (!email) return false;
  const props = PropertiesService.getDocumentProperties();
  if (props.getProperty(INSTALLER_PROPERTY) || props.getProperty(ROLES_PROPERTY) !== null) return false;
  return withDocumentLock(() => {
    if (props.getProperty(INSTALLER_PROPERTY) || props.getProperty(ROLES_PROPERTY) !== null) return false;
    props.setProperty(INSTALLER_PROPERTY, email);
    return true;
  });
}

/** The calling user's role (the role table and the installer in one getProperties: one call, ~30 ms). */
export function currentRole(): Role {
  return callerAccess().role;
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

/**
 * Who is asking, resolved once: filter thousands of rows without re-reading the role each time. Every
 * data path asks this (or customer-cache's callerVisibility, built from it) which customers to show.
 */
export interface CallerAccess extends Access {
  /** Whether the caller may see a customer with this Owner value (core/access/scope.ts). */
  sees(customerOwner: unknown): boolean;
  /** Whether the caller may change a customer with this Owner value (viewers and "none": never). */
  edits(customerOwner: unknown): boolean;
  /** Whether the caller sees every customer (book-wide figures need it). */
  readonly wholeBook: boolean;
  /** Equal for callers who see the same customers: part of every cached answer's key. */
  readonly scopeKey: string;
}

function callerAccessOf(
  user: string,
  assignments: RoleAssignments,
  owners: ImplicitOwners,
  directory?: OwnerDirectory,
): CallerAccess {
  const access = accessOf(user, assignments, owners, directory);
  return {
    ...access,
    sees: ownerTest(access.scope),
    edits: (owner) => canEditCustomer(access, owner),
    wholeBook: seesWholeBook(access),
    scopeKey: scopeKey(access.scope),
  };
}

export function callerAccess(): CallerAccess {
  return callerAccessFrom(PropertiesService.getDocumentProperties().getProperties());
}

/**
 * The caller's access from document properties already read in this execution (one getProperties instead
 * of two reads): the same rule as callerAccess.
 */
export function callerAccessFrom(properties: Readonly<Record<string, string>>): CallerAccess {
  return callerAccessOf(
    currentUser(),
    readRoleTable(parseJson(properties[ROLES_PROPERTY])),
    { spreadsheetOwner: spreadsheetOwner(), installer: properties[INSTALLER_PROPERTY] ?? "" },
    ownerDirectoryFrom(properties),
  );
}

/** Whether the caller may see a customer whose Owner column holds `ownerEmail`. */
export function visibleToCaller(ownerEmail: unknown): boolean {
  return callerAccess().sees(ownerEmail);
}

/**
 * For answers that cover every customer (book-wide revenue, the segment summary): refuses a caller who
 * sees only some customers (sales reps, scoped viewers), with nothing read; returns the access otherwise.
 */
export function requireWholeBook(what: string): CallerAccess {
  const access = callerAccess();
  if (!access.wholeBook)
    throw new ForbiddenError(
      access.role,
      "view",
      `${what} covers every customer; your role (${access.role}) sees only some of them, so it does not allow this.`,
    );
  return access;
}
