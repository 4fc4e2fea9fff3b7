/**
 * Standardizing: z_i = (x_i − x̄) / s, with s the sample standard deviation
 * using n − 1 (as Stata's `egen std()` and R's scale()). Missing values (NaN)
 * stay missing and are left out of x̄ and s. A constant column cannot be
 * standardized (error).
 */

export interface StandardizeResult {
  values: Float64Array;
  mean: number;
  sd: number;
  n: number;
}

export function standardize(x: ArrayLike<number | null | undefined>): StandardizeResult {
  const n0 = x.length;
  let n = 0,
    sum = 0;
  for (let i = 0; i < n0; i++) {
    const v = x[i];
    if (v === null || v === undefined || Number.isNaN(v)) continue;
    n++;
    sum += v;
  }
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n0; i++) {
    const v = x[i];
    if (v === null || v === undefined || Number.isNaN(v)) continue;
    ss += (v - mean) * (v - mean);
  }
  if (n < 2) throw new Error(`standardize: need at least 2 values (have ${n})`);
  const sd = Math.sqrt(ss / (n - 1));
  if (!(sd > 0)) throw new Error("standardize: the column is constant (sd = 0)");
  const values = new Float64Array(n0);
  for (let i = 0; i < n0; i++) {
    const v = x[i];
    values[i] = v === null || v === undefined || Number.isNaN(v) ? NaN : (v - mean) / sd;
  }
  return { values, mean, sd, n };
}
