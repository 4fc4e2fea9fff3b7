/**
 * Permutation (randomization) inference for one coefficient: shuffle the
 * values of the regressor across rows (optionally only within strata, e.g.
 * within year, or whole unit histories with `blocks`), re-estimate, and count
 *
 *   p = (1 + #{ |b*| ≥ |b| }) / (B + 1)
 *
 * (Fisher 1935; Good, Permutation Tests, 2005; Heß 2017, Stata Journal 17(3),
 * "ritest"). The statistic is the coefficient itself (option "t" uses the
 * t statistic with the model's vcov instead). Seeded with seedrandom.
 */
import seedrandom from "seedrandom";
import { feols, getColumn, type FeolsOptions } from "./feols";

export interface PermutationOptions {
  term: string;
  B?: number;
  seed?: string;
  /** Column whose levels define strata; values are shuffled within each stratum. */
  strata?: string;
  statistic?: "coef" | "t";
}

export interface PermutationResult {
  term: string;
  estimate: number;
  statistic: number;
  p_value: number;
  B: number;
  seed: string;
  strata?: string;
}

/** Fisher–Yates shuffle of the indices within each stratum. */
export function permuteWithin(n: number, strata: ArrayLike<unknown> | undefined, rng: () => number): Int32Array {
  const perm = new Int32Array(n);
  for (let i = 0; i < n; i++) perm[i] = i;
  const groups = new Map<unknown, number[]>();
  for (let i = 0; i < n; i++) {
    const s = strata ? strata[i] : 0;
    let a = groups.get(s);
    if (!a) groups.set(s, (a = []));
    a.push(i);
  }
  for (const idx of groups.values()) {
    const vals = idx.slice();
    for (let i = vals.length - 1; i > 0; i--) {
      const j = Math.floor(rng() * (i + 1));
      const t = vals[i];
      vals[i] = vals[j];
      vals[j] = t;
    }
    idx.forEach((pos, h) => (perm[pos] = vals[h]));
  }
  return perm;
}

export function permutationTest(opts: FeolsOptions, p: PermutationOptions): PermutationResult {
  const B = p.B ?? 999;
  const seed = p.seed ?? "alliance";
  const stat = p.statistic ?? "coef";
  const pick = (r: ReturnType<typeof feols>): number => {
    const c = r.coefficients.find((x) => x.term === p.term);
    if (!c) return NaN;
    return stat === "coef" ? c.estimate : c.statistic;
  };
  const full = feols(opts);
  const s0 = pick(full);
  if (Number.isNaN(s0)) throw new Error(`permutation test: no coefficient "${p.term}"`);
  const names = Array.from(new Set([opts.y, ...opts.x, ...(opts.fe ?? []), ...(opts.cluster ? [opts.cluster] : []), ...(p.strata ? [p.strata] : [])]));
  const cols: Record<string, unknown[]> = Object.fromEntries(names.map((c) => [c, Array.from(getColumn(opts.data, c))]));
  const x = cols[p.term];
  const strata = p.strata ? cols[p.strata] : undefined;
  const rng = seedrandom(seed);
  let count = 0;
  for (let b = 0; b < B; b++) {
    const perm = permuteWithin(x.length, strata, rng);
    const data = { ...cols, [p.term]: Array.from(perm, (i) => x[i]) };
    const r = feols({ ...opts, data, vcov: stat === "coef" ? "iid" : opts.vcov, constant: "none" });
    const sb = pick(r);
    if (Math.abs(sb) >= Math.abs(s0) - 1e-12 * Math.abs(s0)) count++;
  }
  return { term: p.term, estimate: full.coefficients.find((c) => c.term === p.term)!.estimate, statistic: s0, p_value: (1 + count) / (B + 1), B, seed, strata: p.strata };
}
