/**
 * google.script.run's rules (https://developers.google.com/apps-script/guides/html/communication and
 * https://developers.google.com/apps-script/guides/html/reference/run): legal parameters and return values
 * are primitives, null, and objects and arrays made of them; a form only as the only parameter; a Date, a
 * function or another prohibited type anywhere in the parameters makes the request fail; undefined inside
 * arrays becomes null; the server gets a copy; functions ending in "_" are private. A returned Date makes
 * the success handler get null (tanaikech's report, 2023, cited in src/local/emulator/bridge.ts).
 */
import { illegalParameter, illegalValueText, toClientValue } from "../../../../src/local/emulator/bridge";
import { loadBundle } from "../../../../src/local/load-bundle";
import { startServer } from "../../../../src/local/serve/server";
import { fixtureDist } from "./fixture-dist";

const CODE = `
var calls = 0;
function echo(x) { calls++; return [x, Array.isArray(x) || x instanceof Object ? x instanceof (Array.isArray(x) ? Array : Object) : null, calls]; }
function mutate(o) { o.changed = true; return o; }
function argCount() { return arguments.length; }
function today() { return new Date(); }
function nestedDate() { return { rows: [{ when: new Date() }], n: 1 }; }
function nothing() { return undefined; }
function sparse() { return { list: [1, undefined, 3], gone: undefined, fn: function () {} }; }
function secret_() { return "private"; }
function notInContract() { return "any top-level function"; }
function context() { return SpreadsheetApp.getUi() ? "ui" : "none"; }
`;

describe("google.script.run parameters", () => {
  it("allows primitives, null, and plain objects and arrays of them", () => {
    expect(illegalParameter([1, "a", true, null, [1, [2, { a: "b" }]], { x: { y: [null] } }])).toBeNull();
  });

  it("refuses a Date, a function, a Map or a class instance, even nested, naming the property", () => {
    expect(illegalParameter([new Date()])).toBe("0");
    expect(illegalParameter(["ok", { when: new Date() }])).toBe("1.when");
    expect(illegalParameter([[1, () => 1]])).toBe("0.1");
    expect(illegalParameter([{ m: new Map() }])).toBe("0.m");
    expect(illegalParameter([new (class Point {})()])).toBe("0");
  });

  it("refuses circular objects", () => {
    const o: Record<string, unknown> = {};
    o.self = o;
    expect(illegalParameter([o])).toBe("0.self");
  });

  it("allows a form element only as the only parameter", () => {
    const form = { $form: { name: "Ann", tags: ["a", "b"] } };
    expect(illegalParameter([form])).toBeNull();
    expect(illegalParameter([form, 1])).toBe("0");
  });
});

describe("google.script.run return values", () => {
  it("sends null for undefined and for a value holding a Date anywhere", () => {
    expect(toClientValue(undefined)).toBeNull();
    expect(toClientValue(new Date())).toBeNull();
    expect(toClientValue({ rows: [{ when: new Date() }] })).toBeNull();
  });

  it("turns undefined inside arrays into null and leaves undefined fields out of objects", () => {
    expect(toClientValue({ list: [1, undefined, 3], gone: undefined })).toEqual({ list: [1, null, 3] });
  });
});

describe("calls from the sidebar (bundle.run / bundle.call)", () => {
  const dist = fixtureDist(CODE);

  it("can call any top-level function not ending in _, and no private one", () => {
    const bundle = loadBundle({ dist });
    expect(bundle.run("notInContract")).toBe("any top-level function");
    expect(bundle.call("secret_", [])).toEqual({
      ok: false,
      error: { name: "Error", message: "Script function not found: secret_" },
    });
    expect(bundle.call("SpreadsheetApp", []).ok).toBe(false);
  });

  it("fails the call for an illegal parameter, before the server function runs", () => {
    const bundle = loadBundle({ dist });
    expect(bundle.call("echo", [{ when: new Date() }])).toEqual({
      ok: false,
      error: { name: "Error", message: illegalValueText("0.when") },
    });
    expect(bundle.executions).toHaveLength(0);
  });

  it("hands the server a copy in its own realm, and undefined inside arrays as null", () => {
    const bundle = loadBundle({ dist });
    const arg = { list: [1, undefined] };
    expect(bundle.run("mutate", arg)).toEqual({ list: [1, null], changed: true });
    expect(arg).toEqual({ list: [1, undefined] });
    expect(bundle.run("echo", [1])).toEqual([[1], true, 1]);
    expect(bundle.run("argCount", 1, 2)).toBe(2);
  });

  it("delivers Dates as null, undefined as null, and JSON's view of the rest", () => {
    const bundle = loadBundle({ dist });
    expect(bundle.run("today")).toBeNull();
    expect(bundle.run("nestedDate")).toBeNull();
    expect(bundle.run("nothing")).toBeNull();
    expect(bundle.run("sparse")).toEqual({ list: [1, null, 3] });
  });

  it("runs each call as a fresh execution in context sidebar", () => {
    const bundle = loadBundle({ dist });
    expect([bundle.run("echo", "a")[2], bundle.run("echo", "b")[2]]).toEqual([1, 1]);
    expect(bundle.run("context")).toBe("ui");
    expect(bundle.executions.map((e) => [e.name, e.context])).toEqual([
      ["echo", "sidebar"],
      ["echo", "sidebar"],
      ["context", "sidebar"],
    ]);
  });

  it("reaches the failure handler with the server's error", () => {
    const bundle = loadBundle({ dist });
    expect(() => bundle.run("echo", () => 1)).toThrow(illegalValueText("0"));
  });
});

describe("the local server applies the same rules", () => {
  const dist = fixtureDist(CODE);
  const rpc = async (url: string, body: unknown) =>
    (await fetch(url + "rpc", { method: "POST", body: JSON.stringify(body) })).json();

  it("answers any public top-level function, refuses private ones and tagged Dates", async () => {
    const server = await startServer({ dist, bundle: loadBundle({ dist }) });
    try {
      expect(await rpc(server.url, { name: "notInContract", args: [], tagged: true })).toEqual({
        ok: true,
        value: "any top-level function",
      });
      expect((await rpc(server.url, { name: "secret_", args: [] })).ok).toBe(false);
      const dateArg = { o: { when: { x: "[object Date]" } } };
      expect(await rpc(server.url, { name: "echo", args: [dateArg], tagged: true })).toEqual({
        ok: false,
        error: { name: "Error", message: illegalValueText("0.when") },
      });
      expect(
        await rpc(server.url, {
          name: "mutate",
          args: [{ o: { list: { a: [1, { u: 1 }] } } }],
          tagged: true,
        }),
      ).toEqual({
        ok: true,
        value: { list: [1, null], changed: true },
      });
      expect(await rpc(server.url, { name: "today", args: [], tagged: true })).toEqual({
        ok: true,
        value: null,
      });
    } finally {
      await server.close();
    }
  });
});
