import { ATTACKS, runAttack, runAttacks, type Attack } from "../../../src/local/faults/attacks";
import { AttackSetupError } from "../../../src/local/faults/attacks/attack";
import { OUTSIDE } from "../../../src/local/faults/attacks/book";
import { SALES_A } from "../../../src/local/faults/fixture";
import type { LoadedBundle } from "../../../src/local/load-bundle";
import { main } from "../../../src/local/faults/run-faults";

const dist = process.env.SHEET_CRM_DIST;
const attack = (name: string): Attack => ATTACKS.find((a) => a.name === name)!;

/** Adds `entries` to the book's role table: the weakening a test uses to prove an attack can succeed. */
const grant =
  (entries: Record<string, string>) =>
  (loaded: LoadedBundle): void => {
    const roles = JSON.parse(loaded.emulator.properties.document.get("roles") ?? "{}");
    loaded.emulator.properties.document.set("roles", JSON.stringify({ ...roles, ...entries }));
  };

describe("attack kinds of the fault suite (issue 15)", () => {
  it("covers every numbered finding with distinct, named attacks", () => {
    expect(ATTACKS.length).toBeGreaterThanOrEqual(20);
    expect(new Set(ATTACKS.map((a) => a.name)).size).toBe(ATTACKS.length);
    expect([...new Set(ATTACKS.map((a) => a.item))].sort((a, b) => a - b)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
    ]);
    for (const a of ATTACKS) expect(a.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
  });

  it("npm run faults adds every attack to its JSON line, and none succeeds against the built bundle", async () => {
    const lines: string[] = [];
    const log = jest.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    let code: number;
    try {
      code = await main([
        "--seed",
        "1",
        "--count",
        "0",
        "--attacks",
        "only",
        ...(dist ? ["--dist", dist] : []),
      ]);
    } finally {
      log.mockRestore();
    }
    const json = JSON.parse(lines.at(-1)!);
    // The fault suite's keys stay; the attacks are added.
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(["jobs", "faultsInjected", "userCellsLost", "resumeFailures", "seed", "count"]),
    );
    expect(json.attacks.tried).toBe(ATTACKS.length);
    expect({
      succeeded: json.attacks.succeeded,
      failures: lines.filter((l) => / SUCCEEDED /.test(l)),
    }).toEqual({ succeeded: 0, failures: [] });
    expect(json.attackFailures).toEqual([]);
    expect(lines.filter((l) => l.startsWith("attack "))).toHaveLength(ATTACKS.length);
    expect(code).toBe(0);
  });

  it("reports success when the book is weakened: a rep granted manager exports the others' customers", () => {
    const weak = runAttack(attack("export-others-customers"), {
      dist,
      seed: 1,
      weaken: grant({ [SALES_A]: "manager" }),
    });
    expect(weak).toMatchObject({ succeeded: true, detail: expect.stringMatching(/^export held C0002/) });
    expect(runAttack(attack("export-others-customers"), { dist, seed: 1 }).succeeded).toBe(false);
  });

  it("reports success when an outside address is made a team member: reminders reach it", () => {
    const summary = runAttacks({
      dist,
      only: ["owner-column-to-outsider"],
      weaken: grant({ [OUTSIDE]: "sales" }),
      log: () => undefined,
    });
    expect(summary).toMatchObject({ tried: 1, succeeded: 1, failures: ["owner-column-to-outsider"] });
    expect(summary.results[0].detail).toMatch(/mail\(s\) addressed to harvest@outside\.test/);
  });

  it("counts a crash or a failed control as a success, never as refused", () => {
    const env = { seed: 1 };
    const crash: Attack = {
      name: "crash",
      item: 9,
      tries: "throws",
      run: () => {
        throw new Error("Maximum call stack size exceeded");
      },
    };
    const broken: Attack = {
      name: "broken",
      item: 1,
      tries: "its honest path fails",
      run: () => {
        throw new AttackSetupError("control failed: the digest went out");
      },
    };
    expect(runAttack(crash, env)).toMatchObject({
      succeeded: true,
      detail: "crashed: Maximum call stack size exceeded",
    });
    expect(runAttack(broken, env)).toMatchObject({
      succeeded: true,
      detail: "control failed: the digest went out",
    });
  });
});
