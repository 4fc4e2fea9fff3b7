/**
 * Least squares by Householder QR with collinearity detection, on columns
 * stored as Float64Array (column-major).
 *
 *   X = Q R,   b = R⁻¹ Qᵀ y,   (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ
 *
 * Collinearity follows the limited-pivoting rule of R's lm (LINPACK dqrdc2):
 * columns are processed in order; column j is declared collinear and set
 * aside when, after removing its projection on the columns already kept, its
 * remaining norm is at most `tol` times its own norm (tol = 1e-7, lm's
 * default). The kept columns keep their order, so the coefficients are the
 * same as lm/plm report (NA there ↔ `dropped` here); fixest also drops the
 * later of two collinear columns.
 *
 * Why not ml-matrix's QrDecomposition: it stores a matrix as an array of row
 * arrays, which for the 1,000,000 × 5 benchmark costs ~10× the memory and
 * time of this loop over contiguous columns, and it has no collinearity rule.
 * The test compares the two on the same data; ml-matrix is used for the small
 * k × k algebra (inverse, products) elsewhere.
 */

export interface QrResult {
  /** Indices (into the input columns) of the columns kept, in order. */
  kept: number[];
  /** Indices of columns dropped as collinear. */
  dropped: number[];
  /** Coefficients of the kept columns. */
  coef: Float64Array;
  /** (XᵀX)⁻¹ over the kept columns, r × r row-major. */
  xtxInv: Float64Array;
  /** Residuals y − X b. */
  resid: Float64Array;
}

/** Solve min ‖y − X b‖ for X given as columns (not modified). */
export function qrLeastSquares(cols: Float64Array[], y: Float64Array, tol = 1e-7): QrResult {
  const n = y.length;
  const p = cols.length;
  const A = cols.map((c) => Float64Array.from(c));
  const z = Float64Array.from(y);
  const kept: number[] = [];
  const dropped: number[] = [];
  const vs: Float64Array[] = []; // Householder vectors (length n, zero above row r)
  const betas: number[] = [];
  const Rcols: Float64Array[] = []; // column j of R for kept columns (length r+1)
  for (let j = 0; j < p; j++) {
    const a = A[j];
    let norm0 = 0;
    for (let i = 0; i < n; i++) norm0 += cols[j][i] * cols[j][i];
    norm0 = Math.sqrt(norm0);
    // apply previous reflections
    for (let h = 0; h < vs.length; h++) applyReflector(vs[h], betas[h], h, a, n);
    const r = kept.length;
    let s = 0;
    for (let i = r; i < n; i++) s += a[i] * a[i];
    const rest = Math.sqrt(s);
    if (norm0 === 0 || rest <= tol * norm0 || r >= n) {
      dropped.push(j);
      continue;
    }
    // build reflector for a[r..n)
    const alpha = a[r] >= 0 ? -rest : rest;
    const v = new Float64Array(n);
    v[r] = a[r] - alpha;
    for (let i = r + 1; i < n; i++) v[i] = a[i];
    let vnorm2 = 0;
    for (let i = r; i < n; i++) vnorm2 += v[i] * v[i];
    const beta = vnorm2 === 0 ? 0 : 2 / vnorm2;
    vs.push(v);
    betas.push(beta);
    const rc = new Float64Array(r + 1);
    for (let i = 0; i < r; i++) rc[i] = a[i];
    rc[r] = alpha;
    Rcols.push(rc);
    kept.push(j);
  }
  const k = kept.length;
  // Qᵀ y
  for (let h = 0; h < k; h++) applyReflector(vs[h], betas[h], h, z, n);
  // back-substitute R b = (Qᵀy)[0..k)
  const coef = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = z[i];
    for (let j = i + 1; j < k; j++) s -= Rcols[j][i] * coef[j];
    coef[i] = s / Rcols[i][i];
  }
  // R⁻¹ (upper triangular), then (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ
  const Rinv = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    Rinv[c * k + c] = 1 / Rcols[c][c];
    for (let i = c - 1; i >= 0; i--) {
      let s = 0;
      for (let j = i + 1; j <= c; j++) s += Rcols[j][i] * Rinv[j * k + c];
      Rinv[i * k + c] = -s / Rcols[i][i];
    }
  }
  const xtxInv = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = Math.max(i, j); l < k; l++) s += Rinv[i * k + l] * Rinv[j * k + l];
      xtxInv[i * k + j] = s;
    }
  const resid = Float64Array.from(y);
  for (let h = 0; h < k; h++) {
    const c = cols[kept[h]], b = coef[h];
    for (let i = 0; i < n; i++) resid[i] -= c[i] * b;
  }
  return { kept, dropped, coef, xtxInv, resid };
}

/** a ← (I − β v vᵀ) a, with v zero above row `from`. */
function applyReflector(v: Float64Array, beta: number, from: number, a: Float64Array, n: number): void {
  let s = 0;
  for (let i = from; i < n; i++) s += v[i] * a[i];
  s *= beta;
  if (s === 0) return;
  for (let i = from; i < n; i++) a[i] -= s * v[i];
}
