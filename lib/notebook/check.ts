/**
 * Claims a notebook's prose makes about computed numbers, checked by code.
 *
 *   check(ict.p_value < 0.01, "ICTtrade is significant at 1% in model (7)");
 *   checkRange(size, 0.03, 0.07, "size of the clustered t test (synthetic)");
 *
 * A markdown cell states a claim ("the within correlation is above 0.5"); the
 * code cell next to it calls `check` with the same claim, so when the data or
 * the library change and the claim stops being true, the cell throws with the
 * claim's text and `npm test` (notebook and solutions tests) fails. Nothing is
 * printed when the claim holds.
 */

/** Thrown by {@link check}: the message is the claim that no longer holds. */
export class ClaimError extends Error {
  constructor(claim: string) {
    super(`claim no longer true: ${claim}`);
    this.name = "ClaimError";
  }
}

/** Throw a {@link ClaimError} naming `claim` unless `condition` holds. */
export function check(condition: boolean, claim: string): void {
  if (!condition) throw new ClaimError(claim);
}

/** Check lo <= value <= hi (NaN fails); the error shows the value. */
export function checkRange(value: number, lo: number, hi: number, claim: string): void {
  check(value >= lo && value <= hi, `${claim} (value ${value}, expected in [${lo}, ${hi}])`);
}
