/**
 * The model interface: fixest's `feols(fml, data, cluster = ~iso3)` over the
 * estimation engine of lib/estimate/feols.ts.
 *
 *   feols("huawei_stance ~ asym + ideal + ICTtrade + ..controls | iso3 + year", sample, { cluster: "iso3" })
 *
 * is, in R, `feols(huawei_stance ~ asym + ideal + ICTtrade + ..controls | iso3 + year, sample, cluster = ~iso3)`
 * and, in Stata, `reghdfe huawei_stance asym ideal ICTtrade $controls, absorb(iso3 year) vce(cluster iso3)`.
 *
 * The formula (lib/estimate/formula.ts) names the outcome, the regressors
 * (lags `l(x, k)` and leads `f(x, k)` built by lib/estimate/lag.ts within the
 * panel's unit over its time column, `panel: { unit, time }`) and the
 * fixed effects. Macros such as `..controls` expand from `macros` (fixest's
 * `setFixest_fml(..controls = ~ ...)`).
 *
 * The engine knows no study: which columns are the unit and the time, and
 * which macros exist, are options. The study's values (lib/study.ts
 * STUDY_MODEL: iso3, year, ..controls) are bound at the front door
 * (lib/fixest.ts), together with the defaults a notebook sets once.
 *
 * Standard errors: `cluster` given → clustered (vcov "cluster"); otherwise
 * iid, as in Stata's xtreg and reghdfe. fixest instead clusters by the first
 * fixed effect when no vcov is named: write `{ cluster: "iso3" }` to get the
 * same numbers. The small-sample convention defaults to Stata's ("stata", see
 * lib/estimate/vcov.ts); `ssc: "fixest"` reproduces fixest's defaults.
 *
 * No intercept: `y ~ 0 + x` or `y ~ x - 1` without fixed effects is least
 * squares through the origin (lib/estimate/noIntercept.ts; R's
 * `lm(y ~ 0 + x)`, Stata's `regress y x, noconstant`); with fixed effects
 * the intercept is absorbed anyway and "0 +" changes nothing.
 *
 * Data: an arquero table, a record of columns, or an array of row objects
 * (e.g. the typed panel rows of lib/panel/read.ts).
 */
import {
  feols as engine,
  getColumn,
  type ColumnInput,
  type FeolsOptions,
  type FeolsResult,
} from "./feols";
import type { SscName, VcovType } from "./vcov";
import { lagPanel } from "./lag";
import { parseFormula, termName, type Formula } from "./formula";
import { olsNoIntercept } from "./noIntercept";

/** A row of a data set: any object whose fields are columns. */
export type DataRow = object;

/** What `feols(formula, data)` accepts. */
export type ModelData = ColumnInput | readonly DataRow[];

export interface ModelOptions {
  /**
   * Cluster column, as "iso3" or fixest's "~iso3"; two-way as "~iso3 + year" or
   * ["iso3", "year"] (ssc "fixest" or "full"). Implies vcov "cluster" unless vcov says otherwise.
   */
  cluster?: string | readonly string[];
  /** "iid", "hc1" (alias "hetero", fixest's name) or "cluster". Default: "cluster" with a cluster, else "iid". */
  vcov?: VcovType | "hetero";
  /** Small-sample convention (lib/estimate/vcov.ts); default "stata". */
  ssc?: SscName;
  /** Report Stata's xtreg constant (default "none", as fixest). */
  constant?: "none" | "stata";
  dropSingletons?: boolean;
  dist?: "t" | "normal";
  /** Unit and time columns for l() and f(); needed only when the formula has a lag or lead. */
  panel?: { unit: string; time: string };
  /** Formula macros, e.g. { "..controls": ["a", "b"] }; none by default. */
  macros?: Readonly<Record<string, readonly string[]>>;
  /**
   * Columns that must identify the rows (the engine's `keys`); default the
   * first two fixed effects, as the CLI's --keys; `false`: no check.
   */
  keys?: readonly string[] | false;
  /** A duplicate key is an error (default) or, with "warn", a warning counting them. */
  duplicateKeys?: "error" | "warn";
}

/** A fit from a formula: the engine's result plus the formula it came from. */
export interface ModelFit extends FeolsResult {
  formula: string;
}

function isRows(d: ModelData): d is readonly DataRow[] {
  return Array.isArray(d);
}

/** One column of the data by name (rows: the field of every row; missing field = error naming the row). */
function columnOf(data: ModelData, name: string): ArrayLike<unknown> {
  if (!isRows(data)) return getColumn(data, name);
  const out = new Array<unknown>(data.length);
  data.forEach((r, i) => {
    if (!(name in r))
      throw new Error(`no column "${name}" in row ${i + 1} (have: ${Object.keys(r).join(", ")})`);
    out[i] = Reflect.get(r, name);
  });
  return out;
}

/** A numeric column for lag(): numbers, null/undefined/NaN as missing; anything else is an error naming the row. */
function numericColumn(name: string, c: ArrayLike<unknown>): (number | null)[] {
  const out = new Array<number | null>(c.length);
  for (let i = 0; i < c.length; i++) {
    const v = c[i];
    if (v === null || v === undefined) out[i] = null;
    else if (typeof v === "number") out[i] = Number.isNaN(v) ? null : v;
    else throw new Error(`column "${name}", row ${i + 1}: not a number: ${JSON.stringify(v)}`);
  }
  return out;
}

function timeColumn(name: string, c: ArrayLike<unknown>): number[] {
  const out = new Array<number>(c.length);
  for (let i = 0; i < c.length; i++) {
    const v = c[i];
    if (typeof v !== "number" || !Number.isInteger(v))
      throw new Error(`time column "${name}", row ${i + 1}: not an integer: ${JSON.stringify(v)}`);
    out[i] = v;
  }
  return out;
}

function unitColumn(name: string, c: ArrayLike<unknown>): (string | number)[] {
  const out = new Array<string | number>(c.length);
  for (let i = 0; i < c.length; i++) {
    const v = c[i];
    if (typeof v !== "string" && typeof v !== "number")
      throw new Error(
        `unit column "${name}", row ${i + 1}: missing or not a label: ${JSON.stringify(v)}`,
      );
    out[i] = v;
  }
  return out;
}

/**
 * Cluster columns from fixest's forms: "iso3", "~iso3", "~iso3 + year" or
 * ["iso3", "year"] (two-way clustering, as fixest's `cluster = ~iso3 + year`).
 */
export function clusterColumns(
  c: string | readonly string[] | undefined,
): [string | undefined, string | undefined] {
  if (c === undefined) return [undefined, undefined];
  const names = (typeof c === "string" ? c.replace(/^\s*~\s*/, "").split("+") : [...c]).map((s) =>
    s.trim(),
  );
  if (names.some((s) => !s)) throw new Error(`cluster: empty column name in "${String(c)}"`);
  if (names.length > 2)
    throw new Error(
      `cluster: at most two columns (two-way clustering), got "${names.join(" + ")}"`,
    );
  return [names[0], names[1]];
}

/** The engine's options for a parsed formula: columns pulled (and lags built) from the data. */
export function engineOptions(f: Formula, data: ModelData, opts: ModelOptions = {}): FeolsOptions {
  const [cluster, cluster2] = clusterColumns(opts.cluster);
  const vcov: VcovType | undefined = opts.vcov === "hetero" ? "hc1" : opts.vcov;
  const cols: Record<string, ArrayLike<unknown>> = {};
  cols[f.y] = columnOf(data, f.y);
  const panel = opts.panel;
  let unit: (string | number)[] | undefined;
  let time: number[] | undefined;
  for (const t of f.terms) {
    const name = termName(t);
    if (t.kind === "var") {
      cols[name] = columnOf(data, t.name);
      continue;
    }
    if (!panel)
      throw new Error(
        `${name}: a lag or lead needs the panel's unit and time columns (option panel: { unit, time })`,
      );
    unit ??= unitColumn(panel.unit, columnOf(data, panel.unit));
    time ??= timeColumn(panel.time, columnOf(data, panel.time));
    cols[name] = lagPanel(numericColumn(t.variable, columnOf(data, t.variable)), unit, time, t.k);
  }
  const keys =
    opts.keys === false
      ? undefined
      : (opts.keys ?? (f.fe.length >= 2 ? f.fe.slice(0, 2) : undefined));
  for (const c of [
    ...f.fe,
    ...(cluster ? [cluster] : []),
    ...(cluster2 ? [cluster2] : []),
    ...(keys ?? []),
  ]) {
    if (!(c in cols)) cols[c] = columnOf(data, c);
  }
  return {
    data: cols,
    y: f.y,
    x: f.terms.map(termName),
    fe: f.fe,
    cluster,
    cluster2,
    vcov,
    ssc: opts.ssc,
    constant: opts.constant,
    dropSingletons: opts.dropSingletons,
    dist: opts.dist,
    keys,
    duplicateKeys: opts.duplicateKeys,
  };
}

/** Fit a formula (see module doc). */
export function feolsFormula(formula: string, data: ModelData, opts: ModelOptions = {}): ModelFit {
  const f = parseFormula(formula, { macros: opts.macros ?? {} });
  // No intercept and no FE: least squares through the origin (noIntercept.ts); with FE, "0 +" changes nothing (the FE absorb it).
  const o = engineOptions(f, data, opts);
  const fit = !f.intercept && f.fe.length === 0 ? olsNoIntercept(o) : engine(o);
  // Keep the engine's non-enumerable `design` on the same object.
  return Object.assign(fit, { formula });
}

/**
 * The front door. With a formula string first: `feols("y ~ x | fe", data, opts)`
 * (fixest's form); with one options object: the engine `feols({ data, y, x, fe, ... })`.
 */
export function feols(formula: string, data: ModelData, opts?: ModelOptions): ModelFit;
export function feols(opts: FeolsOptions): FeolsResult;
export function feols(
  a: string | FeolsOptions,
  data?: ModelData,
  opts?: ModelOptions,
): FeolsResult {
  if (typeof a === "string") {
    if (data === undefined) throw new Error(`feols("${a}", data): no data given`);
    return feolsFormula(a, data, opts);
  }
  return engine(a);
}
