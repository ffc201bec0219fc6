import type { Lang, Localized } from "../schema/types";
import type { ChurnRisk } from "./churn";
import type { LifecycleStage } from "./lifecycle";

export const LIFECYCLE_LABELS: Readonly<Record<LifecycleStage, Localized>> = {
  prospect: { en: "Prospect", "zh-CN": "潜在客户" },
  new: { en: "New", "zh-CN": "新客户" },
  repeat: { en: "Repeat", "zh-CN": "复购客户" },
  loyal: { en: "Loyal", "zh-CN": "忠诚客户" },
  at_risk: { en: "At risk", "zh-CN": "流失风险" },
  lost: { en: "Lost", "zh-CN": "已流失" },
};

export const CHURN_LABELS: Readonly<Record<ChurnRisk, Localized>> = {
  low: { en: "Low", "zh-CN": "低" },
  medium: { en: "Medium", "zh-CN": "中" },
  high: { en: "High", "zh-CN": "高" },
};

/** Fixed phrases of the "why" text. */
export const WHY_TEXT = {
  lastOrder: {
    en: (d: string) => `last order ${d} days ago`,
    "zh-CN": (d: string) => `最近一次下单在 ${d} 天前`,
  },
  orders: { en: (n: string) => (n === "1" ? "1 order" : `${n} orders`), "zh-CN": (n: string) => `${n} 单` },
  noOrders: { en: "No orders yet", "zh-CN": "尚无订单" },
  sep: { en: "; ", "zh-CN": "；" },
  colon: { en: ": ", "zh-CN": "：" },
  open: { en: " (", "zh-CN": "（" },
  close: { en: ")", "zh-CN": "）" },
  means: {
    en: (r: string, f: string, m: string) => `vs means ${r} days, ${f} orders, ${m}`,
    "zh-CN": (r: string, f: string, m: string) => `对比均值 ${r} 天、${f} 单、${m}`,
  },
  usualGap: {
    en: (g: string) => `usual gap ${g} days`,
    "zh-CN": (g: string) => `平时间隔 ${g} 天`,
  },
  pAlive: { en: (p: string) => `P(alive) ${p}`, "zh-CN": (p: string) => `存活概率 ${p}` },
  rhythm: {
    en: (why: string) => `churn by purchase rhythm (BG/NBD not used: ${why})`,
    "zh-CN": (why: string) => `流失按购买节奏判断（未用 BG/NBD：${why}）`,
  },
  oneTime: {
    en: "one-time buyer: churn by purchase rhythm (BG/NBD needs a repeat purchase)",
    "zh-CN": "仅购买一次：流失按购买节奏判断（BG/NBD 需有复购）",
  },
  fewCustomers: {
    en: (n: number, need: number) => `${n} customers with orders < ${need}`,
    "zh-CN": (n: number, need: number) => `有订单客户 ${n} 个 < ${need}`,
  },
  fewRepeat: {
    en: (n: number, need: number) => `${n} repeat buyers < ${need}`,
    "zh-CN": (n: number, need: number) => `复购客户 ${n} 个 < ${need}`,
  },
  untrusted: {
    en: "the model does not fit this book (no stable estimate)",
    "zh-CN": "模型无法稳定拟合本表数据",
  },
} as const;

export function label(l: Localized, lang: Lang): string {
  return l[lang];
}
