/**
 * Least squares by Householder QR with collinearity detection, on columns
 * stored as Float64Array.
 *
 *   [X y] = Q R,   R = [R_xx  z; 0  ρ],   b = R_xx⁻¹ z,   (XᵀX)⁻¹ = R_xx⁻¹ R_xx⁻ᵀ,   ‖e‖ = |ρ|
 *
 * The factorization is computed block by block (a "tall-skinny" QR, Demmel et
 * al. 2012, SIAM J. Sci. Comput. 34(1)): rows are read in blocks of 256, each
 * block is stacked under the current triangular R and Householder reflections
 * bring the stack back to triangular form. The result is the R of a Householder
 * QR of the whole matrix (same numerical stability), but the data are read
 * once, which is what makes 1,000,000 × 5 fast.
 *
 * Collinearity follows the rule of R's lm (LINPACK dqrdc2 with tol = 1e-7):
 * column j is collinear when |R_jj|, the norm of what is left of x_j after
 * projecting out the columns kept before it, is at most tol · ‖x_j‖. The first
 * such column is dropped and the factorization redone; kept columns keep their
 * order, so the estimates match lm/plm (NA there ↔ `dropped` here) and fixest,
 * which also drops the later of two collinear columns.
 *
 * Why not ml-matrix's QrDecomposition: it stores a matrix as an array of row
 * arrays (≈ 10× the memory for 1,000,000 × 5), reads it column after column
 * many times, and has no collinearity rule. test/estimate/qr.test.ts checks
 * that both give the same solution; ml-matrix is used for small k × k algebra.
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
  /** eᵀe = Σ resid², summed in row order. */
  rss: number;
  /** Upper-triangular R of the kept columns, r × r row-major. */
  R: Float64Array;
}

const BLOCK = 256;

/**
 * R factor (p × p row-major, p = cols.length) of the matrix with the given
 * columns, and the squared norm of each column.
 */
export function triangularFactor(cols: Float64Array[]): { R: Float64Array; norm2: Float64Array } {
  const p = cols.length;
  const n = p ? cols[0].length : 0;
  const R = new Float64Array(p * p);
  const norm2 = new Float64Array(p);
  const blk = new Float64Array(p * BLOCK); // column-major block: blk[c * BLOCK + r]
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const m = Math.min(BLOCK, n - i0);
    for (let c = 0; c < p; c++) {
      const col = cols[c];
      const o = c * BLOCK;
      let s = 0;
      for (let r = 0; r < m; r++) {
        const v = col[i0 + r];
        blk[o + r] = v;
        s += v * v;
      }
      norm2[c] += s;
    }
    // Annihilate the block below R, column by column. The reflector for
    // column j acts on (R_jj, blk[j][0..m)); R rows below j are zero in column j.
    for (let j = 0; j < p; j++) {
      const oj = j * BLOCK;
      let s = 0;
      for (let r = 0; r < m; r++) s += blk[oj + r] * blk[oj + r];
      if (s === 0) continue;
      const rjj = R[j * p + j];
      const norm = Math.sqrt(rjj * rjj + s);
      const alpha = rjj >= 0 ? -norm : norm;
      const v0 = rjj - alpha; // v = (v0, blk[j][·]), β = 2 / vᵀv
      const beta = 2 / (v0 * v0 + s);
      R[j * p + j] = alpha;
      for (let c = j + 1; c < p; c++) {
        const oc = c * BLOCK;
        let d = v0 * R[j * p + c];
        for (let r = 0; r < m; r++) d += blk[oj + r] * blk[oc + r];
        d *= beta;
        R[j * p + c] -= d * v0;
        for (let r = 0; r < m; r++) blk[oc + r] -= d * blk[oj + r];
      }
    }
  }
  return { R, norm2 };
}

/** Solve min ‖y − X b‖ for X given as columns (inputs are not modified). */
export function qrLeastSquares(cols: Float64Array[], y: Float64Array, tol = 1e-7): QrResult {
  const n = y.length;
  let kept = cols.map((_, j) => j);
  const dropped: number[] = [];
  let R: Float64Array;
  let p: number;
  for (;;) {
    const f = triangularFactor([...kept.map((j) => cols[j]), y]);
    R = f.R;
    p = kept.length + 1;
    let bad = -1;
    for (let j = 0; j < kept.length; j++) {
      const nj = Math.sqrt(f.norm2[j]);
      if (nj === 0 || Math.abs(R[j * p + j]) <= tol * nj || j >= n) {
        bad = j;
        break;
      }
    }
    if (bad < 0) break;
    dropped.push(kept[bad]);
    kept = kept.filter((_, h) => h !== bad);
  }
  dropped.sort((a, b) => a - b);
  const k = kept.length;
  const Rxx = new Float64Array(k * k);
  for (let i = 0; i < k; i++) for (let j = i; j < k; j++) Rxx[i * k + j] = R[i * p + j];
  // back-substitute R_xx b = z (z = first k entries of the last column)
  const coef = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let s = R[i * p + k];
    for (let j = i + 1; j < k; j++) s -= Rxx[i * k + j] * coef[j];
    coef[i] = s / Rxx[i * k + i];
  }
  // R⁻¹ (upper triangular), then (XᵀX)⁻¹ = R⁻¹ R⁻ᵀ
  const Rinv = new Float64Array(k * k);
  for (let c = 0; c < k; c++) {
    Rinv[c * k + c] = 1 / Rxx[c * k + c];
    for (let i = c - 1; i >= 0; i--) {
      let s = 0;
      for (let j = i + 1; j <= c; j++) s += Rxx[i * k + j] * Rinv[j * k + c];
      Rinv[i * k + c] = -s / Rxx[i * k + i];
    }
  }
  const xtxInv = new Float64Array(k * k);
  for (let i = 0; i < k; i++)
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let l = Math.max(i, j); l < k; l++) s += Rinv[i * k + l] * Rinv[j * k + l];
      xtxInv[i * k + j] = s;
    }
  const { e: resid, ss: rss } = residualsAndSquares(kept.map((j) => cols[j]), y, coef);
  return { kept, dropped, coef, xtxInv, resid, rss, R: Rxx };
}

/** e = y − X b in one pass over the rows. */
export function residuals(X: Float64Array[], y: Float64Array, b: ArrayLike<number>): Float64Array {
  return residualsAndSquares(X, y, b).e;
}

/**
 * e = y − X b and eᵀe, in blocks of rows that stay in cache: per block,
 * e = y − x_1 b_1 − x_2 b_2 − … (column by column), then Σ e² continues
 * row by row.
 */
function residualsAndSquares(X: Float64Array[], y: Float64Array, b: ArrayLike<number>): { e: Float64Array; ss: number } {
  const n = y.length;
  const k = X.length;
  const e = new Float64Array(n);
  let ss = 0;
  for (let i0 = 0; i0 < n; i0 += 4096) {
    const i1 = Math.min(n, i0 + 4096);
    for (let i = i0; i < i1; i++) e[i] = y[i];
    for (let j = 0; j < k; j++) {
      const c = X[j], bj = b[j];
      for (let i = i0; i < i1; i++) e[i] -= c[i] * bj;
    }
    for (let i = i0; i < i1; i++) ss += e[i] * e[i];
  }
  return { e, ss };
}
