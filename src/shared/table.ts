/** Server functions of the table feature, as the sidebar calls them. */
export interface TableApi {}

export const TABLE_FUNCTIONS = [] as const satisfies readonly (keyof TableApi)[];

/** Top-level handlers of this feature's menu items and installable triggers. */
export const TABLE_HANDLERS = [] as const;
