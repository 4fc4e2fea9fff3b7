/**
 * Listwise deletion: keep the rows with a value in every named column, and
 * count each dropped row under the first column (in the order given) where it
 * is missing (null, undefined, NaN, or a string in `na`). The report is the
 * project's LoadReport (lib/io/loadReport.ts), reasons "missing <column>".
 */
import { newReport, drop, type LoadReport } from "../io/loadReport";

export interface ListwiseResult {
  /** Indices of the rows kept. */
  rows: number[];
  /** The columns restricted to the kept rows (only those named). */
  data: Record<string, unknown[]>;
  report: LoadReport;
}

export function listwise(data: Record<string, ArrayLike<unknown>>, columns: string[], na: readonly string[] = []): ListwiseResult {
  if (columns.length === 0) throw new Error("listwise: no columns named");
  for (const c of columns) if (!(c in data)) throw new Error(`listwise: no column "${c}" (have: ${Object.keys(data).join(", ")})`);
  const n = data[columns[0]].length;
  for (const c of columns) if (data[c].length !== n) throw new Error(`listwise: column "${c}" has ${data[c].length} rows, "${columns[0]}" has ${n}`);
  const report = newReport();
  report.rowsRead = n;
  const rows: number[] = [];
  for (let i = 0; i < n; i++) {
    let bad: string | null = null;
    for (const c of columns) {
      const v = data[c][i];
      if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v)) || (typeof v === "string" && na.includes(v.trim()))) {
        bad = c;
        break;
      }
    }
    if (bad === null) rows.push(i);
    else drop(report, `missing ${bad}`);
  }
  report.rowsKept = rows.length;
  const out: Record<string, unknown[]> = {};
  for (const c of columns) out[c] = rows.map((i) => data[c][i]);
  return { rows, data: out, report };
}
