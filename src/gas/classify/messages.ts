import type { Lang } from "../../core/schema/types";
import type { ClassifyRunSummary } from "../../shared/classify";

/** The one-paragraph report shown after a classification from the menu. */
export function runReport(s: ClassifyRunSummary, lang: Lang): string {
  const lines =
    lang === "zh-CN"
      ? [
          `已分类 ${s.scored} 位有订单客户，${s.prospects} 位潜在客户（分析日期 ${s.asOf}）。`,
          `流失判断：${s.churnNote}。`,
        ]
      : [
          `Classified ${s.scored} customers with orders and ${s.prospects} prospects (as of ${s.asOf}).`,
          `Churn: ${s.churnNote}.`,
        ];
  if (s.unknownCount > 0) {
    const ids = s.unknownCustomers
      .slice(0, 10)
      .map((u) => `${u.customerId} (Orders row ${u.firstRow})`)
      .join(", ");
    lines.push(
      lang === "zh-CN"
        ? `订单中有 ${s.unknownCount} 个客户编号不在客户表中，未计入：${ids}`
        : `${s.unknownCount} customer IDs in Orders are not in Customers and were not scored: ${ids}`,
    );
  }
  if (s.problemCount > 0) {
    const cells = s.problems
      .slice(0, 10)
      .map((p) => `${p.sheet}!${p.a1} "${p.value}": ${p.message}`)
      .join("\n");
    lines.push(
      lang === "zh-CN"
        ? `跳过 ${s.problemCount} 行无法使用的订单：\n${cells}`
        : `Skipped ${s.problemCount} order lines that could not be used:\n${cells}`,
    );
  }
  return lines.join("\n");
}

export const NIGHTLY_TEXT = {
  installed: {
    en: "Nightly classification is on (runs around 2 a.m.).",
    "zh-CN": "已开启每晚自动分类（约凌晨 2 点）。",
  },
  removed: { en: "Nightly classification is off.", "zh-CN": "已关闭每晚自动分类。" },
  title: { en: "Classification", "zh-CN": "客户分类" },
} as const;
