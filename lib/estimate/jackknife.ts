/**
 * Leave-one-cluster-out (delete-one-group jackknife): re-estimate the model G
 * times, each time without one cluster, and summarize
 *
 *   se_J(β_j) = sqrt( (G − 1)/G · Σ_g (b_j(−g) − b̄_j)² ),   b̄_j = mean over g
 *
 * (the CV3-type jackknife variance; MacKinnon, Nielsen & Webb 2023, J. of
 * Econometrics 232(2)). With 26 allies it also shows whether one country drives
 * a coefficient. Terms dropped in a subsample (collinear there) are NaN.
 */
import { feols, getColumn, type FeolsOptions } from "./feols";

export interface JackknifeResult {
  /** Cluster left out in each re-estimation, in order of first appearance. */
  omitted: (string | number)[];
  terms: string[];
  /** coef[term][g] = estimate without cluster g. */
  coef: Record<string, number[]>;
  /** Full-sample estimates. */
  estimate: Record<string, number>;
  se: Record<string, number>;
}

export function jackknife(opts: FeolsOptions): JackknifeResult {
  if (!opts.cluster) throw new Error("jackknife: name the cluster column (cluster)");
  const full = feols({ ...opts, vcov: "iid" });
  const cl = getColumn(opts.data, opts.cluster);
  const names = Array.from(new Set([opts.y, ...opts.x, ...(opts.fe ?? []), opts.cluster]));
  const cols = Object.fromEntries(names.map((c) => [c, Array.from(getColumn(opts.data, c))]));
  const levels: (string | number)[] = [];
  const seen = new Set<unknown>();
  for (let i = 0; i < cl.length; i++) {
    const v = cl[i];
    if (v === null || v === undefined || seen.has(v)) continue;
    seen.add(v);
    levels.push(v as string | number);
  }
  const coef: Record<string, number[]> = Object.fromEntries(full.terms.map((t) => [t, []]));
  for (const g of levels) {
    const keep: number[] = [];
    for (let i = 0; i < cl.length; i++) if (cl[i] !== g) keep.push(i);
    const sub = Object.fromEntries(names.map((c) => [c, keep.map((i) => cols[c][i])]));
    const r = feols({ ...opts, data: sub, vcov: "iid", constant: "none" });
    for (const t of full.terms) {
      const c = r.coefficients.find((x) => x.term === t);
      coef[t].push(c ? c.estimate : NaN);
    }
  }
  const G = levels.length;
  const se: Record<string, number> = {};
  const estimate: Record<string, number> = {};
  for (const c of full.coefficients) {
    estimate[c.term] = c.estimate;
    const v = coef[c.term];
    const m = v.reduce((s, x) => s + x, 0) / G;
    se[c.term] = Math.sqrt(((G - 1) / G) * v.reduce((s, x) => s + (x - m) ** 2, 0));
  }
  return { omitted: levels, terms: full.terms, coef, estimate, se };
}
