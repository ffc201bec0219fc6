import { loadBundle, type LoadedBundle } from "../../../src/local/load-bundle";

/** The Customers sheet of the browse tests: zh and en headers mixed, a custom column, a hostile name. */
export const CUSTOMER_HEADERS = [
  "CustomerID",
  "客户名称",
  "ContactName",
  "Phone",
  "Email",
  "CustomerType",
  "Region",
  "Status",
  "LastInteraction",
  "Owner",
  "Tags",
  "Monetary",
  "Segment",
  "ABC",
  "Lifecycle",
  "ChurnRisk",
  "Why",
  "UpdatedAt",
  "身份证号",
  "My column",
];

export const XSS_NAME = "<img src=x onerror=alert(1)>";
const STATUSES = ["Prospect", "跟进中", "Won", "Pending", "已流失"];
const SEGMENTS = ["Champions", "Loyal Customers", "At Risk", "Lost", "New Customers"];
const REGIONS = ["Beijing", "上海", "Shenzhen"];
const OWNERS = ["rep@example.com", "boss@example.com"];

/** `count` customers (≥ 5): C001 is the XSS name, C002 and C003 Chinese, the rest English. */
export function customerRows(count: number): unknown[][] {
  const rows: unknown[][] = [CUSTOMER_HEADERS];
  for (let i = 1; i <= count; i++) {
    const id = `C${String(i).padStart(3, "0")}`;
    const name =
      i === 1
        ? XSS_NAME
        : i === 2
          ? "北京星辰科技有限公司"
          : i === 3
            ? "上海明月贸易"
            : i === 5
              ? "@SUM(1,2) Ltd"
              : `Company ${String(i).padStart(3, "0")}`;
    rows.push([
      id,
      name,
      i % 2 ? `Contact ${i}` : `联系人${i}`,
      `+86 138 0000 ${String(1000 + i)}`,
      `c${i}@example.com`,
      i % 3 === 0 ? "VIP" : "Regular",
      REGIONS[i % REGIONS.length],
      STATUSES[i % STATUSES.length],
      new Date(Date.UTC(2026, 9, 1 + (i % 28))),
      OWNERS[i % 2],
      i % 4 === 0 ? "key, east" : "",
      i * 37.5,
      SEGMENTS[i % SEGMENTS.length],
      ["A", "B", "C"][i % 3],
      i % 2 ? "Active" : "Dormant",
      i % 5 === 3 ? "High" : "Low",
      `R${i % 5} F${i % 4}`,
      "",
      i === 2 ? "110101199003071234" : "",
      i === 2 ? '=HYPERLINK("http://evil")' : `note ${i}`,
    ]);
  }
  return rows;
}

/** A loaded bundle whose spreadsheet holds Customers, Orders, Interactions and Feedback for `count` customers. */
export function seededBundle(count = 60, options: { user?: string; locale?: string } = {}): LoadedBundle {
  const bundle = loadBundle({
    dist: process.env.SHEET_CRM_DIST,
    owner: "boss@example.com",
    user: options.user ?? "boss@example.com",
    locale: options.locale ?? "en",
  });
  const e = bundle.emulator;
  e.sheetFromValues("Customers", customerRows(count));
  e.sheetFromValues("Orders", [
    ["OrderID", "CustomerID", "OrderDate", "Product", "Amount", "PaymentStatus"],
    ["O1", "C002", new Date(Date.UTC(2026, 9, 5)), "Laptop Pro", 8999, "Paid"],
    ["O2", "C002", new Date(Date.UTC(2026, 10, 2)), "Phone case", 89, "逾期"],
    ["O3", "C004", new Date(Date.UTC(2026, 4, 2)), "Desk lamp", 239, "Paid"],
  ]);
  e.sheetFromValues("Interactions", [
    ["Date", "CustomerID", "Channel", "Type", "Summary", "Owner", "NextFollowUp"],
    [
      new Date(Date.UTC(2026, 10, 1)),
      "C002",
      "电话",
      "咨询",
      "<b>问价格</b>",
      "rep@example.com",
      new Date(Date.UTC(2026, 11, 1)),
    ],
  ]);
  e.sheetFromValues("Feedback", [
    ["Date", "CustomerID", "Rating", "Category", "Comment", "Resolved"],
    [new Date(Date.UTC(2026, 10, 3)), "C002", 5, "服务", "很好", true],
  ]);
  return bundle;
}
