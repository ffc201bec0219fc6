import { mulberry32 } from "../../../src/local/random";
/**
 * A realistic Chinese customers CSV for import tests: zh-CN headers as Chinese Excel users write them,
 * people's and companies' names, mobiles, e-mails, regions, types and statuses in Chinese, amounts as
 * "¥12,000" or "1.2万", some ID-card numbers (sealed by the import). Deterministic for a seed; every
 * e-mail and phone is distinct, so "skip" de-duplication keeps every row.
 */

const SURNAMES =
  "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤";
const GIVEN =
  "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉兰萍鹏辉玲丹俊浩宇欣怡子涵梓萱晨阳思远嘉怡雨桐博文一鸣建国志强海燕淑珍";
const CITIES = [
  ["浙江", "杭州"],
  ["江苏", "南京"],
  ["广东", "深圳"],
  ["广东", "广州"],
  ["上海", "上海"],
  ["北京", "北京"],
  ["四川", "成都"],
  ["湖北", "武汉"],
  ["福建", "厦门"],
  ["山东", "青岛"],
  ["陕西", "西安"],
  ["重庆", "重庆"],
] as const;
const TRADES = [
  "茶业",
  "贸易",
  "电子科技",
  "服装",
  "食品",
  "医疗器械",
  "机械制造",
  "文化传媒",
  "物流",
  "软件",
];
const SUFFIX = ["有限公司", "股份有限公司", "商行", "工作室"];
const TYPES = ["潜在客户", "普通客户", "VIP客户", "大客户", "一般客户"];
const STATUSES = ["跟进中", "已成交", "潜在", "待定", "已流失"];
const SOURCES = ["展会", "官网", "老客户介绍", "电话营销", "微信", "抖音"];
const STREETS = ["人民路", "解放路", "中山路", "建设大道", "文三路", "南京东路", "天府大道"];

export const CHINESE_CUSTOMER_HEADERS = [
  "客户编号",
  "客户名称",
  "联系人姓名",
  "联系电话",
  "电子邮件",
  "客户类型",
  "客户状态",
  "所在地区",
  "地址",
  "销售机会金额",
  "客户来源",
  "性别",
  "年龄",
  "身份证号",
  "备注",
] as const;

/** An 18-digit resident ID number with a valid check digit (GB 11643). */
function idNumber(next: () => number, n: number): string {
  const body = `330106${1960 + (n % 40)}${String(1 + (n % 12)).padStart(2, "0")}${String(1 + (n % 28)).padStart(2, "0")}${String(Math.floor(next() * 1000)).padStart(3, "0")}`;
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...body].reduce((s, d, i) => s + Number(d) * weights[i], 0);
  return body + "10X98765432"[sum % 11];
}

/** `count` customer rows (values as a Chinese user types them) under {@link CHINESE_CUSTOMER_HEADERS}. */
export function chineseCustomerRows(count: number, seed = 20_261_123): string[][] {
  const next = mulberry32(seed);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const person = pick([...SURNAMES]) + pick([...GIVEN]) + (next() < 0.5 ? pick([...GIVEN]) : "");
    const [province, city] = pick(CITIES);
    const company = next() < 0.6;
    const name = company ? `${city}${pick([...SURNAMES])}氏${pick(TRADES)}${pick(SUFFIX)}` : person;
    const amount = Math.floor(next() * 500) * 100;
    rows.push([
      `C${String(200_000 + i)}`,
      name,
      person,
      `1${pick(["38", "39", "50", "58", "86", "35"])}${String(10_000_000 + i).slice(-8)}`,
      `kh${i}@${pick(["qq.com", "163.com", "126.com", "example.cn"])}`,
      pick(TYPES),
      pick(STATUSES),
      `${province}${city === province ? "" : city}`,
      `${province}省${city}市${pick(STREETS)}${1 + Math.floor(next() * 300)}号`,
      amount === 0
        ? ""
        : next() < 0.3
          ? `${(amount / 10_000).toFixed(1)}万`
          : `¥${amount.toLocaleString("en-US")}`,
      pick(SOURCES),
      pick(["男", "女"]),
      String(20 + Math.floor(next() * 50)),
      next() < 0.05 ? idNumber(next, i) : "",
      next() < 0.1 ? `备注：${pick(["重点跟进", "春节前回访", "需要报价单", "已发样品"])}` : "",
    ]);
  }
  return rows;
}

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The rows as CSV text (CRLF, as Excel writes it). */
export function chineseCustomersCsv(count: number, seed?: number): string {
  return (
    [CHINESE_CUSTOMER_HEADERS, ...chineseCustomerRows(count, seed)]
      .map((r) => r.map(csvCell).join(","))
      .join("\r\n") + "\r\n"
  );
}

let gbTable: Map<string, number[]> | null = null;

/**
 * Text in GB18030 as Chinese Excel saves "CSV (逗号分隔)": Node can decode GB18030 but not encode it, so the
 * two-byte table is built once by decoding every two-byte sequence (ASCII stays one byte).
 */
export function encodeGb18030(text: string): Uint8Array {
  if (!gbTable) {
    gbTable = new Map();
    const decoder = new TextDecoder("gb18030");
    for (let lead = 0x81; lead <= 0xfe; lead++)
      for (let trail = 0x40; trail <= 0xfe; trail++) {
        if (trail === 0x7f) continue;
        const ch = decoder.decode(Uint8Array.of(lead, trail));
        if (ch.length === 1 && ch !== "\ufffd" && !gbTable.has(ch)) gbTable.set(ch, [lead, trail]);
      }
    gbTable.set("¥", [0x81, 0x30, 0x84, 0x36]); // GB18030's four-byte code for U+00A5
  }
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.charCodeAt(0);
    if (code < 0x80) out.push(code);
    else {
      const bytes = gbTable.get(ch);
      if (!bytes) throw new Error(`no two-byte GB18030 code for ${ch}`);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}
