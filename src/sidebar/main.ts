import type { SessionInfo } from "../shared/ui";
import type { AppContext, ViewName } from "./app-context";
import { load } from "./app-context";
import { button, h, mount } from "./dom";
import { getLang, setLang, t, type MessageKey } from "./i18n";
import { call } from "./rpc";
import { analysisView } from "./views/analysis";
import { customersView } from "./views/customers";
import { dashboardView } from "./views/dashboard";
import { importView } from "./views/import";
import { portraitView } from "./views/portrait";
import { problemsView } from "./views/problems";
import { settingsView } from "./views/settings";
import { helpView } from "./views/help";
import { campaignsView } from "./views/campaigns";
import { alertsView } from "./views/alerts";
import { startsOnWizard, wizardView } from "./views/wizard";

const TABS: readonly { view: ViewName; label: MessageKey }[] = [
  { view: "dashboard", label: "tab.dashboard" },
  { view: "customers", label: "tab.customers" },
  { view: "analysis", label: "tab.analysis" },
  { view: "problems", label: "tab.problems" },
  { view: "import", label: "tab.import" },
  { view: "settings", label: "tab.settings" },
  { view: "campaigns", label: "tab.campaigns" },
  { view: "alerts", label: "tab.alerts" },
  { view: "help", label: "tab.help" },
];

function start(app: HTMLElement, session: SessionInfo): void {
  let current: { view: ViewName; arg?: string } = { view: startsOnWizard(session) ? "wizard" : "dashboard" };
  // The tab list inside a navigation landmark (a role on <nav> itself would replace the landmark).
  const nav = h("div", { class: "tabs", role: "tablist", "aria-label": t("app.title") });
  // Arrow keys move between tabs, as in any tab list.
  nav.addEventListener("keydown", (e) => {
    if (e.key !== "ArrowRight" && e.key !== "ArrowLeft") return;
    const tabs = [...nav.querySelectorAll<HTMLButtonElement>("[role=tab]")];
    const at = tabs.indexOf(document.activeElement as HTMLButtonElement);
    if (at < 0) return;
    const next = tabs[(at + (e.key === "ArrowRight" ? 1 : tabs.length - 1)) % tabs.length];
    next.focus();
    next.click();
  });
  const main = h("main", { class: "content", id: "content" });
  const toastBox = h("div", {
    class: "toast",
    id: "toast",
    role: "status",
    "aria-live": "polite",
    hidden: true,
  });
  let toastTimer: ReturnType<typeof setTimeout> | undefined;

  const ctx: AppContext = {
    session,
    navigate(view, arg) {
      current = { view, arg };
      render();
    },
    toast(message, action) {
      clearTimeout(toastTimer);
      toastBox.hidden = false;
      mount(
        toastBox,
        h("span", {}, [message]),
        action
          ? button(
              action.label,
              () => {
                toastBox.hidden = true;
                action.run();
              },
              { id: "toast-action" },
            )
          : null,
        button("×", () => (toastBox.hidden = true), { class: "link", "aria-label": t("common.close") }),
      );
      if (!action) toastTimer = setTimeout(() => (toastBox.hidden = true), 5000);
    },
  };

  function render(): void {
    document.documentElement.lang = getLang();
    const active = current.view === "portrait" ? "customers" : current.view;
    mount(
      nav,
      ...TABS.map((tab) =>
        h(
          "button",
          {
            type: "button",
            role: "tab",
            id: `tab-${tab.view}`,
            "aria-selected": tab.view === active ? "true" : "false",
            class: tab.view === active ? "tab active" : "tab",
          },
          [t(tab.label)],
          { click: () => ctx.navigate(tab.view) },
        ),
      ),
    );
    mount(
      header,
      h("h1", {}, [t("app.title")]),
      button(
        t("lang.switch"),
        () => {
          setLang(getLang() === "en" ? "zh-CN" : "en");
          render();
        },
        { id: "lang-switch", "aria-label": t("lang.switchLabel"), class: "link" },
      ),
    );
    switch (current.view) {
      case "dashboard":
        return dashboardView(main, ctx);
      case "customers":
        return customersView(main, ctx);
      case "portrait":
        return portraitView(main, ctx, current.arg ?? "");
      case "analysis":
        return analysisView(main, ctx);
      case "problems":
        return problemsView(main, ctx);
      case "import":
        return importView(main, ctx);
      case "settings":
        return settingsView(main, ctx);
      case "wizard":
        return wizardView(main, ctx);
      case "help":
        return helpView(main, ctx);
      case "campaigns":
        return campaignsView(main, ctx);
      case "alerts":
        return alertsView(main, ctx);
    }
  }

  const header = h("header", { class: "app-header" });
  mount(app, header, h("nav", { "aria-label": t("app.title") }, [nav]), main, toastBox);
  render();
}

const app = document.getElementById("app")!;
void load(
  app,
  () => call("getSessionInfo"),
  (session) => {
    setLang(session.lang === "zh-CN" ? "zh-CN" : "en");
    start(app, session);
  },
);
