/**
 * Owner (负责人) cells name a team member by e-mail or by display name ("王经理"). Display names are kept
 * beside the role table (one per member, optional); wherever an e-mail is needed (reminders, which
 * customers a sales rep sees and may change) a name is mapped through them to the member's e-mail. A name
 * nobody has, or one two members share, maps to no one: validation lists it as a warning.
 */
import type { Checked } from "../checked";
import { isRoleEmail } from "./roles";

/** Team members' display names: e-mail (lower case) → the name people write in Owner cells. */
export type MemberNames = Readonly<Record<string, string>>;

/** The longest display name, in characters. */
export const MAX_NAME_LENGTH = 60;

/** How Owner cells and names are compared: width-folded (NFKC), spaces collapsed, case-folded. */
export function foldOwner(value: unknown): string {
  return String(value ?? "")
    .normalize("NFKC")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

/** Folded display name → member e-mail, built once per run. */
export interface OwnerDirectory {
  readonly byName: ReadonlyMap<string, string>;
}

/**
 * The directory of `names`. A name two members share is left out (it would send one member's reminders
 * to the other), as is a name that is itself an e-mail address.
 */
export function ownerDirectory(names: MemberNames): OwnerDirectory {
  const byName = new Map<string, string>();
  const shared = new Set<string>();
  for (const [email, name] of Object.entries(names)) {
    const n = foldOwner(name);
    if (!n || isRoleEmail(n)) continue;
    if (byName.has(n) && byName.get(n) !== email) shared.add(n);
    byName.set(n, foldOwner(email));
  }
  for (const n of shared) byName.delete(n);
  return { byName };
}

/** What an Owner cell says. */
export type OwnerCell =
  | { readonly kind: "blank" }
  | { readonly kind: "email"; readonly email: string }
  | { readonly kind: "member"; readonly email: string; readonly name: string }
  | { readonly kind: "unknown-name"; readonly name: string };

/**
 * Reads an Owner cell: an e-mail address (lower case), a member's display name (with the member's e-mail),
 * or a name nobody in the team has.
 */
export function readOwnerCell(cell: unknown, directory: OwnerDirectory): OwnerCell {
  const text = String(cell ?? "")
    .replace(/\s+/g, " ")
    .trim();
  if (!text) return { kind: "blank" };
  const folded = foldOwner(text);
  if (isRoleEmail(folded)) return { kind: "email", email: folded };
  const email = directory.byName.get(folded);
  return email ? { kind: "member", email, name: text } : { kind: "unknown-name", name: text };
}

/** The e-mail an Owner cell stands for: its own address, a member's by name, or "" for no one. */
export function ownerEmailOf(cell: unknown, directory: OwnerDirectory): string {
  const owner = readOwnerCell(cell, directory);
  return owner.kind === "email" || owner.kind === "member" ? owner.email : "";
}

/**
 * Every spelling of `emails` an Owner cell may use: the addresses and their members' display names,
 * folded as {@link foldOwner} folds cells (what a scope matches Owner cells against).
 */
export function ownerSpellings(emails: readonly string[], directory: OwnerDirectory): string[] {
  const wanted = new Set(emails.map(foldOwner));
  const out = new Set(wanted);
  for (const [name, email] of directory.byName) if (wanted.has(email)) out.add(name);
  return [...out];
}

/** Why a submitted name was refused. */
export interface NameProblem {
  readonly email: string;
  readonly message: string;
}

/**
 * Checks display names as the settings form sends them (e-mail → name; "" removes a name). E-mails are
 * lower-cased and must be addresses; a name is at most {@link MAX_NAME_LENGTH} characters, not an e-mail
 * address, and not another member's (two members of one name could not be told apart in an Owner cell).
 */
export function validateMemberNames(raw: unknown): Checked<MemberNames, NameProblem> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return { ok: false, problems: [{ email: "", message: "names must be an object of e-mail → name" }] };
  const problems: NameProblem[] = [];
  const out: Record<string, string> = {};
  const owners = new Map<string, string>();
  for (const [rawEmail, rawName] of Object.entries(raw as Record<string, unknown>)) {
    const email = foldOwner(rawEmail);
    if (!isRoleEmail(email)) {
      problems.push({ email: rawEmail, message: "not an e-mail address" });
      continue;
    }
    if (typeof rawName !== "string") {
      problems.push({ email, message: "a name must be text" });
      continue;
    }
    const name = rawName.replace(/\s+/g, " ").trim();
    if (!name) continue;
    const folded = foldOwner(name);
    if (name.length > MAX_NAME_LENGTH)
      problems.push({ email, message: `a name is at most ${MAX_NAME_LENGTH} characters` });
    else if (isRoleEmail(folded)) problems.push({ email, message: "a name cannot be an e-mail address" });
    else if (owners.has(folded) && owners.get(folded) !== email)
      problems.push({ email, message: `"${name}" is already ${owners.get(folded)}'s name` });
    else {
      owners.set(folded, email);
      out[email] = name;
    }
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: out };
}

/** Stored names read back fail-closed: entries that are not well formed are dropped. */
export function readMemberNames(stored: unknown): MemberNames {
  if (typeof stored !== "object" || stored === null || Array.isArray(stored)) return {};
  const out: Record<string, string> = {};
  for (const [email, name] of Object.entries(stored as Record<string, unknown>)) {
    const one = validateMemberNames({ [email]: name });
    if (one.ok) Object.assign(out, one.value);
  }
  return out;
}
