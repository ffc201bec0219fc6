import { onCustomerEdit, onValidatedEdit } from "./table/on-edit";
import { onOrdersEdit } from "./classify/on-edit";
import { onWelcomeEdit } from "./notify/on-edit";
import { onAuditedEdit } from "./trust/on-edit";
import { noteSheetEdited } from "./browse/book-version";

type EditEvent = GoogleAppsScript.Events.SheetsOnEdit;

/**
 * Simple onEdit trigger. It runs in AuthMode.LIMITED for every edit, so it does nothing that needs
 * authorisation; the add-on's edit work runs in the installable handler, so it is never done twice.
 */
export function onEdit(_e?: EditEvent): void {}

/**
 * The installable edit trigger (installed by set-up): audit first, so even a failing stamp is logged,
 * then IDs and stamps, then notes on cells that break their column's rules, then the mark for the dispatcher's re-classification, then welcome mails. It runs
 * as the user who installed it, whoever edits
 * (https://developers.google.com/apps-script/guides/triggers/installable#restrictions): the editor is
 * taken from the event (platform/edit-event.ts), never from the effective user.
 */
export function handleEdit(e: EditEvent): void {
  onAuditedEdit(e);
  onCustomerEdit(e);
  onValidatedEdit(e);
  onOrdersEdit(e);
  onWelcomeEdit(e);
  noteSheetEdited(e);
}
