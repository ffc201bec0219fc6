/**
 * The contract between the server (src/gas) and the sidebar (src/sidebar): every function the sidebar may
 * call through google.script.run, with its argument and result types. Each feature declares its part.
 */
import { ANALYSIS_FUNCTIONS, type AnalysisApi } from "./analysis";
import { BROWSE_FUNCTIONS, type BrowseApi } from "./browse";
import { CLASSIFY_FUNCTIONS, type ClassifyApi } from "./classify";
import { NOTIFY_FUNCTIONS, type NotifyApi } from "./notify";
import { TABLE_FUNCTIONS, type TableApi } from "./table";
import { TRUST_FUNCTIONS, type TrustApi } from "./trust";
import { UI_FUNCTIONS, type UiApi } from "./ui";

export interface ServerApi
  extends UiApi, TableApi, ClassifyApi, NotifyApi, TrustApi, AnalysisApi, BrowseApi {}

export type ServerFunctionName = keyof ServerApi;

/** The names of all server functions, checked against ServerApi at compile time below. */
export const SERVER_FUNCTION_NAMES = [
  ...UI_FUNCTIONS,
  ...TABLE_FUNCTIONS,
  ...CLASSIFY_FUNCTIONS,
  ...NOTIFY_FUNCTIONS,
  ...TRUST_FUNCTIONS,
  ...ANALYSIS_FUNCTIONS,
  ...BROWSE_FUNCTIONS,
] as const;

type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchApi: Exact<(typeof SERVER_FUNCTION_NAMES)[number], ServerFunctionName> = true;
void namesMatchApi;
