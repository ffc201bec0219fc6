/**
 * The customer browser at scale: a page of 50 from a 100,000-customer book, through the built bundle in the
 * emulator (the same path google.script.run takes). Cold = first call (one getValues of the whole sheet,
 * index built); warm = later calls served from the cached index. Prints figures; asserts nothing.
 */
import type { CustomerQuery } from "../../shared/browse";
import { seedBook } from "../demo/seed-data";
import { loadBundle } from "../load-bundle";

function flag(argv: readonly string[], name: string, fallback: number): number {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? Number(argv[i + 1]) : fallback;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[s.length >> 1];
}

const round = (ms: number) => Math.round(ms * 10) / 10;

export async function browseBench(argv: readonly string[] = []): Promise<Record<string, number>> {
  const customers = flag(argv, "customers", 100_000);
  const runs = flag(argv, "runs", 5);
  const book = seedBook({
    customers,
    orders: Math.min(customers, 20_000),
    asOf: new Date(Date.UTC(2026, 10, 20)),
    lang: "en",
    seed: 20261123,
  });
  const { emulator, ctx } = loadBundle();
  for (const sheet of book) emulator.sheetFromValues(sheet.name, sheet.values);
  const query = (over: Partial<CustomerQuery> = {}): CustomerQuery => ({
    search: "",
    filters: {},
    sort: null,
    page: 1,
    pageSize: 50,
    ...over,
  });
  const time = (q: CustomerQuery) => {
    const t0 = performance.now();
    const page = ctx.listCustomers(q, "en");
    const ms = performance.now() - t0;
    if (page.rows.length === 0 && page.total > 0) throw new Error("empty page");
    return ms;
  };

  emulator.resetCounts();
  const coldMs = time(query());
  const coldGetValues = emulator.counts()["Range.getValues"] ?? 0;
  emulator.resetCounts();
  const warm = Array.from({ length: runs }, (_, i) => time(query({ page: 1 + i * 7 })));
  const warmGetValues = emulator.counts()["Range.getValues"] ?? 0;
  const search = Array.from({ length: runs }, (_, i) =>
    time(query({ search: ["li", "王", "138", "trading"][i % 4] })),
  );
  const sortFirst = time(query({ sort: { column: "Monetary", direction: "desc" } }));
  const sortWarm = Array.from({ length: runs }, (_, i) =>
    time(query({ sort: { column: "Monetary", direction: "desc" }, page: 2 + i })),
  );
  const filtered = Array.from({ length: runs }, () =>
    time(query({ filters: { Status: "won", Region: "上海" }, sort: { column: "Name", direction: "asc" } })),
  );
  const portrait = (id: string) => {
    const t0 = performance.now();
    ctx.getCustomerPortrait(id, "en");
    return performance.now() - t0;
  };
  // The first portrait reads and groups Orders, Interactions and Feedback; later ones reuse that.
  const portraitColdMs = portrait("C00042");
  const portraitMs = median(["C00043", "C01000", "C05000"].map(portrait));
  return {
    customers,
    pageFrom100kColdMs: round(coldMs),
    pageFrom100kMs: round(median(warm)),
    searchPageMs: round(median(search)),
    firstSortPageMs: round(sortFirst),
    sortedPageMs: round(median(sortWarm)),
    filteredSortedPageMs: round(median(filtered)),
    portraitColdMs: round(portraitColdMs),
    portraitMs: round(portraitMs),
    coldGetValuesCalls: coldGetValues,
    warmGetValuesCalls: warmGetValues,
  };
}
