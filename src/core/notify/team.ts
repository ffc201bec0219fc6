import { headerSafe, normalizeEmail } from "./escape";

/**
 * The people the add-on mails about customers: every address in the role table (whatever its role), the
 * spreadsheet's owner and the add-on's installer in the document. Lower-cased addresses. An Owner cell is
 * data any editor can type, so it is trusted as a recipient only when it names one of them.
 */
export type Team = ReadonlySet<string>;

/** The team from the role table's addresses and the document's owner and installer ("" ones are skipped). */
export function teamOf(roleTableEmails: Iterable<string>, others: Iterable<string>): Team {
  const team = new Set<string>();
  for (const email of [...roleTableEmails, ...others]) {
    const e = normalizeEmail(email);
    if (e) team.add(e);
  }
  return team;
}

/** Whether `email` is a team member. */
export function isMember(team: Team, email: string): boolean {
  const e = normalizeEmail(email);
  return e !== "" && team.has(e);
}

/** Who gets a customer's reminders, and the Owner cell to flag when it names someone outside the team. */
export interface ReminderRoute {
  readonly recipients: readonly string[];
  /** The Owner as written (one line, at most 100 characters) when it is not a team member's address. */
  readonly outsideOwner?: string;
}

/**
 * Routes a customer's reminders: to the Owner when the Owner is a team member; otherwise to every manager
 * (settings), with the Owner flagged when the cell names anyone at all, so an editor who types an outside
 * address into Owner makes the managers look instead of mailing customer data out.
 */
export function routeReminder(
  ownerEmail: string,
  ownerText: string,
  managers: readonly string[],
  team: Team,
): ReminderRoute {
  if (ownerEmail && isMember(team, ownerEmail)) return { recipients: [ownerEmail] };
  const written = headerSafe(ownerText, 100);
  return written ? { recipients: [...managers], outsideOwner: written } : { recipients: [...managers] };
}

/** A welcome's Reply-To and the {{Owner}} it names: the customer's Owner when a team member, else "". */
export function memberOrNone(team: Team, email: string): string {
  return isMember(team, email) ? normalizeEmail(email) : "";
}
