/**
 * Per column, whether Sheets refuses invalid input ("reject": the data-validation rule is built with
 * setAllowInvalid(false)) or takes it with a warning mark and lists it in Problems ("warn": allowInvalid
 * true). https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder#setallowinvalidallowinvalidinputs
 * Enums (dropdowns) and e-mail columns reject by default: a wrong value there is never meant. Everything
 * else warns by default: dates, amounts and phones are typed in many forms the add-on reads (2025/3/1,
 * ¥50,000, 1.2万) that Sheets' own criteria would refuse.
 */
import type { Checked } from "../../checked";
import type { ColumnSpec, Lang } from "../../schema/types";
import { SHEETS } from "../../schema/sheets";

export type Enforcement = "reject" | "warn";

/** "Customers.Email" → the team's choice; columns not named use {@link defaultEnforcement}. */
export type EnforcementSettings = Readonly<Record<string, Enforcement>>;

/** What a column does when no choice was made: reject for dropdowns and e-mail, warn otherwise. */
export function defaultEnforcement(column: ColumnSpec): Enforcement {
  return column.type === "enum" || column.type === "email" ? "reject" : "warn";
}

/** The mode of a sheet's column (`column` as the team's lists make it, see value-lists.ts). */
export function enforcementOf(
  sheetKey: string,
  column: ColumnSpec,
  settings: EnforcementSettings | undefined,
): Enforcement {
  return settings?.[`${sheetKey}.${column.key}`] ?? defaultEnforcement(column);
}

/** The columns a mode may be chosen for: every column the add-on puts a rule on and people type into. */
export const ENFORCEABLE: readonly string[] = SHEETS.flatMap((spec) =>
  spec.columns
    .filter((c) => !c.owned && c.type !== "text" && c.type !== "id")
    .map((c) => `${spec.key}.${c.key}`),
);

/**
 * Checks choices as the settings form sends them (`{"Customers.Email": "warn"}`); unknown columns or
 * modes are refused with a message in `lang`.
 */
export function validateEnforcement(
  raw: unknown,
  lang: Lang = "en",
): Checked<EnforcementSettings, { field: string; message: string }> {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw))
    return {
      ok: false,
      problems: [{ field: "", message: lang === "en" ? "Expected column → mode." : "格式应为“列 → 方式”。" }],
    };
  const out: Record<string, Enforcement> = {};
  const problems: { field: string; message: string }[] = [];
  for (const [field, mode] of Object.entries(raw as Record<string, unknown>)) {
    // Region, Industry and Source take a mode once they have a list.
    const known = ENFORCEABLE.includes(field) || /^Customers\.(Region|Industry|Source)$/.test(field);
    if (!known)
      problems.push({
        field,
        message: lang === "en" ? `${field} has no rule to enforce.` : `“${field}”没有可执行的规则。`,
      });
    else if (mode !== "reject" && mode !== "warn")
      problems.push({
        field,
        message: lang === "en" ? `${field}: choose reject or warn.` : `“${field}”：请选择“拒绝”或“提醒”。`,
      });
    else out[field] = mode;
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: out };
}
