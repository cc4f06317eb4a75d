/**
 * Embedded charts: built with sheet.newChart(), stored on the sheet as specs (type, ranges,
 * position, options) so tests can see what the add-on drew. Nothing is rendered.
 * The Charts global carries the enums scripts pass to setChartType().
 */
import { type ExtraMembers, enumOf, gas, INTERNAL, type NoExtraMembers } from "../facade";
import { FAKE, meta } from "../realm";
import type { Book } from "./book";
import type { ChartSpec, SheetModel } from "./model";
import { anchorOf, rangeAt } from "./rects";

type GChart = GoogleAppsScript.Spreadsheet.EmbeddedChart;
type GBuilder = GoogleAppsScript.Spreadsheet.EmbeddedChartBuilder;
type GColumnBuilder = GoogleAppsScript.Spreadsheet.EmbeddedColumnChartBuilder;
type GRange = GoogleAppsScript.Spreadsheet.Range;

const BUILDER = meta("spreadsheet", "EmbeddedChartBuilder");
const CHART = meta("spreadsheet", "EmbeddedChart");
const OPTIONS = meta("charts", "ChartOptions");
const CONTAINER = meta("spreadsheet", "ContainerInfo");

export const CHARTS_ENUMS = {
  ChartType: enumOf([
    "TIMELINE",
    "AREA",
    "BAR",
    "BUBBLE",
    "CANDLESTICK",
    "COLUMN",
    "COMBO",
    "GAUGE",
    "GEO",
    "HISTOGRAM",
    "RADAR",
    "LINE",
    "ORG",
    "PIE",
    "SCATTER",
    "SPARKLINE",
    "STEPPED_AREA",
    "TABLE",
    "TREEMAP",
    "WATERFALL",
  ]),
  ChartHiddenDimensionStrategy: enumOf(["IGNORE_BOTH", "IGNORE_ROWS", "IGNORE_COLUMNS", "SHOW_BOTH"]),
  ChartMergeStrategy: enumOf(["MERGE_COLUMNS", "MERGE_ROWS"]),
  Position: enumOf(["TOP", "RIGHT", "BOTTOM", "NONE"]),
  CurveStyle: enumOf(["NORMAL", "SMOOTH"]),
  PointStyle: enumOf(["NONE", "TINY", "MEDIUM", "LARGE", "HUGE"]),
} as const;

type BuilderMethods =
  | "addRange"
  | "asAreaChart"
  | "asBarChart"
  | "asColumnChart"
  | "asComboChart"
  | "asHistogramChart"
  | "asLineChart"
  | "asPieChart"
  | "asScatterChart"
  | "asTableChart"
  | "build"
  | "clearRanges"
  | "getChartType"
  | "getContainer"
  | "getRanges"
  | "removeRange"
  | "setChartType"
  | "setHiddenDimensionStrategy"
  | "setMergeStrategy"
  | "setNumHeaders"
  | "setOption"
  | "setPosition"
  | "setTransposeRowsAndColumns";

/** The typed builders' (asColumnChart()...) shared setters, recorded as chart options. */
type TypedMethods =
  | "setTitle"
  | "setXAxisTitle"
  | "setYAxisTitle"
  | "setLegendPosition"
  | "setStacked"
  | "setColors";

interface BuilderState {
  book: Book;
  sheet: SheetModel;
  spec: ChartSpec;
  ranges: GRange[];
}

export class FakeEmbeddedChartBuilder
  implements Pick<GBuilder, BuilderMethods>, Pick<GColumnBuilder, TypedMethods>
{
  readonly [FAKE] = BUILDER;
  readonly [INTERNAL]: BuilderState;

  constructor(book: Book, sheet: SheetModel, from?: ChartSpec) {
    const spec: ChartSpec = from
      ? { ...from, anchors: [], sources: [], options: new Map(from.options), position: { ...from.position } }
      : {
          id: book.model.newObjectId(),
          type: "LINE",
          anchors: [],
          sources: [],
          position: { row: 1, column: 1, offsetX: 0, offsetY: 0 },
          options: new Map(),
        };
    const ranges = from ? from.anchors.map((a, i) => rangeAt(book, from.sources[i] ?? sheet, a)) : [];
    this[INTERNAL] = { book, sheet, spec, ranges };
  }

  private self<T = GBuilder>(): T {
    return gas<T>(this);
  }
  private typed(type: string): GColumnBuilder {
    this[INTERNAL].spec.type = type;
    return this.self<GColumnBuilder>();
  }
  private option(key: string, value: unknown): GColumnBuilder {
    this[INTERNAL].spec.options.set(key, value);
    return this.self<GColumnBuilder>();
  }

  addRange(range: GRange): GBuilder {
    this[INTERNAL].ranges.push(range);
    return this.self();
  }
  removeRange(range: GRange): GBuilder {
    const a = range.getA1Notation();
    this[INTERNAL].ranges = this[INTERNAL].ranges.filter((r) => r.getA1Notation() !== a);
    return this.self();
  }
  clearRanges(): GBuilder {
    this[INTERNAL].ranges = [];
    return this.self();
  }
  getRanges(): GRange[] {
    return [...this[INTERNAL].ranges];
  }
  setChartType(type: GoogleAppsScript.Charts.ChartType): GBuilder {
    this[INTERNAL].spec.type = String(type);
    return this.self();
  }
  getChartType(): GoogleAppsScript.Charts.ChartType {
    return this[INTERNAL].spec.type as unknown as GoogleAppsScript.Charts.ChartType;
  }
  setOption(option: string, value: unknown): GBuilder {
    this[INTERNAL].spec.options.set(String(option), value);
    return this.self();
  }
  setPosition(anchorRowPos: number, anchorColPos: number, offsetX: number, offsetY: number): GBuilder {
    this[INTERNAL].spec.position = { row: anchorRowPos, column: anchorColPos, offsetX, offsetY };
    return this.self();
  }
  getContainer(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    return gas(new FakeContainerInfo(this[INTERNAL].spec.position));
  }
  setNumHeaders(headers: number): GBuilder {
    this[INTERNAL].spec.options.set("numHeaders", headers);
    return this.self();
  }
  setTransposeRowsAndColumns(transpose: boolean): GBuilder {
    this[INTERNAL].spec.options.set("transposeRowsAndColumns", !!transpose);
    return this.self();
  }
  setMergeStrategy(mergeStrategy: GoogleAppsScript.Charts.ChartMergeStrategy): GBuilder {
    this[INTERNAL].spec.options.set("mergeStrategy", String(mergeStrategy));
    return this.self();
  }
  setHiddenDimensionStrategy(strategy: GoogleAppsScript.Charts.ChartHiddenDimensionStrategy): GBuilder {
    this[INTERNAL].spec.options.set("hiddenDimensionStrategy", String(strategy));
    return this.self();
  }
  asAreaChart(): GoogleAppsScript.Spreadsheet.EmbeddedAreaChartBuilder {
    return gas(this.typed("AREA"));
  }
  asBarChart(): GoogleAppsScript.Spreadsheet.EmbeddedBarChartBuilder {
    return gas(this.typed("BAR"));
  }
  asColumnChart(): GColumnBuilder {
    return this.typed("COLUMN");
  }
  asComboChart(): GoogleAppsScript.Spreadsheet.EmbeddedComboChartBuilder {
    return gas(this.typed("COMBO"));
  }
  asHistogramChart(): GoogleAppsScript.Spreadsheet.EmbeddedHistogramChartBuilder {
    return gas(this.typed("HISTOGRAM"));
  }
  asLineChart(): GoogleAppsScript.Spreadsheet.EmbeddedLineChartBuilder {
    return gas(this.typed("LINE"));
  }
  asPieChart(): GoogleAppsScript.Spreadsheet.EmbeddedPieChartBuilder {
    return gas(this.typed("PIE"));
  }
  asScatterChart(): GoogleAppsScript.Spreadsheet.EmbeddedScatterChartBuilder {
    return gas(this.typed("SCATTER"));
  }
  asTableChart(): GoogleAppsScript.Spreadsheet.EmbeddedTableChartBuilder {
    return gas(this.typed("TABLE"));
  }
  setTitle(chartTitle: string): GColumnBuilder {
    return this.option("title", chartTitle);
  }
  setXAxisTitle(title: string): GColumnBuilder {
    return this.option("hAxis.title", title);
  }
  setYAxisTitle(title: string): GColumnBuilder {
    return this.option("vAxis.title", title);
  }
  setLegendPosition(position: GoogleAppsScript.Charts.Position): GColumnBuilder {
    return this.option("legend.position", String(position));
  }
  setStacked(): GColumnBuilder {
    return this.option("isStacked", true);
  }
  setColors(cssValues: string[]): GColumnBuilder {
    return this.option("colors", [...cssValues]);
  }
  build(): GChart {
    const { book, sheet, spec, ranges } = this[INTERNAL];
    const built: ChartSpec = {
      ...spec,
      anchors: ranges.map((r) => anchorOf(r).anchor),
      sources: ranges.map((r) => anchorOf(r).sheet),
      options: new Map(spec.options),
      position: { ...spec.position },
    };
    return gas(new FakeEmbeddedChart(book, sheet, built));
  }
}

export class FakeEmbeddedChart
  implements
    Pick<
      GChart,
      | "getChartId"
      | "getContainerInfo"
      | "getNumHeaders"
      | "getOptions"
      | "getRanges"
      | "getTransposeRowsAndColumns"
      | "modify"
    >
{
  readonly [FAKE] = CHART;
  readonly [INTERNAL]: { book: Book; sheet: SheetModel; spec: ChartSpec };
  constructor(book: Book, sheet: SheetModel, spec: ChartSpec) {
    this[INTERNAL] = { book, sheet, spec };
  }
  static specOf(chart: GChart): ChartSpec {
    return (chart as unknown as FakeEmbeddedChart)[INTERNAL].spec;
  }
  getChartId(): number | null {
    return this[INTERNAL].spec.id;
  }
  getRanges(): GRange[] {
    const { book, sheet, spec } = this[INTERNAL];
    return spec.anchors.map((a, i) => rangeAt(book, spec.sources[i] ?? sheet, a));
  }
  getOptions(): GoogleAppsScript.Charts.ChartOptions {
    return gas(new FakeChartOptions(this[INTERNAL].spec.options));
  }
  getContainerInfo(): GoogleAppsScript.Spreadsheet.ContainerInfo {
    return gas(new FakeContainerInfo(this[INTERNAL].spec.position));
  }
  getNumHeaders(): number {
    return Number(this[INTERNAL].spec.options.get("numHeaders") ?? -1);
  }
  getTransposeRowsAndColumns(): boolean {
    return this[INTERNAL].spec.options.get("transposeRowsAndColumns") === true;
  }
  modify(): GBuilder {
    const { book, sheet, spec } = this[INTERNAL];
    return gas(new FakeEmbeddedChartBuilder(book, sheet, spec));
  }
}

class FakeChartOptions implements Pick<GoogleAppsScript.Charts.ChartOptions, "get"> {
  readonly [FAKE] = OPTIONS;
  constructor(private readonly options: Map<string, unknown>) {}
  get(option: string): unknown {
    return this.options.get(option) ?? null;
  }
}

class FakeContainerInfo
  implements
    Pick<
      GoogleAppsScript.Spreadsheet.ContainerInfo,
      "getAnchorColumn" | "getAnchorRow" | "getOffsetX" | "getOffsetY"
    >
{
  readonly [FAKE] = CONTAINER;
  constructor(private readonly p: ChartSpec["position"]) {}
  getAnchorColumn(): number {
    return this.p.column;
  }
  getAnchorRow(): number {
    return this.p.row;
  }
  getOffsetX(): number {
    return this.p.offsetX;
  }
  getOffsetY(): number {
    return this.p.offsetY;
  }
}

export type _FakeChartBuilderCheck = NoExtraMembers<
  ExtraMembers<FakeEmbeddedChartBuilder, GBuilder & Pick<GColumnBuilder, TypedMethods>>
>;
export type _FakeChartCheck = NoExtraMembers<ExtraMembers<FakeEmbeddedChart, GChart>>;
