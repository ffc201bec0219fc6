import type { MenuItem } from "../ui/menu";

/** Form intake's menu items, drawn as one section (creating forms and mailing customers: managers). */
export const FORMS_MENU: readonly MenuItem[] = [
  {
    label: { en: "Create customer sign-up form", "zh-CN": "创建客户登记表" },
    handler: "menuCreateSignupForm",
  },
  { label: { en: "Create satisfaction survey", "zh-CN": "创建满意度调查" }, handler: "menuCreateSurvey" },
  {
    label: { en: "Mail “confirm your details”", "zh-CN": "发送“核对信息”邮件" },
    handler: "menuSendConfirmDetails",
  },
  { label: { en: "Form answers to review", "zh-CN": "待审核的表单回复" }, handler: "menuShowFormReview" },
];
