import fc from "fast-check";
import { ownerDirectory } from "../../../src/core/access/owner-names";
import { CUSTOMERS, ORDERS } from "../../../src/core/schema/sheets";
import {
  applyValueLists,
  builtInList,
  defaultEnforcement,
  enforcementOf,
  LIST_COLUMNS,
  readValueLists,
  validateEnforcement,
  validateTable,
  validateValueLists,
} from "../../../src/core/table/validate";

const SEED_HEADERS = ["客户编号", "客户名称", "客户类型", "所在地区", "客户状态", "负责人"];
const col = (key: string) => CUSTOMERS.columns.find((c) => c.key === key)!;

describe("the seed's own values", () => {
  it("are accepted out of the box: 长期客户 / VIP客户 / 潜在客户, 跟进中 / 已成交 / 待确认", () => {
    const rows = [
      ["001", "甲", "长期客户", "北京", "跟进中", ""],
      ["002", "乙", "VIP客户", "上海", "已成交", ""],
      ["003", "丙", "潜在客户", "广州", "待确认", ""],
      ["004", "丁", "普通客户", "深圳", "待定", ""],
    ];
    expect(validateTable(CUSTOMERS, SEED_HEADERS, rows, { lang: "zh-CN" })).toEqual([]);
  });

  it("keep the keys reminders and reports use (待确认 is pending, 长期客户 long_term)", () => {
    expect(builtInList(col("Status"), "zh-CN")).toContainEqual({ value: "待确认", key: "pending" });
    expect(builtInList(col("CustomerType"), "zh-CN")).toContainEqual({ value: "长期客户", key: "long_term" });
  });
});

describe("a team's lists", () => {
  const lists = {
    "Customers.Status": [
      { value: "跟进中", key: "following_up" },
      { value: "已成交", key: "won" },
      { value: "暂停" },
    ],
    "Customers.Region": [{ value: "华北" }, { value: "华东" }],
  };

  it("make a listed column accept exactly its values, and a listed text column a dropdown", () => {
    const spec = applyValueLists(CUSTOMERS, lists);
    const status = spec.columns.find((c) => c.key === "Status")!;
    expect(status.options!.map((o) => o.key)).toEqual(["following_up", "won", "custom:暂停"]);
    const region = spec.columns.find((c) => c.key === "Region")!;
    expect(region.type).toBe("enum");
    expect(applyValueLists(CUSTOMERS, {})).toBe(CUSTOMERS);
    expect(applyValueLists(ORDERS, lists)).toBe(ORDERS);
  });

  it("report values the list lacks in Problems, without changing them", () => {
    const rows = [
      ["001", "甲", "", "华北", "暂停", ""],
      ["002", "乙", "", "华 东", "跟进中", ""],
      ["003", "丙", "", "西南", "待确认", ""],
    ];
    const frozen = JSON.stringify(rows);
    const problems = validateTable(CUSTOMERS, SEED_HEADERS, rows, { lang: "zh-CN", valueLists: lists });
    expect(problems.map((p) => [p.a1, p.rule])).toEqual([
      ["D4", "enum"],
      ["E4", "enum"],
    ]);
    expect(problems[0].message).toContain("华北、华东");
    expect(JSON.stringify(rows)).toBe(frozen);
  });

  it("are checked when saved, every problem at once", () => {
    const bad = validateValueLists(
      {
        "Customers.Status": [{ value: "A" }, { value: " a " }, { value: "" }, { value: "B", key: "nope" }],
        "Customers.Name": ["x"],
        "Orders.PaymentStatus": [],
        "Customers.MarketingConsent": ["maybe"],
      },
      "en",
    );
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.problems.map((p) => p.field)).toEqual([
      "Customers.Status",
      "Customers.Status",
      "Customers.Status",
      "Customers.Name",
      "Orders.PaymentStatus",
      "Customers.MarketingConsent",
    ]);
    const good = validateValueLists({
      "Customers.CustomerType": ["长期客户", { value: " VIP客户 ", key: "vip" }],
    });
    expect(good).toEqual({
      ok: true,
      value: { "Customers.CustomerType": [{ value: "长期客户" }, { value: "VIP客户", key: "vip" }] },
    });
  });

  it("read back fail-closed: a broken list falls back to the built-in options", () => {
    expect(readValueLists({ "Customers.Status": [{ value: "" }], "Customers.Region": ["华北"] })).toEqual({
      "Customers.Region": [{ value: "华北" }],
    });
    expect(readValueLists("junk")).toEqual({});
  });

  it("property: every value of a valid list validates, and nothing outside it does", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[A-Za-z\u4e00-\u4e20]{1,6}$/), {
          minLength: 1,
          maxLength: 8,
          selector: (s) => s.toLowerCase(),
        }),
        fc.stringMatching(/^[A-Za-z\u4e00-\u4e20]{1,6}$/),
        (values, other) => {
          const checked = validateValueLists({ "Customers.Region": values });
          if (!checked.ok) return;
          const rows = [...values, other].map((v, i) => [`C${i}`, "n", "", v, "", ""]);
          const problems = validateTable(CUSTOMERS, SEED_HEADERS, rows, {
            lang: "en",
            valueLists: checked.value,
          });
          const inList = values.some((v) => v.toLowerCase() === other.toLowerCase());
          expect(problems.map((p) => p.row)).toEqual(inList ? [] : [values.length + 2]);
        },
      ),
    );
  });

  it("cover every dropdown column except consent, plus Region, Industry and Source", () => {
    const ids = LIST_COLUMNS.map((l) => l.id);
    expect(ids).toEqual(
      expect.arrayContaining(["Customers.CustomerType", "Customers.Status", "Customers.Region"]),
    );
    expect(ids).not.toContain("Customers.MarketingConsent");
    expect(ids).not.toContain("Customers.Name");
  });
});

describe("Owner by name or e-mail", () => {
  const owners = ownerDirectory({ "wang@x.com": "王经理", "li@x.com": "Li Lei" });

  it("accepts a member's name or any e-mail; an unknown name is a warning, a broken address an error", () => {
    const rows = [
      ["001", "甲", "", "", "", "王经理"],
      ["002", "乙", "", "", "", "li lei"],
      ["003", "丙", "", "", "", "Zhao@X.com"],
      ["004", "丁", "", "", "", "赵总"],
      ["005", "戊", "", "", "", "zhao@"],
    ];
    const problems = validateTable(CUSTOMERS, SEED_HEADERS, rows, { lang: "en", owners });
    expect(problems.map((p) => [p.a1, p.rule, p.severity])).toEqual([
      ["F5", "unknown-owner", "warning"],
      ["F6", "owner", undefined],
    ]);
    // Without the directory (import, older callers) a name is simply accepted.
    expect(validateTable(CUSTOMERS, SEED_HEADERS, rows.slice(0, 4), { lang: "en" })).toEqual([]);
  });
});

describe("reject or warn", () => {
  it("defaults to reject for dropdowns and e-mail, warn otherwise; a setting overrides", () => {
    expect(defaultEnforcement(col("Status"))).toBe("reject");
    expect(defaultEnforcement(col("Email"))).toBe("reject");
    expect(defaultEnforcement(col("Phone"))).toBe("warn");
    expect(defaultEnforcement(col("Owner"))).toBe("warn");
    expect(enforcementOf("Customers", col("Email"), { "Customers.Email": "warn" })).toBe("warn");
    expect(enforcementOf("Customers", col("Phone"), { "Customers.Phone": "reject" })).toBe("reject");
  });

  it("refuses unknown columns and modes", () => {
    expect(validateEnforcement({ "Customers.Phone": "reject", "Customers.Region": "warn" })).toEqual({
      ok: true,
      value: { "Customers.Phone": "reject", "Customers.Region": "warn" },
    });
    const bad = validateEnforcement({ "Customers.Name": "reject", "Customers.Email": "block" });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.field)).toEqual(["Customers.Name", "Customers.Email"]);
  });
});
