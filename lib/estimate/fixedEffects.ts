/**
 * Absorbing fixed effects: factor coding, singletons, degrees of freedom and
 * the within transformation (demeaning).
 *
 * For fixed effects f_1..f_Q the within transform of a column x is the
 * residual of projecting x on all FE dummies:
 *
 *   x̃_i = x_i − Σ_q α_q[f_q(i)],   α = argmin ‖x − Σ_q D_q α_q‖²
 *
 * One FE (Q = 1) is solved exactly: α_1[g] = mean of x in group g.
 * Two or more FE are solved by alternating projections (Gauss–Seidel on the
 * FE coefficients: each α_q in turn is the group mean of x minus the other
 * effects), accelerated by the Irons–Tuck (1969) extrapolation as in fixest
 * (Bergé 2018, "Efficient estimation of maximum likelihood models with
 * multiple fixed-effects: the R package FENmlm", CREA DP 18-13). Iteration stops
 * when every coefficient changes by at most tol · (0.1 + |α|) (fixest's rule),
 * tol = 1e-12 by default.
 *
 * Degrees of freedom absorbed: Q = 1 → number of levels; Q = 2 → L1 + L2 − c,
 * where c is the number of connected components of the bipartite graph of the
 * two factors (exact: Abowd, Creecy & Kramarz 2002); Q ≥ 3 → Σ L_q − (Q − 1),
 * which is a lower bound on the redundancy (fixest's default, non-exact count).
 *
 * Singletons: observations alone in a level of some FE; removed iteratively
 * (dropping one may create another), as in fixest and reghdfe (Correia 2015).
 *
 * Hand-written because no npm package absorbs fixed effects.
 */

/** A categorical variable coded 0..nLevels−1. */
export interface Factor {
  codes: Int32Array;
  nLevels: number;
  /** Original value of each level, in order of first appearance. */
  levels: (string | number)[];
}

/** Code a column of values (numbers or strings) as a factor, levels in order of first appearance. */
export function encodeFactor(values: ArrayLike<string | number>): Factor {
  const n = values.length;
  const codes = new Int32Array(n);
  const map = new Map<string | number, number>();
  const levels: (string | number)[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let c = map.get(v);
    if (c === undefined) {
      c = levels.length;
      map.set(v, c);
      levels.push(v);
    }
    codes[i] = c;
  }
  return { codes, nLevels: levels.length, levels };
}

/** Keep the rows where keep[i] is true; levels are re-coded densely. */
export function subsetFactor(f: Factor, keep: Uint8Array): Factor {
  const remap = new Int32Array(f.nLevels).fill(-1);
  const levels: (string | number)[] = [];
  let m = 0;
  for (let i = 0; i < keep.length; i++) if (keep[i]) m++;
  const codes = new Int32Array(m);
  let j = 0;
  for (let i = 0; i < keep.length; i++) {
    if (!keep[i]) continue;
    const c = f.codes[i];
    if (remap[c] < 0) {
      remap[c] = levels.length;
      levels.push(f.levels[c]);
    }
    codes[j++] = remap[c];
  }
  return { codes, nLevels: levels.length, levels };
}

/** Count of observations per level. */
export function levelCounts(f: Factor): Float64Array {
  const c = new Float64Array(f.nLevels);
  for (let i = 0; i < f.codes.length; i++) c[f.codes[i]]++;
  return c;
}

/**
 * Rows that are singletons in some FE, found iteratively. Returns a mask
 * (1 = singleton, to drop) and how many.
 */
export function findSingletons(fes: Factor[]): { mask: Uint8Array; count: number } {
  const n = fes.length ? fes[0].codes.length : 0;
  const mask = new Uint8Array(n);
  let count = 0;
  for (;;) {
    let changed = 0;
    for (const f of fes) {
      const cnt = new Int32Array(f.nLevels);
      for (let i = 0; i < n; i++) if (!mask[i]) cnt[f.codes[i]]++;
      for (let i = 0; i < n; i++) {
        if (!mask[i] && cnt[f.codes[i]] === 1) {
          mask[i] = 1;
          changed++;
        }
      }
    }
    if (!changed) break;
    count += changed;
    if (fes.length < 2) break; // with one FE, one pass finds all
  }
  return { mask, count };
}

/** Number of connected components of the bipartite graph linking levels of a and b. */
export function connectedComponents(a: Factor, b: Factor): number {
  const parent = new Int32Array(a.nLevels + b.nLevels);
  for (let i = 0; i < parent.length; i++) parent[i] = i;
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  let comps = parent.length;
  for (let i = 0; i < a.codes.length; i++) {
    const r1 = find(a.codes[i]);
    const r2 = find(a.nLevels + b.codes[i]);
    if (r1 !== r2) {
      parent[r1] = r2;
      comps--;
    }
  }
  return comps;
}

/** Degrees of freedom absorbed by the FE (see module comment). */
export function feDof(fes: Factor[]): number {
  if (fes.length === 0) return 0;
  if (fes.length === 1) return fes[0].nLevels;
  if (fes.length === 2) return fes[0].nLevels + fes[1].nLevels - connectedComponents(fes[0], fes[1]);
  return fes.reduce((s, f) => s + f.nLevels, 0) - (fes.length - 1);
}

/** True when every level of `f` lies within a single level of `cluster` (f is nested in the clusters). */
export function isNested(f: Factor, cluster: Factor): boolean {
  const owner = new Int32Array(f.nLevels).fill(-1);
  for (let i = 0; i < f.codes.length; i++) {
    const c = f.codes[i];
    const g = cluster.codes[i];
    if (owner[c] === -1) owner[c] = g;
    else if (owner[c] !== g) return false;
  }
  return true;
}

export interface DemeanOptions {
  /** Convergence tolerance on FE coefficients (fixest rule); default 1e-12. */
  tol?: number;
  /** Maximum number of accelerated iterations; default 10000. */
  maxIter?: number;
}

export interface DemeanResult {
  /** Within-transformed column. */
  x: Float64Array;
  /** FE coefficients α_q (one Float64Array per FE). */
  alpha: Float64Array[];
  iterations: number;
  converged: boolean;
}

/**
 * Within-transform one column. `counts[q]` are levelCounts(fes[q]) (passed in
 * so several columns share them).
 */
export function demean(x: ArrayLike<number>, fes: Factor[], counts: Float64Array[], opts: DemeanOptions = {}): DemeanResult {
  const n = x.length;
  const Q = fes.length;
  const out = new Float64Array(n);
  if (Q === 0) {
    for (let i = 0; i < n; i++) out[i] = x[i];
    return { x: out, alpha: [], iterations: 0, converged: true };
  }
  const tol = opts.tol ?? 1e-12;
  const maxIter = opts.maxIter ?? 10000;
  // Σ x by level, once per FE.
  const sx: Float64Array[] = fes.map((f) => {
    const s = new Float64Array(f.nLevels);
    const c = f.codes;
    for (let i = 0; i < n; i++) s[c[i]] += x[i];
    return s;
  });
  const alpha = fes.map((f) => new Float64Array(f.nLevels));
  if (Q === 1) {
    const a = alpha[0], s = sx[0], cnt = counts[0], c = fes[0].codes;
    for (let g = 0; g < a.length; g++) a[g] = s[g] / cnt[g];
    for (let i = 0; i < n; i++) out[i] = x[i] - a[c[i]];
    return { x: out, alpha, iterations: 1, converged: true };
  }
  // State = α_2..α_Q concatenated; α_1 is recomputed inside each sweep.
  const offs: number[] = [];
  let m = 0;
  for (let q = 1; q < Q; q++) {
    offs.push(m);
    m += fes[q].nLevels;
  }
  const acc = fes.map((f) => new Float64Array(f.nLevels));
  // One Gauss–Seidel sweep: reads state `s`, writes the new state into `o`
  // (and α_1 into alpha[0]).
  const sweep = (s: Float64Array, o: Float64Array): void => {
    // views of current values per FE q≥1 (updated in place in `o` as we go)
    o.set(s);
    for (let q = 0; q < Q; q++) {
      const a = acc[q];
      a.fill(0);
      const cq = fes[q].codes;
      // other effects summed per row, accumulated by level of FE q
      for (let r = 0; r < Q; r++) {
        if (r === q) continue;
        const cr = fes[r].codes;
        if (r === 0) {
          const a0 = alpha[0];
          for (let i = 0; i < n; i++) a[cq[i]] += a0[cr[i]];
        } else {
          const off = offs[r - 1];
          for (let i = 0; i < n; i++) a[cq[i]] += o[off + cr[i]];
        }
      }
      const sq = sx[q], cnt = counts[q];
      if (q === 0) {
        const a0 = alpha[0];
        for (let g = 0; g < a0.length; g++) a0[g] = (sq[g] - a[g]) / cnt[g];
      } else {
        const off = offs[q - 1];
        for (let g = 0; g < a.length; g++) o[off + g] = (sq[g] - a[g]) / cnt[g];
      }
    }
  };
  let X = new Float64Array(m);
  let GX = new Float64Array(m);
  let GGX = new Float64Array(m);
  const close = (a: Float64Array, b: Float64Array): boolean => {
    for (let j = 0; j < m; j++) if (Math.abs(a[j] - b[j]) > tol * (0.1 + Math.abs(a[j]))) return false;
    return true;
  };
  let it = 0;
  let converged = false;
  while (it < maxIter) {
    it++;
    sweep(X, GX);
    if (close(X, GX)) {
      X = GX;
      converged = true;
      break;
    }
    sweep(GX, GGX);
    if (close(GX, GGX)) {
      X = GGX;
      converged = true;
      break;
    }
    // Irons–Tuck: X' = GGX − (δ1·δ2 / δ2·δ2) (GGX − GX), δ1 = GGX − GX, δ2 = GGX − 2GX + X
    let num = 0, den = 0;
    for (let j = 0; j < m; j++) {
      const d1 = GGX[j] - GX[j];
      const d2 = d1 - (GX[j] - X[j]);
      num += d1 * d2;
      den += d2 * d2;
    }
    const next = new Float64Array(m);
    if (den === 0) {
      next.set(GGX);
    } else {
      const coef = num / den;
      for (let j = 0; j < m; j++) next[j] = GGX[j] - coef * (GGX[j] - GX[j]);
    }
    X = next;
  }
  // Final consistent sweep so α_1 matches the state, then residuals.
  const fin = new Float64Array(m);
  sweep(X, fin);
  for (let i = 0; i < n; i++) out[i] = x[i];
  {
    const a0 = alpha[0], c0 = fes[0].codes;
    for (let i = 0; i < n; i++) out[i] -= a0[c0[i]];
  }
  for (let q = 1; q < Q; q++) {
    const aq = alpha[q], cq = fes[q].codes, off = offs[q - 1];
    for (let g = 0; g < aq.length; g++) aq[g] = fin[off + g];
    for (let i = 0; i < n; i++) out[i] -= aq[cq[i]];
  }
  return { x: out, alpha, iterations: it, converged };
}
