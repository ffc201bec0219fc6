import { createEmulator, LOCK_TIMEOUT_TEXT } from "../../../src/local/emulator";

function services(opts: Parameters<typeof createEmulator>[0] = {}) {
  const emu = createEmulator({ now: "2026-11-23T09:00:00Z", ...opts });
  const g = emu.globals as any;
  return {
    emu,
    PropertiesService: g.PropertiesService as GoogleAppsScript.Properties.PropertiesService,
    CacheService: g.CacheService as GoogleAppsScript.Cache.CacheService,
    LockService: g.LockService as GoogleAppsScript.Lock.LockService,
    HtmlService: g.HtmlService as GoogleAppsScript.HTML.HtmlService,
    Session: g.Session as GoogleAppsScript.Base.Session,
    Utilities: g.Utilities as GoogleAppsScript.Utilities.Utilities,
    Logger: g.Logger as GoogleAppsScript.Base.Logger,
    console: g.console as Console,
  };
}

describe("PropertiesService", () => {
  it("keeps document, script and per-user stores apart", () => {
    const { emu, PropertiesService } = services({ user: "a@example.com" });
    PropertiesService.getDocumentProperties().setProperty("k", "doc");
    PropertiesService.getScriptProperties().setProperty("k", "script");
    PropertiesService.getUserProperties().setProperty("k", "a");
    emu.setUser("b@example.com");
    expect(PropertiesService.getUserProperties().getProperty("k")).toBeNull();
    expect(PropertiesService.getDocumentProperties().getProperty("k")).toBe("doc");
    expect(PropertiesService.getScriptProperties().getProperties()).toEqual({ k: "script" });
    expect(emu.properties.user("a@example.com").get("k")).toBe("a");
    PropertiesService.getDocumentProperties().setProperties({ x: "1", y: "2" }, true);
    expect(PropertiesService.getDocumentProperties().getKeys().sort()).toEqual(["x", "y"]);
    PropertiesService.getDocumentProperties().deleteProperty("x");
    expect(PropertiesService.getDocumentProperties().getProperty("x")).toBeNull();
  });

  it("rejects a value over 9 KB and a store over 500 KB, leaving the store unchanged", () => {
    const { emu, PropertiesService } = services();
    const props = PropertiesService.getDocumentProperties();
    props.setProperty("ok", "x".repeat(9 * 1024 - 2));
    expect(() => props.setProperty("big", "x".repeat(9 * 1024))).toThrow("Value too large for property");
    expect(() => props.setProperty("zh", "中".repeat(3100))).toThrow("Value too large for property");
    expect(props.getProperty("big")).toBeNull();
    for (let i = 0; i < 55; i++) props.setProperty(`k${i}`, "y".repeat(9000));
    expect(() => props.setProperty("k56", "y".repeat(9000))).toThrow(
      "You have exceeded the property storage quota. Please remove some properties and try again.",
    );
    expect(emu.properties.document.has("k56")).toBe(false);
  });
});

describe("CacheService", () => {
  it("expires entries on the emulated clock and enforces 100 KB values", () => {
    const { emu, CacheService } = services();
    const cache = CacheService.getScriptCache()!;
    cache.put("a", "1", 60);
    cache.putAll({ b: "2", c: "3" });
    expect(cache.getAll(["a", "b", "z"])).toEqual({ a: "1", b: "2" });
    emu.clock.advance(61_000);
    expect(cache.get("a")).toBeNull();
    expect(cache.get("b")).toBe("2");
    emu.clock.advance(600_000);
    expect(cache.get("b")).toBeNull();
    expect(() => cache.put("big", "x".repeat(100 * 1024 + 1))).toThrow("Argument too large: value");
    cache.put("d", "4");
    cache.remove("d");
    expect(cache.get("d")).toBeNull();
    expect(CacheService.getDocumentCache()!.get("c")).toBeNull();
  });
});

describe("LockService", () => {
  it("tryLock/waitLock/hasLock/releaseLock, one holder per scope", () => {
    const { LockService } = services();
    const a = LockService.getDocumentLock();
    const b = LockService.getDocumentLock();
    expect(a.tryLock(1000)).toBe(true);
    expect(a.hasLock()).toBe(true);
    expect(b.tryLock(1000)).toBe(false);
    expect(LockService.getScriptLock().tryLock(10)).toBe(true);
    a.releaseLock();
    expect(a.hasLock()).toBe(false);
    b.waitLock(1000);
    expect(b.hasLock()).toBe(true);
  });

  it("simulated contention: tryLock waits its timeout then fails, waitLock throws Apps Script's text", () => {
    const { emu, LockService } = services();
    emu.faults.lockContention(true);
    const start = emu.clock.nowMs();
    expect(LockService.getDocumentLock().tryLock(30_000)).toBe(false);
    expect(emu.clock.nowMs() - start).toBe(30_000);
    expect(() => LockService.getUserLock().waitLock(5000)).toThrow(LOCK_TIMEOUT_TEXT);
    expect(LOCK_TIMEOUT_TEXT).toBe("Lock timeout: another process was holding the lock for too long.");
    emu.faults.lockContention(false);
    expect(LockService.getDocumentLock().tryLock(1)).toBe(true);
  });
});

describe("Session", () => {
  it("active/effective user, locale and script zone are set per test", () => {
    const { emu, Session } = services({
      user: "u@example.com",
      locale: "zh_CN",
      scriptTimeZone: "Europe/Berlin",
    });
    expect(Session.getActiveUser().getEmail()).toBe("u@example.com");
    expect(Session.getEffectiveUser().getEmail()).toBe("u@example.com");
    expect(Session.getActiveUserLocale()).toBe("zh_CN");
    expect(Session.getScriptTimeZone()).toBe("Europe/Berlin");
    emu.setUser("");
    emu.setLocale("en");
    expect([Session.getActiveUser().getEmail(), Session.getActiveUserLocale()]).toEqual(["", "en"]);
  });
});

describe("HtmlService", () => {
  it("creates outputs from files and strings with title and width", () => {
    const { HtmlService } = services({ htmlFiles: { Sidebar: "<p>hi</p>" } });
    const out = HtmlService.createHtmlOutputFromFile("Sidebar").setTitle("Sheet CRM").setWidth(300);
    expect([out.getContent(), out.getTitle(), out.getWidth()]).toEqual(["<p>hi</p>", "Sheet CRM", 300]);
    expect(HtmlService.createHtmlOutput("<b>x</b>").append("y").getContent()).toBe("<b>x</b>y");
    expect(() => HtmlService.createHtmlOutputFromFile("Missing")).toThrow(
      "No HTML file named Missing was found.",
    );
  });

  it("evaluates templates: <? ?> code, <?= ?> escaped, <?!= ?> raw", () => {
    const { HtmlService } = services({
      htmlFiles: { T: "<ul><? for (const n of names) { ?><li><?= n ?></li><? } ?></ul><?!= raw ?>" },
    });
    const t = HtmlService.createTemplateFromFile("T") as any;
    t.names = ["<Ann>", "Bob & Co"];
    t.raw = "<i>ok</i>";
    expect(t.evaluate().getContent()).toBe("<ul><li>&lt;Ann&gt;</li><li>Bob &amp; Co</li></ul><i>ok</i>");
    const inline = HtmlService.createTemplate("<?= 1 + 2 ?>") as any;
    expect(inline.evaluate().getContent()).toBe("3");
  });
});

describe("Utilities", () => {
  it("formatDate uses Java patterns and time zones", () => {
    const { Utilities } = services();
    const d = new Date("2026-07-04T16:05:09.045Z");
    expect(Utilities.formatDate(d, "Asia/Shanghai", "yyyy-MM-dd HH:mm:ss")).toBe("2026-07-05 00:05:09");
    expect(Utilities.formatDate(d, "America/New_York", "EEE, d MMM yyyy h:mm a Z")).toBe(
      "Sat, 4 Jul 2026 12:05 PM -0400",
    );
    expect(Utilities.formatDate(d, "UTC", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX")).toBe("2026-07-04T16:05:09.045Z");
    expect(Utilities.formatDate(d, "GMT+8", "HH:mm")).toBe("00:05");
    expect(Utilities.formatDate(d, "Asia/Shanghai", "EEEE MMMM")).toBe("Sunday July");
    expect(Utilities.formatDate(d, "Asia/Shanghai", "z")).toBe("CST");
    expect(Utilities.formatDate(d, "America/New_York", "z")).toBe("EDT");
    expect(Utilities.formatDate(d, "Europe/London", "z")).toBe("BST");
    expect(Utilities.formatDate(d, "UTC", "z")).toBe("UTC");
    expect(() => Utilities.formatDate(d, "UTC", "yyyy-MM-dd Q")).toThrow("Illegal pattern character 'Q'");
  });

  it("parseDate reads wall-clock text in a zone; rejects what does not match", () => {
    const { Utilities } = services();
    expect(Utilities.parseDate("2026-03-01 08:30", "Asia/Shanghai", "yyyy-MM-dd HH:mm").toISOString()).toBe(
      "2026-03-01T00:30:00.000Z",
    );
    expect(Utilities.parseDate("20260301", "UTC", "yyyyMMdd").toISOString()).toBe("2026-03-01T00:00:00.000Z");
    expect(() => Utilities.parseDate("March", "UTC", "yyyy-MM-dd")).toThrow('Unparseable date: "March"');
  });

  it("digests as signed bytes, base64, uuids, blobs with charsets", () => {
    const { Utilities } = services();
    const md5 = Utilities.computeDigest(Utilities.DigestAlgorithm.MD5, "abc");
    expect(md5.slice(0, 4)).toEqual([-112, 1, 80, -104]); // 900150983cd24fb0...
    const sha = Utilities.computeDigest(Utilities.DigestAlgorithm.SHA_256, "abc");
    expect(Buffer.from(sha.map((b) => b & 0xff)).toString("hex")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(Utilities.base64Encode("中文")).toBe("5Lit5paH");
    expect(Utilities.newBlob(Utilities.base64Decode("5Lit5paH")).getDataAsString()).toBe("中文");
    expect(Utilities.base64EncodeWebSafe([0xfb, 0xff])).toBe("-_8=");
    expect(Utilities.base64DecodeWebSafe("-_8=")).toEqual([-5, -1]);
    const gbk = Utilities.newBlob([0xc4, 0xe3, 0xba, 0xc3], "text/csv", "a.csv");
    expect(gbk.getDataAsString("GBK")).toBe("你好");
    expect([gbk.getName(), gbk.getContentType()]).toEqual(["a.csv", "text/csv"]);
    expect(Utilities.newBlob("é").getBytes()).toEqual([-61, -87]);
    const u1 = Utilities.getUuid();
    expect(u1).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(Utilities.getUuid()).not.toBe(u1);
    expect(services().Utilities.getUuid()).toBe(u1);
  });

  it("zip/unzip and gzip/ungzip round-trip blobs", () => {
    const { Utilities } = services();
    const zip = Utilities.zip(
      [Utilities.newBlob("a,b", "text/csv", "a.csv"), Utilities.newBlob("中", "text/plain", "b.txt")],
      "x.zip",
    );
    expect([zip.getName(), zip.getContentType()]).toEqual(["x.zip", "application/zip"]);
    const files = Utilities.unzip(zip);
    expect(files.map((f) => [f.getName(), f.getDataAsString()])).toEqual([
      ["a.csv", "a,b"],
      ["b.txt", "中"],
    ]);
    const gz = Utilities.gzip(Utilities.newBlob("hello", "text/plain", "h.txt"));
    expect(gz.getName()).toBe("h.txt.gz");
    expect(Utilities.ungzip(gz).getDataAsString()).toBe("hello");
  });

  it("sleep advances the emulated clock", () => {
    const { emu, Utilities } = services();
    const t = emu.clock.nowMs();
    Utilities.sleep(1500);
    expect(emu.clock.nowMs() - t).toBe(1500);
  });
});

describe("Logger and console", () => {
  it("keep lines for the test instead of printing", () => {
    const { emu, Logger, console } = services();
    Logger.log("a %s", 1);
    console.log("b", 2);
    console.error("bad");
    expect(emu.logs).toEqual(["a 1", "b 2", "ERROR bad"]);
    expect(Logger.getLog()).toBe("a 1\nb 2\nERROR bad");
  });
});
