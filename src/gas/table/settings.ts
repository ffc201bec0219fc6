import {
  ownerDirectory,
  readMemberNames,
  validateMemberNames,
  type MemberNames,
  type OwnerDirectory,
} from "../../core/access/owner-names";
import { readRoleTable } from "../../core/access/roles";
import type { Checked } from "../../core/checked";
import { COLUMN_TYPES } from "../../core/schema/column-types";
import { SHEETS } from "../../core/schema/sheets";
import type { ColumnType, Lang, SheetKey } from "../../core/schema/types";
import {
  defaultEnforcement,
  ENFORCEABLE,
  enforcementOf,
  validateEnforcement,
  type EnforcementSettings,
} from "../../core/table/validate/enforcement";
import {
  applyValueLists,
  builtInList,
  LIST_COLUMNS,
  readValueLists,
  validateValueLists,
  type ValueLists,
} from "../../core/table/validate/value-lists";
import type { SettingsSaveResult, TableSettingsView } from "../../shared/table-settings";
import {
  implicitOwners,
  INSTALLER_PROPERTY,
  MEMBER_NAMES_PROPERTY,
  requirePermission,
  roleAssignments,
  ROLES_PROPERTY,
  spreadsheetOwner,
} from "../platform/guard";
import { runJob } from "../platform/job";
import { userLang } from "../platform/locale";
import { getDocumentJson, setDocumentJson } from "../platform/properties";
import { runResumable } from "../platform/resumable";
import { planFormats, setupFormatsJob } from "./setup-formats-job";

const KEY = "tableCustomColumns";

type Stored = Partial<Record<SheetKey, Record<string, ColumnType>>>;

/** Types the user declared for their own columns of a sheet, by header text. */
export function customColumnTypes(sheet: SheetKey): Readonly<Record<string, ColumnType>> {
  return getDocumentJson<Stored>(KEY, {})[sheet] ?? {};
}

export function getCustomColumnTypes(sheet: SheetKey): Readonly<Record<string, ColumnType>> {
  requirePermission("view");
  return customColumnTypes(sheet);
}

/** Declares (replaces) the types of a sheet's own columns; "text" or unknown types are not stored. */
export function setCustomColumnTypes(sheet: SheetKey, types: Readonly<Record<string, ColumnType>>): void {
  requirePermission("manage-settings");
  const clean: Record<string, ColumnType> = {};
  for (const [header, type] of Object.entries(types)) {
    if (!COLUMN_TYPES.includes(type))
      throw new Error(`Unknown column type "${type}" for column "${header}".`);
    if (type !== "text" && header.trim()) clean[header.trim()] = type;
  }
  setDocumentJson(KEY, { ...getDocumentJson<Stored>(KEY, {}), [sheet]: clean });
}

// --- The team's dropdown lists, reject-or-warn per column, and members' display names (settings forms).

/** Document property of the team's dropdown lists (core/table/validate/value-lists.ts). */
const LISTS_KEY = "valueLists";
/** Document property of the per-column reject/warn choices (core/table/validate/enforcement.ts). */
const ENFORCEMENT_KEY = "columnEnforcement";

/** The team's lists as stored, read fail-closed (a broken list falls back to the built-in options). */
export function valueLists(): ValueLists {
  return readValueLists(getDocumentJson<unknown>(LISTS_KEY, {}));
}

/** The per-column reject/warn choices as stored (unknown entries dropped). */
export function columnEnforcement(): EnforcementSettings {
  const checked = validateEnforcement(getDocumentJson<unknown>(ENFORCEMENT_KEY, {}));
  return checked.ok ? checked.value : {};
}

/** The members' display names (document property shared with the access rule: platform/guard.ts). */
export function memberNames(): MemberNames {
  return readMemberNames(getDocumentJson<unknown>(MEMBER_NAMES_PROPERTY, {}));
}

/** What the sheet's rules and validation depend on in settings, read with one getProperties call. */
export interface TeamTableSettings {
  readonly lists: ValueLists;
  readonly enforcement: EnforcementSettings;
  readonly owners: OwnerDirectory;
  /**
   * What an Owner dropdown offers: every member's display name, then every team address (the role table
   * and the implicit owners). Empty when no member has a name: then Owner keeps no dropdown.
   */
  readonly ownerChoices: readonly string[];
}

function parsed(raw: string | undefined): unknown {
  try {
    return raw ? JSON.parse(raw) : {};
  } catch {
    return {};
  }
}

export function teamTableSettings(): TeamTableSettings {
  const props = PropertiesService.getDocumentProperties().getProperties();
  const checked = validateEnforcement(parsed(props[ENFORCEMENT_KEY]));
  const names = readMemberNames(parsed(props[MEMBER_NAMES_PROPERTY]));
  const choices = (): string[] => {
    const shown = Object.values(names);
    if (shown.length === 0) return [];
    const emails = [
      ...Object.keys(readRoleTable(parsed(props[ROLES_PROPERTY]))),
      props[INSTALLER_PROPERTY] ?? "",
      spreadsheetOwner(),
    ]
      .map((e) => e.trim().toLowerCase())
      .filter((e) => e !== "");
    return [...new Set([...shown.sort(), ...emails.sort()])];
  };
  return {
    lists: readValueLists(parsed(props[LISTS_KEY])),
    enforcement: checked.ok ? checked.value : {},
    owners: ownerDirectory(names),
    ownerChoices: choices(),
  };
}

/** The team as the Team card lists it: the implicit owners first (when the table does not list them). */
function members(roles: ReturnType<typeof roleAssignments>): [string, string][] {
  const owners = implicitOwners();
  const out = new Map<string, string>();
  for (const email of [owners.spreadsheetOwner, owners.installer].map((e) => e.trim().toLowerCase()))
    if (email && !(email in roles)) out.set(email, "owner");
  for (const [email, entry] of Object.entries(roles))
    out.set(email, typeof entry === "string" ? entry : entry.role);
  return [...out];
}

const sheetName = (key: SheetKey, lang: Lang) => SHEETS.find((s) => s.key === key)!.name[lang];

/** The settings form's view of the table settings, labels in the user's language. */
export function tableSettingsView(): TableSettingsView {
  const lang = userLang();
  const lists = valueLists();
  const modes = columnEnforcement();
  const names = memberNames();
  const roles = roleAssignments();
  return {
    lists: LIST_COLUMNS.map((l) => ({
      id: l.id,
      label: l.column.header[lang],
      sheet: sheetName(l.sheet, lang),
      values: lists[l.id] ?? builtInList(l.column, lang),
      custom: lists[l.id] !== undefined,
      meanings: (l.column.options ?? []).map((o) => ({ key: o.key, label: o.label[lang] })),
    })),
    enforcement: SHEETS.flatMap((spec) =>
      applyValueLists(spec, lists)
        .columns.filter((c) => ENFORCEABLE.includes(`${spec.key}.${c.key}`) || c.type === "enum")
        .filter((c) => !c.owned && c.type !== "text" && c.type !== "id")
        .map((c) => ({
          id: `${spec.key}.${c.key}`,
          label: c.header[lang],
          sheet: spec.name[lang],
          mode: enforcementOf(spec.key, c, modes),
          defaultMode: defaultEnforcement(c),
        })),
    ),
    members: members(roles).map(([email, role]) => ({ email, role, name: names[email] ?? "" })),
  };
}

export function getTableSettings(): TableSettingsView {
  requirePermission("manage-settings");
  return tableSettingsView();
}

/** Re-applies the add-on's data validation where a saved list or mode changed it (Set up's own job). */
function refreshRules(): void {
  if (planFormats(userLang(), false).length > 0) runResumable(setupFormatsJob);
}

/**
 * A checked record stored under the document property `key` (or every problem answered), as one audited
 * job; once stored, the add-on's data validation is re-applied where the record changed it.
 */
function saveChecked<T extends object>(
  job: string,
  permission: "manage-settings" | "manage-roles",
  checked: Checked<T, { readonly field?: string; readonly email?: string; readonly message: string }>,
  key: string,
): SettingsSaveResult {
  const result = runJob<SettingsSaveResult>(job, permission, () => {
    if (!checked.ok) {
      const problems = checked.problems.map((p) => ({ field: p.field ?? p.email ?? "", message: p.message }));
      return { result: { ok: false, problems }, outcome: { rowsAffected: 0, detail: "refused: invalid" } };
    }
    setDocumentJson(key, checked.value);
    const detail = `${Object.keys(checked.value).length} saved`;
    return { result: { ok: true }, outcome: { rowsAffected: 0, detail } };
  });
  if (result.ok) refreshRules();
  return result;
}

/** Saves the team's lists (a column left out goes back to the built-in options) and re-applies dropdowns. */
export function saveValueLists(raw: unknown): SettingsSaveResult {
  requirePermission("manage-settings");
  return saveChecked("save-value-lists", "manage-settings", validateValueLists(raw, userLang()), LISTS_KEY);
}

/** Saves the per-column reject/warn choices and re-applies the rules whose mode changed. */
export function saveColumnEnforcement(raw: unknown): SettingsSaveResult {
  requirePermission("manage-settings");
  const checked = validateEnforcement(raw, userLang());
  return saveChecked("save-column-enforcement", "manage-settings", checked, ENFORCEMENT_KEY);
}

/** Saves the members' display names (only members of the role table may have one). */
export function saveMemberNames(raw: unknown): SettingsSaveResult {
  requirePermission("manage-roles");
  const checked = validateMemberNames(raw);
  const roles = roleAssignments();
  const owners = implicitOwners();
  const team = new Set(
    [...Object.keys(roles), owners.spreadsheetOwner, owners.installer].map((e) => e.trim().toLowerCase()),
  );
  const strangers = checked.ok ? Object.keys(checked.value).filter((e) => !team.has(e)) : [];
  return saveChecked(
    "save-member-names",
    "manage-roles",
    strangers.length
      ? {
          ok: false,
          problems: strangers.map((email) => ({
            email,
            message:
              userLang() === "en"
                ? "not a member of the team (add a role first)"
                : "不是团队成员（请先添加角色）",
          })),
        }
      : checked,
    MEMBER_NAMES_PROPERTY,
  );
}
