/** The user's language. Every label the add-on shows exists in both. */
export type Lang = "en" | "zh-CN";

/** A string in both supported languages. */
export interface Localized {
  readonly en: string;
  readonly "zh-CN": string;
}

/** What a cell of a column holds; drives parsing, validation, formats and data-validation rules. */
export type ColumnType =
  | "id"
  | "text"
  | "enum"
  | "email"
  /** A team member by e-mail or display name (负责人 = 王经理 or wang@x.com): core/access/owner-names.ts. */
  | "owner"
  | "phone"
  | "date"
  | "datetime"
  | "integer"
  | "number"
  | "currency"
  | "percent"
  | "boolean";

/** Groups of columns, each shown in its own header colour (as the seed articles group a customer profile). */
export type ColumnCategory = "basic" | "contact" | "purchase" | "service" | "feedback" | "value" | "system";

/** One allowed value of an enum column: a stable key, its label in both languages, and other spellings. */
export interface EnumOption {
  readonly key: string;
  readonly label: Localized;
  readonly aliases?: readonly string[];
}

/** One column of a canonical sheet. */
export interface ColumnSpec {
  /** Stable English key, used in code and settings (e.g. "CustomerID"). */
  readonly key: string;
  readonly header: Localized;
  /** Further header spellings that map to this column (matched after normalisation). */
  readonly aliases: readonly string[];
  readonly type: ColumnType;
  readonly required: boolean;
  readonly unique: boolean;
  readonly options?: readonly EnumOption[];
  readonly category: ColumnCategory;
  /** Written by the add-on only (computed results, stamps); protected in the sheet. */
  readonly owned: boolean;
  /** Stored encrypted and shown masked. */
  readonly sensitive?: boolean;
  /** Inclusive numeric bounds, for integer/number/currency/percent columns. */
  readonly min?: number;
  readonly max?: number;
  /** Column width in pixels for set-up. */
  readonly width?: number;
}

export type SheetKey = "Customers" | "Orders" | "Interactions" | "Feedback";

/** A canonical sheet: its names and its columns in their canonical order. */
export interface SheetSpec {
  readonly key: SheetKey;
  readonly name: Localized;
  readonly aliases: readonly string[];
  readonly columns: readonly ColumnSpec[];
  /** Key of the column holding the row's unique ID, if the sheet has one. */
  readonly idColumn?: string;
}
