import { nameEnum } from "./name-enum";
import { quoteSheetName } from "./a1";
import type { Book } from "./book";
import { addMethods, getters, namedAfter } from "./builder-methods";
import { newArray, newObject } from "./realm";
import type { ChartModel, SheetModel } from "./workbook";

/** Charts.ChartType (enum values are their names). */
export const CHART_TYPE = nameEnum([
  "AREA",
  "BAR",
  "BUBBLE",
  "CANDLESTICK",
  "COLUMN",
  "COMBO",
  "GAUGE",
  "GEO",
  "HISTOGRAM",
  "LINE",
  "ORG",
  "PIE",
  "SCATTER",
  "SPARKLINE",
  "STEPPED_AREA",
  "TABLE",
  "TIMELINE",
  "TREEMAP",
  "WATERFALL",
]);

let nextChartId = 1;

type RangeLike = { getA1Notation(): string; getSheet(): { getName(): string } };

/** Sheet.newChart() / chart.modify(): records type, ranges, options and position. */
export class EmbeddedChartBuilderApi {
  private readonly _m: ChartModel;
  constructor(
    private readonly _book: Book,
    private readonly _sheet: SheetModel,
    from?: ChartModel,
  ) {
    this._m = from
      ? { ...from, ranges: [...from.ranges], options: { ...from.options } }
      : { id: `chart-${nextChartId++}`, type: "LINE", ranges: [], options: {}, position: null };
  }
  setChartType(t: string): this {
    this._m.type = String(t);
    return this;
  }
  addRange(r: RangeLike): this {
    this._m.ranges.push({ sheet: r.getSheet().getName(), a1: r.getA1Notation() });
    return this;
  }
  removeRange(r: RangeLike): this {
    const a1 = r.getA1Notation();
    this._m.ranges = this._m.ranges.filter((x) => x.a1 !== a1);
    return this;
  }
  clearRanges(): this {
    this._m.ranges = [];
    return this;
  }
  setPosition(row: number, column: number, offsetX: number, offsetY: number): this {
    this._m.position = { row, column, offsetX, offsetY };
    return this;
  }
  setOption(key: string, value: unknown): this {
    this._m.options[key] = value;
    return this;
  }
  getChartType(): string {
    return this._m.type;
  }
  build(): EmbeddedChartApi {
    return this._book.guard.wrap(
      "EmbeddedChart",
      new EmbeddedChartApi(this._book, this._sheet, {
        ...this._m,
        ranges: [...this._m.ranges],
        options: { ...this._m.options },
      }),
    );
  }
}

// asBarChart(), asLineChart(), …: shorthands for setChartType.
addMethods(
  EmbeddedChartBuilderApi,
  namedAfter("as", ["AREA", "BAR", "COLUMN", "LINE", "PIE", "SCATTER", "TABLE"], "Chart"),
  function (type) {
    return this.setChartType(type);
  },
);

// setTitle(t), setNumHeaders(n), setTransposeRowsAndColumns(b): shorthands for setOption.
addMethods(
  EmbeddedChartBuilderApi,
  {
    setTitle: "title",
    setNumHeaders: "numHeaders",
    setTransposeRowsAndColumns: "transposeRowsAndColumns",
  },
  function (key, value) {
    return this.setOption(key, value);
  },
);

export class EmbeddedChartApi {
  constructor(
    private readonly _book: Book,
    private readonly _sheet: SheetModel,
    readonly _model: ChartModel,
  ) {}
  getChartId(): string {
    return this._model.id;
  }
  getId(): string {
    return this.getChartId();
  }
  getType(): string {
    return this._model.type;
  }
  getRanges(): unknown[] {
    const ss = this._book.spreadsheetApi();
    return newArray(
      this._book.realm,
      this._model.ranges.map((r) => ss.getRange(`${quoteSheetName(r.sheet)}!${r.a1}`)),
    );
  }
  getOptions(): unknown {
    const options = this._model.options;
    return this._book.guard.wrap("ChartOptions", { get: (k: string) => (k in options ? options[k] : null) });
  }
  getContainerInfo(): unknown {
    const p = this._model.position ?? { row: 1, column: 1, offsetX: 0, offsetY: 0 };
    return newObject(
      this._book.realm,
      getters({ AnchorRow: p.row, AnchorColumn: p.column, OffsetX: p.offsetX, OffsetY: p.offsetY }),
    );
  }
  modify(): EmbeddedChartBuilderApi {
    return this._book.guard.wrap(
      "EmbeddedChartBuilder",
      new EmbeddedChartBuilderApi(this._book, this._sheet, this._model),
    );
  }
}
