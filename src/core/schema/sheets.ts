import { col } from "./define";
import {
  CHANNELS,
  CONSENT_OPTIONS,
  CREDIT_RATINGS,
  CUSTOMER_STATUSES,
  CUSTOMER_TYPES,
  GENDERS,
  INTERACTION_TYPES,
  PAYMENT_METHODS,
  PAYMENT_STATUSES,
} from "./options";
import type { SheetKey, SheetSpec } from "./types";

const owned = { owned: true } as const;

export const CUSTOMERS: SheetSpec = {
  key: "Customers",
  name: { en: "Customers", "zh-CN": "客户" },
  aliases: ["客户表", "客户信息", "客户列表", "customer", "clients"],
  idColumn: "CustomerID",
  columns: [
    col("CustomerID", "CustomerID", "客户编号", "id", "basic", {
      required: true,
      unique: true,
      aliases: ["Customer ID", "ID", "客户ID", "客户号", "customer_id", "客户代码"],
      width: 100,
    }),
    col("Name", "Name", "客户名称", "text", "basic", {
      required: true,
      aliases: ["Customer Name", "Company", "客户名", "公司名称", "姓名", "名称"],
      width: 180,
    }),
    col("ContactName", "ContactName", "联系人姓名", "text", "contact", {
      aliases: ["Contact", "Contact Name", "联系人"],
    }),
    col("Phone", "Phone", "联系电话", "phone", "contact", {
      aliases: ["Telephone", "Mobile", "Tel", "电话", "手机", "手机号", "电话号码"],
      width: 130,
    }),
    col("Email", "Email", "电子邮件", "email", "contact", {
      unique: true,
      aliases: ["E-mail", "Mail", "邮箱", "电子邮箱", "邮件地址"],
      width: 200,
    }),
    col("CustomerType", "CustomerType", "客户类型", "enum", "basic", {
      options: CUSTOMER_TYPES,
      aliases: ["Type", "Customer Type", "类型"],
    }),
    col("Region", "Region", "所在地区", "text", "basic", {
      aliases: ["Area", "City", "地区", "区域", "城市"],
    }),
    col("Status", "Status", "客户状态", "enum", "basic", {
      options: CUSTOMER_STATUSES,
      aliases: ["Customer Status", "状态"],
    }),
    col("LastInteraction", "LastInteraction", "最近互动时间", "date", "service", {
      aliases: ["Last Interaction", "Last Contact", "最后联系时间", "最近联系时间", "最近互动"],
    }),
    col("OpportunityAmount", "OpportunityAmount", "销售机会金额", "currency", "purchase", {
      min: 0,
      aliases: ["Opportunity", "Opportunity Amount", "Deal Size", "商机金额", "机会金额"],
    }),
    col("Owner", "Owner", "负责人", "owner", "contact", {
      aliases: ["Sales Rep", "Account Owner", "销售负责人", "跟进人", "负责销售"],
      width: 200,
    }),
    col("Industry", "Industry", "所属行业", "text", "basic", { aliases: ["行业"] }),
    col("CompanySize", "CompanySize", "公司规模", "text", "basic", { aliases: ["Company Size", "规模"] }),
    col("Gender", "Gender", "性别", "enum", "basic", { options: GENDERS, aliases: ["Sex"] }),
    col("Age", "Age", "年龄", "integer", "basic", { min: 0, max: 130 }),
    col("Occupation", "Occupation", "职业", "text", "basic", { aliases: ["Job"] }),
    col("Title", "Title", "职位", "text", "basic", { aliases: ["Job Title", "Position", "职务"] }),
    col("Address", "Address", "地址", "text", "contact", { aliases: ["联系地址", "通讯地址"], width: 220 }),
    col("Source", "Source", "客户来源", "text", "basic", { aliases: ["Lead Source", "来源", "渠道来源"] }),
    col("CreditRating", "CreditRating", "信用等级", "enum", "basic", {
      options: CREDIT_RATINGS,
      aliases: ["Credit Rating", "Credit", "信用评级"],
    }),
    col("IDNumber", "IDNumber", "身份证号", "text", "basic", {
      sensitive: true,
      aliases: ["ID Number", "ID Card", "身份证", "身份证号码"],
    }),
    col("BankAccount", "BankAccount", "银行卡号", "text", "basic", {
      sensitive: true,
      aliases: ["Bank Account", "Bank Card", "银行账号", "银行卡"],
    }),
    col("Tags", "Tags", "标签", "text", "basic", { aliases: ["Labels"] }),
    col("Notes", "Notes", "备注", "text", "basic", { aliases: ["Remarks", "Comment", "说明"], width: 220 }),
    col("CreatedAt", "CreatedAt", "创建时间", "datetime", "system", {
      ...owned,
      aliases: ["Created", "Created At", "创建日期"],
      width: 150,
    }),
    col("UpdatedAt", "UpdatedAt", "更新时间", "datetime", "system", {
      ...owned,
      aliases: ["Updated", "Updated At", "修改时间", "最后修改"],
      width: 150,
    }),
    col("RecencyDays", "RecencyDays", "最近购买天数", "integer", "value", owned),
    col("Frequency", "Frequency", "购买次数", "integer", "value", owned),
    col("Monetary", "Monetary", "消费金额", "currency", "value", owned),
    col("R", "R", "R分", "integer", "value", { ...owned, width: 50 }),
    col("F", "F", "F分", "integer", "value", { ...owned, width: 50 }),
    col("M", "M", "M分", "integer", "value", { ...owned, width: 50 }),
    col("Segment", "Segment", "客户分群", "text", "value", { ...owned, width: 150 }),
    col("ABC", "ABC", "ABC分类", "text", "value", { ...owned, width: 60 }),
    col("Lifecycle", "Lifecycle", "生命周期", "text", "value", owned),
    col("PAlive", "PAlive", "存活概率", "percent", "value", owned),
    col("Expected90", "Expected90", "90天预期购买", "number", "value", owned),
    col("ChurnRisk", "ChurnRisk", "流失风险", "text", "value", owned),
    col("CreditRisk", "CreditRisk", "信用风险", "text", "value", owned),
    col("Why", "Why", "分类依据", "text", "value", { ...owned, width: 320 }),
    col("ClassifiedAt", "ClassifiedAt", "分类时间", "datetime", "value", { ...owned, width: 150 }),
    // Last, so set-up appends it after every column a book already has. Typed by people (not owned):
    // welcome mails go only to customers whose answer here is "yes" (src/core/notify/consent.ts).
    col("MarketingConsent", "MarketingConsent", "同意接收邮件", "enum", "contact", {
      options: CONSENT_OPTIONS,
      aliases: ["Marketing Consent", "Email Consent", "Mail Opt-in", "邮件同意", "同意营销邮件", "营销同意"],
      width: 120,
    }),
  ],
};

export const ORDERS: SheetSpec = {
  key: "Orders",
  name: { en: "Orders", "zh-CN": "订单" },
  aliases: ["订单表", "订单记录", "销售记录", "order", "sales", "transactions"],
  // One row per order line: an OrderID repeats across the lines of one order, so it is not a row ID.
  columns: [
    col("OrderID", "OrderID", "订单编号", "id", "purchase", {
      aliases: ["Order ID", "Order No", "订单号", "order_id", "单号"],
    }),
    col("CustomerID", "CustomerID", "客户编号", "id", "purchase", {
      required: true,
      aliases: ["Customer ID", "Customer", "客户ID", "客户号", "customer_id", "客户"],
    }),
    col("OrderDate", "OrderDate", "下单日期", "date", "purchase", {
      required: true,
      aliases: ["Order Date", "Date", "订单日期", "日期", "购买日期", "order_date", "交易日期"],
    }),
    col("Product", "Product", "产品", "text", "purchase", {
      aliases: ["Item", "SKU", "商品", "产品名称", "商品名称"],
    }),
    col("Category", "Category", "产品类别", "text", "purchase", {
      aliases: ["Product Category", "类别", "品类"],
    }),
    col("Quantity", "Quantity", "数量", "integer", "purchase", { aliases: ["Qty", "件数"] }),
    col("Amount", "Amount", "金额", "currency", "purchase", {
      required: true,
      aliases: ["Revenue", "Total", "Order Amount", "订单金额", "销售额", "消费金额", "revenue", "交易金额"],
    }),
    col("PaymentMethod", "PaymentMethod", "支付方式", "enum", "purchase", {
      options: PAYMENT_METHODS,
      aliases: ["Payment Method", "付款方式"],
    }),
    col("PaymentStatus", "PaymentStatus", "付款状态", "enum", "purchase", {
      options: PAYMENT_STATUSES,
      aliases: ["Payment Status", "支付状态"],
    }),
    col("DueDate", "DueDate", "应付日期", "date", "purchase", {
      aliases: ["Due Date", "到期日", "付款期限"],
    }),
  ],
};

export const INTERACTIONS: SheetSpec = {
  key: "Interactions",
  name: { en: "Interactions", "zh-CN": "互动记录" },
  aliases: ["互动", "跟进记录", "沟通记录", "interaction", "activities"],
  columns: [
    col("Date", "Date", "日期", "date", "service", {
      required: true,
      aliases: ["Interaction Date", "互动日期", "联系日期"],
    }),
    col("CustomerID", "CustomerID", "客户编号", "id", "service", {
      required: true,
      aliases: ["Customer ID", "Customer", "客户ID", "客户号", "客户"],
    }),
    col("Channel", "Channel", "渠道", "enum", "service", {
      options: CHANNELS,
      aliases: ["互动渠道", "方式"],
    }),
    col("Type", "Type", "互动类型", "enum", "service", { options: INTERACTION_TYPES, aliases: ["类型"] }),
    col("Summary", "Summary", "内容摘要", "text", "service", {
      aliases: ["Content", "Notes", "摘要", "内容"],
      width: 260,
    }),
    col("Owner", "Owner", "负责人", "owner", "service", { aliases: ["Sales Rep", "跟进人"] }),
    col("NextFollowUp", "NextFollowUp", "下次跟进", "date", "service", {
      aliases: ["Next Follow-up", "Next Follow Up", "下次跟进时间", "下次跟进日期"],
    }),
  ],
};

export const FEEDBACK: SheetSpec = {
  key: "Feedback",
  name: { en: "Feedback", "zh-CN": "客户反馈" },
  aliases: ["反馈", "满意度", "feedbacks", "reviews"],
  columns: [
    col("Date", "Date", "日期", "date", "feedback", { required: true, aliases: ["反馈日期"] }),
    col("CustomerID", "CustomerID", "客户编号", "id", "feedback", {
      required: true,
      aliases: ["Customer ID", "Customer", "客户ID", "客户号", "客户"],
    }),
    col("Rating", "Rating", "满意度评分", "integer", "feedback", {
      required: true,
      min: 1,
      max: 5,
      aliases: ["Score", "Satisfaction", "评分", "满意度"],
    }),
    col("Category", "Category", "反馈类别", "text", "feedback", { aliases: ["Topic", "类别"] }),
    col("Comment", "Comment", "反馈内容", "text", "feedback", {
      aliases: ["Comments", "Feedback", "评价", "内容"],
      width: 300,
    }),
    col("Resolved", "Resolved", "已解决", "boolean", "feedback", { aliases: ["Is Resolved", "是否解决"] }),
  ],
};

/** The four canonical sheets, in the order set-up creates them. */
export const SHEETS: readonly SheetSpec[] = [CUSTOMERS, ORDERS, INTERACTIONS, FEEDBACK];

export function sheetSpec(key: SheetKey): SheetSpec {
  const spec = SHEETS.find((s) => s.key === key);
  if (!spec) throw new Error(`unknown sheet ${key}`);
  return spec;
}
