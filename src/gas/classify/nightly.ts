import { hasTrigger, removeTriggers, replaceTimeTrigger } from "../platform/triggers";

export const NIGHTLY_HANDLER = "handleNightlyClassify";
export const DEBOUNCED_HANDLER = "handleDebouncedClassify";

/** Installs the nightly trigger, replacing any earlier one (never two). */
export function installNightly(): void {
  replaceTimeTrigger(NIGHTLY_HANDLER, (b) => b.everyDays(1).atHour(2));
}

export function removeNightly(): void {
  removeTriggers(NIGHTLY_HANDLER);
}

export function nightlyInstalled(): boolean {
  return hasTrigger(NIGHTLY_HANDLER);
}
