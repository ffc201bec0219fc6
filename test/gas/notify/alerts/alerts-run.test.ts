/**
 * Alerts through the built bundle: the hourly dispatcher (handleDispatch) evaluates the rules after the
 * classification; a customer turning Lost fires once across runs, to the right recipients on their chosen
 * channel — real HTTP to the local channel server for a DingTalk robot (加签 checked there), mail for the
 * manager — and the sidebar's list shows it until acknowledged (audited).
 */
import { auditRows } from "../../../../src/local/faults/attacks/book";
import { startChannelServer, type ChannelServerHandle } from "../../../../src/local/channels-server/start";
import type { LoadedBundle } from "../../../../src/local/load-bundle";
import type { AlertList } from "../../../../src/shared/alerts";
import { BOSS, loadNotifyBundle } from "../harness";

const SALES = "sales@example.com";
const SECRET = "SECalerts0123";
const DAY = 86_400_000;

const customer = (id: string, name: string, owner: string) => [
  id,
  name,
  "",
  "Regular",
  "Following up",
  "2026-11-01",
  owner,
  "North",
  "",
  "",
  "",
];
/** Orders every two weeks up to a week ago: a loyal customer now, Lost a year and a half later. */
const orders = (id: string) =>
  Array.from({ length: 8 }, (_, i) => [
    `${id}-O${i}`,
    id,
    `2026-${i < 4 ? "08" : "10"}-${10 + (i % 4) * 5}`,
    100,
    "Paid",
    "",
  ]);

function alertRows(loaded: LoadedBundle): string[][] {
  const sheet = loaded.emulator.spreadsheet.getSheetByName("Alerts");
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet.getRange(2, 1, sheet.getLastRow() - 1, 13).getValues() as string[][];
}

describe("alerts from the hourly dispatcher", () => {
  let server: ChannelServerHandle;
  beforeAll(async () => {
    server = await startChannelServer({ dingtalk: [{ accessToken: "dt-alerts", secret: SECRET }] });
  });
  afterAll(() => server.close());

  it("a customer turning Lost fires once across runs, to the owner's robot and the manager's mail", async () => {
    const loaded = loadNotifyBundle({
      customers: [customer("C1", "Acme <@all>", SALES), customer("C2", "Beta", "")],
      orders: [...orders("C1"), ...orders("C2")],
      roles: { [SALES]: "sales", [BOSS]: "manager" },
    });
    const { emulator, ctx } = loaded;
    emulator.properties.document.set(
      "channels",
      JSON.stringify({
        channels: [
          {
            id: "ding",
            kind: "dingtalk",
            name: "钉钉销售群",
            url: `${server.baseUrl}/robot/send?access_token=dt-alerts`,
            secret: SECRET,
            format: "text",
          },
        ],
      }),
    );
    // The sales rep gets reports and alerts in the DingTalk group; the manager by mail (no choice).
    emulator.properties.document.set(
      "channelChoices",
      JSON.stringify({ [SALES]: { reminders: "mail", reports: "ding", phone: "" } }),
    );
    // Rules saved through the server function, as the settings form does (audited; arms the dispatcher).
    const saved = loaded.run("saveAlertRules", {
      rules: [
        {
          kind: "turned",
          enabled: true,
          threshold: 0,
          stages: ["lost"],
          recipients: { owner: true, managers: true, emails: [] },
          channel: "choice",
        },
      ],
    });
    expect(saved.ok).toBe(true);
    expect(emulator.triggers().map((t) => t.handler)).toContain("handleDispatch");

    // The classification needs its columns (Segment, Lifecycle, PAlive…): Set up adds them.
    ctx.setUpSheets();
    ctx.classifyNow();
    ctx.handleDispatch();
    // First evaluation: the rule is armed, nobody is Lost yet, nothing sent.
    expect(await server.requests()).toHaveLength(0);
    expect(alertRows(loaded).map((r) => r[9])).toEqual(["armed"]);

    emulator.clock.advance(540 * DAY);
    ctx.classifyNow();
    const mailsBefore = emulator.outbox.length;
    ctx.handleDispatch();
    const got = await server.requests();
    expect(got).toHaveLength(1);
    expect(got[0].accepted).toBe(true);
    const content = JSON.parse(got[0].body).text.content as string;
    // Only the sales rep's own customer goes to their group; its name cannot mention anyone there.
    expect(content).toContain("C1");
    expect(content).not.toContain("C2");
    expect(content).not.toContain("<@all>");
    expect(content).toContain("＜＠all＞");
    const mails = emulator.outbox.slice(mailsBefore);
    expect(mails.map((m) => m.to)).toEqual([BOSS]);
    expect(mails[0].body).toContain("C1");
    expect(mails[0].body).toContain("C2");
    expect(mails[0].htmlBody).toContain("Acme &lt;@all&gt;");
    expect(
      alertRows(loaded)
        .filter((r) => r[9] === "raised")
        .map((r) => [r[2], r[7]]),
    ).toEqual([
      ["C1", `${SALES},${BOSS}`],
      ["C2", BOSS],
    ]);

    // The next hourly runs see the same Lost customers: nothing fires or is sent again.
    await server.reset();
    emulator.clock.advance(3_600_000);
    ctx.handleDispatch();
    emulator.clock.advance(DAY);
    ctx.handleDispatch();
    expect(await server.requests()).toHaveLength(0);
    expect(emulator.outbox.length).toBe(mailsBefore + 1);
    expect(alertRows(loaded).filter((r) => r[9] === "raised")).toHaveLength(2);

    // The sales rep sees only the alert sent to them, and acknowledges it (audited).
    emulator.setUser(SALES);
    const mine = loaded.run("listAlerts", "en") as AlertList;
    expect(mine.items.map((i) => i.customerId)).toEqual(["C1"]);
    expect(mine.items[0].text).toBe("Acme <@all> (C1) turned Lost");
    const audit = auditRows(loaded).length;
    const after = loaded.run("acknowledgeAlert", mine.items[0].id, "en") as AlertList;
    expect(after.items).toEqual([]);
    const entries = auditRows(loaded).slice(audit);
    expect(entries).toHaveLength(1);
    expect(entries[0].join(" ")).toContain("acknowledged turned|C1|lost");
    // Someone else's alert cannot be acknowledged by them.
    emulator.setUser(BOSS);
    const all = loaded.run("listAlerts", "zh-CN") as AlertList;
    expect(all.items.map((i) => i.customerId)).toEqual(["C2"]);
    emulator.setUser(SALES);
    expect(() => loaded.run("acknowledgeAlert", all.items[0].id, "en")).toThrow(/recipients/);
  });
});
