/**
 * Descriptive statistics table (the paper's Table 1): for each variable the
 * number of non-missing values N, mean, standard deviation (n − 1), minimum
 * and maximum. Missing = null, undefined or NaN. The moments of one column
 * are lib/panel/read.ts `moments` (the panel layer, below this one).
 */
import { fmt } from "./format";
import { renderTable, type PlainTable, type TableFormat } from "./render";
import { moments } from "../panel/read";
import { mustGet } from "../lookup";

export interface DescriptiveRow {
  variable: string;
  n: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
}

export function describeColumns(
  data: Record<string, ArrayLike<unknown>>,
  columns: string[],
): DescriptiveRow[] {
  return columns.map((c) => {
    if (!(c in data)) throw new Error(`describe: no column "${c}"`);
    return { variable: c, ...moments(data[c], c) };
  });
}

export interface DescriptivesOptions {
  labels?: Record<string, string>;
  digits?: number;
  caption?: string;
}

export function buildDescriptivesTable(
  rows: DescriptiveRow[],
  opts: DescriptivesOptions = {},
): PlainTable {
  const d = opts.digits ?? 3;
  return {
    caption: opts.caption,
    header: ["Variable", "N", "Mean", "SD", "Min", "Max"],
    rows: rows.map((r) => [
      opts.labels?.[r.variable] ?? r.variable,
      String(r.n),
      fmt(r.mean, d),
      fmt(r.sd, d),
      fmt(r.min, d),
      fmt(r.max, d),
    ]),
  };
}

export function descriptivesTable(
  data: Record<string, ArrayLike<unknown>>,
  columns: string[],
  format: TableFormat,
  opts: DescriptivesOptions = {},
): string {
  return renderTable(buildDescriptivesTable(describeColumns(data, columns), opts), format);
}

// jstat ships no type declarations; a typed require keeps the call checked.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped package
const { jStat } = require("jstat") as { jStat: { corrcoeff(a: number[], b: number[]): number } };

/**
 * Pearson correlation r = Σ(a − ā)(b − b̄) / sqrt(Σ(a − ā)² Σ(b − b̄)²), by
 * jstat's corrcoeff. Pairs where either value is missing (null, NaN) are
 * left out; the count used is returned with r.
 */
export function correlation(
  a: readonly (number | null)[],
  b: readonly (number | null)[],
): { r: number; n: number } {
  if (a.length !== b.length)
    throw new Error(`correlation: lengths differ (${a.length}, ${b.length})`);
  const x: number[] = [],
    y: number[] = [];
  for (let i = 0; i < a.length; i++) {
    const u = a[i],
      v = b[i];
    if (u === null || v === null || Number.isNaN(u) || Number.isNaN(v)) continue;
    x.push(u);
    y.push(v);
  }
  if (x.length < 3)
    throw new Error(`correlation: need at least 3 complete pairs (have ${x.length})`);
  return { r: jStat.corrcoeff(x, y), n: x.length };
}

/**
 * Share of a variable's variation that lies within groups (e.g. within
 * countries, over years): Σ_g Σ_i (x_gi − x̄_g)² / Σ_g Σ_i (x_gi − x̄)².
 * This is the variation a model with group fixed effects can use; 1 − share
 * is what the fixed effects absorb.
 */
export function withinShare(x: ArrayLike<number>, groups: ArrayLike<string | number>): number {
  if (x.length !== groups.length)
    throw new Error(`withinShare: lengths differ (${x.length}, ${groups.length})`);
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
  let within = 0,
    all = 0;
  for (let i = 0; i < x.length; i++) {
    const g = mustGet(sum, groups[i], "group sum");
    within += (x[i] - g.s / g.n) ** 2;
    all += (x[i] - mean) ** 2;
  }
  if (!(all > 0)) throw new Error("withinShare: the variable is constant");
  return within / all;
}
