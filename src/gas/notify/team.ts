import { accessOf, canEditCustomer, type Access } from "../../core/access/scope";
import { isEmail } from "../../core/notify/escape";
import { teamOf, type Team } from "../../core/notify/team";
import { UNKNOWN_EDITOR } from "../platform/edit-event";
import { implicitOwners, ownerDirectoryFrom, roleAssignments } from "../platform/guard";

/**
 * The team reminders may go to: everyone in the role table, the spreadsheet's owner and the add-on's
 * installer here (core/notify/team.ts).
 */
export function loadTeam(): Team {
  const owners = implicitOwners();
  return teamOf(Object.keys(roleAssignments()), [owners.spreadsheetOwner, owners.installer]);
}

/**
 * What the editor an edit event names may do, by the role table (core/access/scope.ts); null for an editor
 * Google hides. The installable trigger runs as its installer, whoever edits
 * (https://developers.google.com/apps-script/guides/triggers/installable#restrictions), so an edit by
 * someone unknown must not make the installer's mail go out.
 */
export function editorAccess(editor: string): Access | null {
  if (editor === UNKNOWN_EDITOR || !isEmail(editor)) return null;
  return accessOf(editor.trim().toLowerCase(), roleAssignments(), implicitOwners(), ownerDirectoryFrom());
}

/** Whether that editor may change a customer whose Owner cell holds `customerOwner`. */
export function editorMayEdit(access: Access | null, customerOwner: unknown): boolean {
  return access !== null && canEditCustomer(access, customerOwner);
}
