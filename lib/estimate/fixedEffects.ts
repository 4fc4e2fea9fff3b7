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
  const typed = typedNumbers(values);
  if (typed && n > 0) {
    const dense = encodeIntegers(typed);
    if (dense) return dense;
  }
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

/** The values when they are a numeric typed array (a view of numbers), else null. */
function typedNumbers(v: ArrayLike<string | number>): ArrayLike<number> | null {
  return v instanceof Float64Array || v instanceof Float32Array || v instanceof Int32Array || v instanceof Int16Array || v instanceof Int8Array ||
    v instanceof Uint32Array || v instanceof Uint16Array || v instanceof Uint8Array || v instanceof Uint8ClampedArray
    ? v
    : null;
}

/**
 * Fast path for integer codes in a typed array with a modest range: a dense
 * lookup table instead of a Map. Same level order (first appearance).
 */
function encodeIntegers(values: ArrayLike<number>): Factor | null {
  const n = values.length;
  let lo = Infinity, hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) return null;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi - lo > 4 * n + 1024) return null;
  const slot = new Int32Array(hi - lo + 1).fill(-1);
  const codes = new Int32Array(n);
  const levels: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    let c = slot[v - lo];
    if (c < 0) {
      c = slot[v - lo] = levels.length;
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
  /** Two FE forming a balanced panel (see isBalanced): use the closed form. */
  balanced?: boolean;
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
  const sx: Float64Array[] = fes.map((f) => new Float64Array(f.nLevels));
  if (Q === 2) {
    const s0 = sx[0], s1 = sx[1], c0 = fes[0].codes, c1 = fes[1].codes;
    for (let i = 0; i < n; i++) {
      const v = x[i];
      s0[c0[i]] += v;
      s1[c1[i]] += v;
    }
  } else {
    for (let q = 0; q < Q; q++) {
      const s = sx[q], c = fes[q].codes;
      for (let i = 0; i < n; i++) s[c[i]] += x[i];
    }
  }
  const alpha = fes.map((f) => new Float64Array(f.nLevels));
  if (Q === 1) {
    const a = alpha[0], s = sx[0], cnt = counts[0], c = fes[0].codes;
    for (let g = 0; g < a.length; g++) a[g] = s[g] / cnt[g];
    for (let i = 0; i < n; i++) out[i] = x[i] - a[c[i]];
    return { x: out, alpha, iterations: 1, converged: true };
  }
  if (Q === 2 && opts.balanced) return demeanBalanced(x, fes[0], fes[1], counts[0], counts[1], sx[0], sx[1]);
  if (Q === 2) return demeanTwo(x, fes[0], fes[1], counts[0], counts[1], sx[0], sx[1], tol, maxIter);
  return demeanMany(x, fes, counts, sx, alpha, tol, maxIter);
}

/**
 * True when every pair (level of a, level of b) occurs exactly once, i.e. a
 * balanced panel. Then the two-way within transform has the closed form
 * x̃ = x − x̄_a − x̄_b + x̄ (Baltagi, Econometric Analysis of Panel Data, ch. 3;
 * plm uses it for balanced panels), which needs no iteration.
 */
export function isBalanced(a: Factor, b: Factor): boolean {
  const n = a.codes.length;
  if (n !== a.nLevels * b.nLevels) return false;
  const seen = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const cell = a.codes[i] * b.nLevels + b.codes[i];
    if (seen[cell]) return false;
    seen[cell] = 1;
  }
  return true;
}

function demeanBalanced(x: ArrayLike<number>, f1: Factor, f2: Factor, c1: Float64Array, c2: Float64Array, s1: Float64Array, s2: Float64Array): DemeanResult {
  const n = x.length;
  let tot = 0;
  for (let g = 0; g < s1.length; g++) tot += s1[g];
  const grand = tot / n;
  // α = x̄_a − x̄ (so that α + γ = x̄_a + x̄_b − x̄), γ = x̄_b
  const alpha = new Float64Array(f1.nLevels);
  for (let g = 0; g < alpha.length; g++) alpha[g] = s1[g] / c1[g] - grand;
  const gamma = new Float64Array(f2.nLevels);
  for (let h = 0; h < gamma.length; h++) gamma[h] = s2[h] / c2[h];
  const a = f1.codes, b = f2.codes;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i] - alpha[a[i]] - gamma[b[i]];
  return { x: out, alpha: [alpha, gamma], iterations: 0, converged: true };
}

/** Stop rule of fixest: every |a_j − b_j| ≤ tol · (0.1 + |a_j|). */
function close(a: Float64Array, b: Float64Array, tol: number): boolean {
  for (let j = 0; j < a.length; j++) if (Math.abs(a[j] - b[j]) > tol * (0.1 + Math.abs(a[j]))) return false;
  return true;
}

/** Irons–Tuck step: X ← GGX − (δ1·δ2 / δ2·δ2)(GGX − GX), δ1 = GGX − GX, δ2 = GGX − 2GX + X. */
function ironsTuck(X: Float64Array, GX: Float64Array, GGX: Float64Array): void {
  let num = 0, den = 0;
  for (let j = 0; j < X.length; j++) {
    const d1 = GGX[j] - GX[j];
    const d2 = d1 - (GX[j] - X[j]);
    num += d1 * d2;
    den += d2 * d2;
  }
  const coef = den === 0 ? 0 : num / den;
  for (let j = 0; j < X.length; j++) X[j] = GGX[j] - coef * (GGX[j] - GX[j]);
}

/**
 * Two FE, written out with plain loops (the benchmark case). The state is γ
 * (effects of the second FE); one sweep F(γ) computes α = mean_by_1(x − γ),
 * then γ' = mean_by_2(x − α).
 */
function demeanTwo(x: ArrayLike<number>, f1: Factor, f2: Factor, c1: Float64Array, c2: Float64Array, s1: Float64Array, s2: Float64Array, tol: number, maxIter: number): DemeanResult {
  const n = x.length;
  const a = f1.codes, b = f2.codes;
  const L1 = f1.nLevels, L2 = f2.nLevels;
  const alpha = new Float64Array(L1);
  const sweep = (gIn: Float64Array, gOut: Float64Array, zero = false): void => {
    alpha.fill(0);
    if (!zero) for (let i = 0; i < n; i++) alpha[a[i]] += gIn[b[i]];
    for (let g = 0; g < L1; g++) alpha[g] = (s1[g] - alpha[g]) / c1[g];
    gOut.fill(0);
    for (let i = 0; i < n; i++) gOut[b[i]] += alpha[a[i]];
    for (let h = 0; h < L2; h++) gOut[h] = (s2[h] - gOut[h]) / c2[h];
  };
  const X = new Float64Array(L2), GX = new Float64Array(L2), GGX = new Float64Array(L2);
  let it = 0;
  let converged = false;
  let gamma = X;
  while (it < maxIter) {
    it++;
    sweep(X, GX, it === 1);
    if (close(X, GX, tol)) {
      gamma = GX;
      converged = true;
      break;
    }
    sweep(GX, GGX);
    if (close(GX, GGX, tol)) {
      gamma = GGX;
      converged = true;
      break;
    }
    ironsTuck(X, GX, GGX);
  }
  // (alpha, gamma) come from the same sweep: alpha from the previous γ, gamma from alpha.
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i] - alpha[a[i]] - gamma[b[i]];
  return { x: out, alpha: [alpha, Float64Array.from(gamma)], iterations: it, converged };
}

/** Three or more FE: Gauss–Seidel over the FE, state = α_2..α_Q concatenated. */
function demeanMany(x: ArrayLike<number>, fes: Factor[], counts: Float64Array[], sx: Float64Array[], alpha: Float64Array[], tol: number, maxIter: number): DemeanResult {
  const n = x.length;
  const Q = fes.length;
  const out = new Float64Array(n);
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
  let it = 0;
  let converged = false;
  while (it < maxIter) {
    it++;
    sweep(X, GX);
    if (close(X, GX, tol)) {
      X = GX;
      converged = true;
      break;
    }
    sweep(GX, GGX);
    if (close(GX, GGX, tol)) {
      X = GGX;
      converged = true;
      break;
    }
    const next = Float64Array.from(X);
    ironsTuck(next, GX, GGX);
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
