/** Counts every call of every emulated member, keyed "Class.member" (e.g. "Range.getValues"). */
export class CallCounter {
  private readonly counts = new Map<string, number>();

  hit(key: string): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }

  /** A plain snapshot, sorted by key so test failures read well. */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const key of [...this.counts.keys()].sort()) out[key] = this.counts.get(key)!;
    return out;
  }

  /** Sum of calls whose key starts with `prefix` ("Range." → every Range call). */
  total(prefix = ""): number {
    let n = 0;
    for (const [k, v] of this.counts) if (k.startsWith(prefix)) n += v;
    return n;
  }

  reset(): void {
    this.counts.clear();
  }
}
