/**
 * Descriptive statistics table (the paper's Table 1): for each variable the
 * number of non-missing values N, mean, standard deviation (n − 1), minimum
 * and maximum. Missing = null, undefined or NaN.
 */
import { fmt } from "./regTable";
import { renderTable, type PlainTable, type TableFormat } from "./render";

export interface DescriptiveRow {
  variable: string;
  n: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
}

export function describeColumns(data: Record<string, ArrayLike<unknown>>, columns: string[]): DescriptiveRow[] {
  return columns.map((c) => {
    if (!(c in data)) throw new Error(`describe: no column "${c}"`);
    const col = data[c];
    let n = 0, sum = 0, min = Infinity, max = -Infinity;
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (v === null || v === undefined || (typeof v === "number" && Number.isNaN(v))) continue;
      if (typeof v !== "number") throw new Error(`describe: column "${c}", row ${i + 1}: not a number: ${JSON.stringify(v)}`);
      n++;
      sum += v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    const mean = n ? sum / n : NaN;
    let ss = 0;
    for (let i = 0; i < col.length; i++) {
      const v = col[i];
      if (typeof v === "number" && !Number.isNaN(v)) ss += (v - mean) ** 2;
    }
    return { variable: c, n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : NaN, min: n ? min : NaN, max: n ? max : NaN };
  });
}

export interface DescriptivesOptions {
  labels?: Record<string, string>;
  digits?: number;
  caption?: string;
}

export function buildDescriptivesTable(rows: DescriptiveRow[], opts: DescriptivesOptions = {}): PlainTable {
  const d = opts.digits ?? 3;
  return {
    caption: opts.caption,
    header: ["Variable", "N", "Mean", "SD", "Min", "Max"],
    rows: rows.map((r) => [opts.labels?.[r.variable] ?? r.variable, String(r.n), fmt(r.mean, d), fmt(r.sd, d), fmt(r.min, d), fmt(r.max, d)]),
  };
}

export function descriptivesTable(data: Record<string, ArrayLike<unknown>>, columns: string[], format: TableFormat, opts: DescriptivesOptions = {}): string {
  return renderTable(buildDescriptivesTable(describeColumns(data, columns), opts), format);
}
