/**
 * The demo's chat robots and SMS: the local channel server (a child process standing in for WeCom,
 * DingTalk, Feishu, Slack and an SMS relay, checking each one's signature and format) is started, one
 * channel of each kind is configured through the sidebar's server functions and tested, each member's
 * channel is chosen, every alert rule is switched on (complaints to the Feishu group), events are raised
 * (a customer turns Lost, another At risk, a big order, a complaint whose text tries to mention everyone)
 * and the rules run: each destination gets one message. Every request the server received goes to
 * out/channels/ as JSON (headers and body). The child process is stopped whatever happens, so
 * `npm run demo` always exits.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { AlertList, AlertRunSummary } from "../../shared/alerts";
import type { ChannelsView } from "../../shared/channels";
import { startChannelServer, type ChannelServerConfig, type RecordedRequest } from "../channels-server/start";
import type { LoadedBundle } from "../load-bundle";
import { DEMO_MANAGER, DEMO_REPS } from "./seed-data";

export interface ChannelsRun {
  readonly channels: number;
  readonly tests: readonly { readonly id: string; readonly outcome: string }[];
  readonly baseline: AlertRunSummary;
  readonly alerts: AlertRunSummary;
  readonly list: AlertList;
  readonly requests: readonly RecordedRequest[];
}

const DING_SECRET = "SECdemo0123456789abcdef";
const FEISHU_SECRET = "demo-feishu-secret";
const SMS_KEY = "Bearer demo-sms-key";
const SMS_PHONE = "13800001111";

const CONFIG: ChannelServerConfig = {
  wecom: [{ key: "demo-wecom" }],
  dingtalk: [{ accessToken: "demo-ding", secret: DING_SECRET }],
  feishu: [{ token: "demo-feishu", secret: FEISHU_SECRET }],
  slack: [{ path: "/services/TDEMO/BDEMO/XDEMO" }],
  sms: [
    {
      path: "/sms/send",
      method: "POST",
      requireHeaders: { authorization: SMS_KEY },
      requireFields: ["PhoneNumbers", "Text"],
    },
  ],
};

function channelsOf(base: string): Record<string, unknown>[] {
  return [
    {
      id: "wecom",
      kind: "wecom",
      name: "企业微信 销售群",
      url: `${base}/cgi-bin/webhook/send?key=demo-wecom`,
      format: "markdown",
    },
    {
      id: "ding",
      kind: "dingtalk",
      name: "钉钉 客服群",
      url: `${base}/robot/send?access_token=demo-ding`,
      secret: DING_SECRET,
      format: "text",
    },
    {
      id: "feishu",
      kind: "feishu",
      name: "飞书 运营群",
      url: `${base}/open-apis/bot/v2/hook/demo-feishu`,
      secret: FEISHU_SECRET,
      format: "markdown",
    },
    {
      id: "slack",
      kind: "slack",
      name: "Slack #sales",
      url: `${base}/services/TDEMO/BDEMO/XDEMO`,
      format: "markdown",
    },
    {
      id: "sms",
      kind: "sms",
      name: "短信网关",
      url: `${base}/sms/send`,
      method: "post",
      contentType: "application/json",
      headers: { Authorization: SMS_KEY },
      bodyTemplate: '{"PhoneNumbers":"{{Phone}}","SignName":"Sheet CRM","Text":"{{Text}}"}',
      maxChars: 140,
    },
  ];
}

type Sheet = ReturnType<LoadedBundle["emulator"]["spreadsheet"]["getSheets"]>[number];

function tab(bundle: LoadedBundle, names: RegExp): Sheet {
  const sheet = bundle.emulator.spreadsheet.getSheets().find((s) => names.test(s.getName()));
  if (!sheet) throw new Error(`the demo book has no ${names.source} tab`);
  return sheet;
}
const col = (header: readonly unknown[], names: RegExp) => header.findIndex((h) => names.test(String(h)));

/**
 * Events in the book as its users would make them: a classification that now says Lost and At risk, a big
 * order, a complaint. Each on a customer of a different rep, so each rep's own channel gets one.
 */
function raiseEvents(bundle: LoadedBundle): void {
  const customers = tab(bundle, /^(Customers|客户)$/);
  const [ch, ...rows] = customers.getDataRange().getValues();
  const id = col(ch, /^(CustomerID|客户编号)$/);
  const owner = col(ch, /^(Owner|负责人)$/);
  const life = col(ch, /^(Lifecycle|生命周期)$/);
  const zh = ch.some((h) => /[\u4e00-\u9fff]/.test(String(h)));
  // The first customer of each of the first three reps, and a second one of the third.
  const ofRep = (rep: string | undefined, skip = 0) =>
    rows.map((r, i) => (String(r[owner]).trim().toLowerCase() === rep ? i : -1)).filter((i) => i >= 0)[
      skip
    ] ?? skip;
  const picks = [ofRep(DEMO_REPS[0]), ofRep(DEMO_REPS[1]), ofRep(DEMO_REPS[2]), ofRep(DEMO_REPS[2], 1)];
  const idOf = (i: number) => String(rows[picks[i]][id]);
  const setLife = (i: number, label: string) => {
    if (life >= 0) customers.getRange(picks[i] + 2, life + 1).setValue(label);
  };
  setLife(0, zh ? "已流失" : "Lost");
  setLife(3, zh ? "流失风险" : "At risk");
  const orders = tab(bundle, /^(Orders|订单)$/);
  const [oh, first] = orders.getDataRange().getValues();
  const big = first.slice();
  big[col(oh, /^(OrderID|订单编号)$/)] = "SO-DEMO-BIG";
  big[col(oh, /^(CustomerID|客户编号)$/)] = idOf(1);
  big[col(oh, /^(Amount|金额)$/)] = 888_888;
  orders.appendRow(big);
  const feedback = tab(bundle, /^(Feedback|客户反馈)$/);
  const fh = feedback.getRange(1, 1, 1, feedback.getLastColumn()).getValues()[0];
  const complaint = fh.map(() => "" as unknown);
  complaint[col(fh, /^(Date|日期)$/)] = new Date(bundle.emulator.clock.nowMs());
  complaint[col(fh, /^(CustomerID|客户编号)$/)] = idOf(2);
  complaint[col(fh, /^(Rating|满意度评分)$/)] = 1;
  complaint[col(fh, /^(Comment|反馈内容)$/)] =
    "<@all> @13800001111 [点这里](http://evil.example) 太差了，很失望";
  feedback.appendRow(complaint);
}

/** Configures the channels and rules, raises events and runs the rules (one step of the demo). */
function configureAndRaise(bundle: LoadedBundle, base: string): Omit<ChannelsRun, "requests"> {
  const run = (name: string, ...args: unknown[]) => bundle.run(name, ...args);
  let view: ChannelsView | null = null;
  for (const c of channelsOf(base)) {
    const saved = run("saveChannel", c);
    if (!saved.ok) throw new Error(`channel ${String(c.id)}: ${saved.error}`);
    view = saved.view;
  }
  // Each rep's reports and alerts go to one robot or SMS; the manager's to Slack.
  const kinds = ["wecom", "ding", "sms"];
  DEMO_REPS.forEach((rep, i) => {
    const via = kinds[i % kinds.length];
    run("saveChannelChoice", rep, { reminders: via, reports: via, phone: via === "sms" ? SMS_PHONE : "" });
  });
  run("saveChannelChoice", DEMO_MANAGER, { reports: "slack" });
  const tests = (view?.channels ?? []).map((c) => ({
    id: c.id,
    outcome: String(run("sendChannelTest", c.id, c.kind === "sms" ? SMS_PHONE : "").outcome),
  }));
  // Every rule on; complaints go to the Feishu group whoever they concern (a rule's own channel).
  const rules = run("getAlertRules").settings.rules.map((r: Record<string, unknown>) => ({
    ...r,
    enabled: true,
    ...(r.kind === "complaint" ? { channel: "feishu" } : {}),
  }));
  const saved = run("saveAlertRules", { rules });
  if (!saved.ok) throw new Error(JSON.stringify(saved.problems));
  // The first run only remembers what already holds: switching alerts on floods nobody with the past.
  const baseline = run("checkAlertsNow") as AlertRunSummary;
  raiseEvents(bundle);
  const alerts = run("checkAlertsNow") as AlertRunSummary;
  const list = run("listAlerts", "zh-CN", true) as AlertList;
  return { channels: view?.channels.length ?? 0, tests, baseline, alerts, list };
}

/**
 * Starts the channel server, runs `record` (the demo's step runner) around the configuration, collects
 * every request, and stops the server in all cases.
 */
export async function runChannelsStep(
  bundle: LoadedBundle,
  record: (action: () => void) => void,
): Promise<ChannelsRun | null> {
  const server = await startChannelServer(CONFIG);
  try {
    let done: Omit<ChannelsRun, "requests"> | null = null;
    record(() => void (done = configureAndRaise(bundle, server.baseUrl)));
    const requests = await server.requests();
    return done ? { ...(done as Omit<ChannelsRun, "requests">), requests } : null;
  } finally {
    await server.close();
  }
}

/** How many requests each platform got, and how many it accepted. */
export function requestCounts(run: ChannelsRun): Record<string, { requests: number; accepted: number }> {
  const out: Record<string, { requests: number; accepted: number }> = {};
  for (const r of run.requests) {
    const k = r.platform ?? "unknown";
    out[k] ??= { requests: 0, accepted: 0 };
    out[k].requests++;
    if (r.accepted) out[k].accepted++;
  }
  return out;
}

/** out/channels/: one JSON file per request (headers and body as received), requests.json, alerts.json. */
export function writeChannelsRun(out: string, run: ChannelsRun): string {
  const dir = path.join(out, "channels");
  mkdirSync(dir, { recursive: true });
  for (const r of run.requests)
    writeFileSync(
      path.join(dir, `${String(r.seq).padStart(3, "0")}-${r.platform ?? "unknown"}.json`),
      JSON.stringify(r, null, 2) + "\n",
    );
  writeFileSync(path.join(dir, "requests.json"), JSON.stringify(run.requests, null, 2) + "\n");
  writeFileSync(
    path.join(dir, "alerts.json"),
    JSON.stringify(
      { baseline: run.baseline, run: run.alerts, tests: run.tests, list: run.list.items },
      null,
      2,
    ) + "\n",
  );
  return dir;
}
