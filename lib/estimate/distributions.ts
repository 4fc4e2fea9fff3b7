/**
 * Two-sided p-values from the t, F and normal distributions.
 *
 * The t and F tails are regularized incomplete beta functions I_x(a, b). jstat
 * (a maintained statistics library, used here for ln Γ, the normal and the t
 * quantile) evaluates I_x by a continued fraction that stops at a relative
 * change of 3e-7, too coarse for matching R to 1e-8; `ibeta` below is the same
 * modified-Lentz continued fraction (Press et al., Numerical Recipes, 3rd ed.,
 * sec. 6.4) run to 1e-15.
 *
 *   t:  p = 2 · (1 − F_t(|t|; df))      F:  p = 1 − F_F(W; q, df)      normal: p = 2 · Φ(−|z|)
 *   F with df = ∞: p = 1 − F_χ²(q·W; q)
 */
// jstat ships no type declarations: require it and state the part used here.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped package
const { jStat } = require("jstat") as {
  jStat: {
    studentt: { cdf(x: number, df: number): number; inv(p: number, df: number): number };
    centralF: { cdf(x: number, df1: number, df2: number): number };
    normal: {
      cdf(x: number, mean: number, sd: number): number;
      inv(p: number, mean: number, sd: number): number;
    };
    gammaln(x: number): number;
    chisquare: { cdf(x: number, df: number): number };
  };
};

/** Regularized incomplete beta I_x(a, b), continued fraction to 1e-15. */
export function ibeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const lbt =
    jStat.gammaln(a + b) -
    jStat.gammaln(a) -
    jStat.gammaln(b) +
    a * Math.log(x) +
    b * Math.log1p(-x);
  // use the symmetry I_x(a,b) = 1 − I_{1−x}(b,a) where the fraction converges fast
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(lbt) * betacf(x, a, b)) / a;
  return 1 - (Math.exp(lbt) * betacf(1 - x, b, a)) / b;
}

function betacf(x: number, a: number, b: number): number {
  const FPMIN = 1e-300,
    EPS = 1e-15;
  const qab = a + b,
    qap = a + 1,
    qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < FPMIN) d = FPMIN;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 100000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < FPMIN) d = FPMIN;
    c = 1 + aa / c;
    if (Math.abs(c) < FPMIN) c = FPMIN;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < EPS) break;
  }
  return h;
}

/** Two-sided p-value of a t statistic (uses the regularized incomplete beta for accuracy in the tails). */
export function pT(t: number, df: number): number {
  if (!Number.isFinite(t)) return Number.isNaN(t) ? NaN : 0;
  if (!Number.isFinite(df)) return pNormal(t);
  // P(|T| > |t|) = I_{df/(df+t²)}(df/2, 1/2)
  return ibeta(df / (df + t * t), df / 2, 0.5);
}

/** Two-sided p-value of a standard normal statistic. */
export function pNormal(z: number): number {
  return 2 * jStat.normal.cdf(-Math.abs(z), 0, 1);
}

/** Upper-tail p-value of an F(df1, df2) statistic. */
export function pF(f: number, df1: number, df2: number): number {
  if (!(f > 0)) return 1;
  // df2 = ∞ (normal-based inference): q·F is chi-square with q degrees of freedom
  if (!Number.isFinite(df2)) return 1 - jStat.chisquare.cdf(f * df1, df1);
  // P(F > f) = I_{df2/(df2 + df1 f)}(df2/2, df1/2)
  return ibeta(df2 / (df2 + df1 * f), df2 / 2, df1 / 2);
}

/**
 * Quantile of the t distribution (for confidence intervals). jstat's inverse
 * is good to about 1e-8; two Newton steps on the accurate tail (pT, 1e-15)
 * with the t density f(t) = Γ((ν+1)/2) / (√(νπ) Γ(ν/2)) · (1 + t²/ν)^(−(ν+1)/2)
 * bring it to machine precision (R's qt agrees to 1e-12).
 */
export function qT(p: number, df: number): number {
  if (!Number.isFinite(df)) return jStat.normal.inv(p, 0, 1);
  let t = jStat.studentt.inv(p, df);
  if (!Number.isFinite(t) || t === 0) return t;
  const logC = jStat.gammaln((df + 1) / 2) - jStat.gammaln(df / 2) - 0.5 * Math.log(df * Math.PI);
  for (let i = 0; i < 2; i++) {
    // lower-tail CDF F(t) from the two-sided tail: F = 1 − pT/2 for t > 0, pT/2 for t < 0
    const cdf = t > 0 ? 1 - pT(t, df) / 2 : pT(t, df) / 2;
    const dens = Math.exp(logC - ((df + 1) / 2) * Math.log1p((t * t) / df));
    t -= (cdf - p) / dens;
  }
  return t;
}
