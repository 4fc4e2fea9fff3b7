/**
 * Regression table: several fitted models side by side, coefficient with its
 * standard error in parentheses below, significance stars
 * (* p < 0.10, ** p < 0.05, *** p < 0.01, the paper's convention) with the
 * legend printed, a block of fixed-effect indicators, then N, R², number of
 * clusters and the standard-error type. Term labels and order can be mapped.
 * Output: HTML, Markdown, LaTeX (booktabs) or CSV via render.ts.
 */
import type { CoefRow, FeolsResult } from "../estimate/feols";
import { renderTable, type PlainTable, type TableFormat } from "./render";

export interface RegTableModel {
  fit: FeolsResult;
  /** Column title (default "(1)", "(2)", …). */
  title?: string;
}

export type RegTableStat = "nobs" | "r2" | "r2_within" | "adj_r2" | "nclusters" | "se_type";

export interface RegTableOptions {
  models: (FeolsResult | RegTableModel)[];
  /** Display label of each term (default: the term). */
  labels?: Record<string, string>;
  /** Order of terms; unlisted terms follow in order of first appearance. */
  order?: string[];
  /** Decimal places (default 3). */
  digits?: number;
  /** Show the constant row when the models report one (default true). */
  constant?: boolean;
  /** Label of each absorbed FE (default "<name> FE"). */
  feLabels?: Record<string, string>;
  stats?: RegTableStat[];
  caption?: string;
  /** Extra notes printed under the legend. */
  notes?: string[];
}

export const STAR_LEGEND = "* p < 0.1, ** p < 0.05, *** p < 0.01";

export function stars(p: number): string {
  return p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";
}

/** Number with fixed decimals; "-0.000" is printed as "0.000". */
export function fmt(x: number, digits: number): string {
  if (!Number.isFinite(x)) return "";
  const s = x.toFixed(digits);
  return /^-0\.?0*$/.test(s) ? s.slice(1) : s;
}

function seType(fit: FeolsResult): string {
  const v = fit.vcovInfo;
  if (v.type === "iid") return "iid";
  if (v.type === "hc1") return `robust (${v.ssc})`;
  return `cluster: ${fit.cluster} (${v.ssc})`;
}

/** The table before rendering. */
export function buildRegTable(opts: RegTableOptions): PlainTable {
  const models: RegTableModel[] = opts.models.map((m) => ("fit" in m ? m : { fit: m }));
  if (models.length === 0) throw new Error("regression table: no models");
  const digits = opts.digits ?? 3;
  const label = (t: string): string => opts.labels?.[t] ?? t;
  const seen: string[] = [];
  for (const m of models) for (const c of m.fit.coefficients) if (!seen.includes(c.term)) seen.push(c.term);
  const order = [...(opts.order ?? []).filter((t) => seen.includes(t)), ...seen.filter((t) => !(opts.order ?? []).includes(t))];
  const header = ["", ...models.map((m, i) => m.title ?? `(${i + 1})`)];
  const rows: string[][] = [];
  const rulesBefore: number[] = [];
  // a standard error of exactly 0 is not a result (e.g. Stata's constant with
  // regressors centred on the sample and clustered SEs): print "—", no stars, and a note
  let zeroSe = false;
  const coefCells = (get: (fit: FeolsResult) => CoefRow | undefined, name: string): void => {
    const cs = models.map((m) => get(m.fit));
    if (cs.every((c) => !c)) return;
    const zero = (c: CoefRow): boolean => c.std_error === 0;
    if (cs.some((c) => c && zero(c))) zeroSe = true;
    rows.push([name, ...cs.map((c) => (c ? fmt(c.estimate, digits) + (zero(c) ? "" : stars(c.p_value)) : ""))]);
    rows.push(["", ...cs.map((c) => (c ? (zero(c) ? "(—)" : `(${fmt(c.std_error, digits)})`) : ""))]);
  };
  for (const t of order) coefCells((f) => f.coefficients.find((c) => c.term === t), label(t));
  if (opts.constant !== false) coefCells((f) => f.constant, opts.labels?.["(Intercept)"] ?? "Constant");
  const fes: string[] = [];
  for (const m of models) for (const f of m.fit.fe) if (!fes.includes(f)) fes.push(f);
  if (fes.length) rulesBefore.push(rows.length);
  for (const f of fes) rows.push([opts.feLabels?.[f] ?? `${f} FE`, ...models.map((m) => (m.fit.fe.includes(f) ? "Yes" : "No"))]);
  const stats = opts.stats ?? ["nobs", "r2", "r2_within", "nclusters", "se_type"];
  if (stats.length) rulesBefore.push(rows.length);
  for (const s of stats) {
    const cell = (f: FeolsResult): string => {
      switch (s) {
        case "nobs": return String(f.nobs);
        case "r2": return fmt(f.r2, digits);
        case "r2_within": return fmt(f.r2_within, digits);
        case "adj_r2": return fmt(f.adj_r2, digits);
        case "nclusters": return f.vcovInfo.type === "cluster" ? String(f.nclusters) : "";
        case "se_type": return seType(f);
      }
    };
    const name = { nobs: "N", r2: "R²", r2_within: "Within R²", adj_r2: "Adjusted R²", nclusters: "Clusters", se_type: "SE type" }[s];
    rows.push([name, ...models.map((m) => cell(m.fit))]);
  }
  const notes = [
    `Standard errors in parentheses. ${STAR_LEGEND}.`,
    ...(zeroSe ? ["(—): the standard error is exactly 0 by construction, so the estimate carries no test."] : []),
    ...(opts.notes ?? []),
  ];
  return { caption: opts.caption, header, rows, rulesBefore, notes };
}

export function regressionTable(opts: RegTableOptions, format: TableFormat): string {
  return renderTable(buildRegTable(opts), format);
}
