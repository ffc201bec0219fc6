/**
 * A workbook as a Chinese team keeps it before the add-on: customers in a tab named 客户管理表 with the
 * seed's ten columns (IDs 001, 002… as text, the seed's own values 长期客户 / 待确认), orders in a tab of
 * their own named 销售流水, and two tabs the add-on must leave alone (notes, and a sum with a formula).
 */
import ExcelJS from "exceljs";
import { mulberry32 } from "../../../src/local/random";
import { SEED_HEADERS } from "../../fixtures/seed-headers";

export { SEED_HEADERS };

const TYPES = ["长期客户", "VIP客户", "潜在客户"];
const STATUSES = ["跟进中", "已成交", "待确认"];
const REGIONS = ["北京", "上海", "广州", "深圳", "杭州"];
const PRODUCTS = ["企业版", "标准版", "培训服务", "实施服务"];

export interface SeedWorkbook {
  readonly customers: readonly (readonly unknown[])[];
  readonly orders: readonly (readonly unknown[])[];
  readonly notes: readonly (readonly unknown[])[];
}

/** Writes the workbook to `file` and returns the values each tab holds (header row first). */
export async function writeSeedWorkbook(file: string, count = 40, seed = 7): Promise<SeedWorkbook> {
  const rnd = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const customers: unknown[][] = [[...SEED_HEADERS]];
  for (let i = 1; i <= count; i++) {
    const id = String(i).padStart(3, "0");
    customers.push([
      id,
      `${pick(["华为", "腾讯", "星辰", "远航", "青松"])}${pick(["科技", "贸易", "咨询"])}有限公司${i}`,
      pick(["张伟", "王芳", "李娜", "刘洋"]),
      i % 2 ? `010-${38700000 + i}` : `138${String(10000000 + i * 7919).slice(0, 8)}`,
      `contact${i}@example.cn`,
      pick(TYPES),
      pick(REGIONS),
      pick(STATUSES),
      new Date(Date.UTC(2025, 8, 1 + (i % 28))),
      Math.round(rnd() * 50) * 1000,
    ]);
  }
  const orders: unknown[][] = [["订单编号", "客户编号", "下单日期", "产品", "数量", "金额"]];
  for (let n = 1; n <= count * 3; n++) {
    const customer = String(1 + Math.floor(rnd() * count)).padStart(3, "0");
    const day = Math.floor(rnd() * 700);
    orders.push([
      `SO${String(n).padStart(5, "0")}`,
      customer,
      new Date(Date.UTC(2024, 0, 1) + day * 86_400_000),
      pick(PRODUCTS),
      1 + Math.floor(rnd() * 5),
      Math.round(rnd() * 20_000) + 500,
    ]);
  }
  const notes: unknown[][] = [["说明"], ["本表由销售部维护，请勿删除。"], ["=1+1 不是公式"]];

  const book = new ExcelJS.Workbook();
  const add = (name: string, rows: unknown[][]) => {
    const ws = book.addWorksheet(name);
    for (const r of rows) ws.addRow(r);
    return ws;
  };
  const cs = add("客户管理表", customers);
  cs.getColumn(1).numFmt = "@";
  cs.getColumn(9).numFmt = "yyyy/m/d";
  add("销售流水", orders).getColumn(3).numFmt = "yyyy-mm-dd";
  add("说明", notes);
  const sums = book.addWorksheet("汇总");
  sums.addRow(["订单数", count * 3]);
  sums.getCell("B2").value = { formula: "B1*2", result: count * 6 };
  await book.xlsx.writeFile(file);
  return { customers, orders, notes };
}
