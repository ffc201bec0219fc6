/** Server functions of the analysis feature, as the sidebar calls them. */
export interface AnalysisApi {}

export const ANALYSIS_FUNCTIONS = [] as const satisfies readonly (keyof AnalysisApi)[];

/** Top-level handlers of this feature's menu items and installable triggers. */
export const ANALYSIS_HANDLERS = [] as const;
