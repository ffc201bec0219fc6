// "The maximum length of a key is 250 characters. The maximum amount of data that can be stored per key is
// 100KB." "The maximum time allowed for expiration is 21600 seconds (6 hours)." "The cap for cached items is
// 1,000. If more than 1,000 items are written, the cache stores the 900 items farthest from expiration."
// https://developers.google.com/apps-script/reference/cache/cache
import { emulated } from "./harness";

describe("cache limits", () => {
  it("key length, value size (UTF-8 bytes) and expiration", () => {
    const { CacheService } = emulated();
    const cache = CacheService.getScriptCache()!;
    cache.put("k".repeat(250), "v");
    expect(() => cache.put("k".repeat(251), "v")).toThrow("Argument too large: key");
    cache.put("big", "x".repeat(100 * 1024));
    expect(() => cache.put("big", "中".repeat(34_200))).toThrow("Argument too large: value");
    cache.put("long", "v", 21600);
    expect(() => cache.put("long", "v", 21601)).toThrow("Argument too large: expirationInSeconds");
    expect(() => cache.putAll({ a: "1" }, 21601)).toThrow("Argument too large: expirationInSeconds");
  });

  it("keeps the 900 entries farthest from expiration past 1,000 items", () => {
    const { CacheService } = emulated();
    const cache = CacheService.getDocumentCache()!;
    for (let i = 0; i < 1000; i++) cache.put(`k${i}`, "v", 100 + i);
    expect(cache.get("k0")).toBe("v");
    cache.put("newest", "v", 21600);
    expect(cache.get("newest")).toBe("v");
    expect(cache.get("k999")).toBe("v");
    expect(cache.get("k100")).toBe(null);
    const values = Object.fromEntries(Array.from({ length: 1200 }, (_, i) => [`p${i}`, "v"]));
    const fresh = CacheService.getScriptCache()!;
    fresh.putAll(values, 600);
    expect(Object.keys(fresh.getAll(Object.keys(values)))).toHaveLength(900);
  });

  it("the user cache is the effective user's", () => {
    const { CacheService, emu } = emulated({ user: "a@example.com" });
    CacheService.getUserCache()!.put("k", "a's");
    emu.setUser("b@example.com");
    expect(CacheService.getUserCache()!.get("k")).toBeNull();
  });
});
