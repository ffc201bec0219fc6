import {
  BROWSE_PAGE_SIZES,
  type BatchPatch,
  type CustomerPage,
  type CustomerRowDto,
  type FilterColumn,
  type ListColumn,
  type OptionDto,
} from "../../shared/browse";
import { act, load, type AppContext } from "../app-context";
import { button, downloadFile, h, mount } from "../dom";
import { formatCell, formatNumber } from "../format";
import { fieldLabel, getLang, t } from "../i18n";
import { call } from "../rpc";
import {
  initialListState,
  pageButtons,
  withFilter,
  withPage,
  withPageSize,
  withPageToggled,
  withSearch,
  withSelectionCleared,
  withSort,
  withToggled,
  withoutFilters,
  withoutIds,
  type ListState,
} from "../state/list-state";

/** The list state outlives a visit to a portrait, so "Back" returns to the same page. */
let state: ListState = initialListState();
let lastPage: CustomerPage | null = null;

/** For tests and language switches: start over. */
export function resetCustomerList(): void {
  state = initialListState();
  lastPage = null;
}

export function customersView(root: HTMLElement, ctx: AppContext): void {
  const lang = getLang();
  const search = h("input", {
    type: "search",
    id: "customer-search",
    placeholder: t("cust.search"),
    "aria-label": t("cust.searchLabel"),
    value: state.query.search,
  });
  const filtersBox = h("div", { class: "filters", id: "filters" });
  const sortBox = h("div", { class: "sort-row" });
  const batchBox = h("div", { class: "batch", id: "batch", "aria-live": "polite" });
  const list = h("div", { class: "list-region", id: "customer-list" });
  const pager = h("nav", { class: "pager", "aria-label": t("cust.page", { page: "", pages: "" }) });
  const exportBox = h("div", { class: "toolbar" });
  mount(
    root,
    h("section", { class: "view", "aria-label": t("tab.customers") }, [
      search,
      h("details", { class: "filter-panel", open: Object.keys(state.query.filters).length > 0 }, [
        h("summary", {}, [t("cust.filters")]),
        filtersBox,
      ]),
      sortBox,
      batchBox,
      list,
      pager,
      exportBox,
    ]),
  );

  const update = (next: ListState, refetch = true) => {
    state = next;
    if (refetch) fetchPage();
    else if (lastPage) renderAll(lastPage);
  };

  let timer: ReturnType<typeof setTimeout> | undefined;
  search.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(() => update(withSearch(state, search.value)), 250);
  });
  search.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      clearTimeout(timer);
      update(withSearch(state, search.value));
    }
  });

  let seq = 0;
  function fetchPage(): void {
    const mine = ++seq;
    const query = state.query;
    void load(
      list,
      () => call("listCustomers", query, getLang()),
      (page) => {
        // A slower, older answer must not replace a newer one.
        if (mine !== seq) return;
        lastPage = page;
        if (page.page !== state.query.page) state = withPage(state, page.page, page.pageCount);
        renderAll(page);
        if (page.pending === "facets") countFacets(mine, query);
      },
    );
  }

  /** A cold cache answered the page without facets: ask for the complete answer and show it when it comes. */
  function countFacets(mine: number, query: ListState["query"]): void {
    filtersBox.prepend(h("p", { class: "muted counting", role: "status" }, [t("common.counting")]));
    call("listCustomers", query, getLang(), "full").then(
      (page) => {
        if (mine !== seq) return;
        lastPage = page;
        renderAll(page);
      },
      // The page is shown already; the filters just stay without counts.
      () => filtersBox.querySelector(".counting")?.remove(),
    );
  }

  function renderFilters(page: CustomerPage): void {
    const label = (key: string) => fieldLabel(key, page.columns.find((c) => c.key === key)?.label ?? key);
    mount(
      filtersBox,
      // The server lists every filter it offers, in the order to show them.
      ...(Object.keys(page.facets) as FilterColumn[]).map((column) => {
        const current = state.query.filters[column] ?? "";
        const facet = page.facets[column] ?? [];
        const options = [
          h("option", { value: "" }, [t("common.all")]),
          ...facet.map((f) =>
            h("option", { value: f.value, selected: f.value === current }, [
              `${f.label} (${formatNumber(f.count, lang)})`,
            ]),
          ),
        ];
        if (current && !facet.some((f) => f.value === current))
          options.push(h("option", { value: current, selected: true }, [current]));
        const select = h("select", { id: `filter-${column}`, "data-filter": column }, options, {
          change: () => update(withFilter(state, column, select.value)),
        });
        return h("label", { class: "field" }, [h("span", {}, [label(column)]), select]);
      }),
      button(t("cust.clearFilters"), () => update(withoutFilters(state)), { id: "clear-filters" }),
    );
  }

  function renderSort(page: CustomerPage): void {
    const sort = state.query.sort;
    const column = h(
      "select",
      { id: "sort-column", "aria-label": t("cust.sortBy") },
      [
        h("option", { value: "" }, [t("cust.sortNone")]),
        ...page.columns.map((c) =>
          h("option", { value: c.key, selected: sort?.column === c.key }, [fieldLabel(c.key, c.label)]),
        ),
      ],
      {
        change: () =>
          update(
            withSort(
              state,
              column.value
                ? { column: column.value as ListColumn, direction: sort?.direction ?? "asc" }
                : null,
            ),
          ),
      },
    );
    const direction = button(
      sort?.direction === "desc" ? `↓ ${t("cust.sortDesc")}` : `↑ ${t("cust.sortAsc")}`,
      () => {
        if (sort)
          update(
            withSort(state, { column: sort.column, direction: sort.direction === "asc" ? "desc" : "asc" }),
          );
      },
      { id: "sort-direction", disabled: !sort },
    );
    mount(sortBox, h("span", { class: "muted" }, [t("cust.sortBy")]), column, direction);
  }

  function rowItem(row: CustomerRowDto, page: CustomerPage): HTMLElement {
    const name = String(row.values.Name ?? "") || t("cust.noName");
    const check = h(
      "input",
      {
        type: "checkbox",
        class: "row-check",
        checked: state.selected.has(row.id),
        "aria-label": t("cust.select", { name }),
        disabled: page.canEdit === "none",
      },
      [],
      { change: () => update(withToggled(state, row.id), false) },
    );
    const open = () => ctx.navigate("portrait", row.id);
    const details = [row.values.Status, row.values.Segment, row.values.Region]
      .filter((v) => v !== null && v !== "")
      .join(" · ");
    const money = row.values.Monetary;
    return h("li", { class: state.selected.has(row.id) ? "row selected" : "row", "data-id": row.id }, [
      check,
      h(
        "div",
        // Named by what it shows (name, ID, status…): an aria-label would hide part of the visible text.
        { class: "row-main", tabindex: 0, role: "button" },
        [
          h("span", { class: "row-name" }, [name]),
          h("span", { class: "row-sub" }, [`${row.id}${details ? " · " + details : ""}`]),
        ],
        {
          click: open,
          keydown: (e) => {
            if (e.key === "Enter" || e.key === " ") {
              e.preventDefault();
              open();
            }
          },
        },
      ),
      h("span", { class: "row-amount" }, [formatCell(money, true, lang)]),
    ]);
  }

  function renderList(page: CustomerPage): void {
    if (page.rows.length === 0) {
      mount(list, h("p", { class: "muted", id: "no-match" }, [t("cust.noMatch")]));
      return;
    }
    const ids = page.rows.map((r) => r.id);
    const allChecked = ids.every((id) => state.selected.has(id));
    mount(
      list,
      h("div", { class: "list-head" }, [
        h("label", {}, [
          h(
            "input",
            { type: "checkbox", id: "select-page", checked: allChecked, disabled: page.canEdit === "none" },
            [],
            {
              change: () => update(withPageToggled(state, ids), false),
            },
          ),
          t("cust.selectAll"),
        ]),
        h("span", { class: "muted", id: "total" }, [t("cust.total", { count: page.total })]),
      ]),
      h(
        "ul",
        { class: "rows" },
        page.rows.map((r) => rowItem(r, page)),
      ),
    );
  }

  function renderPager(page: CustomerPage): void {
    const go = (p: number) => update(withPage(state, p, page.pageCount));
    const buttons = pageButtons(page.page, page.pageCount).map((p) =>
      p === 0
        ? h("span", { class: "gap" }, ["…"])
        : button(String(p), () => go(p), {
            class: p === page.page ? "page current" : "page",
            "aria-current": p === page.page ? "page" : null,
          }),
    );
    const size = h(
      "select",
      { id: "page-size", "aria-label": t("cust.pageSize") },
      BROWSE_PAGE_SIZES.map((n) =>
        h("option", { value: n, selected: n === state.query.pageSize }, [String(n)]),
      ),
      { change: () => update(withPageSize(state, Number(size.value))) },
    );
    mount(
      pager,
      button("‹", () => go(page.page - 1), {
        id: "prev-page",
        "aria-label": t("cust.prev"),
        disabled: page.page <= 1,
      }),
      ...buttons,
      button("›", () => go(page.page + 1), {
        id: "next-page",
        "aria-label": t("cust.next"),
        disabled: page.page >= page.pageCount,
      }),
      h("span", { class: "muted", id: "page-of" }, [
        t("cust.page", { page: page.page, pages: page.pageCount }),
      ]),
      size,
    );
  }

  function renderBatch(page: CustomerPage): void {
    const ids = [...state.selected];
    if (ids.length === 0 || page.canEdit === "none") {
      mount(batchBox);
      batchBox.hidden = true;
      return;
    }
    batchBox.hidden = false;
    const patch = async (control: HTMLButtonElement | HTMLSelectElement, p: BatchPatch) => {
      const result = await act(ctx, control, () => call("batchUpdateCustomers", ids, p));
      if (result) {
        ctx.toast(t("cust.updated", { count: result.updated }));
        update(state);
      }
    };
    // A batch dropdown: its first option is its label; picking another applies it at once.
    const batchSelect = (
      id: string,
      label: string,
      options: readonly OptionDto[],
      apply: (v: string) => BatchPatch,
    ) => {
      const select: HTMLSelectElement = h(
        "select",
        { id, "aria-label": label },
        [
          h("option", { value: "" }, [label]),
          ...options.map((o) => h("option", { value: o.value }, [o.label])),
        ],
        { change: () => select.value && void patch(select, apply(select.value)) },
      );
      return select;
    };
    const status = batchSelect("batch-status", t("cust.setStatus"), page.statusOptions, (v) => ({
      status: v,
    }));
    const type = batchSelect("batch-type", t("cust.setType"), page.typeOptions, (v) => ({ type: v }));
    // An e-mail or a team member's display name (Settings → Team), so plain text, not type="email".
    const owner = h("input", {
      type: "text",
      id: "batch-owner",
      placeholder: t("cust.ownerPlaceholder"),
      "aria-label": t("cust.setOwner"),
    });
    // A batch button that applies what its input holds (trimmed) as the patch `apply` makes of it.
    const applyButton = (
      label: string,
      id: string,
      input: HTMLInputElement,
      apply: (v: string) => BatchPatch,
    ) => {
      const b: HTMLButtonElement = button(label, () => void patch(b, apply(input.value.trim())), { id });
      return b;
    };
    const setOwner = applyButton(t("cust.setOwner"), "batch-owner-apply", owner, (v) => ({ owner: v }));
    const tag = h("input", {
      type: "text",
      id: "batch-tag",
      placeholder: t("cust.tagPlaceholder"),
      "aria-label": t("cust.tagPlaceholder"),
    });
    const addTag = applyButton(t("cust.addTag"), "batch-tag-add", tag, (v) => ({ addTags: [v] }));
    const removeTag = applyButton(t("cust.removeTag"), "batch-tag-remove", tag, (v) => ({ removeTags: [v] }));
    const del: HTMLButtonElement = button(
      t("cust.delete"),
      () => {
        if (!window.confirm(t("cust.confirmDelete", { count: ids.length }))) return;
        void act(ctx, del, () => call("batchDeleteCustomers", ids)).then((r) => {
          if (!r) return;
          update(withoutIds(state, ids));
          ctx.toast(t("cust.deleted", { count: r.deleted }), {
            label: t("cust.undo"),
            run: () =>
              void act(ctx, null, () => call("undoDelete", r.undoToken)).then((u) => {
                if (!u) return;
                ctx.toast(t("cust.undone", { count: u.restored }));
                update(state);
              }),
          });
        });
      },
      { id: "batch-delete", class: "danger", disabled: !page.canDelete },
    );
    mount(
      batchBox,
      h("div", { class: "batch-head" }, [
        h("strong", { id: "selected-count" }, [t("cust.selected", { count: ids.length })]),
        button(t("cust.clearSelection"), () => update(withSelectionCleared(state), false), {
          class: "link",
          id: "clear-selection",
        }),
      ]),
      h("div", { class: "batch-row" }, [status, type]),
      h("div", { class: "batch-row" }, [owner, setOwner]),
      h("div", { class: "batch-row" }, [tag, addTag, removeTag]),
      h("div", { class: "batch-row" }, [del]),
    );
  }

  function renderExport(): void {
    const exporter = (format: "csv" | "xlsx", id: string, label: string) => {
      const b: HTMLButtonElement = button(
        label,
        () => {
          void act(ctx, b, () =>
            call("exportCustomers", { ...state.query, page: 1 }, format, getLang()),
          ).then((file) => {
            if (!file) return;
            downloadFile(file);
            ctx.toast(t("cust.exported", { count: file.rows }));
          });
        },
        { id },
      );
      return b;
    };
    mount(
      exportBox,
      h("span", { class: "muted" }, [t("cust.export")]),
      exporter("csv", "export-csv", t("cust.exportCsv")),
      exporter("xlsx", "export-xlsx", t("cust.exportXlsx")),
    );
  }

  function renderAll(page: CustomerPage): void {
    renderFilters(page);
    renderSort(page);
    renderBatch(page);
    renderList(page);
    renderPager(page);
    renderExport();
  }

  fetchPage();
}
