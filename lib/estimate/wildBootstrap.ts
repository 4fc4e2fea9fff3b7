/**
 * Wild cluster bootstrap, restricted (WCR), for H0: β_j = β0 (Cameron, Gelbach
 * & Miller 2008, REStat 90(3); MacKinnon & Webb 2017; the fast algebra of
 * Roodman, MacKinnon, Nielsen & Webb 2019, Stata Journal 19(1), "boottest").
 *
 * On the within-transformed data (FE already projected out, Frisch–Waugh):
 *   restricted fit   ỹ − β0 x̃_j = X̃_{−j} γ + ẽ,   b_r = (γ, β0)
 *   bootstrap DGP     y*_i = X̃_i b_r + ẽ_i w_{g(i)},   w_g ∈ {−1, 1} (Rademacher)
 *                     or {±√(1/2), ±1, ±√(3/2)} (Webb 2014, six points)
 *   statistic         t* = (b*_j − β0) / se*_j, se* from the same cluster vcov and factor
 *   p-value           share of |t*| ≥ |t| (symmetric test)
 * With S_g = X̃_gᵀẽ_g and H_g = X̃_gᵀX̃_g, b* − b_r = B Σ_g w_g S_g =: δ and the
 * cluster scores are u*_g = w_g S_g − H_g δ, so each replicate costs O(G k),
 * not O(n). When 2^G ≤ B, Rademacher weights are enumerated (exact).
 * Confidence interval: the set of β0 not rejected at 1 − level, found by
 * bisection on each side with the same weights (test inversion).
 * Weights come from seedrandom with the given seed: results are reproducible.
 */
import seedrandom from "seedrandom";
import type { FeolsResult } from "./feols";
import { qrLeastSquares } from "./qr";
import { clusterScores, sscFactor } from "./vcov";

export type BootWeights = "rademacher" | "webb";

export interface WildBootOptions {
  term: string;
  /** Replications (default 9999). */
  B?: number;
  weights?: BootWeights;
  seed?: string;
  /** Null value β0 (default 0). */
  null?: number;
  /** Confidence level of the interval (default 0.95); set `ci: false` to skip it. */
  level?: number;
  ci?: boolean;
}

export interface WildBootResult {
  term: string;
  estimate: number;
  null: number;
  t: number;
  p_value: number;
  ci?: [number, number];
  level: number;
  B: number;
  weights: BootWeights;
  enumerated: boolean;
  seed: string;
}

const WEBB = [-Math.sqrt(1.5), -1, -Math.sqrt(0.5), Math.sqrt(0.5), 1, Math.sqrt(1.5)];

/** Precomputed pieces for one term (see module comment). */
export interface BootSetup {
  j: number;
  k: number;
  G: number;
  factor: number;
  b: Float64Array;
  se: number;
  /** Row j of the bread B. */
  a: Float64Array;
  bread: Float64Array;
  /** S_g split as S^a_g − β0 S^x_g (G × k each). */
  Sa: Float64Array;
  Sx: Float64Array;
  /** a' H_g (G × k). */
  aH: Float64Array;
}

export function bootSetup(fit: FeolsResult, term: string): BootSetup {
  const d = fit.design;
  if (d.vcovType !== "cluster" || !d.cluster)
    throw new Error(
      "wild cluster bootstrap needs a model estimated with cluster-robust standard errors",
    );
  const j = fit.terms.indexOf(term);
  if (j < 0)
    throw new Error(`wild bootstrap: no coefficient "${term}" (have: ${fit.terms.join(", ")})`);
  const X = d.X,
    k = X.length,
    n = d.yw.length,
    G = d.cluster.nLevels;
  const others = X.filter((_, h) => h !== j);
  // ẽ_a = M_{−j} ỹ, ẽ_x = M_{−j} x̃_j
  const ea = others.length ? qrLeastSquares(others, d.yw).resid : Float64Array.from(d.yw);
  const ex = others.length ? qrLeastSquares(others, X[j]).resid : Float64Array.from(X[j]);
  if (d.cluster2)
    throw new Error(
      "wild cluster bootstrap: two-way clustering is not supported (bootstrap by one dimension: refit with one cluster)",
    );
  // S_g = X̃_gᵀ ẽ_g: the cluster scores of the sandwich meat (vcov.clusterScores)
  const Sa = clusterScores(X, ea, d.cluster),
    Sx = clusterScores(X, ex, d.cluster);
  const codes = d.cluster.codes;
  const Hg = new Float64Array(G * k * k);
  for (let i = 0; i < n; i++) {
    const g = codes[i];
    for (let c = 0; c < k; c++) {
      const xc = X[c][i];
      for (let e = c; e < k; e++) Hg[(g * k + c) * k + e] += xc * X[e][i];
    }
  }
  const bread = d.bread;
  const a = bread.slice(j * k, j * k + k);
  const aH = new Float64Array(G * k);
  for (let g = 0; g < G; g++)
    for (let e = 0; e < k; e++) {
      let s = 0;
      for (let c = 0; c < k; c++) {
        const h = c <= e ? Hg[(g * k + c) * k + e] : Hg[(g * k + e) * k + c];
        s += a[c] * h;
      }
      aH[g * k + e] = s;
    }
  const { factor } = sscFactor({
    type: "cluster",
    ssc: d.ssc,
    n,
    k,
    dofFe: fit.dofFe,
    firstFeLevels: d.firstFeLevels,
    nestedDof: d.nestedDof,
    G,
  });
  const b = Float64Array.from(fit.coefficients.map((c) => c.estimate));
  return { j, k, G, factor, b, se: fit.coefficients[j].std_error, a, bread, Sa, Sx, aH };
}

/** Bootstrap t statistic for one weight vector w (length G) under H0: β_j = beta0. */
export function bootT(s: BootSetup, beta0: number, w: ArrayLike<number>): number {
  return bootTAt(bootNull(s, beta0), w);
}

/**
 * What every draw under one null β0 shares: D_g = S^a_g − β0 S^x_g (G × k)
 * and a'D_g, computed once instead of once per draw, and the work buffers.
 * bootTAt(bootNull(s, β0), w) is bootT(s, β0, w), operation for operation.
 */
export interface BootNull {
  s: BootSetup;
  D: Float64Array;
  aD: Float64Array;
  sum: Float64Array;
  delta: Float64Array;
}

export function bootNull(s: BootSetup, beta0: number): BootNull {
  const { k, G, Sa, Sx, a } = s;
  const D = new Float64Array(G * k);
  const aD = new Float64Array(G);
  for (let g = 0; g < G; g++) {
    let aS = 0;
    for (let c = 0; c < k; c++) {
      const d = Sa[g * k + c] - beta0 * Sx[g * k + c];
      D[g * k + c] = d;
      aS += a[c] * d;
    }
    aD[g] = aS;
  }
  return { s, D, aD, sum: new Float64Array(k), delta: new Float64Array(k) };
}

/** The bootstrap t of one draw of weights w under a prepared null (see bootT). */
export function bootTAt(n: BootNull, w: ArrayLike<number>): number {
  const { k, G, aH, bread, j } = n.s;
  const { D, aD, sum, delta } = n;
  sum.fill(0);
  for (let g = 0; g < G; g++) {
    const wg = w[g];
    if (wg === 0) continue;
    for (let c = 0; c < k; c++) sum[c] += wg * D[g * k + c];
  }
  for (let r = 0; r < k; r++) {
    let v = 0;
    for (let c = 0; c < k; c++) v += bread[r * k + c] * sum[c];
    delta[r] = v;
  }
  let ss = 0;
  for (let g = 0; g < G; g++) {
    let hd = 0;
    for (let c = 0; c < k; c++) hd += aH[g * k + c] * delta[c];
    const q = w[g] * aD[g] - hd;
    ss += q * q;
  }
  return delta[j] / Math.sqrt(n.s.factor * ss);
}

/** Draw (or enumerate) the B × G weight matrix. */
export function bootWeights(
  G: number,
  B: number,
  kind: BootWeights,
  seed: string,
): { W: Float64Array[]; enumerated: boolean } {
  if (kind === "rademacher" && G <= 30 && 2 ** G <= B) {
    const W: Float64Array[] = [];
    for (let m = 0; m < 2 ** G; m++)
      W.push(Float64Array.from({ length: G }, (_, g) => ((m >> g) & 1 ? 1 : -1)));
    return { W, enumerated: true };
  }
  const rng = seedrandom(seed);
  const W: Float64Array[] = [];
  for (let r = 0; r < B; r++) {
    const w = new Float64Array(G);
    for (let g = 0; g < G; g++)
      w[g] = kind === "rademacher" ? (rng() < 0.5 ? -1 : 1) : WEBB[Math.floor(rng() * 6)];
    W.push(w);
  }
  return { W, enumerated: false };
}

export function wildClusterBootstrap(fit: FeolsResult, opts: WildBootOptions): WildBootResult {
  const B = opts.B ?? 9999;
  const kind = opts.weights ?? "rademacher";
  const seed = opts.seed ?? "alliance";
  const beta0 = opts.null ?? 0;
  const level = opts.level ?? 0.95;
  const s = bootSetup(fit, opts.term);
  const { W, enumerated } = bootWeights(s.G, B, kind, seed);
  const pAt = (b0: number): number => {
    const t = (s.b[s.j] - b0) / s.se;
    const bar = Math.abs(t) - 1e-12 * Math.abs(t);
    const n = bootNull(s, b0);
    let c = 0;
    for (const w of W) if (Math.abs(bootTAt(n, w)) >= bar) c++;
    return c / W.length;
  };
  const p = pAt(beta0);
  let ci: [number, number] | undefined;
  if (opts.ci !== false) {
    const alpha = 1 - level;
    const est = s.b[s.j];
    const side = (dir: 1 | -1): number => {
      // inner point (not rejected: p > alpha) = estimate; find an outer rejected point
      let inner = est,
        step = s.se,
        outer = est + dir * step;
      let guard = 0;
      while (pAt(outer) > alpha && guard++ < 60) {
        inner = outer;
        step *= 2;
        outer = est + dir * step;
      }
      for (let it = 0; it < 60; it++) {
        const mid = (inner + outer) / 2;
        if (pAt(mid) > alpha) inner = mid;
        else outer = mid;
        if (Math.abs(outer - inner) <= 1e-10 * s.se) break;
      }
      return (inner + outer) / 2;
    };
    ci = [side(-1), side(1)];
  }
  return {
    term: opts.term,
    estimate: s.b[s.j],
    null: beta0,
    t: (s.b[s.j] - beta0) / s.se,
    p_value: p,
    ci,
    level,
    B: W.length,
    weights: kind,
    enumerated,
    seed,
  };
}
