/**
 * The customer browser at scale: a 100,000-customer book, driven through the built bundle in the emulator
 * the way the sidebar drives it. Every call is a fresh Apps Script execution (module state gone; only
 * properties, the document cache and the sheets carry over), and the figures are the cost model's
 * modelled milliseconds for that execution (src/local/emulator/cost-model.ts), not wall time:
 * - firstPaintColdMs: dashboard + first page with an empty document cache, as the sidebar paints first
 *   (the quick answers: page rows only, facets and aggregates pending);
 * - firstPaintColdOwnMs: the same for a sales rep (the Owner column read from the top only as far as
 *   their first page; the total estimated until the full answer);
 * - rebuildFirstPaintMs: the "full" dashboard + first page the sidebar then asks for (the once-per-change
 *   cost; the full dashboard also leaves the CustomerID row index of every sheet a portrait reads);
 * - firstPaintMs: dashboard + first page when the columns are cached but neither answer is;
 * - pageMs: the next page; backPageMs: a page asked before (Back from a portrait);
 * - sortedPageMs, searchPageMs, filteredSortedPageMs: a query the cache has not seen;
 * - portraitFirstMs: the first portrait after those answers; portraitMs: later ones (each reads its own
 *   rows only, found through the cached row indexes);
 * - portraitColdMs: a portrait when nothing is cached (it reads every related sheet's CustomerID column);
 * - afterEditPageMs: a page after a user edited one name (edit trigger; Name and CustomerID re-read).
 * `...WallMs` figures are this machine's wall time for the same executions (bundle evaluation included).
 * Prints figures; asserts nothing.
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
  const runs = flag(argv, "runs", 3);
  const book = seedBook({
    customers,
    orders: Math.min(customers, 20_000),
    asOf: new Date(Date.UTC(2026, 10, 20)),
    lang: "en",
    seed: 20261123,
  });
  const bundle = loadBundle();
  const { emulator, ctx } = bundle;
  for (const sheet of book) emulator.sheetFromValues(sheet.name, sheet.values);
  const query = (over: Partial<CustomerQuery> = {}): CustomerQuery => ({
    search: "",
    filters: {},
    sort: null,
    page: 1,
    pageSize: 50,
    ...over,
  });
  /** Runs one sidebar call as its own execution: modelled and wall ms of that execution. */
  const measure = (call: () => unknown): { modelled: number; wall: number; cellsRead: number } => {
    const before = bundle.executions.length;
    const t0 = performance.now();
    call();
    const wall = performance.now() - t0;
    const ex = bundle.executions.slice(before);
    if (ex.length !== 1) throw new Error(`expected one execution, got ${ex.length}`);
    return { modelled: ex[0].modelledMs, wall, cellsRead: ex[0].cellsRead };
  };
  const page = (q: CustomerQuery, lang = "en", detail = "quick") =>
    measure(() => {
      const p = ctx.listCustomers(q, lang, detail);
      if (p.rows.length === 0 && p.total > 0) throw new Error("empty page");
    });
  const dash = (lang = "en", detail = "quick") => measure(() => ctx.getDashboard(lang, detail));
  const portrait = (id: string) => measure(() => ctx.getCustomerPortrait(id, "en"));

  // An empty cache: what the first sidebar after a change of every column pays.
  const coldDash = dash();
  const coldPage = page(query());
  const rebuildDash = dash("en", "full");
  const rebuildPage = page(query(), "en", "full");
  // Columns cached, answers not (another language): the first paint of a fresh session.
  const firstDash = dash("zh-CN");
  const firstPage = page(query(), "zh-CN");
  const next = Array.from({ length: runs }, (_, i) => page(query({ page: 2 + i * 7 })));
  const back = page(query());
  const sorted = Array.from({ length: runs }, (_, i) =>
    page(query({ sort: { column: i % 2 ? "Name" : "Monetary", direction: "desc" }, page: 1 + i })),
  );
  const search = Array.from({ length: runs }, (_, i) => page(query({ search: ["li", "王", "138"][i % 3] })));
  const filtered = Array.from({ length: runs }, (_, i) =>
    page(
      query({
        filters: { Status: "won", Region: "上海" },
        sort: { column: "Name", direction: "asc" },
        page: 1 + i,
      }),
    ),
  );
  const portraitFirst = portrait("C00042");
  const portraits = ["C00043", "C01000", "C05000"].map(portrait);

  // A user edits one name (the installable edit trigger bumps Name and CustomerID), then pages.
  let afterEdit: { modelled: number; wall: number; cellsRead: number } | null = null;
  const installed = tryInstallEditTrigger(bundle);
  if (installed) {
    const header = book.find((s) => s.name === "Customers")!.values[0] as string[];
    const nameColumn = String.fromCharCode(65 + header.indexOf("Name"));
    emulator.edit(`Customers!${nameColumn}5`, [["Edited Name Ltd"]]);
    afterEdit = page(query({ page: 3 }));
  }

  // Seven hours on every cached value has expired: a portrait opened before anything is cached.
  emulator.clock.advance(7 * 3_600_000);
  const portraitCold = portrait("C02000");

  // Seven hours more: a sales rep's cold first paint.
  emulator.clock.advance(7 * 3_600_000);
  emulator.properties.document.set("roles", JSON.stringify({ "li.wei@example.com": "sales" }));
  emulator.setUser("li.wei@example.com");
  const ownDash = dash();
  const ownPage = page(query());

  const pageMs = median(next.map((m) => m.modelled));
  return {
    customers,
    firstPaintColdMs: round(coldDash.modelled + coldPage.modelled),
    firstPaintColdCellsRead: coldDash.cellsRead + coldPage.cellsRead,
    firstPaintColdOwnMs: round(ownDash.modelled + ownPage.modelled),
    rebuildFirstPaintMs: round(rebuildDash.modelled + rebuildPage.modelled),
    rebuildCellsRead: rebuildDash.cellsRead + rebuildPage.cellsRead,
    firstPaintMs: round(firstDash.modelled + firstPage.modelled),
    firstPaintCellsRead: firstDash.cellsRead + firstPage.cellsRead,
    pageMs: round(pageMs),
    pageCellsRead: median(next.map((m) => m.cellsRead)),
    backPageMs: round(back.modelled),
    sortedPageMs: round(median(sorted.map((m) => m.modelled))),
    searchPageMs: round(median(search.map((m) => m.modelled))),
    filteredSortedPageMs: round(median(filtered.map((m) => m.modelled))),
    portraitFirstMs: round(portraitFirst.modelled),
    portraitMs: round(median(portraits.map((m) => m.modelled))),
    portraitCellsRead: median(portraits.map((m) => m.cellsRead)),
    portraitColdMs: round(portraitCold.modelled),
    portraitColdCellsRead: portraitCold.cellsRead,
    afterEditPageMs: afterEdit ? round(afterEdit.modelled) : -1,
    firstPaintWallMs: round(firstDash.wall + firstPage.wall),
    pageWallMs: round(median(next.map((m) => m.wall))),
    sortedPageWallMs: round(median(sorted.map((m) => m.wall))),
    portraitWallMs: round(median(portraits.map((m) => m.wall))),
    coldLoadWallMs: round(bundle.coldLoadMs),
  };
}

/** Installs the add-on's edit trigger as set-up would (without set-up's formatting of 100,000 rows). */
function tryInstallEditTrigger(bundle: ReturnType<typeof loadBundle>): boolean {
  try {
    bundle.emulator.execution(() =>
      ScriptAppOf(bundle)
        .newTrigger("handleEdit")
        .forSpreadsheet(bundle.emulator.spreadsheet)
        .onEdit()
        .create(),
    );
    return true;
  } catch {
    return false;
  }
}

function ScriptAppOf(bundle: ReturnType<typeof loadBundle>): GoogleAppsScript.Script.ScriptApp {
  return bundle.emulator.globals.ScriptApp as GoogleAppsScript.Script.ScriptApp;
}
