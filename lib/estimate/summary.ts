/**
 * Standard errors of a fitted model under another convention, without
 * refitting: fixest's `summary(fit, vcov = "hetero")` / `summary(fit, cluster = ~iso3)`,
 * Stata's "re-run with another vce()".
 *
 * The slopes b do not depend on the vcov. What the vcov needs is stored by the
 * engine in `fit.design` (lib/estimate/feols.ts): the within-transformed
 * regressors X̃, the residuals e, B = (X̃ᵀX̃)⁻¹, the fixed-effect factors and
 * their degrees of freedom. computeVcov (lib/estimate/vcov.ts) builds
 *
 *   iid      V = s² B,   hetero  V = c · B (Σ e_i² x̃_i x̃_iᵀ) B,   cluster  V = c · B (Σ_g u_g u_gᵀ) B
 *
 * from them, so `summary(fit, o)` equals a refit with the options o (test:
 * test/estimate/summary.test.ts, to 1e-12). t statistics, p-values (t with the
 * vcov's df, or the normal when the fit used it), the Wald F test and the
 * cluster count follow the new vcov.
 *
 * A new cluster variable must be one of the fit's fixed effects, its cluster,
 * or a column of `data` (the data the model was fitted on; the estimation
 * rows are `fit.design.rows`).
 *
 * The Stata-style constant (`constant: "stata"`) keeps its estimate; its
 * standard error, t and p are recomputed under the new vcov by the function
 * the fit uses (stataConstantInference in feols.ts, from X̃, e and the raw
 * means x̄ the design keeps in `design.constant`), so they equal a refit's too:
 * none (NaN) with two-way clustering or zero residual degrees of freedom.
 */
import type { ColumnInput, CoefRow, FeolsResult } from "./feols";
import { fewClustersWarning, getColumn, stataConstantInference } from "./feols";
import { computeVcov, VCOV_TYPES, type SscName, type VcovResult, type VcovType } from "./vcov";
import { encodeFactor, isNested, type Factor } from "./fixedEffects";
import { waldTest } from "./wald";
import { pNormal, pT } from "./distributions";
import { defined } from "../lookup";

export interface SummaryOptions {
  /** "iid", "hc1" (alias "hetero") or "cluster"; default "cluster" when `cluster` is given, else the fit's. */
  vcov?: VcovType | "hetero";
  /** Cluster column ("iso3" or "~iso3"); default the fit's cluster. */
  cluster?: string;
  /** Small-sample convention; default the fit's. */
  ssc?: SscName;
  /** The data the model was fitted on, when clustering by a column that is neither a fixed effect nor the fit's cluster. */
  data?: ColumnInput;
}

/** The same fit with standard errors, tests and vcov recomputed (see module doc). */
export function summary<F extends FeolsResult>(fit: F, opts: SummaryOptions = {}): F {
  if (!("design" in fit))
    throw new Error(
      "summary: the fit carries no design (was it copied, e.g. through JSON?); refit the model",
    );
  const d = fit.design;
  const clusterName = opts.cluster?.replace(/^\s*~\s*/, "").trim() || undefined;
  const type: VcovType =
    opts.vcov === "hetero" ? "hc1" : (opts.vcov ?? (clusterName ? "cluster" : d.vcovType));
  if (!VCOV_TYPES.includes(type))
    throw new Error(
      `summary: vcov must be "iid", "hc1" (or "hetero") or "cluster" (got ${JSON.stringify(opts.vcov)})`,
    );
  const ssc = opts.ssc ?? d.ssc;
  const { cluster, cname } =
    type === "cluster"
      ? newCluster(fit, clusterName, opts.data)
      : { cluster: undefined, cname: undefined };
  // Two-way clustering carries over when the fit's clustering is kept.
  const cluster2 = type === "cluster" && !clusterName && d.cluster2 ? d.cluster2 : undefined;
  const nestedDof = nestedFeDof(d.fes, cluster, cluster2);
  const vr = vcovOfDesign(fit, nestedDof, cluster, cluster2, type, ssc, cname);
  const warnings = refreshedWarnings(fit.warnings, vr, type);
  const k = fit.terms.length;
  const df = d.dist === "normal" ? Infinity : vr.df;
  const pOf = (t: number): number => (d.dist === "normal" ? pNormal(t) : pT(t, df));
  const coefficients: CoefRow[] = fit.coefficients.map((c, a) => {
    const se = Math.sqrt(vr.V[a * k + a]);
    const t = c.estimate / se;
    return { term: c.term, estimate: c.estimate, std_error: se, statistic: t, p_value: pOf(t) };
  });
  const vcov: number[][] = [];
  for (let a = 0; a < k; a++) vcov.push(Array.from(vr.V.subarray(a * k, a * k + k)));
  const { V, warnings: _vw, ...vcovInfo } = vr;
  const constant = fit.constant
    ? constantUnder(fit, fit.constant, vr, nestedDof, cluster)
    : undefined;
  const out: F = {
    ...fit,
    coefficients,
    vcov,
    vcovInfo,
    warnings,
    cluster: type === "cluster" ? cname : fit.cluster,
    nclusters: type === "cluster" ? vr.G : fit.nclusters,
    f_test: V.some((v) => v !== v)
      ? { terms: fit.terms, stat: NaN, df1: k, df2: df, p_value: NaN }
      : waldTest(
          coefficients.map((c) => c.estimate),
          V,
          fit.terms,
          df,
        ),
    constant,
  };
  Object.defineProperty(out, "design", {
    value: {
      ...d,
      cluster: cluster ?? d.cluster,
      cluster2: cluster2 ?? (clusterName ? undefined : d.cluster2),
      nestedDof,
      ssc,
      vcovType: type,
    },
    enumerable: false,
  });
  return out;
}

/**
 * The cluster factor and its name for a cluster vcov: a fixed effect of the
 * fit, the fit's own cluster, or a column of the fitted `data`.
 */
function newCluster(
  fit: FeolsResult,
  clusterName: string | undefined,
  data: ColumnInput | undefined,
): { cluster: Factor; cname: string } {
  const d = fit.design;
  const cname = clusterName ?? fit.cluster;
  if (!cname) throw new Error('summary: vcov "cluster" needs a cluster column (cluster: "iso3")');
  const feIdx = fit.fe.indexOf(cname);
  if (feIdx >= 0) return { cluster: d.fes[feIdx], cname };
  if (cname === fit.cluster && d.cluster) return { cluster: d.cluster, cname };
  if (!data)
    throw new Error(
      `summary: "${cname}" is neither a fixed effect nor the fit's cluster; pass the fitted data as { data }`,
    );
  const col = getColumn(data, cname);
  const vals = new Array<string | number>(d.rows.length);
  for (let j = 0; j < d.rows.length; j++) {
    const v = col[d.rows[j]];
    if (typeof v !== "string" && typeof v !== "number")
      throw new Error(
        `summary: cluster column "${cname}", row ${d.rows[j] + 1}: missing or not a label: ${JSON.stringify(v)}`,
      );
    vals[j] = v;
  }
  return { cluster: encodeFactor(vals), cname };
}

/** Σ (L_q − 1) over the fixed effects nested in the cluster (two-way: in either dimension). */
function nestedFeDof(
  fes: readonly Factor[],
  cluster: Factor | undefined,
  cluster2: Factor | undefined,
): number {
  let nestedDof = 0;
  if (cluster) for (const f of fes) if (isNested(f, cluster)) nestedDof += f.nLevels - 1;
  if (cluster2) {
    const c1 = defined(cluster, "summary: the first cluster of a two-way clustering");
    for (const f of fes) if (!isNested(f, c1) && isNested(f, cluster2)) nestedDof += f.nLevels - 1;
  }
  return nestedDof;
}

/** The vcov of the fit's slopes under the new convention, from the stored design (computeVcov). */
function vcovOfDesign(
  fit: FeolsResult,
  nestedDof: number,
  cluster: Factor | undefined,
  cluster2: Factor | undefined,
  type: VcovType,
  ssc: SscName,
  cname: string | undefined,
): VcovResult {
  const d = fit.design;
  let yss = 0;
  for (let i = 0; i < d.yw.length; i++) yss += d.yw[i] * d.yw[i];
  return computeVcov(
    {
      X: d.X,
      resid: d.resid,
      bread: d.bread,
      dofFe: fit.dofFe,
      firstFeLevels: d.firstFeLevels,
      nestedDof,
      cluster,
      cluster2,
      yss,
      terms: fit.terms,
    },
    type,
    ssc,
    cname,
  );
}

/** The fit's warnings about its data, with those about its vcov replaced by the new vcov's. */
function refreshedWarnings(
  fitWarnings: readonly string[],
  vr: VcovResult,
  type: VcovType,
): string[] {
  const few = type === "cluster" ? fewClustersWarning(vr) : undefined;
  return [
    ...new Set([
      ...fitWarnings.filter(
        (w) => !w.startsWith("only ") && !/ variance of .* is zero up to rounding/.test(w),
      ),
      ...vr.warnings,
      ...(few ? [few] : []),
    ]),
  ];
}

/**
 * The Stata-style constant under the new vcov, as a refit gives it; NaN
 * only for a design made without x̄ (not by feols).
 */
function constantUnder(
  fit: FeolsResult,
  c: CoefRow,
  vr: VcovResult,
  nestedDof: number,
  cluster: Factor | undefined,
): CoefRow {
  const d = fit.design;
  return d.constant
    ? {
        ...stataConstantInference(c.estimate, d.X, d.constant.xbar, d.resid, vr, {
          dofFe: fit.dofFe,
          firstFeLevels: d.firstFeLevels,
          nestedDof,
          cluster,
          dfResid: fit.dfResid,
          dist: d.dist,
          unit: d.constant.unit,
        }),
        term: c.term,
      }
    : { ...c, std_error: NaN, statistic: NaN, p_value: NaN };
}

/** The variance-covariance matrix of the slopes under another convention (fixest's `vcov(fit, ...)`). */
export function vcov(fit: FeolsResult, opts: SummaryOptions = {}): number[][] {
  return summary(fit, opts).vcov;
}
