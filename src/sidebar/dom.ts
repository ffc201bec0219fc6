/**
 * The sidebar builds every element here, and text only ever goes in through textContent or attributes
 * set with setAttribute: user data can never become markup.
 */
export type Child = Node | string | null | undefined | false;
type Attrs = Readonly<Record<string, string | number | boolean | null | undefined>>;
type Handlers = Readonly<Partial<{ [K in keyof HTMLElementEventMap]: (e: HTMLElementEventMap[K]) => void }>>;

function append(parent: Node, children: readonly Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    el.setAttribute(k, v === true ? "" : String(v));
  }
}

/** An HTML element with attributes, event handlers and children (strings become text nodes). */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  children: readonly Child[] = [],
  on: Handlers = {},
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  for (const [type, fn] of Object.entries(on)) el.addEventListener(type, fn as EventListener);
  append(el, children);
  return el;
}

const SVG_NS = "http://www.w3.org/2000/svg";

/** An SVG element; its text also goes in as text nodes. */
export function s(tag: string, attrs: Attrs = {}, children: readonly Child[] = []): SVGElement {
  const el = document.createElementNS(SVG_NS, tag) as SVGElement;
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

/** Replaces an element's children. */
export function mount(parent: Element, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, children);
}

/** A button that is a real <button> (keyboard and screen readers for free). */
export function button(label: string, onClick: () => void, attrs: Attrs = {}): HTMLButtonElement {
  return h("button", { type: "button", ...attrs }, [label], { click: () => onClick() });
}

/**
 * A list (`tag` with `attrs`) of one <li> per item, holding what `item` returns; or, when there are no
 * items, a muted paragraph saying `empty`.
 */
export function listOr<T>(
  tag: "ul" | "ol",
  attrs: Attrs,
  items: readonly T[],
  item: (x: T) => readonly Child[],
  empty: string,
): HTMLElement {
  return items.length
    ? h(
        tag,
        attrs,
        items.map((x) => h("li", {}, item(x))),
      )
    : h("p", { class: "muted" }, [empty]);
}

/** Hands `file` (a server answer: base64 content) to the browser as a download. */
export function downloadFile(file: {
  readonly filename: string;
  readonly mimeType: string;
  readonly base64: string;
}): void {
  const a = h("a", { href: `data:${file.mimeType};base64,${file.base64}`, download: file.filename });
  document.body.appendChild(a);
  a.click();
  a.remove();
}
