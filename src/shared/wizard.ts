/**
 * The set-up wizard's contract: which of the user's own tabs stand for the canonical sheets (found by
 * their header row, row 1, whatever the tabs are called), and the user's confirmation of it.
 */
import type { Localized, SheetKey } from "../core/schema/types";

export type { SheetKey };

/** A schema column found in a tab. */
export interface WizardColumnMatch {
  readonly key: string;
  readonly label: Localized;
  /** 0-based column in the tab. */
  readonly column: number;
  /** The header text in the tab's row 1. */
  readonly header: string;
}

/** A schema column a tab lacks. */
export interface WizardMissingColumn {
  readonly key: string;
  readonly label: Localized;
  readonly required: boolean;
  /** Written by the add-on (results, stamps): Set up appends it at the end of the tab. */
  readonly owned: boolean;
}

/** How one tab fits one canonical sheet. */
export interface WizardTabFit {
  readonly sheetId: number;
  readonly name: string;
  readonly score: number;
  /** Whether the tab has every required column or a clear majority of recognised headers. */
  readonly eligible: boolean;
  readonly dataRows: number;
  readonly mapping: readonly WizardColumnMatch[];
  readonly missing: readonly WizardMissingColumn[];
  /** The tab's own columns (headers no schema column names): kept as they are, or chosen in the wizard. */
  readonly custom: readonly { readonly column: number; readonly header: string }[];
}

/** What was found for one canonical sheet. */
export interface WizardTableProposal {
  readonly sheet: SheetKey;
  readonly label: Localized;
  /** The proposed tab (best fit), or null: none fits, and Set up would create the sheet. */
  readonly tab: WizardTabFit | null;
  /** The tab in use now (confirmed, else by its name), when there is one. */
  readonly currentSheetId: number | null;
  /** Every tab as fit for this sheet, eligible ones first, best first: the user may choose another. */
  readonly options: readonly WizardTabFit[];
}

export interface WizardProposal {
  /** Whether a choice was confirmed in this document before. */
  readonly confirmed: boolean;
  readonly tables: readonly WizardTableProposal[];
}

/** A column of a tab the user chose for a schema column its header does not name (the header is renamed). */
export interface WizardColumnChoice {
  /** 0-based column in the tab. */
  readonly column: number;
  readonly key: string;
}

/** The user's choice: per sheet, the sheetId of their tab, or null for none (Set up creates the sheet). */
export interface WizardChoice {
  readonly tabs: Readonly<Partial<Record<SheetKey, number | null>>>;
  readonly columns?: Readonly<Partial<Record<SheetKey, readonly WizardColumnChoice[]>>>;
}

export interface WizardConfirmed {
  /** The tab name now standing for each sheet that has one of the user's. */
  readonly tabs: Readonly<Partial<Record<SheetKey, string>>>;
  /** Header cells renamed for the columns chosen in the wizard. */
  readonly renamed: number;
}

export interface WizardApi {
  /** What was found, per canonical sheet: the proposed tab, its score, column mapping and what is missing. */
  proposeTables(): WizardProposal;
  /** Remembers which tabs stand for which sheets (managers and owners; audited). */
  confirmTables(choice: WizardChoice): WizardConfirmed;
}
