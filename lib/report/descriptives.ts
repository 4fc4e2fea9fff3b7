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

// jstat ships no type declarations; a typed require keeps the call checked.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const { jStat } = require("jstat") as { jStat: { corrcoeff(a: number[], b: number[]): number } };

/**
 * Pearson correlation r = Σ(a − ā)(b − b̄) / sqrt(Σ(a − ā)² Σ(b − b̄)²), by
 * jstat's corrcoeff. Pairs where either value is missing (null, NaN) are
 * left out; the count used is returned with r.
 */
export function correlation(a: readonly (number | null)[], b: readonly (number | null)[]): { r: number; n: number } {
  if (a.length !== b.length) throw new Error(`correlation: lengths differ (${a.length}, ${b.length})`);
  const x: number[] = [], y: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const u = a[i], v = b[i];
    if (u === null || v === null || Number.isNaN(u) || Number.isNaN(v)) continue;
    x.push(u);
    y.push(v);
  }
  if (x.length < 3) throw new Error(`correlation: need at least 3 complete pairs (have ${x.length})`);
  return { r: jStat.corrcoeff(x, y), n: x.length };
}

/**
 * Share of a variable's variation that lies within groups (e.g. within
 * countries, over years): Σ_g Σ_i (x_gi − x̄_g)² / Σ_g Σ_i (x_gi − x̄)².
 * This is the variation a model with group fixed effects can use; 1 − share
 * is what the fixed effects absorb.
 */
export function withinShare(x: ArrayLike<number>, groups: ArrayLike<string | number>): number {
  if (x.length !== groups.length) throw new Error(`withinShare: lengths differ (${x.length}, ${groups.length})`);
  const sum = new Map<string | number, { s: number; n: number }>();
  let total = 0;
  for (let i = 0; i < x.length; i++) {
    const g = sum.get(groups[i]) ?? { s: 0, n: 0 };
    g.s += x[i];
    g.n++;
    sum.set(groups[i], g);
    total += x[i];
  }
  const mean = total / x.length;
  let within = 0, all = 0;
  for (let i = 0; i < x.length; i++) {
    const g = sum.get(groups[i])!;
    within += (x[i] - g.s / g.n) ** 2;
    all += (x[i] - mean) ** 2;
  }
  if (!(all > 0)) throw new Error("withinShare: the variable is constant");
  return within / all;
}
