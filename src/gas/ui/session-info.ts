import type { SessionInfo } from "../../shared/ui";
import { currentUser, spreadsheetTimeZone, userLang } from "../platform/locale";
import { wizardPending } from "../table/wizard";

/** What the sidebar needs to start: who the user is, the language, the zone and the file's name. */
export function sessionInfo(): SessionInfo {
  return {
    user: currentUser(),
    lang: userLang(),
    timeZone: spreadsheetTimeZone(),
    spreadsheetName: SpreadsheetApp.getActive().getName(),
    wizard: wizardPending(),
  };
}
