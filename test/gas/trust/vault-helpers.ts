import type { LoadedBundle } from "../../../src/local/load-bundle";

/** The vault as its log says it is now: live entries by "sheet|rowKey|column" (queued rows on top). */
export function liveVault(loaded: LoadedBundle): Map<string, unknown[]> {
  const { emulator } = loaded;
  const sheet = emulator.spreadsheet.getSheetByName("Vault");
  const rows =
    sheet && sheet.getLastRow() > 1 ? sheet.getRange(2, 1, sheet.getLastRow() - 1, 7).getValues() : [];
  const queued = [...emulator.properties.document.entries()]
    .filter(([k]) => k.startsWith("vaultQueue:"))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .flatMap(([, v]) => JSON.parse(v) as unknown[][]);
  const live = new Map<string, unknown[]>();
  for (const r of [...rows.filter((r) => r[0] !== ""), ...queued]) {
    const slot = `${r[0]}|${r[1]}|${r[2]}`;
    if (r[3] === "") live.delete(slot);
    else live.set(slot, r);
  }
  return live;
}
