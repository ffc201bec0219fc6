/**
 * The contract between the server (src/gas) and the sidebar (src/sidebar): every function the sidebar may
 * call through google.script.run, with its argument and result types. Feature files declare their part.
 */
import type { UiApi } from "./ui";

export interface ServerApi extends UiApi {}

export type ServerFunctionName = keyof ServerApi;

import { UI_FUNCTIONS } from "./ui";

/** The names of all server functions, checked against ServerApi at compile time below. */
export const SERVER_FUNCTION_NAMES = [...UI_FUNCTIONS] as const;

type Exact<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const namesMatchApi: Exact<(typeof SERVER_FUNCTION_NAMES)[number], ServerFunctionName> = true;
void namesMatchApi;

/** What a server function returns when it refuses or fails: the sidebar shows `message`. */
export interface ServerError {
  readonly code: "forbidden" | "locked" | "invalid" | "not-found" | "failed";
  readonly message: string;
}
