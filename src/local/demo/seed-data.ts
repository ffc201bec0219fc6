/**
 * The demo's book: a realistic, deterministic mix of Chinese and English customers with two years of orders,
 * interactions and feedback, plus the small share of messy cells real sheets have (so validation has
 * something to find). Same seed, same book, on every machine.
 */
import { sheetSpec } from "../../core/schema/sheets";
import type { Lang, SheetKey } from "../../core/schema/types";
import { betaVariate, gammaVariate, mulberry32, seededRandom, type Random } from "../random";
// Regions, industries and the parts of Chinese and English person and company names the demo picks from.
import WORDS from "./seed-words.json";

export interface SeedOptions {
  readonly customers: number;
  readonly orders: number;
  /** The demo's "today" (UTC midnight); orders span the two years before it. */
  readonly asOf: Date;
  readonly lang: Lang;
  readonly seed: number;
}

export const DEFAULT_SEED: SeedOptions = {
  customers: 2000,
  orders: 20000,
  asOf: new Date(Date.UTC(2026, 10, 20)),
  lang: "en",
  seed: 20261120,
};

/** One sheet's content as getValues would return it: header row first. */
export interface SeedSheet {
  readonly key: SheetKey;
  readonly name: string;
  readonly values: unknown[][];
}

const DAY = 86_400_000;
const OWNERS = [
  "li.wei@example.com",
  "zhang.min@example.com",
  "anna.smith@example.com",
  "wang.fang@example.com",
  "",
];
const MANAGER = "manager@example.com";

/** Products with a category and the months in which they sell best (1–12): seasonality to find. */
const PRODUCTS: readonly { name: string; category: string; price: number; peak: readonly number[] }[] = [
  { name: "Smartphone X", category: "Electronics", price: 3999, peak: [9, 10, 11] },
  { name: "Phone case", category: "Accessories", price: 89, peak: [9, 10, 11] },
  { name: "Screen protector", category: "Accessories", price: 49, peak: [9, 10, 11] },
  { name: "Laptop Pro", category: "Electronics", price: 8999, peak: [6, 7, 8] },
  { name: "Laptop bag", category: "Accessories", price: 299, peak: [6, 7, 8] },
  { name: "Wireless mouse", category: "Accessories", price: 129, peak: [] },
  { name: "羽绒服", category: "Apparel", price: 899, peak: [11, 12, 1] },
  { name: "围巾", category: "Apparel", price: 159, peak: [11, 12, 1] },
  { name: "防晒霜", category: "Beauty", price: 199, peak: [5, 6, 7, 8] },
  { name: "茶叶礼盒", category: "Food", price: 368, peak: [1, 2, 9] },
  { name: "Office chair", category: "Furniture", price: 1299, peak: [3, 4] },
  { name: "Desk lamp", category: "Furniture", price: 239, peak: [] },
];
/** Items bought together with a product, and how often (the association rules to find). */
const COMPANIONS: Readonly<Record<string, readonly [string, number][]>> = {
  "Smartphone X": [
    ["Phone case", 0.7],
    ["Screen protector", 0.45],
  ],
  "Laptop Pro": [
    ["Laptop bag", 0.55],
    ["Wireless mouse", 0.4],
  ],
  羽绒服: [["围巾", 0.5]],
};
const FEEDBACK_COMMENTS: readonly [string, number][] = [
  ["服务很好，物流也很快", 5],
  ["质量不错，价格合理", 4],
  ["物流太慢了，不满意", 2],
  ["客服态度非常差", 1],
  ["产品没有问题，还会再买", 5],
  ["Great service, fast delivery", 5],
  ["The price is too high", 2],
  ["Not happy with the quality", 2],
  ["Really good support team", 5],
  ["售后处理不及时", 2],
  ["包装很精美", 4],
  ["Delivery was late again", 1],
];

function localDate(asOf: Date, daysBefore: number): Date {
  return new Date(asOf.getTime() - daysBefore * DAY);
}

function header(key: SheetKey, lang: Lang): string[] {
  return sheetSpec(key)
    .columns.filter((c) => !c.owned)
    .map((c) => c.header[lang]);
}

function row(key: SheetKey, record: Record<string, unknown>): unknown[] {
  return sheetSpec(key)
    .columns.filter((c) => !c.owned)
    .map((c) => (record[c.key] === undefined ? "" : record[c.key]));
}

function label(key: SheetKey, column: string, option: string, lang: Lang): string {
  const o = sheetSpec(key)
    .columns.find((c) => c.key === column)!
    .options!.find((x) => x.key === option)!;
  return o.label[lang];
}

function mobile(r: Random): string {
  return `1${r.pick(["3", "5", "7", "8", "9"])}${String(r.int(0, 999999999)).padStart(9, "0")}`;
}

/** An 18-digit mainland ID-card number with a valid ISO 7064 MOD 11-2 check character. */
function idCardNumber(r: Random): string {
  const birth = new Date(Date.UTC(r.int(1960, 2003), r.int(0, 11), r.int(1, 28)));
  const body =
    r.pick(["310101", "110105", "440106", "330106", "510104"]) +
    birth.toISOString().slice(0, 10).replace(/-/g, "") +
    String(r.int(1, 999)).padStart(3, "0");
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + "10X98765432"[sum % 11];
}

function customerRecord(r: Random, i: number, o: SeedOptions): Record<string, unknown> {
  const chinese = r.chance(0.65);
  const id = `C${String(i + 1).padStart(5, "0")}`;
  const contact = chinese
    ? r.pick(WORDS.zh.surnames) + r.pick(WORDS.zh.given) + (r.chance(0.5) ? r.pick(WORDS.zh.given) : "")
    : `${r.pick(WORDS.en.first)} ${r.pick(WORDS.en.last)}`;
  const name = r.chance(0.3)
    ? contact
    : chinese
      ? r.pick(WORDS.zh.companies) + r.pick(WORDS.zh.suffixes)
      : `${r.pick(WORDS.en.companies)} ${r.pick(WORDS.en.suffixes)}`;
  const status = r.weighted(["prospect", "following_up", "won", "pending", "lost"], [15, 25, 45, 8, 7]);
  const type = r.weighted(["prospect", "regular", "vip"], [20, 65, 15]);
  return {
    CustomerID: id,
    Name: name,
    ContactName: contact,
    Phone: r.chance(0.9) ? mobile(r) : `0${r.pick(["10", "21", "20", "755"])}-${r.int(2000000, 89999999)}`,
    Email: `${chinese ? `kh${i + 1}` : contact.toLowerCase().replace(/\s+/g, ".") + (i + 1)}@${r.pick(["example.com", "example.cn", "mail.example.org"])}`,
    CustomerType: label("Customers", "CustomerType", type, o.lang),
    Region: r.pick(WORDS.regions),
    Status: label("Customers", "Status", status, o.lang),
    LastInteraction: localDate(o.asOf, r.int(0, 120)),
    OpportunityAmount: r.chance(0.6) ? r.int(1, 500) * 1000 : "",
    Owner: r.pick(OWNERS),
    Industry: r.pick(WORDS.industries),
    CompanySize: r.pick(["1-10", "11-50", "51-200", "201-1000", "1000+"]),
    Gender: label("Customers", "Gender", r.pick(["male", "female"]), o.lang),
    Age: r.int(22, 65),
    Occupation: r.pick(["采购经理", "Owner", "IT Manager", "总经理", "Buyer"]),
    Title: r.pick(["经理", "总监", "Director", "Manager", "CEO"]),
    Address: chinese ? `${r.pick(WORDS.regions)}市某某路${r.int(1, 999)}号` : `${r.int(1, 300)} Main Street`,
    Source: r.pick(["展会", "官网", "Referral", "Cold call", "WeChat"]),
    CreditRating: r.pick(["A", "B", "B", "C"]),
    Tags: r.chance(0.3) ? r.pick(["重点", "key account", "渠道", "new"]) : "",
    Notes: "",
    // Typed in plain text before the add-on was installed: "Encrypt sensitive columns now" has work to do.
    IDNumber: chinese && r.chance(0.2) ? idCardNumber(r) : "",
    BankAccount: r.chance(0.1)
      ? `62${String(r.int(0, 99999999)).padStart(8, "0")}${r.int(100000, 999999)}`
      : "",
  };
}

/** The messy cells of a real sheet: a few per kind, at fixed places, so validation has work. */
function soil(customers: Record<string, unknown>[], r: Random): void {
  const at = (i: number) => customers[i % customers.length];
  at(7).Phone = "138 0013 8000";
  at(11).Email = "  Someone@Example.COM ";
  at(13).Email = "not-an-email";
  at(17).LastInteraction = "2025/3/1";
  at(19).LastInteraction = "2025年3月1日";
  at(23).OpportunityAmount = "¥50,000";
  at(29).OpportunityAmount = "1.2万";
  at(31).Phone = "12345";
  at(37).CustomerID = at(36).CustomerID;
  at(41).Name = "";
  at(43).Status = "maybe";
  at(47).Name = '=HYPERLINK("http://example.com","click")';
  at(53).Name = "<img src=x onerror=alert(1)>";
  for (let k = 0; k < 5; k++) at(r.int(60, customers.length - 1)).Phone = `+86 ${mobile(r)}`;
}

/** A purchase: who, and how many days before the demo's "today". */
interface Purchase {
  readonly customer: string;
  readonly daysBefore: number;
}

/**
 * Purchases as the BG/NBD story has customers make them: each buyer arrives on some day of the span, buys
 * at a rate of their own (Gamma, shape 0.7: a few buy most) and after each purchase leaves for good with a
 * probability of their own (Beta(0.6, 4)), so the book holds regulars, one-off buyers and customers gone
 * quiet, and the churn model has something to find. The rate scale is solved by bisection on the same
 * draws so that about `count` purchases happen; they come back shuffled, so a caller stopping early thins
 * them evenly instead of cutting off the latest days.
 */
function purchases(r: Random, buyers: readonly string[], spanDays: number, count: number): Purchase[] {
  const people = buyers.map((customer) => ({
    customer,
    arrival: r.next() * spanDays,
    rate: gammaVariate(r.next, 0.7),
    dropout: betaVariate(r.next, 0.6, 4),
    seed: Math.floor(r.next() * 2 ** 32),
  }));
  const simulate = (scale: number, out?: Purchase[]): number => {
    let n = 0;
    for (const p of people) {
      const next = mulberry32(p.seed);
      for (let t = p.arrival; t >= 0; t -= -Math.log(1 - next()) / (p.rate * scale)) {
        n++;
        out?.push({ customer: p.customer, daysBefore: Math.floor(t) });
        if (next() < p.dropout) break;
      }
    }
    return n;
  };
  let lo = 1e-6;
  let hi = 10;
  for (let k = 0; k < 40; k++) {
    const mid = Math.sqrt(lo * hi);
    if (simulate(mid) < count) lo = mid;
    else hi = mid;
  }
  const out: Purchase[] = [];
  simulate(hi, out);
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(r.next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Builds the four sheets. */
export function seedBook(o: SeedOptions = DEFAULT_SEED): SeedSheet[] {
  const r = seededRandom(o.seed);
  const customers = Array.from({ length: o.customers }, (_, i) => customerRecord(r, i, o));
  soil(customers, r);
  const spanDays = 730;
  const buyers = customers.filter((_, i) => i % 7 !== 3).map((c) => c.CustomerID as string);
  // Each purchase becomes one order of a product and its usual companions; the orders are numbered in
  // date order afterwards, as a sheet filled over two years would be.
  const placed: { daysBefore: number; lines: Record<string, unknown>[] }[] = [];
  let lineCount = 0;
  for (const { customer, daysBefore } of purchases(r, buyers, spanDays, o.orders)) {
    if (lineCount >= o.orders) break;
    const date = localDate(o.asOf, daysBefore);
    const month = date.getUTCMonth() + 1;
    const product = r.weighted(
      PRODUCTS,
      PRODUCTS.map((p) => (p.peak.includes(month) ? 4 : 1)),
    );
    const items = [
      product.name,
      ...(COMPANIONS[product.name] ?? []).filter(([, p]) => r.chance(p)).map(([n]) => n),
    ].slice(0, o.orders - lineCount);
    const paid = daysBefore > 45 || r.chance(0.7);
    const method = r.pick(["bank_transfer", "alipay", "wechat_pay", "card", "cash"]);
    const lines = items.map((item) => {
      const p = PRODUCTS.find((x) => x.name === item)!;
      const qty = r.weighted([1, 2, 3, 5], [70, 18, 8, 4]);
      const refund = r.chance(0.015);
      const amount = Math.round(p.price * qty * (0.85 + r.next() * 0.3)) * (refund ? -1 : 1);
      const status = paid ? "paid" : daysBefore > 30 ? "overdue" : "due";
      return {
        CustomerID: customer,
        OrderDate: date,
        Product: p.name,
        Category: p.category,
        Quantity: qty,
        Amount: amount,
        PaymentMethod: label("Orders", "PaymentMethod", method, o.lang),
        PaymentStatus: label("Orders", "PaymentStatus", status, o.lang),
        DueDate: localDate(o.asOf, daysBefore - 30),
      };
    });
    placed.push({ daysBefore, lines });
    lineCount += lines.length;
  }
  placed.sort((a, b) => b.daysBefore - a.daysBefore);
  const orders: unknown[][] = placed.flatMap((order, k) =>
    order.lines.map((line) => row("Orders", { OrderID: `SO${String(k + 1).padStart(6, "0")}`, ...line })),
  );
  orders.push(
    row("Orders", {
      OrderID: "SO999999",
      CustomerID: "C99999",
      OrderDate: localDate(o.asOf, 3),
      Amount: 120,
    }),
  );

  const interactions: unknown[][] = [];
  for (let k = 0; k < Math.round(o.customers * 3); k++) {
    const c = customers[r.int(0, customers.length - 1)];
    const daysBefore = r.int(0, 200);
    interactions.push(
      row("Interactions", {
        Date: localDate(o.asOf, daysBefore),
        CustomerID: c.CustomerID,
        Channel: label(
          "Interactions",
          "Channel",
          r.pick(["phone", "email", "visit", "wechat", "other"]),
          o.lang,
        ),
        Type: label(
          "Interactions",
          "Type",
          r.pick(["enquiry", "complaint", "follow_up_visit", "after_sales"]),
          o.lang,
        ),
        Summary: r.pick(["询问报价", "Discussed renewal", "投诉物流延迟", "Demo scheduled", "回访满意度"]),
        Owner: c.Owner,
        NextFollowUp: r.chance(0.3) ? localDate(o.asOf, daysBefore - r.int(3, 30)) : "",
      }),
    );
  }
  const feedback: unknown[][] = [];
  for (let k = 0; k < Math.round(o.customers * 0.75); k++) {
    const c = customers[r.int(0, customers.length - 1)];
    const [comment, rating] = r.pick(FEEDBACK_COMMENTS);
    feedback.push(
      row("Feedback", {
        Date: localDate(o.asOf, r.int(0, 365)),
        CustomerID: c.CustomerID,
        Rating: rating,
        Category: r.pick(["Delivery", "Quality", "Price", "Service", "物流", "售后"]),
        Comment: comment,
        Resolved: r.chance(0.6),
      }),
    );
  }
  const sheet = (key: SheetKey, values: unknown[][]): SeedSheet => ({
    key,
    name: sheetSpec(key).name[o.lang],
    values: [header(key, o.lang), ...values],
  });
  return [
    sheet(
      "Customers",
      customers.map((c) => row("Customers", c)),
    ),
    sheet("Orders", orders),
    sheet("Interactions", interactions),
    sheet("Feedback", feedback),
  ];
}

/** The demo's manager: receives the weekly report and reminders for customers without an owner. */
export const DEMO_MANAGER = MANAGER;

/** The demo's sales reps, the Owners of its customers: in the role table, so each gets their own digest. */
export const DEMO_REPS: readonly string[] = OWNERS.filter((o) => o !== "");
