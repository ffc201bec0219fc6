/**
 * Settings → Channels through the bundle's server functions: secrets never reach the sidebar in clear, a
 * form that sends them back masked keeps them (the test message is still signed right: the local server
 * checks DingTalk's 加签), members choose their own reminders' channel only, and every change is audited
 * without the secret.
 */
import { auditRows } from "../../../../src/local/faults/attacks/book";
import { startChannelServer, type ChannelServerHandle } from "../../../../src/local/channels-server/start";
import type { ChannelsView } from "../../../../src/shared/channels";
import { BOSS, OWNER, loadNotifyBundle } from "../harness";

const SALES = "sales@example.com";
const SECRET = "SECsettings-0123456789";

describe("channel settings", () => {
  let server: ChannelServerHandle;
  beforeAll(async () => {
    server = await startChannelServer({ dingtalk: [{ accessToken: "tok-settings-1", secret: SECRET }] });
  });
  afterAll(() => server.close());

  it("masks, keeps masked secrets, tests, and limits members to their own reminders", async () => {
    const loaded = loadNotifyBundle({ customers: [], roles: { [SALES]: "sales", [BOSS]: "manager" } });
    const { emulator } = loaded;
    emulator.setUser(OWNER);
    const url = `${server.baseUrl}/robot/send?access_token=tok-settings-1`;
    const audit0 = auditRows(loaded).length;
    const saved = loaded.run("saveChannel", {
      id: "ding",
      kind: "dingtalk",
      name: "销售群",
      url,
      secret: SECRET,
      format: "text",
    });
    expect(saved.ok).toBe(true);
    const view = saved.view as ChannelsView;
    const text = JSON.stringify(view);
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain("tok-settings-1");
    expect(view.channels[0]).toMatchObject({
      id: "ding",
      secret: "••••6789",
      url: `${server.baseUrl}/••••gs-1`,
    });
    expect(view.members.map((m) => m.email)).toEqual([BOSS, OWNER, SALES]);

    // Renamed with the masked values sent back: the secret is kept, so the test message is signed right.
    const renamed = loaded.run("saveChannel", { ...view.channels[0], name: "销售一群" });
    expect(renamed.ok).toBe(true);
    const test = loaded.run("sendChannelTest", "ding");
    expect(test.outcome).toBe("sent");
    const [req] = await server.requests();
    expect(req.accepted).toBe(true);
    expect(JSON.parse(req.body).text.content).toContain("Sheet CRM");

    // A bad URL is refused with its form key; nothing changes.
    expect(
      loaded.run("saveChannel", { id: "x", kind: "slack", name: "S", url: "http://evil.example/hook" }),
    ).toEqual({
      ok: false,
      error: "url",
    });

    // Every change audited, never with the secret or the token.
    const entries = auditRows(loaded)
      .slice(audit0)
      .map((r) => r.join(" "));
    expect(entries).toHaveLength(4);
    expect(entries.join("\n")).not.toMatch(/SECsettings|tok-settings/);
    expect(entries[0]).toContain('added dingtalk channel "ding"');

    // A sales rep sees names only and their own choice; sets their reminders, not their reports.
    emulator.setUser(SALES);
    const mine = loaded.run("listChannels") as ChannelsView;
    expect(mine.canManage).toBe(false);
    expect(mine.channels).toEqual([{ id: "ding", kind: "dingtalk", name: "销售一群", url: "", secret: "" }]);
    expect(mine.members.map((m) => m.email)).toEqual([SALES]);
    const chosen = loaded.run("saveChannelChoice", SALES, { reminders: "ding", reports: "ding", phone: "" });
    expect(chosen.members[0]).toMatchObject({ reminders: "ding", reports: "mail" });
    expect(() => loaded.run("saveChannelChoice", BOSS, { reminders: "ding" })).toThrow(/owners and managers/);
    expect(() => loaded.run("saveChannel", { id: "y", kind: "slack", name: "S", url })).toThrow(
      /does not allow/,
    );
    expect(() => loaded.run("deleteChannel", "ding")).toThrow(/does not allow/);

    // A manager chooses the sales rep's reports and alerts channel, and removes the channel: mail again.
    emulator.setUser(BOSS);
    const byBoss = loaded.run("saveChannelChoice", SALES, { reports: "ding" }) as ChannelsView;
    expect(byBoss.members.find((m) => m.email === SALES)).toMatchObject({
      reminders: "ding",
      reports: "ding",
    });
    const after = loaded.run("deleteChannel", "ding") as ChannelsView;
    expect(after.channels).toEqual([]);
    expect(after.members.find((m) => m.email === SALES)).toMatchObject({
      reminders: "mail",
      reports: "mail",
    });
  });
});
