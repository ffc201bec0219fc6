/**
 * The settings forms' building blocks: every control has an id and a <label for> naming it, help text is
 * tied to its control with aria-describedby, and a field's error shows beside it (role="alert").
 */
import { h, mount, type Child } from "../dom";
import { st } from "../settings-text";

let next = 0;

/** A fresh element id with a readable prefix ("set-notify-7"). */
export function uid(prefix: string): string {
  next += 1;
  return `set-${prefix}-${next}`;
}

/** A control as a form keeps it: the element, and where its problems are shown. */
export interface Field<E extends HTMLElement = HTMLElement> {
  readonly control: E;
  readonly element: HTMLElement;
  /** Shows (or with "" clears) a problem beside the control and marks it invalid. */
  readonly problem: (message: string) => void;
}

/** A labelled field: <label for> above the control, optional help under it, then a slot for its error. */
export function field<E extends HTMLElement>(control: E, label: string, help?: string): Field<E> {
  if (!control.id) control.id = uid("field");
  const helpId = help ? `${control.id}-help` : null;
  const errorId = `${control.id}-error`;
  control.setAttribute("aria-describedby", [helpId, errorId].filter(Boolean).join(" "));
  const error = h("p", { class: "field-error", id: errorId, role: "alert" });
  const element = h("div", { class: "field" }, [
    h("label", { for: control.id }, [label]),
    control,
    help ? h("p", { class: "field-help muted", id: helpId! }, [help]) : null,
    error,
  ]);
  return {
    control,
    element,
    problem: (message) => {
      error.textContent = message;
      if (message) control.setAttribute("aria-invalid", "true");
      else control.removeAttribute("aria-invalid");
    },
  };
}

/** A checkbox with its label after it (the label is the click target too). */
export function checkbox(label: string, checked: boolean, help?: string): Field<HTMLInputElement> {
  const box = h("input", { type: "checkbox", id: uid("check"), checked });
  const helpId = help ? `${box.id}-help` : null;
  if (helpId) box.setAttribute("aria-describedby", helpId);
  const error = h("p", { class: "field-error", role: "alert" });
  const element = h("div", {}, [
    h("div", { class: "check" }, [box, h("label", { for: box.id }, [label])]),
    help ? h("p", { class: "field-help muted", id: helpId! }, [help]) : null,
    error,
  ]);
  return { control: box, element, problem: (m) => (error.textContent = m) };
}

/** A whole number input checked against its range as it is typed (the server checks again on save). */
export function wholeNumber(value: number, min: number, max: number): HTMLInputElement {
  return h("input", { type: "number", id: uid("num"), value, min, max, step: 1, inputmode: "numeric" });
}

/** A number field's value, or why it is not one in range ("" when fine). */
export function numberProblem(input: HTMLInputElement, whole = true): string {
  const n = Number(input.value);
  const min = input.min === "" ? -Infinity : Number(input.min);
  const max = input.max === "" ? Infinity : Number(input.max);
  if (
    input.value.trim() === "" ||
    !Number.isFinite(n) ||
    (whole && !Number.isInteger(n)) ||
    n < min ||
    n > max
  )
    return st("form.range", { min: input.min || "−∞", max: input.max || "∞" });
  return "";
}

/** A <select> of `options` (value, label) with `value` selected. */
export function select(
  options: readonly (readonly [string, string])[],
  value: string,
  attrs: Readonly<Record<string, string>> = {},
): HTMLSelectElement {
  return h(
    "select",
    { id: uid("select"), ...attrs },
    options.map(([v, label]) => h("option", { value: v, selected: v === value }, [label])),
  );
}

/** The hours of a day as a picker's options ("08:00"). */
export function hourOptions(): [string, string][] {
  return Array.from({ length: 24 }, (_, hour) => [
    String(hour),
    st("form.hour", { hour: String(hour).padStart(2, "0") }),
  ]);
}

/** ISO weekdays as a picker's options (周一…周日 / Monday…Sunday). */
export function weekdayOptions(): [string, string][] {
  return [1, 2, 3, 4, 5, 6, 7].map((d) => [String(d), st(`weekday.${d}` as "weekday.1")]);
}

/** A card of the settings view: a heading, a help line, then its body. */
export function card(title: string, help: string | null, ...body: Child[]): HTMLElement {
  return h("section", { class: "card" }, [
    h("h3", {}, [title]),
    help ? h("p", { class: "muted" }, [help]) : null,
    ...body,
  ]);
}

/** Where a form lists its problems: announced (role="alert" on a wrapper, as a <ul> may not hold it). */
export function problemList(): {
  readonly element: HTMLElement;
  readonly show: (messages: readonly string[]) => void;
} {
  const element = h("div", { role: "alert" });
  return {
    element,
    show: (messages) =>
      mount(
        element,
        messages.length
          ? h(
              "ul",
              { class: "problems" },
              messages.map((m) => h("li", {}, [m])),
            )
          : null,
      ),
  };
}
