import type { Lang, Localized } from "../../core/schema/types";

/** The table feature's dialog texts; `{name}` slots are filled by {@link say}. */
const TEXT = {
  setUpDone: {
    en: "Set-up complete. Sheets created: {created}. Columns added: {columns}.",
    "zh-CN": "设置完成。新建工作表：{created}。新增列：{columns}。",
  },
  setUpContinues: {
    en: "Number formats and validation are being applied in the background (about an hour a step on a big sheet).",
    "zh-CN": "数字格式和数据验证正在后台应用（大表每步约一小时）。",
  },
  none: { en: "none", "zh-CN": "无" },
  validateTitle: { en: "Validate all", "zh-CN": "全部校验" },
  validateNone: { en: "No problems found.", "zh-CN": "未发现问题。" },
  validateSome: {
    en: "Problems found: {total} ({bySheet}). They are listed in “{sheet}”, and each cell has a note.",
    "zh-CN": "发现 {total} 个问题（{bySheet}）。已列在“{sheet}”中，并在相应单元格添加了批注。",
  },
  fixTitle: { en: "Fix what is safe", "zh-CN": "安全修正" },
  fixNone: {
    en: "Nothing to fix: every readable value is already in its standard form.",
    "zh-CN": "没有需要修正的内容。",
  },
  fixAsk: {
    en: "{total} cells will be rewritten (a backup is made first):\n\n{list}\n\nApply these changes?",
    "zh-CN": "将改写 {total} 个单元格（会先备份）：\n\n{list}\n\n确定应用这些修改吗？",
  },
  fixMore: { en: "… and {n} more", "zh-CN": "……以及另外 {n} 处" },
  fixDone: { en: "{n} cells fixed. Backup: {backups}.", "zh-CN": "已修正 {n} 个单元格。备份：{backups}。" },
  fixStale: {
    en: "The data changed since the preview; nothing was written. Run Fix what is safe again.",
    "zh-CN": "预览之后数据已被修改，未写入任何内容。请重新运行“安全修正”。",
  },
  marksCleared: { en: "{n} problem notes removed.", "zh-CN": "已清除 {n} 个问题批注。" },
} satisfies Record<string, Localized>;

export type TextKey = keyof typeof TEXT;

export function say(key: TextKey, lang: Lang, slots: Readonly<Record<string, string | number>> = {}): string {
  return TEXT[key][lang].replace(/\{(\w+)\}/g, (m, k: string) => (k in slots ? String(slots[k]) : m));
}
