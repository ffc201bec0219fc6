/**
 * The demo's privacy requests: the spreadsheet's owner exports everything held about one customer (JSON and
 * XLSX, the encrypted ID number decrypted) and then erases them, through the same server functions the
 * sidebar's portrait calls. The export goes to out/privacy/<CustomerID>.json and .xlsx.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ErasureResult, PrivacyExport } from "../../shared/privacy";
import type { LoadedBundle } from "../load-bundle";

export interface PrivacyRun {
  readonly customerId: string;
  readonly export: PrivacyExport;
  readonly erasure: ErasureResult;
}

/**
 * The customer the demo exports and erases: the first whose ID number is sealed (so the export shows a
 * decrypted value) and who has orders (so the erasure shows them kept under a pseudonym); else the first.
 */
function chosenCustomer(bundle: LoadedBundle): string {
  const ss = bundle.emulator.spreadsheet;
  const customers = ss.getSheets().find((s) => /^(Customers|客户)$/.test(s.getName()));
  const orders = ss.getSheets().find((s) => /^(Orders|订单)$/.test(s.getName()));
  if (!customers || customers.getLastRow() < 2) throw new Error("the demo book has no customers");
  const [header, ...rows] = customers.getDataRange().getValues();
  const ordered = new Set<string>();
  if (orders && orders.getLastRow() > 1) {
    const [oh, ...lines] = orders.getDataRange().getValues();
    const at = oh.findIndex((h) => /^(CustomerID|客户编号)$/.test(String(h)));
    for (const l of lines) ordered.add(String(l[at]));
  }
  const id = header.findIndex((h) => /^(CustomerID|客户编号)$/.test(String(h)));
  const sealed = header.findIndex((h) => /^(IDNumber|身份证号)$/.test(String(h)));
  const pick = rows.find((r) => ordered.has(String(r[id])) && sealed >= 0 && /\*{8}/.test(String(r[sealed])));
  return String((pick ?? rows[0])[id]);
}

/** Exports, then erases, one customer (as the emulator's current user: the demo's owner). */
export function runPrivacyRequests(bundle: LoadedBundle): PrivacyRun {
  const customerId = chosenCustomer(bundle);
  const exported = bundle.run("exportCustomerData", customerId) as PrivacyExport;
  const erasure = bundle.run("eraseCustomer", customerId) as ErasureResult;
  return { customerId, export: exported, erasure };
}

/** Writes the export to `<out>/privacy/<CustomerID>.json` and `.xlsx`; returns the two paths. */
export function writePrivacyExport(out: string, run: PrivacyRun): readonly string[] {
  const dir = path.join(out, "privacy");
  mkdirSync(dir, { recursive: true });
  const base = path.join(dir, run.customerId.replace(/[^\p{L}\p{N}_-]+/gu, "_"));
  writeFileSync(`${base}.json`, Buffer.from(run.export.json.base64, "base64"));
  writeFileSync(`${base}.xlsx`, Buffer.from(run.export.xlsx.base64, "base64"));
  return [`${base}.json`, `${base}.xlsx`];
}
