import type { Checked } from "../checked";

/**
 * Who a user is to the add-on. "none" is everyone the role table does not list (and every caller whose
 * e-mail Google hides): no access to customer data until a manager grants a role. Roles are kept in
 * document properties and edited in settings by owners and managers.
 */
export type Role = "owner" | "manager" | "sales" | "viewer" | "none";

/** The roles a role table may give (an unlisted user is "none"; there is no entry for it). */
export type AssignableRole = Exclude<Role, "none">;

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
// take away the owner role (validateRoleTable). "none" holds nothing: every server function refuses it.
const GRANTS: Readonly<Record<Role, readonly Permission[]>> = {
  owner: PERMISSIONS,
  manager: PERMISSIONS,
  sales: ["view", "edit-own"],
  viewer: ["view"],
  none: [],
};

/** Whether a role holds a permission. */
export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

/** The roles a role table may assign, in the order the settings form lists them. */
export const ROLES: readonly AssignableRole[] = ["owner", "manager", "sales", "viewer"];

/** Every permission a role holds, in a stable order (for the sidebar and menu). */
export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

/** A viewer who sees only the customers whose Owner is one of `sees` (lower-case e-mails). */
export interface ScopedViewer {
  readonly role: "viewer";
  readonly sees: readonly string[];
}

/**
 * One entry of the role table as stored: a role (a bare "viewer" sees every customer, read-only, as
 * before viewers could be scoped), or a viewer limited to the customers of listed owners.
 */
export type RoleEntry = AssignableRole | ScopedViewer;

/** E-mail (lower case) → entry. Tables saved before scopes existed (`{email: role}`) are valid as they are. */
export type RoleAssignments = Readonly<Record<string, RoleEntry>>;

/**
 * Who is owner without needing an entry: the spreadsheet's owner (always), and the user who installed the
 * add-on in this document (recorded once, never overwritten; an owner may give them another role in the
 * table). "" where there is none (a shared-drive file has no owner; an install not yet recorded).
 */
export interface ImplicitOwners {
  readonly spreadsheetOwner: string;
  readonly installer: string;
}

// Linear-time by construction (no two parts can match the same characters: labels exclude the dot), and
// capped at RFC 5321's 254 characters, so a hostile 50,000-character cell costs one short scan.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;

/** Whether `s` is one plain e-mail address as role tables hold them (at most 254 characters). */
export function isRoleEmail(s: string): boolean {
  return s.length <= 254 && EMAIL_PATTERN.test(s);
}
const EMAIL = { test: isRoleEmail };

function normalEmail(value: unknown): string {
  return String(value ?? "")
    .trim()
    .toLowerCase();
}

/** The role an entry gives. */
export function entryRole(entry: RoleEntry): AssignableRole {
  return typeof entry === "string" ? entry : entry.role;
}

/**
 * The role of `user`. The spreadsheet owner is always owner; the installer is owner unless the table
 * lists them; anyone else has the role the table gives them, or "none". A "" user (Google hides the
 * e-mail of a user outside the Workspace domain) is never anyone: "none".
 */
export function roleOf(user: string, assignments: RoleAssignments, owners: ImplicitOwners): Role {
  const email = normalEmail(user);
  if (!email) return "none";
  if (email === normalEmail(owners.spreadsheetOwner)) return "owner";
  const entry = Object.prototype.hasOwnProperty.call(assignments, email) ? assignments[email] : undefined;
  if (entry !== undefined) return entryRole(entry);
  if (email === normalEmail(owners.installer)) return "owner";
  return "none";
}

/** Whether a stored value is a well-formed entry. */
function parseEntry(raw: unknown): RoleEntry | null {
  if (typeof raw === "string")
    return (ROLES as readonly string[]).includes(raw) ? (raw as AssignableRole) : null;
  if (typeof raw !== "object" || raw === null) return null;
  const o = raw as { role?: unknown; sees?: unknown };
  if (o.role !== "viewer" || !Array.isArray(o.sees)) return null;
  const sees = o.sees.map(normalEmail);
  return sees.every((e) => EMAIL.test(e)) ? { role: "viewer", sees: [...new Set(sees)].sort() } : null;
}

/**
 * The role table as stored in document properties, read fail-closed: anything that is not a well-formed
 * entry under an e-mail is dropped, so a hand-edited or corrupted table grants nothing it does not say.
 */
export function readRoleTable(stored: unknown): RoleAssignments {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {};
  const out: Record<string, RoleEntry> = {};
  for (const [rawEmail, raw] of Object.entries(stored as Record<string, unknown>)) {
    const email = normalEmail(rawEmail);
    const entry = parseEntry(raw);
    if (EMAIL.test(email) && entry && !(email in out)) out[email] = entry;
  }
  return out;
}

/** Why a role table was refused, per entry, for the settings form. */
export interface RoleProblem {
  readonly email: string;
  readonly message: string;
}

export type RoleTableResult = Checked<RoleAssignments, RoleProblem>;

/** What a client may send for one entry: a role, or `{role: "viewer", sees: "all" | [owner e-mails]}`. */
function proposedEntry(raw: unknown, was: RoleEntry | undefined): { entry: RoleEntry } | { message: string } {
  if (typeof raw === "string") {
    if (!(ROLES as readonly string[]).includes(raw)) return { message: `unknown role "${raw}"` };
    // A bare "viewer" (all the settings form can send) keeps a viewer's scope; widening it to every
    // customer takes an explicit {role: "viewer", sees: "all"}.
    if (raw === "viewer" && was !== undefined && typeof was !== "string") return { entry: was };
    return { entry: raw as AssignableRole };
  }
  const o = (typeof raw === "object" && raw !== null ? raw : {}) as { role?: unknown; sees?: unknown };
  if (o.role !== "viewer") return { message: `unknown role "${String(o.role ?? raw)}"` };
  if (o.sees === "all") return { entry: "viewer" };
  if (!Array.isArray(o.sees)) return { message: 'a viewer sees "all" or a list of owners\' e-mails' };
  const sees = o.sees.map(normalEmail);
  const bad = sees.find((e) => !EMAIL.test(e));
  if (bad !== undefined) return { message: `"${bad}" in sees is not an e-mail address` };
  return { entry: { role: "viewer", sees: [...new Set(sees)].sort() } };
}

/**
 * Checks a role table that `editorRole` wants to save over `before`. E-mails are trimmed and lower-cased;
 * invalid e-mails or roles are refused. Only an owner may grant or take away the owner role — also the
 * one the installer holds without an entry (`owners`) — else a manager could promote themselves or demote
 * an owner. The spreadsheet owner needs no entry (and keeps the owner role whatever the table says).
 */
export function validateRoleTable(
  editorRole: Role,
  before: RoleAssignments,
  proposed: Readonly<Record<string, unknown>>,
  owners: ImplicitOwners = { spreadsheetOwner: "", installer: "" },
): RoleTableResult {
  const problems: RoleProblem[] = [];
  const out: Record<string, RoleEntry> = {};
  for (const [rawEmail, raw] of Object.entries(proposed)) {
    const email = normalEmail(rawEmail);
    if (!EMAIL.test(email)) {
      problems.push({ email: rawEmail, message: "not an e-mail address" });
      continue;
    }
    if (email in out) {
      problems.push({ email, message: "listed twice" });
      continue;
    }
    const checked = proposedEntry(raw, before[email]);
    if ("message" in checked) problems.push({ email, message: checked.message });
    else out[email] = checked.entry;
  }
  if (editorRole !== "owner") {
    const emails = new Set([...Object.keys(before), ...Object.keys(out), normalEmail(owners.installer)]);
    emails.delete("");
    for (const email of emails) {
      const was = roleOf(email, before, owners);
      const now = roleOf(email, out, owners);
      if ((was === "owner" || now === "owner") && was !== now)
        problems.push({ email, message: "only an owner can grant or remove the owner role" });
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: out };
}
