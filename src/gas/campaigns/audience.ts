// Who a campaign reaches, read from the Customers tab in one getValues: the audience's filter runs through
// the customer browser's own query engine (src/core/browse), so a campaign to "Segment = 重要价值客户" picks
// exactly the customers the browser lists for that filter.
import type { Book } from "../../core/book";
import { buildCustomerIndex } from "../../core/browse/customer-index";
import { selectAll } from "../../core/browse/query";
import type { CampaignAudience } from "../../core/campaigns/campaign";
import type { AudienceMember } from "../../core/campaigns/plan";
import { consentedCustomers } from "../../core/notify/consent";
import { memberOrNone, type Team } from "../../core/notify/team";
import type { Lang } from "../../core/schema/types";
import { readBook } from "../book/read-book";
import { isoDateFormatter } from "../browse/customer-cache";
import { spreadsheetTimeZone } from "../platform/locale";

/** The book's customers once per run, so campaigns with different filters share one read. */
export interface CustomerRead {
  readonly book: Book;
  readonly headers: readonly unknown[];
  readonly rows: readonly (readonly unknown[])[];
  /** CustomerIDs whose MarketingConsent says yes. */
  readonly consented: ReadonlySet<string>;
}

export function readCustomers(): CustomerRead {
  const { book, customers } = readBook(["customers"], { details: false });
  const headers = customers?.headers ?? [];
  const rows = customers?.rows ?? [];
  return { book, headers, rows, consented: customers ? consentedCustomers(book, headers, rows) : new Set() };
}

/**
 * The customers `audience` selects, in sheet order, each with their address and merge fields. {{Owner}} is
 * the customer's Owner when a team member, else `sender` (never an address only the sheet vouches for).
 */
export function audienceOf(
  read: CustomerRead,
  audience: CampaignAudience,
  lang: Lang,
  team: Team,
  sender: string,
): AudienceMember[] {
  if (!read.rows.length) return [];
  const index = buildCustomerIndex(read.headers, read.rows, isoDateFormatter(spreadsheetTimeZone()));
  const picked = selectAll(index, { search: audience.search, filters: audience.filters, sort: null }, lang);
  const t = read.book.customers;
  const members: AudienceMember[] = [];
  for (const p of picked.sort((a, b) => a.row - b.row)) {
    const c = t.indexOf(p.id);
    if (c < 0 || c >= t.known) continue;
    members.push({
      id: t.ids[c],
      email: t.email[c],
      values: {
        Name: t.name[c],
        ContactName: t.contactName[c] || t.name[c],
        Owner: memberOrNone(team, t.ownerEmail[c]) || sender,
        CustomerID: t.ids[c],
        Region: t.region[c],
        Segment: t.segment[c],
      },
    });
  }
  return members;
}
