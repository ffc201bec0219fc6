import type { Lang } from "../core/schema/types";

/** What the sidebar needs to start: who the user is and in which language to speak. */
export interface SessionInfo {
  readonly user: string;
  readonly lang: Lang;
  readonly timeZone: string;
  readonly spreadsheetName: string;
  /** The book was never set up here (no tabs confirmed, no Customers tab): the sidebar opens on the wizard. */
  readonly wizard?: boolean;
}

export interface UiApi {
  getSessionInfo(): SessionInfo;
}
