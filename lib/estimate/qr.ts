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
 * once, which is what makes 1,000,000 × 5 fast. Its inner loops keep four
 * partial sums (see triangularFactor), and e = y − Xb comes with eᵀe from one
 * pass. Normal equations (Cholesky of XᵀX) would need fewer operations per
 * row but square the condition number, and the collinearity rule below needs
 * the R of a QR.
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

/** Σ a[o..o+m)², with four partial sums (independent additions, see triangularFactor). */
function sumSquares(a: Float64Array, o: number, m: number): number {
  const m4 = m & ~3;
  let t0 = 0,
    t1 = 0,
    t2 = 0,
    t3 = 0;
  let r = 0;
  for (; r < m4; r += 4) {
    const a0 = a[o + r],
      a1 = a[o + r + 1],
      a2 = a[o + r + 2],
      a3 = a[o + r + 3];
    t0 += a0 * a0;
    t1 += a1 * a1;
    t2 += a2 * a2;
    t3 += a3 * a3;
  }
  for (; r < m; r++) t0 += a[o + r] * a[o + r];
  return t0 + t1 + (t2 + t3);
}

/**
 * R factor (p × p row-major, p = cols.length) of the matrix with the given
 * columns, and the squared norm of each column.
 *
 * Inner loops: every dot product and sum of squares over a block keeps four
 * partial sums (rows r ≡ 0, 1, 2, 3 mod 4), so consecutive additions do not
 * wait for each other; the sum of squares that the reflector of column j + 1
 * needs is taken while column j's reflector updates that column, and that of
 * column 0 while the block is copied. About 30% faster than one running sum
 * on 1,000,000 × 6 (bench/fe.bench.ts); the sums are rounded differently,
 * which moves R by rounding only.
 */
export function triangularFactor(cols: Float64Array[]): { R: Float64Array; norm2: Float64Array } {
  const p = cols.length;
  const n = p ? cols[0].length : 0;
  const R = new Float64Array(p * p);
  const norm2 = new Float64Array(p);
  const blk = new Float64Array(p * BLOCK); // column-major block: blk[c * BLOCK + r]
  for (let i0 = 0; i0 < n; i0 += BLOCK) {
    const m = Math.min(BLOCK, n - i0);
    const first = copyBlock(cols, i0, m, blk, norm2);
    reflectBlock(R, p, blk, m, first);
  }
  return { R, norm2 };
}

/**
 * Copy rows i0..i0+m of every column into the column-major block, adding
 * each column's sum of squares over them to norm2; returns that of column 0.
 */
function copyBlock(
  cols: Float64Array[],
  i0: number,
  m: number,
  blk: Float64Array,
  norm2: Float64Array,
): number {
  const m4 = m & ~3;
  let first = 0;
  for (let c = 0; c < cols.length; c++) {
    const col = cols[c];
    const o = c * BLOCK;
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    let r = 0;
    for (; r < m4; r += 4) {
      const v0 = col[i0 + r],
        v1 = col[i0 + r + 1],
        v2 = col[i0 + r + 2],
        v3 = col[i0 + r + 3];
      blk[o + r] = v0;
      blk[o + r + 1] = v1;
      blk[o + r + 2] = v2;
      blk[o + r + 3] = v3;
      s0 += v0 * v0;
      s1 += v1 * v1;
      s2 += v2 * v2;
      s3 += v3 * v3;
    }
    for (; r < m; r++) {
      const v = col[i0 + r];
      blk[o + r] = v;
      s0 += v * v;
    }
    const s = s0 + s1 + (s2 + s3);
    norm2[c] += s;
    if (c === 0) first = s;
  }
  return first;
}

/**
 * Annihilate the block below R, column by column (Householder). The
 * reflector for column j acts on (R_jj, blk[j][0..m)); R rows below j are
 * zero in column j. `first` = Σ blk[0][·]²; the sum of squares of column
 * j + 1 is taken while column j's reflector updates it.
 */
function reflectBlock(
  R: Float64Array,
  p: number,
  blk: Float64Array,
  m: number,
  first: number,
): void {
  let s = first; // Σ blk[j][·]²: what is left of column j in the block
  for (let j = 0; j < p; j++) {
    const oj = j * BLOCK;
    if (s === 0) {
      // no reflection: column j + 1 is as it was
      s = j + 1 < p ? sumSquares(blk, oj + BLOCK, m) : 0;
      continue;
    }
    const rjj = R[j * p + j];
    const norm = Math.sqrt(rjj * rjj + s);
    const alpha = rjj >= 0 ? -norm : norm;
    const v0 = rjj - alpha; // v = (v0, blk[j][·]), β = 2 / vᵀv
    const beta = 2 / (v0 * v0 + s);
    R[j * p + j] = alpha;
    let next = 0;
    for (let c = j + 1; c < p; c++) {
      const oc = c * BLOCK;
      const d = blockDot(blk, oj, oc, m, v0 * R[j * p + c]) * beta;
      R[j * p + c] -= d * v0;
      // column j + 1: update it and take its sum of squares for the next reflector
      if (c === j + 1) next = subtractScaledSquares(blk, oc, oj, m, d);
      else for (let r = 0; r < m; r++) blk[oc + r] -= d * blk[oj + r];
    }
    s = next;
  }
}

/** start + Σ_r blk[oj + r] · blk[oc + r], with four partial sums (start in the first). */
function blockDot(blk: Float64Array, oj: number, oc: number, m: number, start: number): number {
  const m4 = m & ~3;
  let d0 = start,
    d1 = 0,
    d2 = 0,
    d3 = 0;
  let r = 0;
  for (; r < m4; r += 4) {
    d0 += blk[oj + r] * blk[oc + r];
    d1 += blk[oj + r + 1] * blk[oc + r + 1];
    d2 += blk[oj + r + 2] * blk[oc + r + 2];
    d3 += blk[oj + r + 3] * blk[oc + r + 3];
  }
  for (; r < m; r++) d0 += blk[oj + r] * blk[oc + r];
  return d0 + d1 + (d2 + d3);
}

/** blk[oc + ·] −= d · blk[oj + ·]; returns the new Σ blk[oc + ·]², four partial sums. */
function subtractScaledSquares(
  blk: Float64Array,
  oc: number,
  oj: number,
  m: number,
  d: number,
): number {
  const m4 = m & ~3;
  let t0 = 0,
    t1 = 0,
    t2 = 0,
    t3 = 0;
  let r = 0;
  for (; r < m4; r += 4) {
    const a0 = (blk[oc + r] -= d * blk[oj + r]);
    const a1 = (blk[oc + r + 1] -= d * blk[oj + r + 1]);
    const a2 = (blk[oc + r + 2] -= d * blk[oj + r + 2]);
    const a3 = (blk[oc + r + 3] -= d * blk[oj + r + 3]);
    t0 += a0 * a0;
    t1 += a1 * a1;
    t2 += a2 * a2;
    t3 += a3 * a3;
  }
  for (; r < m; r++) {
    const a = (blk[oc + r] -= d * blk[oj + r]);
    t0 += a * a;
  }
  return t0 + t1 + (t2 + t3);
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
  const { e: resid, ss: rss } = residualsAndSquares(
    kept.map((j) => cols[j]),
    y,
    coef,
  );
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
function residualsAndSquares(
  X: Float64Array[],
  y: Float64Array,
  b: ArrayLike<number>,
): { e: Float64Array; ss: number } {
  const n = y.length;
  const k = X.length;
  const e = new Float64Array(n);
  let ss = 0;
  for (let i0 = 0; i0 < n; i0 += 4096) {
    const i1 = Math.min(n, i0 + 4096);
    for (let i = i0; i < i1; i++) e[i] = y[i];
    for (let j = 0; j < k; j++) {
      const c = X[j],
        bj = b[j];
      for (let i = i0; i < i1; i++) e[i] -= c[i] * bj;
    }
    for (let i = i0; i < i1; i++) ss += e[i] * e[i];
  }
  return { e, ss };
}
