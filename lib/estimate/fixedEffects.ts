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
 * Two or more FE: first the first FE is eliminated, leaving the normal
 * equations of the others, S γ = b with S = D'M₁D (D = dummies of FE 2..Q,
 * M₁ = within-FE-1 projector), b = D'M₁x. S is symmetric positive
 * semi-definite (its null space, one vector per connected component, is
 * orthogonal to b), and it is solved by conjugate gradients preconditioned by
 * the level counts (Hestenes & Stiefel 1952; Saad, Iterative Methods for Sparse
 * Linear Systems, 2003, alg. 9.1): a Jacobi preconditioner, the very step an
 * alternating-projection sweep takes, so CG is its optimal Krylov
 * acceleration. Each CG iteration costs two passes over the rows, like one
 * sweep. On fixest's "difficult" design (a poorly connected individual–firm
 * graph, bench/fe.bench.ts) alternating projections with Irons–Tuck
 * extrapolation needed 1225 accelerated iterations (2 sweeps each) at
 * n = 100,000; CG needs far fewer (figures printed by `npm run bench`). This
 * is the approach of FixedEffectModels.jl (Gomez: LSMR, a CG-type solver) and
 * of lfe's `cg` method (Gaure 2013).
 * The CG solution is then checked, and polished if needed, by alternating
 * projections (Gauss–Seidel on the FE coefficients: each α_q in turn is the
 * group mean of x minus the other effects), accelerated by the Irons–Tuck
 * (1969) extrapolation as in fixest (Bergé 2018, "Efficient estimation of
 * maximum likelihood models with multiple fixed-effects: the R package
 * FENmlm", CREA DP 18-13), started from the CG solution. Iteration stops when
 * a sweep changes every coefficient by at most tol · (0.1 + |α|) (fixest's
 * rule), tol = 1e-12 by default — the same stopping rule as before CG.
 *
 * Degrees of freedom absorbed: Q = 1 → number of levels; Q = 2 → L1 + L2 − c,
 * where c is the number of connected components of the bipartite graph of the
 * two factors (exact: Abowd, Creecy & Kramarz 2002); Q ≥ 3 → Σ L_q − (Q − 1),
 * which is a lower bound on the redundancy (fixest's default, non-exact count).
 *
 * Singletons: observations alone in a level of some FE; removed iteratively
 * (dropping one may create another), as in fixest and reghdfe (Correia 2015).
 *
 * Speed on large panels: `demean` can scale its input as it reads it and
 * return the column's sums of squares (DemeanOptions scale, moments), so
 * feols makes no scaled copies and no extra passes; a factor whose codes come
 * in long runs (a panel sorted by it) keeps the running sum of the current
 * level in a register (longRuns); Int32Array codes that already are
 * first-appearance codes (the CLI's) are copied without a lookup table.
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
  return v instanceof Float64Array ||
    v instanceof Float32Array ||
    v instanceof Int32Array ||
    v instanceof Int16Array ||
    v instanceof Int8Array ||
    v instanceof Uint32Array ||
    v instanceof Uint16Array ||
    v instanceof Uint8Array ||
    v instanceof Uint8ClampedArray
    ? v
    : null;
}

/**
 * Fast path for integer codes in a typed array with a modest range: a dense
 * lookup table instead of a Map. Same level order (first appearance).
 */
function encodeIntegers(values: ArrayLike<number>): Factor | null {
  if (values instanceof Int32Array) return encodeInt32(values);
  const n = values.length;
  let lo = Infinity,
    hi = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (!Number.isInteger(v)) return null;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return encodeRange(values, lo, hi);
}

/**
 * Int32Array codes (what the CLI's CSV reader hands over): one scan finds the
 * range and whether the values already are their own first-appearance codes
 * (every new value is the next integer 0, 1, 2, …); then the factor is a copy
 * of the values, with no lookup table.
 */
function encodeInt32(values: Int32Array): Factor | null {
  const n = values.length;
  let lo = 2147483647,
    hi = -2147483648,
    next = 0,
    own = true;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v < lo) lo = v;
    if (v > hi) hi = v;
    if (v === next) next++;
    else if (v > next) own = false;
  }
  if (own && lo >= 0) {
    const levels = new Array<number>(next);
    for (let g = 0; g < next; g++) levels[g] = g;
    return { codes: new Int32Array(values), nLevels: next, levels };
  }
  return encodeRange(values, lo, hi);
}

function encodeRange(values: ArrayLike<number>, lo: number, hi: number): Factor | null {
  const n = values.length;
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
  const codes = f.codes,
    n = codes.length;
  if (n > 0 && longRuns(codes)) {
    // sorted by this factor: count each run in a register (see longRuns)
    let g = codes[0],
      k = 0;
    for (let i = 0; i < n; i++) {
      const h = codes[i];
      if (h !== g) {
        c[g] += k;
        g = h;
        k = 0;
      }
      k++;
    }
    c[g] += k;
  } else for (let i = 0; i < n; i++) c[codes[i]]++;
  return c;
}

/**
 * True when the codes come in long runs of equal values (mean run ≥ 8 over
 * the first 4096 rows), as a panel sorted by this factor does. A loop adding
 * into s[code[i]] then keeps the running sum of the current level in a
 * register and stores it when the level changes: the same additions in the
 * same order (so the same sums), without every addition waiting for the
 * previous store to the same element. Only a choice of loop, never of result.
 */
function longRuns(codes: Int32Array): boolean {
  const m = Math.min(codes.length, 4096);
  let runs = 1;
  for (let i = 1; i < m; i++) if (codes[i] !== codes[i - 1]) runs++;
  return runs * 8 <= m;
}

/**
 * Rows that are singletons in some FE, found iteratively. Returns a mask
 * (1 = singleton, to drop) and how many. `counts` (levelCounts of each FE),
 * when given, answer the common case "no level of size 1" without a pass.
 */
export function findSingletons(
  fes: Factor[],
  counts?: ArrayLike<number>[],
): { mask: Uint8Array; count: number } {
  const n = fes.length ? fes[0].codes.length : 0;
  const mask = new Uint8Array(n);
  let count = 0;
  // With the level counts at hand, no level of size 1 means no singleton at all.
  if (counts && !counts.some(hasLevelOfOne)) return { mask, count };
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

function hasLevelOfOne(c: ArrayLike<number>): boolean {
  for (let g = 0; g < c.length; g++) if (c[g] === 1) return true;
  return false;
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
  if (fes.length === 2)
    return fes[0].nLevels + fes[1].nLevels - connectedComponents(fes[0], fes[1]);
  return fes.reduce((s, f) => s + f.nLevels, 0) - (fes.length - 1);
}

/** True when every level of `f` lies within a single level of `cluster` (f is nested in the clusters). */
export function isNested(f: Factor, cluster: Factor): boolean {
  if (f === cluster) return true;
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
  /** "cg" (default): conjugate gradients, then alternating projections to check; "projections": alternating projections with Irons–Tuck only. */
  method?: "cg" | "projections";
  /**
   * Demean x · scale instead of x (each value is multiplied as it is read, so
   * no scaled copy is made). With a power of two the result is bit-identical
   * to demeaning a scaled copy.
   */
  scale?: number;
  /** Also return `moments` (computed in passes the demeaning makes anyway where it can). */
  moments?: boolean;
}

/** Sums of the demeaned column x̃ and of the input column x (times `scale`), each accumulated row by row in order. */
export interface DemeanMoments {
  /** Σ x_i. */
  sum: number;
  /** Σ (x_i − x̄)², x̄ = sum / n: the centered sum of squares. */
  css: number;
  /** Σ x̃_i²: the within sum of squares. */
  wss: number;
}

export interface DemeanResult {
  /** Within-transformed column. */
  x: Float64Array;
  /** FE coefficients α_q (one Float64Array per FE). */
  alpha: Float64Array[];
  iterations: number;
  converged: boolean;
  /** With `moments: true`. */
  moments?: DemeanMoments;
}

/**
 * Within-transform one column. `counts[q]` are levelCounts(fes[q]) (passed in
 * so several columns share them). Steps: Σ x by level of each FE
 * (levelSums); then no FE, one FE (group means), two FE of a balanced panel
 * (closed form), or conjugate gradients followed by alternating projections
 * (demeanTwo for two FE, demeanMany for more).
 */
export function demean(
  x: ArrayLike<number>,
  fes: Factor[],
  counts: Float64Array[],
  opts: DemeanOptions = {},
): DemeanResult {
  const Q = fes.length;
  const sc = opts.scale ?? 1;
  const want = !!opts.moments;
  if (Q === 0) return demeanNone(x, sc, want);
  const tol = opts.tol ?? 1e-12;
  const maxIter = opts.maxIter ?? 10000;
  const { sx, tot } = levelSums(x, fes, sc);
  if (Q === 1) return demeanOne(x, sc, fes[0], counts[0], sx[0], tot, want);
  if (Q === 2 && opts.balanced)
    return demeanBalanced(
      x,
      sc,
      fes[0],
      fes[1],
      counts[0],
      counts[1],
      sx[0],
      sx[1],
      want ? tot : undefined,
    );
  const cg =
    opts.method === "projections"
      ? { state: undefined, iterations: 0 }
      : conjugateGradient(fes, counts, sx, tol, maxIter);
  const r =
    Q === 2
      ? demeanTwo(x, sc, fes[0], fes[1], counts[0], counts[1], sx[0], sx[1], tol, maxIter, cg.state)
      : demeanMany(x, sc, fes, counts, sx, tol, maxIter, cg.state);
  r.iterations += cg.iterations;
  if (want) r.moments = momentsOf(x, sc, r.x, tot);
  return r;
}

/** No FE: the column itself (times sc). */
function demeanNone(x: ArrayLike<number>, sc: number, want: boolean): DemeanResult {
  const n = x.length;
  const out = new Float64Array(n);
  let tot = 0;
  for (let i = 0; i < n; i++) {
    const v = x[i] * sc;
    out[i] = v;
    tot += v;
  }
  const r: DemeanResult = { x: out, alpha: [], iterations: 0, converged: true };
  if (want) r.moments = momentsOf(x, sc, out, tot);
  return r;
}

/** Σ x · sc by level of each FE, and Σ x · sc over all rows (in row order, for the moments). */
function levelSums(
  x: ArrayLike<number>,
  fes: Factor[],
  sc: number,
): { sx: Float64Array[]; tot: number } {
  const sx: Float64Array[] = fes.map((f) => new Float64Array(f.nLevels));
  if (fes.length === 2)
    return { sx, tot: levelSumsTwo(x, fes[0].codes, fes[1].codes, sx[0], sx[1], sc) };
  const n = x.length;
  let tot = 0;
  for (let q = 0; q < fes.length; q++) {
    const s = sx[q],
      c = fes[q].codes;
    if (q === 0) {
      for (let i = 0; i < n; i++) {
        const v = x[i] * sc;
        s[c[i]] += v;
        tot += v;
      }
    } else for (let i = 0; i < n; i++) s[c[i]] += x[i] * sc;
  }
  return { sx, tot };
}

/** levelSums for two FE in one pass; the FE whose codes come in long runs keeps its sum in a register (longRuns). Returns Σ x · sc. */
function levelSumsTwo(
  x: ArrayLike<number>,
  c0: Int32Array,
  c1: Int32Array,
  s0: Float64Array,
  s1: Float64Array,
  sc: number,
): number {
  const n = x.length;
  let tot = 0;
  const long0 = n > 0 && longRuns(c0),
    long1 = n > 0 && !long0 && longRuns(c1);
  if (!long0 && !long1) {
    for (let i = 0; i < n; i++) {
      const v = x[i] * sc;
      s0[c0[i]] += v;
      s1[c1[i]] += v;
      tot += v;
    }
    return tot;
  }
  // sr[cr[i]]: the FE in long runs, its sum held in a register (longRuns)
  const cr = long0 ? c0 : c1,
    sr = long0 ? s0 : s1,
    co = long0 ? c1 : c0,
    so = long0 ? s1 : s0;
  let g = cr[0],
    acc = sr[g];
  for (let i = 0; i < n; i++) {
    const v = x[i] * sc,
      h = cr[i];
    if (h !== g) {
      sr[g] = acc;
      g = h;
      acc = sr[h];
    }
    acc += v;
    so[co[i]] += v;
    tot += v;
  }
  sr[g] = acc;
  return tot;
}

/** One FE: α[g] = mean of x in level g, solved exactly; the moments fused into the pass that writes x̃. */
function demeanOne(
  x: ArrayLike<number>,
  sc: number,
  f: Factor,
  cnt: Float64Array,
  s: Float64Array,
  tot: number,
  want: boolean,
): DemeanResult {
  const n = x.length;
  const a = new Float64Array(f.nLevels),
    c = f.codes;
  for (let g = 0; g < a.length; g++) a[g] = s[g] / cnt[g];
  const out = new Float64Array(n);
  const r: DemeanResult = { x: out, alpha: [a], iterations: 1, converged: true };
  if (want) {
    const mean = tot / n;
    let css = 0,
      wss = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i] * sc,
        w = v - a[c[i]],
        dv = v - mean;
      out[i] = w;
      css += dv * dv;
      wss += w * w;
    }
    r.moments = { sum: tot, css, wss };
  } else for (let i = 0; i < n; i++) out[i] = x[i] * sc - a[c[i]];
  return r;
}

/** The moments of x · sc (whose sum is `tot`) and of its within transform w, in one pass. */
function momentsOf(x: ArrayLike<number>, sc: number, w: Float64Array, tot: number): DemeanMoments {
  const n = x.length,
    mean = tot / n;
  let css = 0,
    wss = 0;
  for (let i = 0; i < n; i++) {
    const dv = x[i] * sc - mean,
      wi = w[i];
    css += dv * dv;
    wss += wi * wi;
  }
  return { sum: tot, css, wss };
}

/** Offsets of FE 2..Q in the concatenated state (one per FE q ≥ 1) and its length. */
function stateOffsets(fes: Factor[]): { offs: number[]; m: number } {
  const offs: number[] = [];
  let m = 0;
  for (let q = 1; q < fes.length; q++) {
    offs.push(m);
    m += fes[q].nLevels;
  }
  return { offs, m };
}

/**
 * Preconditioned conjugate gradients on S γ = b (module comment): γ holds
 * the effects of FE 2..Q concatenated. Stops when the preconditioned residual
 * z = C⁻¹(b − Sγ) — the change one Jacobi sweep would make — satisfies
 * fixest's rule |z| ≤ tol · (0.1 + |γ|), or after maxIter iterations (the
 * alternating projections that follow then finish the job).
 */
function conjugateGradient(
  fes: Factor[],
  counts: Float64Array[],
  sx: Float64Array[],
  tol: number,
  maxIter: number,
): { state: Float64Array; iterations: number } {
  const { offs, m } = stateOffsets(fes);
  const diag = new Float64Array(m);
  for (let q = 1; q < fes.length; q++) diag.set(counts[q], offs[q - 1]);
  const applyS = normalOperator(fes, counts, offs, diag);
  const b = normalRhs(fes, counts, sx, offs, m);
  const g = new Float64Array(m);
  const r = Float64Array.from(b);
  const z = new Float64Array(m);
  const p = new Float64Array(m);
  const Sp = new Float64Array(m);
  let rz = 0;
  for (let h = 0; h < m; h++) {
    z[h] = r[h] / diag[h];
    p[h] = z[h];
    rz += r[h] * z[h];
  }
  const done = (): boolean => {
    for (let h = 0; h < m; h++) if (Math.abs(z[h]) > tol * (0.1 + Math.abs(g[h]))) return false;
    return true;
  };
  let it = 0;
  while (it < maxIter && !done() && rz > 0) {
    it++;
    applyS(p, Sp);
    let pSp = 0;
    for (let h = 0; h < m; h++) pSp += p[h] * Sp[h];
    if (!(pSp > 0)) break;
    const step = rz / pSp;
    let rzNew = 0;
    for (let h = 0; h < m; h++) {
      g[h] += step * p[h];
      r[h] -= step * Sp[h];
      z[h] = r[h] / diag[h];
      rzNew += r[h] * z[h];
    }
    const beta = rzNew / rz;
    rz = rzNew;
    for (let h = 0; h < m; h++) p[h] = z[h] + beta * p[h];
  }
  return { state: g, iterations: it };
}

/** out = S v, S = D'M₁D (module comment), in two passes over the rows; diag = the counts of FE 2..Q. */
function normalOperator(
  fes: Factor[],
  counts: Float64Array[],
  offs: number[],
  diag: Float64Array,
): (v: Float64Array, out: Float64Array) => void {
  const Q = fes.length,
    m = diag.length;
  const c1 = fes[0].codes,
    n1 = counts[0],
    L1 = fes[0].nLevels,
    n = c1.length;
  const a = new Float64Array(L1);
  const rowSum = new Float64Array(n);
  const c2 = Q === 2 ? fes[1].codes : null;
  return (v, out) => {
    a.fill(0);
    if (c2) {
      for (let i = 0; i < n; i++) a[c1[i]] += v[c2[i]];
    } else {
      rowSum.fill(0);
      for (let q = 1; q < Q; q++) {
        const c = fes[q].codes,
          off = offs[q - 1];
        for (let i = 0; i < n; i++) rowSum[i] += v[off + c[i]];
      }
      for (let i = 0; i < n; i++) a[c1[i]] += rowSum[i];
    }
    for (let g = 0; g < L1; g++) a[g] /= n1[g];
    out.fill(0);
    if (c2) {
      for (let i = 0; i < n; i++) out[c2[i]] += a[c1[i]];
      for (let h = 0; h < m; h++) out[h] = diag[h] * v[h] - out[h];
    } else {
      // D'(Dv − D₁a): the Dv part per level is counts·v plus the cross terms.
      for (let i = 0; i < n; i++) rowSum[i] -= a[c1[i]];
      for (let q = 1; q < Q; q++) {
        const c = fes[q].codes,
          off = offs[q - 1];
        for (let i = 0; i < n; i++) out[off + c[i]] += rowSum[i];
      }
    }
  };
}

/** b = D'M₁x = Σ x by level of FE 2..Q − Σ x̄₁ by level. */
function normalRhs(
  fes: Factor[],
  counts: Float64Array[],
  sx: Float64Array[],
  offs: number[],
  m: number,
): Float64Array {
  const c1 = fes[0].codes,
    n1 = counts[0],
    n = c1.length;
  const a = new Float64Array(fes[0].nLevels);
  for (let g = 0; g < a.length; g++) a[g] = sx[0][g] / n1[g];
  const b = new Float64Array(m);
  for (let q = 1; q < fes.length; q++) {
    const c = fes[q].codes,
      off = offs[q - 1],
      s = sx[q];
    for (let h = 0; h < s.length; h++) b[off + h] = s[h];
    for (let i = 0; i < n; i++) b[off + c[i]] -= a[c1[i]];
  }
  return b;
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

function demeanBalanced(
  x: ArrayLike<number>,
  sc: number,
  f1: Factor,
  f2: Factor,
  c1: Float64Array,
  c2: Float64Array,
  s1: Float64Array,
  s2: Float64Array,
  sum?: number,
): DemeanResult {
  const n = x.length;
  let tot = 0;
  for (let g = 0; g < s1.length; g++) tot += s1[g];
  const grand = tot / n;
  // α = x̄_a − x̄ (so that α + γ = x̄_a + x̄_b − x̄), γ = x̄_b
  const alpha = new Float64Array(f1.nLevels);
  for (let g = 0; g < alpha.length; g++) alpha[g] = s1[g] / c1[g] - grand;
  const gamma = new Float64Array(f2.nLevels);
  for (let h = 0; h < gamma.length; h++) gamma[h] = s2[h] / c2[h];
  const a = f1.codes,
    b = f2.codes;
  const out = new Float64Array(n);
  const r: DemeanResult = { x: out, alpha: [alpha, gamma], iterations: 0, converged: true };
  if (sum !== undefined) {
    // the moments, fused into the pass that writes x̃
    const mean = sum / n;
    let css = 0,
      wss = 0;
    for (let i = 0; i < n; i++) {
      const v = x[i] * sc,
        w = v - alpha[a[i]] - gamma[b[i]],
        dv = v - mean;
      out[i] = w;
      css += dv * dv;
      wss += w * w;
    }
    r.moments = { sum, css, wss };
  } else for (let i = 0; i < n; i++) out[i] = x[i] * sc - alpha[a[i]] - gamma[b[i]];
  return r;
}

/** Stop rule of fixest: every |a_j − b_j| ≤ tol · (0.1 + |a_j|). */
function close(a: Float64Array, b: Float64Array, tol: number): boolean {
  for (let j = 0; j < a.length; j++)
    if (Math.abs(a[j] - b[j]) > tol * (0.1 + Math.abs(a[j]))) return false;
  return true;
}

/** Irons–Tuck step: X ← GGX − (δ1·δ2 / δ2·δ2)(GGX − GX), δ1 = GGX − GX, δ2 = GGX − 2GX + X. */
function ironsTuck(X: Float64Array, GX: Float64Array, GGX: Float64Array): void {
  let num = 0,
    den = 0;
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
 * Alternating projections accelerated by Irons–Tuck, the one loop of
 * demeanTwo and demeanMany: from X (init, else 0) each iteration takes two
 * sweeps GX = F(X), GGX = F(GX) and stops as soon as one changes the state by
 * at most tol (fixest's rule), else extrapolates X from (X, GX, GGX).
 * `sweep(from, to, fromZero)` writes F(from) into `to`; fromZero says `from`
 * is the zero start. Returns the last state (the converged sweep's output).
 */
function ironsTuckIterate(
  m: number,
  sweep: (from: Float64Array, to: Float64Array, fromZero: boolean) => void,
  tol: number,
  maxIter: number,
  init?: Float64Array,
): { state: Float64Array; iterations: number; converged: boolean } {
  const X = init ? Float64Array.from(init) : new Float64Array(m),
    GX = new Float64Array(m),
    GGX = new Float64Array(m);
  let it = 0;
  while (it < maxIter) {
    it++;
    sweep(X, GX, it === 1 && !init);
    if (close(X, GX, tol)) return { state: GX, iterations: it, converged: true };
    sweep(GX, GGX, false);
    if (close(GX, GGX, tol)) return { state: GGX, iterations: it, converged: true };
    ironsTuck(X, GX, GGX);
  }
  return { state: X, iterations: it, converged: false };
}

/**
 * Two FE, written out with plain loops (the benchmark case). The state is γ
 * (effects of the second FE); one sweep F(γ) computes α = mean_by_1(x − γ),
 * then γ' = mean_by_2(x − α).
 */
function demeanTwo(
  x: ArrayLike<number>,
  sc: number,
  f1: Factor,
  f2: Factor,
  c1: Float64Array,
  c2: Float64Array,
  s1: Float64Array,
  s2: Float64Array,
  tol: number,
  maxIter: number,
  init?: Float64Array,
): DemeanResult {
  const n = x.length;
  const a = f1.codes,
    b = f2.codes;
  const L1 = f1.nLevels,
    L2 = f2.nLevels;
  const alpha = new Float64Array(L1);
  const sweep = (gIn: Float64Array, gOut: Float64Array, zero: boolean): void => {
    alpha.fill(0);
    if (!zero) for (let i = 0; i < n; i++) alpha[a[i]] += gIn[b[i]];
    for (let g = 0; g < L1; g++) alpha[g] = (s1[g] - alpha[g]) / c1[g];
    gOut.fill(0);
    for (let i = 0; i < n; i++) gOut[b[i]] += alpha[a[i]];
    for (let h = 0; h < L2; h++) gOut[h] = (s2[h] - gOut[h]) / c2[h];
  };
  const { state: gamma, iterations, converged } = ironsTuckIterate(L2, sweep, tol, maxIter, init);
  // (alpha, gamma) come from the same sweep: alpha from the previous γ, gamma from alpha.
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i] * sc - alpha[a[i]] - gamma[b[i]];
  return { x: out, alpha: [alpha, Float64Array.from(gamma)], iterations, converged };
}

/** Three or more FE: Gauss–Seidel over the FE, state = α_2..α_Q concatenated; α_1 is recomputed inside each sweep. */
function demeanMany(
  x: ArrayLike<number>,
  sc: number,
  fes: Factor[],
  counts: Float64Array[],
  sx: Float64Array[],
  tol: number,
  maxIter: number,
  init?: Float64Array,
): DemeanResult {
  const n = x.length;
  const Q = fes.length;
  const alpha = fes.map((f) => new Float64Array(f.nLevels));
  const { offs, m } = stateOffsets(fes);
  const sweep = gaussSeidelSweep(fes, counts, sx, alpha[0], offs);
  const { state, iterations, converged } = ironsTuckIterate(m, sweep, tol, maxIter, init);
  // Final consistent sweep so α_1 matches the state, then residuals.
  const fin = new Float64Array(m);
  sweep(state, fin);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) out[i] = x[i] * sc;
  {
    const a0 = alpha[0],
      c0 = fes[0].codes;
    for (let i = 0; i < n; i++) out[i] -= a0[c0[i]];
  }
  for (let q = 1; q < Q; q++) {
    const aq = alpha[q],
      cq = fes[q].codes,
      off = offs[q - 1];
    for (let g = 0; g < aq.length; g++) aq[g] = fin[off + g];
    for (let i = 0; i < n; i++) out[i] -= aq[cq[i]];
  }
  return { x: out, alpha, iterations, converged };
}

/**
 * One Gauss–Seidel sweep over Q ≥ 3 FE: reads state `s` (α_2..α_Q), writes
 * the new state into `o`, updated in place FE by FE, and α_1 into `a0`.
 */
function gaussSeidelSweep(
  fes: Factor[],
  counts: Float64Array[],
  sx: Float64Array[],
  a0: Float64Array,
  offs: number[],
): (s: Float64Array, o: Float64Array) => void {
  const Q = fes.length,
    n = fes[0].codes.length;
  const acc = fes.map((f) => new Float64Array(f.nLevels));
  return (s, o) => {
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
          for (let i = 0; i < n; i++) a[cq[i]] += a0[cr[i]];
        } else {
          const off = offs[r - 1];
          for (let i = 0; i < n; i++) a[cq[i]] += o[off + cr[i]];
        }
      }
      const sq = sx[q],
        cnt = counts[q];
      if (q === 0) {
        for (let g = 0; g < a0.length; g++) a0[g] = (sq[g] - a[g]) / cnt[g];
      } else {
        const off = offs[q - 1];
        for (let g = 0; g < a.length; g++) o[off + g] = (sq[g] - a[g]) / cnt[g];
      }
    }
  };
}
