/**
 * Publication table of several models, fixest's `etable(models, dict = LABELS)`
 * (R) or Stata's `esttab`: one column per model, each coefficient with its
 * standard error in parentheses below and significance stars
 * (* p < 0.1, ** p < 0.05, *** p < 0.01, the paper's convention), then the
 * fixed effects (Yes/No), the standard-error type, the number of clusters, N,
 * R² and within R².
 *
 * Columns are fitted models (lib/estimate) or published ones
 * (lib/replication/published.ts `publishedModel`), so a replication sits next
 * to the numbers it replicates. Variable names become human labels through
 * `dict` (study.ts LABELS); a lag term `l(x, k)` without its own label reads
 * "<label of x> (t−k)".
 *
 * Formats: "text" (terminal; aligned columns, no escapes at all), "html"
 * (notebooks), "markdown", "latex" (booktabs). HTML, Markdown and LaTeX are
 * escaped for their target by lib/report/escape.ts through render.ts; the
 * replication's CSV tables render `buildEtable` through render.ts too.
 * Numbers by lib/report/format.ts `fmt`. Each model's warnings (zero residual
 * df, few clusters; FeolsResult.warnings) are printed as notes; a coefficient
 * without a standard error gets no stars and an empty SE cell.
 *
 * This is the project's one regression table: notebooks, the CLI and the
 * replication tables (lib/replication/tables.ts) all print through it.
 */
import type { CoefRow, FeolsResult } from "../estimate/feols";
import { fmt } from "./format";
import { renderTable, renderText, type PlainTable } from "./render";
import { entry } from "../lookup";

export type EtableFormat = "text" | "html" | "markdown" | "latex";

/** The legend of the stars (the paper's convention). */
export const STAR_LEGEND = "* p < 0.1, ** p < 0.05, *** p < 0.01";

/** Stars of a p-value: *** p < 0.01, ** p < 0.05, * p < 0.1. */
export function stars(p: number): string {
  return p < 0.01 ? "***" : p < 0.05 ? "**" : p < 0.1 ? "*" : "";
}
export const ETABLE_FORMATS: readonly EtableFormat[] = ["text", "html", "markdown", "latex"];

/** A published model as a column: coefficients with the stars as printed. */
export interface PublishedColumn {
  kind: "published";
  /** e.g. "(7)". */
  name: string;
  coefficients: Readonly<Record<string, { estimate: number; se: number; stars: number }>>;
  nobs: number;
  /** Fixed effects the publication reports. */
  fe: readonly string[];
  /** What the publication says about its standard errors. */
  seType: string;
}

export type EtableColumn = FeolsResult | PublishedColumn;
export type EtableModel = EtableColumn | { fit: EtableColumn; title?: string };

export interface EtableOptions {
  /** Labels of variables and fixed effects (study.ts LABELS). */
  dict?: Readonly<Record<string, string>>;
  /** Default "text". */
  format?: EtableFormat;
  /** Column titles (default the published name, "(1)", "(2)", …). */
  headers?: readonly string[];
  /** Row order of terms; unlisted terms follow in order of first appearance. */
  order?: readonly string[];
  /** Terms to leave out (e.g. the controls); a note says which. */
  drop?: readonly string[];
  /** Decimals (default 3). */
  digits?: number;
  /** Show the constant row when a model has one (default true). */
  constant?: boolean;
  caption?: string;
  notes?: readonly string[];
}

interface Cell {
  estimate: number;
  se: number;
  stars: string;
  /** The fit reported a standard error of exactly 0. */
  zeroSe?: boolean;
}

interface Col {
  title: string;
  coef(term: string): Cell | undefined;
  terms: string[];
  constant?: Cell;
  fe: readonly string[];
  nobs: number;
  r2?: number;
  r2_within?: number;
  se: string;
  clusters?: number;
  ssc?: string;
  /** The fit's warnings (degenerate fit, few clusters): printed as notes. */
  warnings: readonly string[];
}

// an SE of exactly 0 (Stata's constant with regressors centred on the sample) is not a
// result: shown as (—) without stars, with a note (h-seminar, issue 10)
const fromRow = (c: CoefRow): Cell =>
  c.std_error === 0
    ? { estimate: c.estimate, se: NaN, stars: "", zeroSe: true }
    : {
        estimate: c.estimate,
        se: c.std_error,
        stars: Number.isFinite(c.p_value) ? stars(c.p_value) : "",
      };

function isPublished(m: EtableColumn): m is PublishedColumn {
  return "kind" in m; // only a published column has a kind
}

const SSC_TEXT: Record<string, string> = {
  stata: "Stata (xtreg, fe)",
  fixest: "fixest default",
  plm: "none (plm HC0)",
  "plm-hc1": "plm HC1",
  "plm-sss": "plm sss",
  full: "all FE counted",
};

function column(m: EtableModel, i: number, label: (s: string) => string): Col {
  const fit = "fit" in m ? m.fit : m;
  const title = "fit" in m ? m.title : undefined;
  if (isPublished(fit)) {
    const terms = Object.keys(fit.coefficients).filter((t) => t !== "(Intercept)");
    const pc = (t: string): Cell | undefined => {
      const c = entry(fit.coefficients, t);
      return c ? { estimate: c.estimate, se: c.se, stars: "*".repeat(c.stars) } : undefined;
    };
    return {
      title: title ?? `Published ${fit.name}`,
      coef: pc,
      terms,
      constant: pc("(Intercept)"),
      fe: fit.fe,
      nobs: fit.nobs,
      se: fit.seType,
      warnings: [],
    };
  }
  const v = fit.vcovInfo;
  const by = [fit.cluster ?? "cluster", ...(fit.cluster2 ? [fit.cluster2] : [])]
    .map(label)
    .join(" & ");
  const se =
    v.type === "iid"
      ? "IID"
      : v.type === "hc1"
        ? "Heteroskedasticity-robust"
        : `Clustered by ${by}`;
  return {
    title: title ?? `(${i + 1})`,
    coef: (t) => {
      const c = fit.coefficients.find((r) => r.term === t);
      return c ? fromRow(c) : undefined;
    },
    terms: fit.coefficients.map((c) => c.term),
    constant: fit.constant ? fromRow(fit.constant) : undefined,
    fe: fit.fe,
    nobs: fit.nobs,
    r2: fit.r2,
    r2_within: fit.r2_within,
    se,
    clusters: v.type === "cluster" ? v.G : undefined,
    ssc: v.type === "iid" ? undefined : (SSC_TEXT[v.ssc] ?? v.ssc),
    warnings: fit.warnings,
  };
}

/** Label of a term: dict entry, else for l(x, k) / f(x, k) the label of x with (t−k) / (t+k), else the name. */
export function termLabel(term: string, dict: Readonly<Record<string, string>> = {}): string {
  if (dict[term]) return dict[term];
  const m = /^([lf])\((.+), (\d+)\)$/.exec(term);
  if (m) return `${dict[m[2]] ?? m[2]} (t${m[1] === "l" ? "−" : "+"}${m[3]})`;
  return term;
}

/** The table before rendering (header, rows, rules, notes). */
export function buildEtable(models: readonly EtableModel[], opts: EtableOptions = {}): PlainTable {
  if (models.length === 0) throw new Error("etable: no models");
  const dict = opts.dict ?? {};
  const label = (s: string): string => termLabel(s, dict);
  const cols = models.map((m, i) => column(m, i, label));
  if (opts.headers) {
    if (opts.headers.length !== cols.length)
      throw new Error(`etable: ${opts.headers.length} headers for ${cols.length} models`);
    opts.headers.forEach((h, i) => (cols[i].title = h));
  }
  const digits = opts.digits ?? 3;
  const drop = new Set(opts.drop ?? []);
  const seen: string[] = [];
  for (const c of cols) for (const t of c.terms) if (!seen.includes(t)) seen.push(t);
  const order = [
    ...(opts.order ?? []).filter((t) => seen.includes(t)),
    ...seen.filter((t) => !(opts.order ?? []).includes(t)),
  ].filter((t) => !drop.has(t));
  const rows: string[][] = [];
  const rulesBefore: number[] = [];
  const pair = (name: string, cells: (Cell | undefined)[]): void => {
    rows.push([name, ...cells.map((c) => (c ? fmt(c.estimate, digits) + c.stars : ""))]);
    // exactly 0: "(—)" with a note; no SE at all (zero residual df, a degenerate variance): "(—)"
    // too, and the fit's warning says why; an empty cell only where the term is not in the model
    rows.push([
      "",
      ...cells.map((c) => (!c ? "" : Number.isFinite(c.se) ? `(${fmt(c.se, digits)})` : "(—)")),
    ]);
  };
  for (const t of order)
    pair(
      label(t),
      cols.map((c) => c.coef(t)),
    );
  if (opts.constant !== false && cols.some((c) => c.constant))
    pair(
      dict["(Intercept)"] ?? "Constant",
      cols.map((c) => c.constant),
    );
  statisticRows(cols, dict, digits, rows, rulesBefore);
  const dropped = seen.filter((t) => drop.has(t));
  const notes = tableNotes(cols, order, dropped, label, opts.notes);
  return {
    caption: opts.caption,
    header: ["", ...cols.map((c) => c.title)],
    rows,
    rulesBefore,
    notes,
  };
}

/** The fixed-effect rows and the fit statistics (S.E. type, clusters, observations, R²), with their rules. */
function statisticRows(
  cols: readonly Col[],
  dict: Readonly<Record<string, string>>,
  digits: number,
  rows: string[][],
  rulesBefore: number[],
): void {
  const fes: string[] = [];
  for (const c of cols) for (const f of c.fe) if (!fes.includes(f)) fes.push(f);
  if (fes.length) {
    rulesBefore.push(rows.length);
    for (const f of fes)
      rows.push([
        `${dict[f] ?? f} fixed effects`,
        ...cols.map((c) => (c.fe.includes(f) ? "Yes" : "No")),
      ]);
  }
  rulesBefore.push(rows.length);
  rows.push(["S.E. type", ...cols.map((c) => c.se)]);
  if (cols.some((c) => c.clusters !== undefined))
    rows.push([
      "Clusters",
      ...cols.map((c) => (c.clusters === undefined ? "" : String(c.clusters))),
    ]);
  rows.push(["Observations", ...cols.map((c) => String(c.nobs))]);
  if (cols.some((c) => c.r2 !== undefined)) {
    rows.push(["R²", ...cols.map((c) => (c.r2 === undefined ? "" : fmt(c.r2, digits)))]);
    rows.push([
      "Within R²",
      ...cols.map((c) => (c.r2_within === undefined ? "" : fmt(c.r2_within, digits))),
    ]);
  }
}

/** The notes under the table: SE and star legend, zero SEs, small-sample corrections, dropped terms, warnings. */
function tableNotes(
  cols: readonly Col[],
  order: readonly string[],
  dropped: readonly string[],
  label: (s: string) => string,
  extra: readonly string[] | undefined,
): string[] {
  const notes = [`Standard errors in parentheses. ${STAR_LEGEND}.`];
  const anyZero = cols.some((c) => c.constant?.zeroSe || order.some((t) => c.coef(t)?.zeroSe));
  if (anyZero)
    notes.push("(—): standard error exactly 0 by construction, so the estimate carries no test.");
  const sscs = [...new Set(cols.map((c) => c.ssc).filter((s): s is string => s !== undefined))];
  if (sscs.length) notes.push(`Small-sample correction: ${sscs.join("; ")}.`);
  if (dropped.length) notes.push(`Not shown: ${dropped.map(label).join(", ")}.`);
  // Each model's warnings, identical ones merged: "Warning (1), (2): …".
  const byText = new Map<string, string[]>();
  for (const c of cols)
    for (const w of c.warnings) byText.set(w, [...(byText.get(w) ?? []), c.title]);
  for (const [w, titles] of byText) notes.push(`Warning ${titles.join(", ")}: ${w}.`);
  notes.push(...(extra ?? []));
  return notes;
}

/** The table as text in the chosen format (default "text"). */
export function etable(models: readonly EtableModel[], opts: EtableOptions = {}): string {
  const t = buildEtable(models, opts);
  const format = opts.format ?? "text";
  if (format === "text") return renderText(t);
  if (!ETABLE_FORMATS.includes(format))
    throw new Error(`etable: unknown format "${format}" (have ${ETABLE_FORMATS.join(", ")})`);
  return renderTable(t, format);
}
