import { createEmulator, type EmulatorOptions } from "../../../../src/local/emulator";

/** An emulator whose trigger handlers record their runs; `handlers` may give a handler a body. */
export function emulated(opts: EmulatorOptions = {}, handlers: Record<string, (event: any) => void> = {}) {
  const emu = createEmulator({ now: "2026-11-23T09:00:00Z", ...opts });
  const runs: { handler: string; event: any }[] = [];
  emu.setHandlerRunner((handler, event) => {
    const body = handlers[handler];
    if (!body && !handler.startsWith("h")) return false;
    runs.push({ handler, event });
    body?.(event);
    return true;
  });
  const g = emu.globals as {
    SpreadsheetApp: GoogleAppsScript.Spreadsheet.SpreadsheetApp;
    ScriptApp: GoogleAppsScript.Script.ScriptApp;
    Session: GoogleAppsScript.Base.Session;
    PropertiesService: GoogleAppsScript.Properties.PropertiesService;
    CacheService: GoogleAppsScript.Cache.CacheService;
    MailApp: GoogleAppsScript.Mail.MailApp;
  };
  return { emu, runs, ...g };
}

export const HOUR = 3_600_000;
