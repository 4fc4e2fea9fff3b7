/**
 * DataFrames for readers who know pandas: converters between the library's
 * tables (arquero tables, typed rows such as the panel's PanelRow, records of
 * columns) and danfo.js DataFrames (danfojs-node, "pandas for JavaScript":
 * `df.head()`, `df.describe()`, `df.groupby(["year"]).mean()`, `df.print()`).
 *
 *   const df = toDanfo(readPanel());                 // pandas: pd.read_csv("data/panel.csv")
 *   df.groupby(["year"]).col(["asym"]).mean().print();  // df.groupby("year")["asym"].mean()
 *   const t = fromDanfo(df);                         // back to an arquero table for lib/ functions
 *
 * Missing values: lib uses null (arquero also treats NaN and undefined as
 * missing). `toDanfo` writes a missing value as NaN in a numeric column and
 * as null in a text column, because danfo 1.2 counts a null in a numeric
 * column as 0 in `groupby(...).mean()` (silently wrong) and fails in
 * `describe()`, while NaN propagates: a group or column with a missing value
 * gets a NaN mean, never a wrong number. Unlike pandas, danfo does not skip
 * missing values in `describe()` or group means: call `df.dropNa()` first
 * (test/frames.test.ts pins these behaviours). `fromDanfo` and
 * `danfoColumns` return every missing value (null, undefined, NaN) as null,
 * so typed rows survive the round trip. Numbers keep their full double
 * precision: danfo keeps the JavaScript values and uses float32 only inside
 * its tensor math (e.g. `df.add(1)`), whose results can differ from lib's
 * double-precision ones in the 7th significant digit.
 *
 * danfojs-node runs here on TensorFlow.js's pure-JS CPU backend, not the
 * native tfjs-node binary (package.json overrides; see environment.md).
 *
 * `df.print()` shows the frame as a table (its index first): an HTML table
 * in a notebook, aligned plain text elsewhere (lib/notebook/table.ts
 * `showTable`). danfo's own `print()` draws a box with `console.log` that is
 * wider than a notebook for more than a few columns and wraps line by line;
 * loading danfo through this module replaces it on danfo's DataFrame prototype, once
 * (pandas shows a frame the same way, through its HTML representation).
 */
import * as aq from "arquero";
import type { DataFrame } from "danfojs-node";
import { showTable, type Row } from "./table";
import * as path from "node:path";
import { deferModule } from "./deferredModule";
import { registerMathjsBundle } from "./mathjsBundle";

let danfoClass: typeof DataFrame | undefined;

/** danfo's Excel reader and writer, the file whose `require("xlsx")` is deferred. */
export const DANFO_EXCEL_IO = (): string =>
  path.join(
    path.dirname(require.resolve("danfojs-node")),
    "..",
    "..",
    "danfojs-base",
    "io",
    "node",
    "io.excel.js",
  );

/**
 * danfo's DataFrame class, loaded on first use: danfojs-node (with
 * TensorFlow.js) takes about 1.2 s of CPU to load (0.3 s less with mathjs
 * from one file, lib/notebook/mathjsBundle.ts), which a notebook that
 * never builds a frame should not pay in its import cell. SheetJS, which
 * danfo requires for its Excel reader and writer only, loads when
 * `readExcel` or `toExcel` first uses it (lib/notebook/deferredModule.ts).
 * The first load also replaces danfo's `print` (see the module doc and
 * {@link replacePrint}).
 */
export function danfoDataFrame(): typeof DataFrame {
  if (!danfoClass) {
    registerMathjsBundle(); // mathjs from one file when built (lib/notebook/mathjsBundle.ts)
    deferSheetJs();
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on first use (see above)
    const cls = (require("danfojs-node") as typeof import("danfojs-node")).DataFrame;
    replacePrint(cls);
    danfoClass = cls;
  }
  return danfoClass;
}

/**
 * SheetJS on first use (lib/notebook/deferredModule.ts), where Node's module
 * system runs this code. The browser kernel's bundle has no module cache to
 * put a stand-in into (its `node:module` is a stand-in that throws): there
 * danfo gets SheetJS as bundled.
 */
function deferSheetJs(): void {
  try {
    deferModule("xlsx", DANFO_EXCEL_IO());
  } catch {
    // no Node module system (the browser kernel): nothing to defer
  }
}

/** Anything lib hands out as a table. */
export type FrameInput =
  aq.ColumnTable | readonly object[] | Readonly<Record<string, ArrayLike<unknown>>>;

function isTable(d: FrameInput): d is aq.ColumnTable {
  return d instanceof aq.ColumnTable;
}

function isRows(d: FrameInput): d is readonly object[] {
  return Array.isArray(d);
}

const missing = (v: unknown): boolean =>
  v === null || v === undefined || (typeof v === "number" && Number.isNaN(v));

/**
 * The input as plain columns (arrays, missing values as null), in column
 * order. With `only`, just those columns are converted (`names` still lists
 * every column): typedRows reads three columns of an 80,000-row vote table
 * that has more.
 */
export function columnsOf(
  data: FrameInput,
  only?: readonly string[],
): {
  names: string[];
  columns: Record<string, unknown[]>;
} {
  const columns: Record<string, unknown[]> = {};
  const wanted = (names: readonly string[]) =>
    only ? names.filter((c) => only.includes(c)) : names;
  if (isTable(data)) {
    const names = data.columnNames();
    for (const c of wanted(names))
      columns[c] = Array.from(data.array(c), (v: unknown) => (missing(v) ? null : v));
    return { names, columns };
  }
  if (isRows(data)) {
    const names: string[] = [];
    for (const r of data) for (const k of Object.keys(r)) if (!names.includes(k)) names.push(k);
    for (const c of wanted(names))
      columns[c] = data
        .map((r): unknown => (c in r ? Reflect.get(r, c) : null))
        .map((v) => (missing(v) ? null : v));
    return { names, columns };
  }
  const names = Object.keys(data);
  const n = names.length ? data[names[0]].length : 0;
  for (const c of names)
    if (data[c].length !== n)
      throw new Error(`toDanfo: column "${c}" has ${data[c].length} rows, "${names[0]}" has ${n}`);
  for (const c of wanted(names)) columns[c] = Array.from(data[c], (v) => (missing(v) ? null : v));
  return { names, columns };
}

/** A danfo DataFrame of an arquero table, typed rows or a record of columns (columns in order; see the module doc for missing values). */
export function toDanfo(data: FrameInput): DataFrame {
  const { names, columns } = columnsOf(data);
  if (names.length === 0) throw new Error("toDanfo: the table has no columns");
  if (columns[names[0]].length === 0)
    throw new Error(
      "toDanfo: the table has no rows (danfo cannot hold an empty frame with named columns)",
    );
  for (const c of names) {
    const col = columns[c];
    const numeric =
      col.some((v) => v !== null) && col.every((v) => v === null || typeof v === "number");
    if (numeric) columns[c] = col.map((v) => (v === null ? NaN : v));
  }
  return new (danfoDataFrame())(columns, { columns: names });
}

/**
 * What the converters read from a frame: danfojs-node's own DataFrame, or the
 * danfo-base DataFrame that `head()`, `describe()` and `groupby(...).mean()`
 * return (see {@link replacePrint}).
 */
export type FrameLike = Pick<DataFrame, "columns" | "column" | "index">;

/** The columns of a danfo DataFrame, missing values (null, undefined, NaN) as null. */
export function danfoColumns(df: FrameLike): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const c of df.columns)
    out[c] = df.column(c).values.map((v: unknown) => (missing(v) ? null : v));
  return out;
}

/** A danfo DataFrame as an arquero table (the index is dropped; `df.resetIndex()` first to keep it). */
export function fromDanfo(df: FrameLike): aq.ColumnTable {
  return aq.table(danfoColumns(df));
}

/** The frame as records, its index first under `indexName` (default "index"). */
export function frameRows(df: FrameLike, indexName = "index"): Row[] {
  const cols = danfoColumns(df);
  const index = df.index;
  return index.map((ix, i) => {
    const row: Row = { [indexName]: ix };
    for (const c of df.columns) row[c] = cols[c][i];
    return row;
  });
}

/*
 * danfojs-node's DataFrame extends danfo-base's, and frames that danfo makes
 * (`head()`, `describe()`, `groupby(...).mean()`) are danfo-base DataFrames;
 * `print` itself lives on their common parent NDframe, shared with Series.
 * So the replacement goes on the object that owns `print` and applies to
 * danfo-base DataFrames only; a Series keeps danfo's own print.
 */
type Printable = { print: (this: unknown) => void };
let danfoOwnPrint: ((this: unknown) => void) | undefined;

/** Replace `print` on the object that owns it (once, when danfo is first loaded). */
function replacePrint(cls: typeof DataFrame): void {
  const baseFrame = Object.getPrototypeOf(cls.prototype) as object;
  let printOwner: Printable = cls.prototype;
  while (!Object.prototype.hasOwnProperty.call(printOwner, "print"))
    printOwner = Object.getPrototypeOf(printOwner) as Printable;
  const own = printOwner.print;
  danfoOwnPrint = own;
  const isFrame = (x: unknown): x is DataFrame =>
    typeof x === "object" && x !== null && Object.prototype.isPrototypeOf.call(baseFrame, x);
  printOwner.print = function print(this: unknown): void {
    if (isFrame(this)) showTable(frameRows(this, ""));
    else own.call(this);
  };
}

/** Print with danfo's console box (what `df.print()` did before this module replaced it). */
export function danfoPrint(df: DataFrame): void {
  danfoDataFrame();
  danfoOwnPrint?.call(df);
}
