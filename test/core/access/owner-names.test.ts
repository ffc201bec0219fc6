import {
  ownerDirectory,
  ownerEmailOf,
  ownerSpellings,
  readMemberNames,
  readOwnerCell,
  validateMemberNames,
} from "../../../src/core/access/owner-names";
import { accessOf, canEditCustomer, canSeeCustomer } from "../../../src/core/access/scope";
import { buildBook } from "../../../src/core/book";

const names = { "wang@x.com": "王经理", "li@x.com": "Li  Lei" };
const dir = ownerDirectory(names);

describe("Owner cells by name or e-mail", () => {
  it("map a member's display name to their e-mail (width, case and spaces folded)", () => {
    expect(ownerEmailOf("王经理", dir)).toBe("wang@x.com");
    expect(ownerEmailOf(" li lei ", dir)).toBe("li@x.com");
    expect(ownerEmailOf("ＬＩ　ＬＥＩ", dir)).toBe("li@x.com");
    expect(ownerEmailOf("Zhao@X.com", dir)).toBe("zhao@x.com");
    expect(ownerEmailOf("赵总", dir)).toBe("");
    expect(readOwnerCell("赵总", dir)).toEqual({ kind: "unknown-name", name: "赵总" });
    expect(readOwnerCell("  ", dir)).toEqual({ kind: "blank" });
  });

  it("never map a name two members share", () => {
    const shared = ownerDirectory({ "a@x.com": "小王", "b@x.com": "小王", "c@x.com": "老李" });
    expect(ownerEmailOf("小王", shared)).toBe("");
    expect(ownerEmailOf("老李", shared)).toBe("c@x.com");
  });

  it("are checked when names are saved", () => {
    expect(validateMemberNames({ "Wang@X.com": " 王经理 ", "li@x.com": "" })).toEqual({
      ok: true,
      value: { "wang@x.com": "王经理" },
    });
    const bad = validateMemberNames({
      "a@x.com": "王经理",
      "b@x.com": "王经理",
      nope: "x",
      "c@x.com": "d@x.com",
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems.map((p) => p.email)).toEqual(["b@x.com", "nope", "c@x.com"]);
    expect(readMemberNames({ "a@x.com": "A", bad: "B", "c@x.com": 3 })).toEqual({ "a@x.com": "A" });
  });

  it("give every spelling of a set of members", () => {
    expect(ownerSpellings(["wang@x.com"], dir).sort()).toEqual(["wang@x.com", "王经理"]);
  });
});

describe("a sales rep's customers, by name", () => {
  const roles = {
    "wang@x.com": "sales",
    "li@x.com": "sales",
    "audit@x.com": { role: "viewer", sees: ["wang@x.com"] },
  } as const;
  const owners = { spreadsheetOwner: "boss@x.com", installer: "" };

  it("include rows whose Owner is their display name, for seeing and changing", () => {
    const wang = accessOf("wang@x.com", roles, owners, dir);
    expect(canSeeCustomer(wang, "王经理")).toBe(true);
    expect(canSeeCustomer(wang, "WANG@x.com")).toBe(true);
    expect(canSeeCustomer(wang, "Li Lei")).toBe(false);
    expect(canEditCustomer(wang, " 王经理")).toBe(true);
    expect(canEditCustomer(wang, "li@x.com")).toBe(false);
    const audit = accessOf("audit@x.com", roles, owners, dir);
    expect(canSeeCustomer(audit, "王经理")).toBe(true);
    expect(canSeeCustomer(audit, "li lei")).toBe(false);
  });

  it("without names, only e-mails match (as before)", () => {
    const wang = accessOf("wang@x.com", roles, owners);
    expect(canSeeCustomer(wang, "王经理")).toBe(false);
    expect(canSeeCustomer(wang, "wang@x.com")).toBe(true);
    expect(canEditCustomer(wang, "wang@x.com")).toBe(true);
  });
});

describe("the book's owner e-mails (reminders go there)", () => {
  it("come from an e-mail Owner cell or from a member's display name", () => {
    const customers = {
      name: "客户管理表",
      headers: ["客户编号", "客户名称", "负责人"],
      rows: [
        ["001", "甲", "王经理"],
        ["002", "乙", "li@x.com"],
        ["003", "丙", "赵总"],
      ],
    };
    const book = buildBook({ customers }, { timeZone: "Asia/Shanghai", owners: dir });
    expect(book.customers.ownerEmail.slice(0, 3)).toEqual(["wang@x.com", "li@x.com", ""]);
    expect(book.customers.owner.slice(0, 3)).toEqual(["王经理", "li@x.com", "赵总"]);
    const plain = buildBook({ customers }, { timeZone: "Asia/Shanghai" });
    expect(plain.customers.ownerEmail.slice(0, 3)).toEqual(["", "li@x.com", ""]);
  });
});
