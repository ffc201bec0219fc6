import { webAppClient } from "../../../src/local/emulator/web-app-client";
import { OWNER, SALES_A, SALES_B, VIEWER } from "../../../src/local/faults/fixture";
import { loadWebAppBook, rowsOf } from "./harness";

/** The reps' pages: served only to a signed-in member; their server functions keep the sidebar's rules. */
describe("rep pages", () => {
  it("are served to a signed-in member with a role, and to nobody else", () => {
    const { loaded } = loadWebAppBook();
    const rep = webAppClient(loaded, { executeAs: "USER_ACCESSING", access: "ANYONE", deployer: OWNER });
    const page = rep.get("view=rep", SALES_A);
    expect(page.contentType).toMatch(/^text\/html/);
    expect(page.body).toContain('<div id="app">');
    expect(rep.get("view=rep", "stranger@gmail.com").body).toMatch(/Sign in with your Google account/);
    expect(rep.get("view=rep", null).google).toBe("sign-in");
  });

  it("today's follow-ups are the caller's customers' only; logging reaches only their own", () => {
    const { loaded } = loadWebAppBook();
    // The fixture's interactions are all of SALES_B's customers.
    loaded.emulator.setUser(SALES_B);
    const bs = new Set(
      rowsOf(loaded, "Customers")
        .filter((r) => r.Owner === SALES_B)
        .map((r) => r.CustomerID),
    );
    const items = loaded.run("getMyFollowUps") as { customerId: string; due: string }[];
    expect(items.length).toBeGreaterThan(0);
    for (const i of items) expect(bs.has(i.customerId)).toBe(true);
    expect(items.every((i) => i.due <= "2026-11-23")).toBe(true);
    loaded.emulator.setUser(SALES_A);
    expect(loaded.run("getMyFollowUps")).toEqual([]);
    const mine = new Set(
      rowsOf(loaded, "Customers")
        .filter((r) => r.Owner === SALES_A)
        .map((r) => r.CustomerID),
    );

    const theirs = rowsOf(loaded, "Customers").find((r) => r.Owner === SALES_B)!.CustomerID as string;
    const before = rowsOf(loaded, "Interactions").length;
    const refused = loaded.run("logInteraction", {
      customerId: theirs,
      type: "",
      channel: "",
      summary: "x",
      nextFollowUp: "",
    });
    expect(refused).toMatchObject({ ok: false, errors: [{ field: "CustomerID", code: "unknown-customer" }] });
    const own = [...mine][0] as string;
    const ok = loaded.run("logInteraction", {
      customerId: own,
      type: "投诉",
      channel: "Phone",
      summary: "=SUM(1,2) said",
      nextFollowUp: "2026-11-30",
    });
    expect(ok).toEqual({ ok: true });
    const rows = rowsOf(loaded, "Interactions");
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      CustomerID: own,
      Owner: SALES_A,
      Summary: "=SUM(1,2) said",
      Type: "投诉",
    });
    const bad = loaded.run("logInteraction", {
      customerId: own,
      type: "Dance",
      channel: "",
      summary: "",
      nextFollowUp: "soon",
    });
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e: { field: string }) => e.field).sort()).toEqual(["NextFollowUp", "Type"]);

    loaded.emulator.setUser(VIEWER);
    expect(() =>
      loaded.run("logInteraction", {
        customerId: own,
        type: "",
        channel: "",
        summary: "v",
        nextFollowUp: "",
      }),
    ).toThrow(/does not allow/);
  });
});
