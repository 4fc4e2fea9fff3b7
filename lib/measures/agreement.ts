/**
 * Agreement between two UNGA voting records, raw and chance-corrected.
 *
 * Over the roll calls on which both states voted (codes 1 yes, 2 abstain,
 * 3 no; null/0/NaN = no vote, skipped), cross-tabulate the two records in a
 * 3 × 3 table n_ij (i = a's vote, j = b's vote), with n = Σ n_ij and
 * p_ij = n_ij / n. Abstention is a category of its own (no half credit).
 *
 *   observed agreement   p_o = Σ_i p_ii                      (agreementShare)
 *   Cohen's kappa        κ = (p_o − p_e) / (1 − p_e),  p_e = Σ_i p_i· p_·i
 *   Scott's pi           π = (p_o − p_e) / (1 − p_e),  p_e = Σ_i ((p_i· + p_·i) / 2)²
 *
 * κ takes each state's own vote distribution as its chance baseline; π pools
 * the two margins. Both are NaN when p_e = 1 (both records unanimous on one
 * category), and every measure is NaN when no roll call is shared.
 * p_o is the definition of the USAgree / ChinaAgree columns of the
 * Bailey–Strezhnev–Voeten ideal-point files (Jun2024 release).
 *
 * Häge, F. M. (2011), "Choice or circumstance? Adjusting measures of foreign
 * policy similarity for chance agreement", Political Analysis 19(3): 287–305.
 * Cohen, J. (1960), Educational and Psychological Measurement 20(1): 37–46.
 * Scott, W. A. (1955), Public Opinion Quarterly 19(3): 321–325.
 */
import { voteCode, type VoteVector } from "./sScore";

/** 3 × 3 cross-table of two records: t[i][j] = roll calls with a = i+1, b = j+1. */
export function agreementTable(a: VoteVector, b: VoteVector): number[][] {
  if (a.length !== b.length)
    throw new RangeError(`vote vectors differ in length (${a.length} vs ${b.length})`);
  const t = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  for (let k = 0; k < a.length; k++) {
    const x = voteCode(a[k], () => ` at position ${k} of a`);
    const y = voteCode(b[k], () => ` at position ${k} of b`);
    if (x !== 0 && y !== 0) t[x - 1][y - 1]++;
  }
  return t;
}

function checkSquare(t: readonly (readonly number[])[]): number {
  let n = 0;
  for (const row of t) {
    if (row.length !== t.length) throw new RangeError("agreement table must be square");
    for (const c of row) {
      if (!(c >= 0) || !Number.isFinite(c))
        throw new RangeError(`cell count ${c} is not a finite non-negative number`);
      n += c;
    }
  }
  return n;
}

/** Observed agreement p_o of a k × k table (share of the diagonal). */
export function agreementShareTable(t: readonly (readonly number[])[]): number {
  const n = checkSquare(t);
  let d = 0;
  for (let i = 0; i < t.length; i++) d += t[i][i];
  return n > 0 ? d / n : NaN;
}

function chanceCorrected(t: readonly (readonly number[])[], pooled: boolean): number {
  const n = checkSquare(t);
  if (n === 0) return NaN;
  let po = 0,
    pe = 0;
  for (let i = 0; i < t.length; i++) {
    po += t[i][i] / n;
    let row = 0,
      col = 0;
    for (let j = 0; j < t.length; j++) {
      row += t[i][j];
      col += t[j][i];
    }
    pe += pooled ? ((row + col) / (2 * n)) ** 2 : (row / n) * (col / n);
  }
  return pe === 1 ? NaN : (po - pe) / (1 - pe);
}

/** Cohen's kappa of a k × k table. */
export function cohenKappaTable(t: readonly (readonly number[])[]): number {
  return chanceCorrected(t, false);
}

/** Scott's pi of a k × k table. */
export function scottPiTable(t: readonly (readonly number[])[]): number {
  return chanceCorrected(t, true);
}

/** Share of shared roll calls with identical votes. */
export function agreementShare(a: VoteVector, b: VoteVector): number {
  return agreementShareTable(agreementTable(a, b));
}

/** Cohen's kappa of two voting records over the three vote categories. */
export function cohenKappa(a: VoteVector, b: VoteVector): number {
  return cohenKappaTable(agreementTable(a, b));
}

/** Scott's pi of two voting records over the three vote categories. */
export function scottPi(a: VoteVector, b: VoteVector): number {
  return scottPiTable(agreementTable(a, b));
}
