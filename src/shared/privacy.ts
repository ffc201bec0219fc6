import type { ExportFile } from "./browse";

/** A privacy export (access request) of one customer: the same content as JSON and as XLSX. */
export interface PrivacyExport {
  readonly customerId: string;
  readonly json: ExportFile;
  readonly xlsx: ExportFile;
  /**
   * Rows per section: "customer", "orders", "interactions", "feedback", "vault", "mails", "segments" (weekly
   * snapshots), "audit", "mentions" (cells of other tabs naming them).
   */
  readonly counts: Readonly<Record<string, number>>;
  /** Whether the vault's values are in it decrypted (for an owner only; others get the masks). */
  readonly decrypted: boolean;
}

/** What erasing one customer did. Names no personal data: the pseudonym and counts only. */
export interface ErasureResult {
  /** What their orders now carry instead of the CustomerID. */
  readonly pseudonym: string;
  readonly customers: number;
  readonly interactions: number;
  readonly feedback: number;
  readonly ordersPseudonymised: number;
  readonly vaultValues: number;
  readonly sendLogEntries: number;
  /** Their lines in the weekly segment snapshots. */
  readonly segmentHistory: number;
  /** Cells of other tabs (reports, the user's own tabs) that named them, emptied. */
  readonly otherCells: number;
}

/** What one run of a key rotation did. */
export interface RotationResult {
  /** The key now current. */
  readonly keyId: string;
  readonly resealed: number;
  /** Values still under an older key (the run ran out of time): run it again. */
  readonly remaining: number;
  /** Values that cannot be opened (left as they were). */
  readonly unreadable: number;
  /** Retired keys still held (older backups' vault copies may need them). */
  readonly retiredKeysKept: number;
  readonly done: boolean;
}

/** Server functions of privacy requests and key rotation, as the sidebar calls them. */
export interface PrivacyApi {
  /** Everything held about one customer (the vault decrypted for an owner); audited. Owners and managers. */
  exportCustomerData(customerId: string): PrivacyExport;
  /** Erases one customer (orders kept under a pseudonym); audited without personal data. Owners and managers. */
  eraseCustomer(customerId: string): ErasureResult;
  /** Re-encrypts the vault under a new key (owner only); run again while `remaining` > 0. */
  rotateVaultKey(): RotationResult;
}

/** Top-level handlers of this feature's menu items. */
export const PRIVACY_HANDLERS = ["menuExportCustomer", "menuEraseCustomer", "menuRotateVaultKey"] as const;
