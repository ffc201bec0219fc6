import { opt } from "./define";

/**
 * The built-in lists: a team that has not edited its lists in settings gets these (either language and
 * every alias accepted). The seed's own values (长期客户 / VIP客户 / 潜在客户, 跟进中 / 已成交 / 待确认) are
 * labels here, so a table kept the seed's way validates as it is and its dropdowns list them.
 */
export const CUSTOMER_TYPES = [
  opt("prospect", "Prospect", "潜在客户", "potential", "潜在"),
  opt("regular", "Regular", "普通客户", "normal", "普通", "一般客户"),
  opt("long_term", "Long-term", "长期客户", "long term", "long-term customer", "长期", "老客户"),
  opt("vip", "VIP", "VIP客户", "vip customer", "重要客户", "大客户"),
] as const;

export const CUSTOMER_STATUSES = [
  opt("prospect", "Prospect", "潜在", "潜在客户", "new lead", "lead"),
  opt("following_up", "Following up", "跟进中", "following", "follow up", "follow-up", "in progress", "跟进"),
  opt("won", "Won", "已成交", "closed won", "deal", "成交"),
  // "Pending confirmation": the seed writes 待确认; 待定 (earlier label) stays an alias.
  opt(
    "pending",
    "Pending",
    "待确认",
    "pending confirmation",
    "to confirm",
    "待定",
    "on hold",
    "暂缓",
    "搁置",
  ),
  opt("lost", "Lost", "已流失", "closed lost", "churned", "流失"),
] as const;

export const GENDERS = [
  opt("male", "Male", "男", "m", "男性"),
  opt("female", "Female", "女", "f", "女性"),
  opt("other", "Other", "其他"),
] as const;

/**
 * A customer's answer to "may we send you e-mail?" (Customers.MarketingConsent). Only "yes" lets a welcome
 * mail go out; blank, "no" or anything else means no (opt-in, as PIPL art. 13 and GDPR art. 6 expect).
 */
export const CONSENT_OPTIONS = [
  opt("yes", "Yes", "是", "y", "true", "同意", "已同意", "opt-in", "opted in", "subscribed"),
  opt("no", "No", "否", "n", "false", "不同意", "拒绝", "opt-out", "opted out", "unsubscribed", "退订"),
] as const;

export const CREDIT_RATINGS = [
  opt("A", "A", "A", "优", "excellent"),
  opt("B", "B", "B", "良", "good"),
  opt("C", "C", "C", "中", "fair"),
  opt("D", "D", "D", "差", "poor"),
] as const;

export const PAYMENT_METHODS = [
  opt("bank_transfer", "Bank transfer", "银行转账", "transfer", "wire", "转账"),
  opt("card", "Card", "银行卡", "credit card", "debit card", "信用卡"),
  opt("alipay", "Alipay", "支付宝"),
  opt("wechat_pay", "WeChat Pay", "微信支付", "wechat"),
  opt("cash", "Cash", "现金"),
  opt("other", "Other", "其他"),
] as const;

export const PAYMENT_STATUSES = [
  opt("paid", "Paid", "已付款", "已支付", "settled"),
  opt("due", "Due", "待付款", "unpaid", "未付款", "待支付"),
  opt("overdue", "Overdue", "逾期", "已逾期", "past due"),
] as const;

export const CHANNELS = [
  opt("phone", "Phone", "电话", "call", "telephone"),
  opt("email", "E-mail", "邮件", "email", "mail", "电子邮件"),
  opt("visit", "Visit", "拜访", "meeting", "上门", "面谈"),
  opt("wechat", "WeChat", "微信", "weixin"),
  opt("other", "Other", "其他"),
] as const;

export const INTERACTION_TYPES = [
  opt("enquiry", "Enquiry", "咨询", "inquiry", "question"),
  opt("complaint", "Complaint", "投诉"),
  opt("follow_up_visit", "Follow-up visit", "回访", "follow-up", "follow up", "followup"),
  opt("after_sales", "After-sales", "售后", "after sales", "support", "service"),
] as const;
