/** Server functions of the browse feature, as the sidebar calls them. */
export interface BrowseApi {}

export const BROWSE_FUNCTIONS = [] as const satisfies readonly (keyof BrowseApi)[];

/** Top-level handlers of this feature's menu items and installable triggers. */
export const BROWSE_HANDLERS = [] as const;
