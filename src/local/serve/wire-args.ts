/**
 * Decodes the arguments the browser shim sends tagged (bridge-shim.ts) back into the values the page
 * passed, so google.script.run's parameter rules (emulator/bridge.ts) judge what the page really passed:
 * undefined stays undefined, a form becomes {$form}, and whatever JSON cannot carry (a Date, a function,
 * a DOM element, a circular reference...) becomes an IllegalValue, which the rules reject.
 */

/** A value the page passed that google.script.run does not allow, named by its type. */
export class IllegalValue {
  constructor(readonly type: string) {}
}

export function decodeTagged(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  const t = v as {
    a?: unknown[];
    o?: Record<string, unknown>;
    u?: 1;
    f?: Record<string, unknown>;
    x?: string;
  };
  if (Array.isArray(t.a)) return t.a.map(decodeTagged);
  if (t.o && typeof t.o === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(t.o)) out[k] = decodeTagged(x);
    return out;
  }
  if (t.u === 1) return undefined;
  if (t.f && typeof t.f === "object") return { $form: t.f };
  return new IllegalValue(String(t.x ?? "unknown"));
}
