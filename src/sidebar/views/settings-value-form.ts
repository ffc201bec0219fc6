/**
 * A settings object (classification, analysis) drawn as a form: numbers as number inputs, yes/no as
 * checkboxes, known choices as pickers, number lists as one text field, nested objects as fieldsets and
 * lists of objects (segment tables) as collapsible groups. Each control is labelled (<label for>); the
 * server validates on save and its problems are shown beside the field they name, else under the form.
 */
import { act, load, type AppContext } from "../app-context";
import { button, h, mount } from "../dom";
import { getLang, t } from "../i18n";
import { call } from "../rpc";
import { st } from "../settings-text";
import {
  card,
  checkbox,
  field,
  numberProblem,
  problemList,
  select,
  uid,
  type Field,
} from "./settings-controls";

/** The choices of string settings that take one of a few values, by key. */
const CHOICES: Readonly<Record<string, readonly string[]>> = {
  scoring: ["quantile", "bands"],
  scheme: ["rfm10", "cn8", "tiers"],
  mode: ["count", "revenue"],
  basketBy: ["order", "customer"],
  r: ["high", "low"],
  f: ["high", "low"],
  m: ["high", "low"],
};

/**
 * Ranges of the numeric settings, by key (as the server checks them: core/classify/settings.ts,
 * core/analysis/settings.ts): [min, max, whole number]. Shown as help and checked before saving.
 */
const RANGES: Readonly<Record<string, readonly [number, number, boolean]>> = {
  bins: [2, 10, true],
  a: [0.01, 0.99, false],
  b: [0.01, 0.99, false],
  loyalMinOrders: [1, 1000, true],
  atRiskGapFactor: [0.1, 100, false],
  atRiskMinDays: [1, 3650, false],
  oneTimeAtRiskDays: [1, 3650, false],
  lostDays: [1, 3650, false],
  minCustomers: [1, 1_000_000, true],
  minRepeatBuyers: [1, 1_000_000, true],
  horizonDays: [1, 3650, true],
  minSupport: [0, 1, false],
  minConfidence: [0, 1, false],
  minLift: [0, 1000, false],
  maxLen: [0, 16, true],
  topRules: [1, 5000, true],
  maxRules: [1000, 2_000_000, true],
  topCustomers: [1, 500, true],
  clvMonths: [1, 120, true],
  monthlyDiscount: [0, 1, false],
  comparisonDays: [1, 3660, true],
};

/** What a setting does, for the keys whose name does not say it all: [en, zh-CN]. */
const HELP: Readonly<Record<string, readonly [string, string]>> = {
  scoring: [
    "quantile: scores by the book's own quintiles; bands: by the fixed bands below.",
    "quantile：按本表的分位数评分；bands：按下方固定分段评分。",
  ],
  bins: ["Score levels per R, F and M.", "R、F、M 各分几档。"],
  scheme: ["Which segment table names the customers.", "用哪张分群表命名客户。"],
  a: ["Share of customers (or revenue) in class A.", "A 类客户（或收入）所占比例。"],
  b: ["Share in A and B together; the rest is C.", "A、B 两类合计比例；其余为 C 类。"],
  lostDays: ["Quiet this many days: lost, whatever the rhythm.", "超过此天数未购买即视为流失。"],
  currency: ["Shown before amounts in the “why” text.", "显示在“分类依据”金额前的符号。"],
  minSupport: [
    "0 to 1: least share of baskets a product set must appear in.",
    "0 到 1：商品组合至少出现在多少比例的购物篮中。",
  ],
  monthlyDiscount: ["0.01 = 1 % a month.", "0.01 即每月 1%。"],
};

/** Chinese names of the settings' keys; English ones are the keys spelt out. */
const ZH: Readonly<Record<string, string>> = {
  scoring: "评分方式",
  bins: "分位数组数",
  bands: "固定分段",
  recencyDays: "最近购买天数分界",
  frequency: "购买次数分界",
  monetary: "消费金额分界",
  scheme: "分群方案",
  tables: "分群表",
  abc: "ABC 分类",
  mode: "方式",
  a: "A 类上限（比例）",
  b: "A+B 类上限（比例）",
  lifecycle: "生命周期",
  loyalMinOrders: "忠诚客户最少订单数",
  atRiskGapFactor: "流失风险间隔倍数",
  atRiskMinDays: "流失风险最少天数",
  oneTimeAtRiskDays: "单次购买客户风险天数",
  lostDays: "流失天数",
  churn: "流失模型",
  minCustomers: "最少客户数",
  minRepeatBuyers: "最少回购客户数",
  horizonDays: "预测天数",
  currency: "货币符号",
  key: "代码",
  label: "名称",
  en: "英文",
  "zh-CN": "中文",
  minSupport: "最小支持度",
  minConfidence: "最小置信度",
  minLift: "最小提升度",
  maxLen: "规则最多项数",
  topRules: "列出规则数",
  maxRules: "规则上限",
  topCustomers: "重点客户数",
  basketBy: "购物篮单位",
  clvMonths: "客户终身价值月数",
  monthlyDiscount: "月折现率",
  comparisonDays: "对比天数",
};

function helpOf(key: string): string {
  const help = HELP[key];
  return help ? help[getLang() === "zh-CN" ? 1 : 0] : "";
}

/** English names where spelling out the key reads badly. */
const EN_NAMES: Readonly<Record<string, string>> = {
  abc: "ABC classes",
  a: "Class A share",
  b: "Classes A + B share",
  clvMonths: "Lifetime value horizon (months)",
  maxLen: "Most items in a rule (0 = any)",
  bins: "Score levels",
};

function labelOf(key: string): string {
  if (getLang() === "en" && EN_NAMES[key]) return EN_NAMES[key];
  if (getLang() === "zh-CN" && ZH[key]) return ZH[key];
  const words = key.replace(/([a-z])([A-Z])/g, "$1 $2").replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1).toLowerCase();
}

interface Node {
  readonly element: HTMLElement;
  readonly read: () => unknown;
  /** Checks what the browser can (number ranges) and marks the fields; true when all is well. */
  readonly check?: () => boolean;
  /** Field by dotted path ("lifecycle.lostDays", "tables.rfm10[0].r"), for the server's problems. */
  readonly fields: Map<string, Field>;
}

const isNumberList = (v: unknown[]) => v.every((x) => typeof x === "number");

/** The node of one value at `path` (its last key names it). */
function nodeOf(value: unknown, path: string, key: string, label: string): Node {
  const fields = new Map<string, Field>();
  if (typeof value === "boolean") {
    const f = checkbox(label, value);
    fields.set(path, f);
    return { element: f.element, read: () => f.control.checked, fields };
  }
  if (typeof value === "number") {
    const range = RANGES[key];
    const input = h("input", {
      type: "number",
      id: uid("value"),
      value,
      step: range?.[2] ? 1 : "any",
      ...(range ? { min: range[0], max: range[1] } : {}),
    });
    const help = [range ? st("form.range", { min: range[0], max: range[1] }) : "", helpOf(key)]
      .filter(Boolean)
      .join(" ");
    const f = field(input, label, help || undefined);
    fields.set(path, f);
    return {
      element: f.element,
      read: () => Number(f.control.value),
      fields,
      check: () => {
        const problem = numberProblem(input, range?.[2] ?? false);
        f.problem(problem);
        return problem === "";
      },
    };
  }
  if (typeof value === "string") {
    const choices = CHOICES[key];
    const control = choices?.includes(value)
      ? select(
          choices.map((c) => [c, c] as [string, string]),
          value,
        )
      : h("input", { type: "text", id: uid("value"), value });
    const f = field(control, label, helpOf(key) || undefined);
    fields.set(path, f as Field);
    return { element: f.element, read: () => f.control.value, fields };
  }
  if (Array.isArray(value) && isNumberList(value)) {
    const f = field(
      h("input", { type: "text", id: uid("value"), value: value.join(", "), inputmode: "decimal" }),
      label,
      st("form.numbers"),
    );
    fields.set(path, f);
    return {
      element: f.element,
      read: () =>
        f.control.value
          .split(/[,，\s]+/)
          .filter(Boolean)
          .map(Number),
      fields,
    };
  }
  if (Array.isArray(value)) {
    const items = value.map((item, i) => {
      const o = item as { key?: unknown; label?: { en?: string; "zh-CN"?: string } };
      const name = o?.label?.[getLang()] ?? (typeof o?.key === "string" ? o.key : String(i + 1));
      const node = nodeOf(item, `${path}[${i}]`, String(i), name);
      node.fields.forEach((f, p) => fields.set(p, f));
      return node;
    });
    return {
      element: h("details", {}, [h("summary", {}, [label]), ...items.map((n) => n.element)]),
      read: () => items.map((n) => n.read()),
      fields,
      check: () => items.map((n) => n.check?.() ?? true).every(Boolean),
    };
  }
  if (typeof value === "object" && value !== null) {
    const entries = Object.entries(value).map(([k, v]) => {
      const node = nodeOf(
        v,
        path ? `${path}.${k}` : k,
        k,
        label && typeof v !== "object" ? `${label} · ${labelOf(k)}` : labelOf(k),
      );
      node.fields.forEach((f, p) => fields.set(p, f));
      return [k, node] as const;
    });
    const children = entries.map(([, n]) => n.element);
    return {
      element: path ? h("fieldset", {}, [h("legend", {}, [label]), ...children]) : h("div", {}, children),
      read: () => Object.fromEntries(entries.map(([k, n]) => [k, n.read()])),
      fields,
      check: () => entries.map(([, n]) => n.check?.() ?? true).every(Boolean),
    };
  }
  return { element: h("span", {}), read: () => value, fields };
}

/** A problem as either feature answers it: a path ("path" or "field") and a message. */
interface PathProblem {
  readonly path?: string;
  readonly field?: string;
  readonly message: string;
}

/** A feature's settings as a form card, saved through its save…Settings server function. */
export function valueFormCard(
  ctx: AppContext,
  name: "Classify" | "Analysis",
  extras: readonly HTMLElement[] = [],
): HTMLElement {
  const region = h("div", {});
  const fetch = () => call(`get${name}Settings`) as Promise<unknown>;
  void load(region, fetch, (settings) => {
    const root = nodeOf(settings, "", "", "");
    const problems = problemList();
    const save: HTMLButtonElement = button(
      t("settings.save"),
      () => {
        root.fields.forEach((f) => f.problem(""));
        if (root.check && !root.check()) {
          problems.show([st("form.invalid")]);
          return;
        }
        const value = root.read();
        void act(
          ctx,
          save,
          () =>
            call(`save${name}Settings`, value as never) as Promise<
              { ok: true } | { ok: false; problems?: readonly PathProblem[]; errors?: readonly PathProblem[] }
            >,
        ).then((answer) => {
          if (!answer) return;
          if (answer.ok) {
            problems.show([]);
            ctx.toast(t("settings.saved"));
            return;
          }
          const list = answer.problems ?? answer.errors ?? [];
          const unplaced = list.filter((p) => {
            const f = root.fields.get(String(p.path ?? p.field ?? ""));
            f?.problem(p.message);
            return !f;
          });
          problems.show([
            st("form.invalid"),
            ...unplaced.map((p) => `${p.path ?? p.field ?? ""} ${p.message}`.trim()),
          ]);
        });
      },
      { class: "primary", id: `${name.toLowerCase()}-save` },
    );
    mount(region, root.element, problems.element, save);
  });
  return card(st(name === "Classify" ? "classify.title" : "analysis.title"), null, ...extras, region);
}
