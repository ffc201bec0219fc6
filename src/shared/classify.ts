/** Server functions of the classify feature, as the sidebar calls them. */
export interface ClassifyApi {}

export const CLASSIFY_FUNCTIONS = [] as const satisfies readonly (keyof ClassifyApi)[];

/** Top-level handlers of this feature's menu items and installable triggers. */
export const CLASSIFY_HANDLERS = [] as const;
