/**
 * danfo DataFrames in notebook cells: what pandas users type as `df.head()`
 * in Jupyter, and the one reshaping verb danfo 1.2 lacks.
 *
 *   showFrame(toDanfo(panel).head(), { caption: "first rows" });   // pandas: df.head()
 *   showFrame(pivot(df, "iso3", "year", "huawei_stance"));        // df.pivot(index=, columns=, values=)
 *
 * `showFrame` renders the frame (its index as the first column) with
 * `showTable`, i.e. an HTML table with a plain-text fallback, with a caption
 * and digits of your choice; `df.print()` does the same without options
 * (lib/notebook/frames.ts replaces danfo's console box, which wraps in a notebook and
 * cuts wide frames to eight columns with "...").
 *
 * `pivot` is written here because danfo 1.2 has no pivot/unstack: one row
 * per distinct `index` value (first-seen order), one column per distinct
 * `columns` value (ascending), cell = the `values` entry of that pair, NaN
 * when the pair is absent. Like pandas' `DataFrame.pivot`, a duplicated
 * (index, columns) pair is an error (it names the pair), never a silent pick.
 */
import type { DataFrame } from "danfojs-node";
import { danfoColumns, danfoDataFrame, frameRows } from "./frames";
import { showTable, type TableOptions } from "./table";

export { frameRows };

/** Show a danfo DataFrame as a table in the cell's output (index first). */
export function showFrame(df: DataFrame, opts: TableOptions & { indexName?: string } = {}): void {
  const { indexName, ...table } = opts;
  showTable(frameRows(df, indexName ?? ""), table);
}

/** Long to wide: pandas `df.pivot(index=index, columns=columns, values=values)` (module doc). */
export function pivot(df: DataFrame, index: string, columns: string, values: string): DataFrame {
  const cols = danfoColumns(df);
  for (const c of [index, columns, values]) {
    if (!(c in cols))
      throw new Error(`pivot: the frame has no column "${c}" (it has ${df.columns.join(", ")})`);
  }
  const keys: unknown[] = [];
  const wide = new Set<string>();
  const cell = new Map<string, unknown>();
  cols[index].forEach((k, i) => {
    if (!keys.includes(k)) keys.push(k);
    const w = String(cols[columns][i]);
    wide.add(w);
    const id = `${String(k)}\u0000${w}`;
    if (cell.has(id))
      throw new Error(`pivot: ${index} = ${String(k)}, ${columns} = ${w} occurs twice`);
    cell.set(id, cols[values][i]);
  });
  const order = [...wide].sort((a, b) => Number(a) - Number(b) || a.localeCompare(b));
  // rows as arrays: an object keyed "2017", "2018", ... would iterate its integer-like keys first
  const rows = keys.map((k) => [
    k,
    ...order.map((w) => {
      const v = cell.get(`${String(k)}\u0000${w}`);
      return v === null || v === undefined ? NaN : v;
    }),
  ]);
  return new (danfoDataFrame())(rows, { columns: [index, ...order] });
}
