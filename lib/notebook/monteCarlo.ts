/**
 * A Monte Carlo on a SYNTHETIC outcome, for notebook 09: what does two-way
 * fixed effects recover with 26 countries × 4 years when the regressors are
 * the real, slowly moving ones?
 *
 * Each replication r draws (seeded, seedrandom)
 *
 *   y*_it = Σ_j β_j x_j,it + α_i + γ_t + σ · e_it,   α_i ~ N(0, 1), γ_t ~ N(0, 1), e_it ~ N(0, 1)
 *
 * on the real estimation sample (x = the prepared, lagged regressors; nothing
 * of the real outcome is used), fits the same feols model, and records b_j and
 * whether the (1 − alpha) interval b_j ± t · se_j covers β_j. Summaries per
 * regressor: mean bias, sd of b_j across replications (the true sampling sd),
 * mean reported se, and coverage. The outcome is synthetic by construction and
 * must be labelled so wherever it is shown.
 */
import seedrandom from "seedrandom";
import { feols } from "../estimate/feols";
import type { SscName, VcovType } from "../estimate/vcov";
import { pT, qT } from "../estimate/distributions";
import { bootWeights } from "../estimate/wildBootstrap";
import {
  permutationSetup,
  permutationTest,
  projectOut,
  type PermutationScheme,
  type PermutationSetup,
} from "../estimate/permutation";
import { demean, isBalanced, levelCounts, type Factor } from "../estimate/fixedEffects";
import { sscFactor } from "../estimate/vcov";
import { CLUSTER, DEFAULT_SSC, DEFAULT_VCOV, FE } from "../study";
import { entry, mustGet } from "../lookup";

export interface MonteCarloOptions {
  /** Estimation-sample columns: iso3, year and the regressors. */
  data: { iso3: ArrayLike<string>; year: ArrayLike<number> } & Record<string, ArrayLike<unknown>>;
  /** Regressors in the model. */
  x: string[];
  /** True coefficients (regressors not listed have β = 0). */
  beta: Record<string, number>;
  /** Noise sd σ (in outcome units). */
  sigma: number;
  /** Replications (default 500). */
  R?: number;
  seed?: string;
  vcov?: VcovType;
  ssc?: SscName;
  level?: number;
}

export interface MonteCarloSummary {
  term: string;
  beta: number;
  meanEstimate: number;
  bias: number;
  /** sd of the estimates across replications. */
  sdEstimate: number;
  /** Mean of the reported standard errors. */
  meanSe: number;
  /** Share of intervals covering the true β. */
  coverage: number;
}

/** Standard normal draw (Box-Muller) from a seeded uniform generator. */
export function normal(rng: () => number): number {
  let u = 0;
  while (u === 0) u = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Run the Monte Carlo (see module doc). Returns one summary per regressor and every draw of b. */
export function monteCarlo(o: MonteCarloOptions): {
  summary: MonteCarloSummary[];
  draws: Record<string, number[]>;
} {
  const R = o.R ?? 500;
  const rng = seedrandom(o.seed ?? "alliance-mc");
  const n = o.data.iso3.length;
  const units = [...new Set(Array.from(o.data.iso3))];
  const years = [...new Set(Array.from(o.data.year))];
  const xb = new Float64Array(n);
  for (const [term, b] of Object.entries(o.beta)) {
    const col = entry(o.data, term) as ArrayLike<number> | undefined;
    if (!col) throw new Error(`monteCarlo: no column "${term}" in the data`);
    for (let i = 0; i < n; i++) xb[i] += b * col[i];
  }
  const draws: Record<string, number[]> = Object.fromEntries(o.x.map((t) => [t, []]));
  const ses: Record<string, number[]> = Object.fromEntries(o.x.map((t) => [t, []]));
  const covered: Record<string, number> = Object.fromEntries(o.x.map((t) => [t, 0]));
  const level = o.level ?? 0.95;
  for (let r = 0; r < R; r++) {
    const alpha = new Map(units.map((u) => [u, normal(rng)]));
    const gamma = new Map(years.map((y) => [y, normal(rng)]));
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++)
      y[i] =
        xb[i] +
        mustGet(alpha, o.data.iso3[i], "unit effect") +
        mustGet(gamma, o.data.year[i], "year effect") +
        o.sigma * normal(rng);
    const fit = feols({
      data: { ...o.data, y_synthetic: y },
      y: "y_synthetic",
      x: o.x,
      fe: [...FE],
      cluster: (o.vcov ?? DEFAULT_VCOV) === "cluster" ? CLUSTER : undefined,
      vcov: o.vcov ?? DEFAULT_VCOV,
      ssc: o.ssc ?? DEFAULT_SSC,
    });
    const q = qT(1 - (1 - level) / 2, fit.vcovInfo.df);
    for (const c of fit.coefficients) {
      if (!(c.term in draws)) continue;
      draws[c.term].push(c.estimate);
      ses[c.term].push(c.std_error);
      const b = o.beta[c.term] ?? 0;
      if (Math.abs(c.estimate - b) <= q * c.std_error) covered[c.term]++;
    }
  }
  const mean = (a: number[]) => a.reduce((s, v) => s + v, 0) / a.length;
  const summary = o.x.map((term) => {
    const d = draws[term];
    const m = mean(d);
    const b = o.beta[term] ?? 0;
    return {
      term,
      beta: b,
      meanEstimate: m,
      bias: m - b,
      sdEstimate: Math.sqrt(d.reduce((s, v) => s + (v - m) ** 2, 0) / (d.length - 1)),
      meanSe: mean(ses[term]),
      coverage: covered[term] / d.length,
    };
  });
  return { summary, draws };
}

/**
 * Size under the null: how often does each inference method reject a TRUE
 * null at level `alpha` on this panel's design? Each replication draws a
 * SYNTHETIC outcome that does not depend on any regressor,
 *
 *   y*_it = α_i + γ_t + u_it,   u_it = ρ u_i,t−1 + √(1 − ρ²) ε_it,   ε ~ N(0, σ_i²)
 *
 * (α_i, γ_t ~ N(0, 1); serial correlation ρ within country, so clustering by
 * country matters; σ_i = m_i exp(hetero · z_i), z_i ~ N(0, 1), unequal clusters,
 * m_i = `sdMultiplier[i]` (default 1) for named high-leverage countries),
 * fits y* on the real regressors with two-way FE, and tests β_term = 0 with
 *
 *   cluster            clustered t, t(G − 1), one row per small-sample
 *                      convention in `sscs` (default Stata's)
 *   wild bootstrap     restricted wild cluster bootstrap, Webb weights
 *                      (Cameron, Gelbach & Miller 2008; Webb 2014)
 *   jackknife          t = b / se_jackknife, t(G − 1) (MacKinnon, Nielsen & Webb 2023)
 *   permutation        each scheme × statistic of lib/estimate/permutation.ts
 *
 * Size = share of replications with p < alpha; its Monte Carlo standard error
 * is √(size (1 − size) / R) (at 5% and R = 1,000: 0.69 points; `mcseNominal`
 * is the same at size = alpha).
 * Seeded and deterministic. `onProgress(done, R)` is called after each
 * replication (scripts draw a progress bar with it).
 */
export interface NullSizeOptions {
  data: { iso3: ArrayLike<string>; year: ArrayLike<number> } & Record<string, ArrayLike<unknown>>;
  x: string[];
  term: string;
  R?: number;
  /** Permutations per test (default 99). */
  B?: number;
  /** Wild bootstrap replications (default 199). */
  bootB?: number;
  alpha?: number;
  rho?: number;
  hetero?: number;
  /** Error sd multiplier by country (e.g. { EST: 4 }): high-leverage, heteroskedastic clusters. */
  sdMultiplier?: Record<string, number>;
  /** Small-sample conventions of the clustered t, one row each (default ["stata"]). */
  sscs?: readonly SscName[];
  seed?: string;
  permutations?: readonly { scheme: PermutationScheme; statistic: "coef" | "t" }[];
  /** Skip the jackknife (26 refits per replication). */
  jackknife?: boolean;
  onProgress?: (done: number, total: number) => void;
}

export type NullSizeRow = {
  method: string;
  /** Share of replications rejecting the true null at alpha. */
  size: number;
  /** Monte Carlo standard error of `size`, √(size (1 − size) / R). */
  mcse: number;
  /** Monte Carlo standard error of a test of exact size alpha, √(alpha (1 − alpha) / R). */
  mcseNominal: number;
  rejections: number;
  R: number;
};

/** The permutation variants the size study runs by default. */
export const NULL_SIZE_PERMUTATIONS: readonly {
  scheme: PermutationScheme;
  statistic: "coef" | "t";
}[] = [
  { scheme: "unit-blocks", statistic: "t" },
  { scheme: "unit-blocks", statistic: "coef" },
  { scheme: "within-unit", statistic: "coef" },
  { scheme: "within-unit", statistic: "t" },
  { scheme: "within-year", statistic: "t" },
];

/** Monte Carlo standard error of a rejection rate p over R replications. */
export function mcStandardError(p: number, R: number): number {
  return Math.sqrt((p * (1 - p)) / R);
}

/** Synthetic null outcome of the doc above, one draw. */
export function syntheticNullOutcome(
  iso3: ArrayLike<string>,
  year: ArrayLike<number>,
  rng: () => number,
  rho = 0.5,
  hetero = 0,
  sdMultiplier: Record<string, number> = {},
): Float64Array {
  const n = iso3.length;
  const units = [...new Set(Array.from(iso3))];
  const years = [...new Set(Array.from(year))].sort((a, b) => a - b);
  const alpha = new Map(units.map((u) => [u, normal(rng)]));
  const gamma = new Map(years.map((t) => [t, normal(rng)]));
  const u = new Map<string, number>();
  for (const g of units) {
    const sd = Math.exp(hetero * normal(rng)) * (sdMultiplier[g] ?? 1);
    let prev = normal(rng) * sd;
    for (const t of years) {
      u.set(`${g}|${t}`, prev);
      prev = rho * prev + Math.sqrt(1 - rho * rho) * sd * normal(rng);
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++)
    y[i] =
      mustGet(alpha, iso3[i], "unit effect") +
      mustGet(gamma, year[i], "year effect") +
      mustGet(u, `${iso3[i]}|${year[i]}`, "unit-year error");
  return y;
}

/**
 * Leave-one-country-out jackknife SE of one term for many outcomes on the same
 * regressors (the formula of lib/estimate/jackknife.ts). The regressors do not
 * change between Monte Carlo replications, so each subsample's within-
 * transformed design and (X̃ᵀX̃)⁻¹ are computed once; a replication then only
 * demeans its y on each subsample: b_(−g) = (X̃ᵀX̃)⁻¹ X̃ᵀ ỹ. Equal to
 * jackknife() to rounding (tested).
 */
export function jackknifeSeFactory(
  data: { iso3: ArrayLike<string>; year: ArrayLike<number> } & Record<string, ArrayLike<unknown>>,
  x: string[],
  term: string,
): (y: ArrayLike<number>) => number {
  const iso = Array.from(data.iso3);
  const units = [...new Set(iso)];
  const parts = units.map((g) => {
    const keep = iso.flatMap((c, i) => (c === g ? [] : [i]));
    const sub: Record<string, unknown[]> = {};
    for (const c of ["iso3", "year", ...x]) sub[c] = keep.map((i) => data[c][i]);
    sub.y_any = keep.map((_, h) => Math.sin(h + 1)); // any outcome: only the design is kept
    const fit = feols({ data: sub, y: "y_any", x, fe: [...FE], vcov: "iid" });
    const d = fit.design;
    const j = fit.terms.indexOf(term);
    return {
      rows: Int32Array.from(d.rows, (r) => keep[r]),
      X: d.X,
      bread: d.bread,
      k: d.X.length,
      j,
      fes: d.fes,
      counts: d.fes.map(levelCounts),
      balanced: d.fes.length === 2 && isBalanced(d.fes[0], d.fes[1]),
    };
  });
  return (y) => {
    const b = parts.map((p) => {
      if (p.j < 0) return NaN;
      const yw = demean(
        Float64Array.from(p.rows, (i) => y[i]),
        p.fes,
        p.counts,
        { balanced: p.balanced },
      ).x;
      let s = 0;
      for (let l = 0; l < p.k; l++) {
        let xy = 0;
        const xl = p.X[l];
        for (let i = 0; i < yw.length; i++) xy += xl[i] * yw[i];
        s += p.bread[p.j * p.k + l] * xy;
      }
      return s;
    });
    const G = b.length;
    const m = b.reduce((a, v) => a + v, 0) / G;
    return Math.sqrt(((G - 1) / G) * b.reduce((a, v) => a + (v - m) ** 2, 0));
  };
}

/**
 * What every replication of the size study shares: the regressors do not
 * change, so the fixed effects and the other regressors are partialled out
 * of the tested regressor once (Frisch–Waugh–Lovell). With Q an orthonormal
 * basis of the within-transformed other regressors and x̌ = M_Q x̃_j, a
 * replication only demeans its y (closed form on a balanced panel) and
 * projects it, y̌ = M_Q ỹ; then
 *
 *   b = x̌ᵀy̌ / x̌ᵀx̌,   e = y̌ − b x̌ (the full model's residual),
 *   se_ssc = √(c_ssc Σ_g (Σ_{i∈g} x̌_i e_i)²) / x̌ᵀx̌      (clustered t, any ssc)
 *
 * and the restricted wild cluster bootstrap (H0: β_j = 0, whose restricted
 * residual is y̌ itself) is linear in the weights w: b* = Σ_h w_h s_h / x̌ᵀx̌
 * with s_h = Σ_{i∈h} x̌_i y̌_i, and the bootstrap scores are
 * u*_g = Σ_h w_h A_gh − b* c_g with A_gh = Σ_{i∈h} a_g,i y̌_i,
 * a_g = M_Q(1_g ∘ x̌), c_g = Σ_{i∈g} x̌_i² (so each draw costs O(G²), not a
 * refit; the algebra of Roodman et al. 2019 for one coefficient). Equal to
 * feols / summary / wildClusterBootstrap on the same y and weights (tested).
 */
export interface SizeKernel {
  rows: Int32Array;
  fes: Factor[];
  counts: Float64Array[];
  balanced: boolean;
  Q: Float64Array[];
  xCheck: Float64Array;
  sxx: number;
  codes: Int32Array;
  G: number;
  /** a_g of the doc, G × n. */
  a: Float64Array[];
  c: Float64Array;
  /** Small-sample factor and df of the clustered t for each ssc. */
  ssc: { factor: number; df: number }[];
  /** The permutation setup, whose yCheck each replication replaces. */
  perm: PermutationSetup;
}

export function sizeKernel(
  data: Record<string, ArrayLike<unknown>>,
  x: string[],
  term: string,
  sscs: readonly SscName[],
): SizeKernel {
  const base = {
    data: { ...data, y_any: Array.from({ length: data.iso3.length }, (_, i) => Math.sin(i + 1)) },
    y: "y_any",
    x,
    fe: [...FE],
    cluster: CLUSTER,
  };
  const perm = permutationSetup({ ...base, vcov: "cluster", ssc: "stata" }, term);
  const fit = perm.fit;
  const d = fit.design;
  if (!d.cluster) throw new Error("sizeKernel: the model must be clustered");
  const n = d.yw.length,
    G = d.cluster.nLevels,
    codes = d.cluster.codes;
  const xCheck = perm.xCheck;
  let sxx = 0;
  for (let i = 0; i < n; i++) sxx += xCheck[i] * xCheck[i];
  const a: Float64Array[] = [];
  const c = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++)
      if (codes[i] === g) {
        v[i] = xCheck[i];
        c[g] += xCheck[i] * xCheck[i];
      }
    a.push(projectOut(perm.Q, v));
  }
  const ssc = sscs.map((name) => {
    const f = sscFactor({
      type: "cluster",
      ssc: name,
      n,
      k: d.X.length,
      dofFe: fit.dofFe,
      firstFeLevels: d.firstFeLevels,
      nestedDof: d.nestedDof,
      G,
    });
    return { factor: f.factor, df: G - 1 };
  });
  return {
    rows: d.rows,
    fes: d.fes,
    counts: d.fes.map(levelCounts),
    balanced: d.fes.length === 2 && isBalanced(d.fes[0], d.fes[1]),
    Q: perm.Q,
    xCheck,
    sxx,
    codes,
    G,
    a,
    c,
    ssc,
    perm,
  };
}

/** One replication's y̌ (see SizeKernel). */
export function kernelProject(k: SizeKernel, y: ArrayLike<number>): Float64Array {
  const yw = demean(
    Float64Array.from(k.rows, (r) => y[r]),
    k.fes,
    k.counts,
    { balanced: k.balanced },
  ).x;
  return projectOut(k.Q, yw);
}

/** Estimate, and the clustered-t p-value under each ssc of the kernel. */
export function kernelClusterT(
  k: SizeKernel,
  yCheck: Float64Array,
): { b: number; t: number[]; p: number[] } {
  const n = yCheck.length,
    x = k.xCheck;
  let sxy = 0;
  for (let i = 0; i < n; i++) sxy += x[i] * yCheck[i];
  const b = sxy / k.sxx;
  const u = new Float64Array(k.G);
  for (let i = 0; i < n; i++) u[k.codes[i]] += x[i] * (yCheck[i] - b * x[i]);
  let m = 0;
  for (let g = 0; g < k.G; g++) m += u[g] * u[g];
  const t = k.ssc.map((s) => b / (Math.sqrt(s.factor * m) / k.sxx));
  return { b, t, p: t.map((tt, h) => pT(tt, k.ssc[h].df)) };
}

/** Restricted wild cluster bootstrap p-value of H0: β_j = 0 with weights W (the first ssc's factor cancels). */
export function kernelWildP(
  k: SizeKernel,
  yCheck: Float64Array,
  t: number,
  W: readonly Float64Array[],
): number {
  const G = k.G,
    n = yCheck.length,
    x = k.xCheck;
  const s = new Float64Array(G);
  for (let i = 0; i < n; i++) s[k.codes[i]] += x[i] * yCheck[i];
  const A = new Float64Array(G * G);
  for (let g = 0; g < G; g++) {
    const ag = k.a[g];
    for (let i = 0; i < n; i++) A[g * G + k.codes[i]] += ag[i] * yCheck[i];
  }
  const f = k.ssc[0].factor;
  let count = 0;
  for (const w of W) {
    let bs = 0;
    for (let h = 0; h < G; h++) bs += w[h] * s[h];
    bs /= k.sxx;
    let ss = 0;
    for (let g = 0; g < G; g++) {
      let ug = -bs * k.c[g];
      for (let h = 0; h < G; h++) ug += w[h] * A[g * G + h];
      ss += ug * ug;
    }
    const ts = bs / (Math.sqrt(f * ss) / k.sxx);
    if (Math.abs(ts) >= Math.abs(t) - 1e-12 * Math.abs(t)) count++;
  }
  return count / W.length;
}

/** Run the size study (see doc above). */
export function nullSize(o: NullSizeOptions): NullSizeRow[] {
  const R = o.R ?? 400;
  const B = o.B ?? 99;
  const alpha = o.alpha ?? 0.05;
  const perms = o.permutations ?? NULL_SIZE_PERMUTATIONS;
  const rng = seedrandom(o.seed ?? "alliance-size");
  const sscs = o.sscs ?? ["stata"];
  const methods = [
    ...sscs.map((s) => (s === "stata" ? "cluster (Stata)" : `cluster (ssc ${s})`)),
    "wild cluster bootstrap",
    ...(o.jackknife === false ? [] : ["jackknife"]),
    ...perms.map(
      (p) =>
        `permutation: ${p.scheme}, ${p.statistic === "t" ? "studentized (cluster t)" : "coefficient"}`,
    ),
  ];
  const rej = new Array<number>(methods.length).fill(0);
  const jkSe = o.jackknife === false ? undefined : jackknifeSeFactory(o.data, o.x, o.term);
  const kern = sizeKernel(o.data, o.x, o.term, sscs);
  const base = { data: o.data, y: "y_synthetic", x: o.x, fe: ["iso3", "year"], cluster: "iso3" };
  for (let r = 0; r < R; r++) {
    const y = syntheticNullOutcome(
      o.data.iso3,
      o.data.year,
      rng,
      o.rho ?? 0.5,
      o.hetero ?? 0,
      o.sdMultiplier,
    );
    const yCheck = kernelProject(kern, y);
    const ct = kernelClusterT(kern, yCheck);
    const { W } = bootWeights(kern.G, o.bootB ?? 199, "webb", `${String(o.seed)}-${r}`);
    const ps = [...ct.p, kernelWildP(kern, yCheck, ct.t[0], W)];
    if (jkSe) ps.push(pT(ct.b / jkSe(y), kern.G - 1));
    const setup = { ...kern.perm, yCheck }; // one partialling shared by every scheme
    for (const p of perms) {
      const pp = {
        term: o.term,
        B,
        seed: `${String(o.seed)}-${r}-${p.scheme}`,
        scheme: p.scheme,
        statistic: p.statistic,
      };
      ps.push(permutationTest(base, pp, setup).p_value);
    }
    ps.forEach((p, h) => {
      if (p < alpha) rej[h]++;
    });
    o.onProgress?.(r + 1, R);
  }
  return methods.map((method, h) => ({
    method,
    size: rej[h] / R,
    mcse: mcStandardError(rej[h] / R, R),
    mcseNominal: mcStandardError(alpha, R),
    rejections: rej[h],
    R,
  }));
}
