/**
 * How `npm run analyze` reads an orders file whose headers name no Orders column: by what they say
 * ("InvoiceDate" as OrderDate, "Description" as Product, "dollar_value" as Amount), and, when the file has
 * a unit price but no amount, an Amount column computed per line as Quantity × price. Every guess is said
 * in a note so a user can rename the column to be sure.
 */
import { amountOfCell } from "../core/book/cells";
import { mapHeaders } from "../core/schema/headers";
import { ORDERS } from "../core/schema/sheets";
import type { Lang } from "../core/schema/types";

/** A price per unit: never an amount by itself ("UnitPrice", "Sales Price", 单价). */
const PRICE = /price|unit.?(value|cost)|单价|售价|价格/i;
/** Words that make a price column a line's total after all ("TotalPrice", "Line Price Amount"). */
const LINE_TOTAL = /total|amount|line|extended|金额|总价|总额|小计/i;
const AMOUNT = /amount|revenue|sales|value|total|spend|金额|销售额|收入|总价|总额/i;
const CUSTOMER = /customer|client|member|buyer|客户|会员|顾客|买家/i;

/** One Orders column to guess: patterns in order of preference, and words that rule a header out. */
interface Guess {
  readonly key: string;
  readonly prefer: readonly RegExp[];
  readonly not?: RegExp;
}

/** In this order: IDs and the date first, so "InvoiceNumber" is an OrderID before "number" reads as a count. */
const GUESSES: readonly Guess[] = [
  {
    key: "CustomerID",
    prefer: [/(customer|client|member|buyer|客户|会员|顾客|买家).*(id|no|num|code|编号|号)/i, CUSTOMER],
    not: /segment|type|level|group|phone|mail|address|类型|等级|分组|电话|邮箱|地址/i,
  },
  {
    key: "OrderID",
    prefer: [
      /(order|invoice|transaction|receipt|txn).?(id|no|num|code)|订单号|订单编号|单号/i,
      /order|invoice|订单/i,
    ],
    not: /date|time|amount|status|method|qty|quantity|count|price|日期|时间|金额|状态|方式|数量|价/i,
  },
  {
    key: "OrderDate",
    prefer: [
      /(order|purchase|invoice|transaction|sale|txn|buy|pay).?(date|time|day)|下单|购买|交易|支付|付款/i,
      /date|time|日期|时间/i,
    ],
    not: /due|birth|regist|sign.?up|method|status|channel|到期|生日|注册|方式|状态|渠道/i,
  },
  {
    key: "Quantity",
    prefer: [/qty|quantity|number|count|units|数量|件数/i],
    not: /order|invoice|customer|phone|订单|客户|电话/i,
  },
  { key: "Amount", prefer: [AMOUNT] },
  {
    key: "Product",
    // A description names the product as people know it; a stock code is the fallback.
    prefer: [
      /description|desc\b|(product|item|goods).?name|^name$|title|品名|商品名|产品名|名称|描述/i,
      /product|item|sku|stock.?code|article|goods|商品|产品|货品/i,
    ],
    not: /customer|client|member|categor|count|qty|客户|会员|类别|品类|数量/i,
  },
  { key: "Category", prefer: [/categor|类别|品类|分类/i] },
];

const isPriceOnly = (h: string) => PRICE.test(h) && !LINE_TOTAL.test(h);

const blank = (v: unknown) => String(v ?? "").trim() === "";

/**
 * A line's amount: quantity × price (the sign kept: a negative quantity, a cancellation, is a refund),
 * blank when either is blank, and the two cells as text when either is no number, so the analysis
 * reports the line as it reports any unreadable amount.
 */
function lineAmount(quantity: unknown, price: unknown): unknown {
  if (blank(quantity) || blank(price)) return "";
  // Read as the book reads amounts (currency marks, thousands separators, 万, full-width digits).
  const q = amountOfCell(quantity);
  const p = amountOfCell(price);
  if (Number.isNaN(q) || Number.isNaN(p)) return `${String(quantity).trim()} × ${String(price).trim()}`;
  return Number((q * p).toPrecision(12));
}

/**
 * The orders' rows (header first) with each unrecognised header that reads as an Orders column renamed
 * to that column's header in `book`, never taking a column the header already maps; and, when no column
 * is an amount but one is a price and one a quantity, an Amount column appended, Quantity × price per
 * line. Notes are in `say`.
 */
export function guessOrderHeaders(
  rows: readonly (readonly unknown[])[],
  book: Lang,
  say: Lang,
): { rows: unknown[][]; notes: string[] } {
  const original = (rows[0] ?? []).map((h) => String(h ?? ""));
  const map = mapHeaders(ORDERS, original);
  const taken = new Set(map.index.values());
  const found = new Map(map.index);
  const header: unknown[] = [...(rows[0] ?? [])];
  const notes: string[] = [];
  const zh = say === "zh-CN";
  const headerOf = (key: string) => ORDERS.columns.find((c) => c.key === key)!.header[book];
  for (const guess of GUESSES) {
    if (found.has(guess.key)) continue;
    const free = (h: string, i: number) =>
      !taken.has(i) &&
      h.trim() !== "" &&
      !guess.not?.test(h) &&
      !(guess.key === "Amount" && isPriceOnly(h)) &&
      !(guess.key !== "CustomerID" && guess.key !== "Product" && CUSTOMER.test(h));
    let at = -1;
    for (const pattern of guess.prefer) {
      at = original.findIndex((h, i) => free(h, i) && pattern.test(h));
      if (at >= 0) break;
    }
    if (at < 0) continue;
    notes.push(
      zh
        ? `列 "${original[at]}" 读作 ${headerOf(guess.key)}`
        : `column "${original[at]}" read as ${headerOf(guess.key)}`,
    );
    header[at] = headerOf(guess.key);
    taken.add(at);
    found.set(guess.key, at);
  }
  const quantityAt = found.get("Quantity");
  const priceAt = original.findIndex((h, i) => !taken.has(i) && isPriceOnly(h));
  if (found.has("Amount") || quantityAt === undefined || priceAt < 0) {
    return { rows: [header, ...rows.slice(1).map((r) => [...r])], notes };
  }
  const formula = `${headerOf("Amount")} = ${original[quantityAt]} × ${original[priceAt]}`;
  notes.push(
    zh
      ? `文件中没有金额列：按行计算 ${formula}（数量为负的行记为退款）`
      : `no amount column: ${formula} on each line (a negative quantity is a refund)`,
  );
  const width = header.length;
  return {
    rows: [
      [...header, headerOf("Amount")],
      ...rows.slice(1).map((r) => {
        const padded = r.length >= width ? [...r] : [...r, ...Array(width - r.length).fill("")];
        return r.every(blank) ? padded : [...padded, lineAmount(r[quantityAt], r[priceAt])];
      }),
    ],
    notes,
  };
}
