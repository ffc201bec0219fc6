/** Server functions of the trust feature, as the sidebar calls them. */
export interface TrustApi {}

export const TRUST_FUNCTIONS = [] as const satisfies readonly (keyof TrustApi)[];

/** Top-level handlers of this feature's menu items and installable triggers. */
export const TRUST_HANDLERS = [] as const;
