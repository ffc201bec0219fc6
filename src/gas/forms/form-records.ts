// What the add-on remembers about the forms it made for this document (document properties, readable
// only by the add-on's code): each form's id, its responses tab (by sheet id, so renaming the tab changes
// nothing), its links and the question titles it asked (answers arrive keyed by title), plus the key of
// the customer tokens its links carry (src/core/intake/customer-token.ts).
import type { FieldKey, FormKind } from "../../core/intake/form-spec";
import type { Lang } from "../../core/schema/types";
import { getDocumentJson, setDocumentJson } from "../platform/properties";

export const FORM_RECORDS_KEY = "intakeForms";
export const TOKEN_KEY_PROPERTY = "intakeTokenKey";

export interface FormRecord {
  readonly formId: string;
  readonly sheetId: number;
  readonly publishedUrl: string;
  readonly editUrl: string;
  readonly lang: Lang;
  /** Question title → field, as the form asked them. */
  readonly titles: Readonly<Record<string, FieldKey>>;
  readonly createdBy: string;
}

export type FormRecords = Partial<Readonly<Record<FormKind, FormRecord>>>;

export function readFormRecords(): FormRecords {
  return getDocumentJson<FormRecords>(FORM_RECORDS_KEY, {});
}

export function storeFormRecord(kind: FormKind, record: FormRecord): void {
  setDocumentJson(FORM_RECORDS_KEY, { ...readFormRecords(), [kind]: record });
}

/** The document's token key, made on first use (two random UUIDs: 244 bits). */
export function tokenKey(): string {
  const props = PropertiesService.getDocumentProperties();
  const existing = props.getProperty(TOKEN_KEY_PROPERTY);
  if (existing) return existing;
  const key = `${Utilities.getUuid()}${Utilities.getUuid()}`;
  props.setProperty(TOKEN_KEY_PROPERTY, key);
  return key;
}
