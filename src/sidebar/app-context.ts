import type { SessionInfo } from "../shared/ui";
import { button, h, mount } from "./dom";
import { t } from "./i18n";

export type ViewName =
  | "dashboard"
  | "customers"
  | "portrait"
  | "analysis"
  | "problems"
  | "import"
  | "settings"
  | "wizard"
  | "help"
  | "campaigns"
  | "alerts";

/** What every view gets from the shell. */
export interface AppContext {
  readonly session: SessionInfo;
  navigate(view: ViewName, arg?: string): void;
  /** A short message at the bottom; with an action (e.g. Undo) it stays until used or replaced. */
  toast(message: string, action?: { label: string; run: () => void }): void;
}

/**
 * Runs one server call for a region of the sidebar: shows a loading line, then either renders the result
 * or a readable error with a Retry button. Never leaves the region blank.
 */
export function load<T>(region: Element, fetch: () => Promise<T>, render: (data: T) => void): Promise<void> {
  mount(region, h("p", { class: "loading", role: "status" }, [t("common.loading")]));
  return fetch().then(
    (data) => {
      try {
        render(data);
      } catch (e) {
        showError(region, e, () => void load(region, fetch, render));
      }
    },
    (e) => showError(region, e, () => void load(region, fetch, render)),
  );
}

export function showError(region: Element, e: unknown, retry?: () => void): void {
  const message = e instanceof Error ? e.message : String(e);
  mount(
    region,
    h("div", { class: "error", role: "alert" }, [
      h("p", {}, [t("common.error", { message })]),
      retry ? button(t("common.retry"), retry) : null,
    ]),
  );
}

/** Runs an action from a button: disables it while running, reports errors as a toast. */
export async function act<T>(
  ctx: AppContext,
  control: HTMLButtonElement | HTMLSelectElement | null,
  work: () => Promise<T>,
): Promise<T | undefined> {
  if (control) control.disabled = true;
  document.body.classList.add("busy");
  try {
    return await work();
  } catch (e) {
    ctx.toast(t("common.error", { message: e instanceof Error ? e.message : String(e) }));
    return undefined;
  } finally {
    if (control) control.disabled = false;
    document.body.classList.remove("busy");
  }
}
