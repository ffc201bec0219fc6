/**
 * Apps Script's builders offer one method per enum constant (requireNumberBetween, whenTextContains,
 * asBarChart, onEdit, …) that all do the same thing with a different constant. These helpers add such a
 * family to a class's prototype from a name → constant table, so one body serves the whole family.
 * The bundle reaches them through the guard like any method; TypeScript callers use the
 * GoogleAppsScript types.
 */

/** "NUMBER_LESS_THAN" → "NumberLessThan". */
export function pascalCase(constant: string): string {
  return constant.toLowerCase().replace(/(?:^|_)([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** `{ prefix + PascalCase(constant) + suffix: constant }` for each constant. */
export function namedAfter(
  prefix: string,
  constants: readonly string[],
  suffix = "",
): Readonly<Record<string, string>> {
  return Object.fromEntries(constants.map((c) => [`${prefix}${pascalCase(c)}${suffix}`, c]));
}

/**
 * Adds one method per entry of `methods` to `cls.prototype`: `builder[name](...args)` runs
 * `apply.call(builder, constant, ...args)` and returns what it returns (the builder, to chain).
 */
export function addMethods<T>(
  cls: { readonly prototype: T },
  methods: Readonly<Record<string, string>>,
  apply: (this: T, constant: string, ...args: unknown[]) => unknown,
): void {
  for (const [name, constant] of Object.entries(methods)) {
    Object.defineProperty(cls.prototype, name, {
      value: function (this: T, ...args: unknown[]) {
        return apply.call(this, constant, ...args);
      },
      writable: true,
      configurable: true,
    });
  }
}

/**
 * `{ getA: () => values.A, … }`: the shape of Apps Script's read-only value objects (BooleanCondition,
 * ContainerInfo), whose members are all getters of fixed values.
 */
export function getters(values: Readonly<Record<string, unknown>>): Record<string, () => unknown> {
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [`get${name}`, () => value]));
}

/** `{ prefix + Name: value }` for each `Name: value` of `table` (accessor families named after a table's keys). */
export function namedAfterKeys(
  prefix: string,
  table: Readonly<Record<string, string>>,
  suffix = "",
): Readonly<Record<string, string>> {
  return Object.fromEntries(
    Object.entries(table).map(([name, value]) => [`${prefix}${name}${suffix}`, value]),
  );
}
