/**
 * The web app's contract: its two entry points (doGet, doPost), the settings server functions that manage
 * API tokens, portal links and webhooks, and the JSON the inbound API answers. The pages under
 * src/webapp import only this file (and other src/shared files).
 */

/** Apps Script's web-app entry points (https://developers.google.com/apps-script/guides/web). */
export const WEBAPP_HANDLERS = ["doGet", "doPost"] as const;

/** One integration token as settings list it: never the token itself (only its hash is stored). */
export interface ApiTokenInfo {
  readonly id: string;
  readonly name: string;
  /** The team member whose customers it reaches ("" = every customer, as a manager). */
  readonly actsFor: string;
  /** ISO instants. */
  readonly createdAt: string;
  readonly createdBy: string;
  readonly lastUsedAt: string;
  readonly revoked: boolean;
}

export interface CreatedApiToken {
  readonly info: ApiTokenInfo;
  /** Shown once: the add-on keeps only its SHA-256 hash. */
  readonly token: string;
}

export interface PortalLink {
  readonly customerId: string;
  /** The full link when the web app's address is set in settings, else "" (use `query`). */
  readonly url: string;
  /** The query to append to the web app's /exec address: "view=portal&t=…". */
  readonly query: string;
  /** ISO instant. */
  readonly expiresAt: string;
}

/** An outbound webhook: where change events are POSTed, signed with its secret. */
export interface WebhookInfo {
  readonly id: string;
  /** Masked (••••abcd): the URL may carry a secret. */
  readonly url: string;
  readonly events: readonly WebhookEventKind[];
  readonly active: boolean;
}

export type WebhookEventKind =
  "customer.created" | "customer.changed" | "customer.segment_changed" | "order.added";

export const WEBHOOK_EVENTS: readonly WebhookEventKind[] = [
  "customer.created",
  "customer.changed",
  "customer.segment_changed",
  "order.added",
];

export interface WebAppSettings {
  /** The team deployment's /exec address (portal links and unsubscribe links are built on it), or "". */
  readonly url: string;
  /** Days a new portal link is valid. */
  readonly portalDays: number;
}

/** One of today's follow-ups on the rep pages: an interaction whose next follow-up is due. */
export interface FollowUpItem {
  readonly customerId: string;
  readonly name: string;
  /** YYYY-MM-DD in the book's zone. */
  readonly due: string;
  readonly overdue: boolean;
  readonly summary: string;
}

export interface LogInteractionInput {
  readonly customerId: string;
  /** An interaction type (Enquiry, Complaint, Follow-up visit, After-sales) in either language, or "". */
  readonly type: string;
  /** A channel (Phone, Visit, WeChat, Email…) in either language, or "". */
  readonly channel: string;
  readonly summary: string;
  /** YYYY-MM-DD, or "". */
  readonly nextFollowUp: string;
}

export interface WebAppApi {
  /** The caller's follow-ups due today or earlier (their customers only), most overdue first. */
  getMyFollowUps(): readonly FollowUpItem[];
  /** Logs an interaction with a customer the caller may change (the table's rules; audited). */
  logInteraction(
    input: LogInteractionInput,
  ): { readonly ok: true } | { readonly ok: false; readonly errors: readonly ApiFieldError[] };
  listApiTokens(): readonly ApiTokenInfo[];
  /** A new token for an integration; `actsFor` "" reaches every customer, a member's e-mail only theirs. */
  createApiToken(name: string, actsFor: string): CreatedApiToken;
  revokeApiToken(id: string): readonly ApiTokenInfo[];
  /** A signed portal link for one customer the caller may change. */
  createPortalLink(customerId: string): PortalLink;
  /** Refuses every link of one customer made so far. */
  revokePortalLinks(customerId: string): { readonly revoked: string };
  /** Refuses every portal link made so far (a new signing key). */
  rotatePortalKey(): { readonly revoked: string };
  getWebAppSettings(): WebAppSettings;
  saveWebAppSettings(settings: WebAppSettings): WebAppSettings;
  listWebhooks(): readonly WebhookInfo[];
  /** A new endpoint; its signing secret is shown once. */
  addWebhook(
    url: string,
    events: readonly string[],
  ): { readonly webhook: WebhookInfo; readonly secret: string };
  removeWebhook(id: string): readonly WebhookInfo[];
}

// ---- The inbound API's answers (JSON). Apps Script always answers HTTP 200; `status` says the outcome.

export interface ApiFieldError {
  readonly row: number;
  readonly field: string;
  readonly code: string;
  readonly message: string;
}

export interface ApiRowResult {
  readonly row: number;
  readonly action: "created" | "updated" | "unchanged" | "rejected";
  readonly id: string;
}

export type ApiResponse =
  | {
      readonly ok: true;
      readonly status: 200;
      readonly idempotencyKey: string;
      /** True when this answer is the stored one of an earlier call with the same key (nothing re-applied). */
      readonly replayed: boolean;
      readonly results: readonly ApiRowResult[];
      readonly neutralised: readonly { readonly row: number; readonly field: string }[];
    }
  | {
      readonly ok: false;
      readonly status: number;
      readonly code: string;
      readonly message: string;
      readonly errors?: readonly ApiFieldError[];
    };
