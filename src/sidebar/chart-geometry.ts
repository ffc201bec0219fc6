/** Pure geometry of the sidebar's SVG charts, kept apart from the DOM so it can be unit-tested. */

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Bar length in px, proportional to value / max, at least 1 px for non-zero values. */
  readonly length: number;
}

/** Horizontal bars scaled to `width` px against the largest value. */
export function barLayout(items: readonly { label: string; count: number }[], width: number): Bar[] {
  const max = Math.max(0, ...items.map((i) => i.count));
  return items.map((i) => ({
    label: i.label,
    value: i.count,
    length: max === 0 || i.count <= 0 ? 0 : Math.max(1, Math.round((i.count / max) * width)),
  }));
}

export interface Slice {
  readonly label: string;
  readonly value: number;
  readonly share: number;
  /** SVG path of the donut segment. */
  readonly path: string;
}

function point(cx: number, cy: number, r: number, angle: number): string {
  return `${(cx + r * Math.sin(angle)).toFixed(2)} ${(cy - r * Math.cos(angle)).toFixed(2)}`;
}

/**
 * Donut slices clockwise from 12 o'clock. A single non-zero item would be a zero-length arc, so it is
 * drawn as two half arcs.
 */
export function donutLayout(
  items: readonly { label: string; count: number }[],
  cx: number,
  cy: number,
  outer: number,
  inner: number,
): Slice[] {
  const total = items.reduce((s, i) => s + Math.max(0, i.count), 0);
  if (total === 0) return [];
  let start = 0;
  return items
    .filter((i) => i.count > 0)
    .map((i) => {
      const share = i.count / total;
      const end = start + share * 2 * Math.PI;
      const arc = (from: number, to: number) => {
        const large = to - from > Math.PI ? 1 : 0;
        return (
          `M ${point(cx, cy, outer, from)} A ${outer} ${outer} 0 ${large} 1 ${point(cx, cy, outer, to)} ` +
          `L ${point(cx, cy, inner, to)} A ${inner} ${inner} 0 ${large} 0 ${point(cx, cy, inner, from)} Z`
        );
      };
      const path = share >= 0.9999 ? `${arc(0, Math.PI)} ${arc(Math.PI, 2 * Math.PI)}` : arc(start, end);
      start = end;
      return { label: i.label, value: i.count, share, path };
    });
}

/** Polyline points of a line chart: x evenly spaced over `width`, y scaled so the max touches the top. */
export function linePoints(
  values: readonly number[],
  width: number,
  height: number,
  pad = 4,
): [number, number][] {
  if (values.length === 0) return [];
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  return values.map((v, i) => [
    Math.round((pad + i * step) * 10) / 10,
    Math.round((height - pad - ((v - min) / span) * (height - 2 * pad)) * 10) / 10,
  ]);
}
