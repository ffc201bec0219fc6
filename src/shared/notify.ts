/** Server functions of the notify feature, as the sidebar calls them. */
export interface NotifyApi {}

export const NOTIFY_FUNCTIONS = [] as const satisfies readonly (keyof NotifyApi)[];

/** Top-level handlers of this feature's menu items and installable triggers. */
export const NOTIFY_HANDLERS = [] as const;
