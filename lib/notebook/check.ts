/**
 * Claims a notebook's prose makes about computed numbers, checked by code.
 *
 *   check(ict.p_value < 0.01, "ICTtrade is significant at 1% in model (7)");
 *   checkRange(size, 0.03, 0.07, "size of the clustered t test (synthetic)");
 *
 * A markdown cell states a claim ("the within correlation is above 0.5"); the
 * code cell next to it calls `check` with the same claim. Nothing is printed
 * when the claim holds. When it does not, one switch decides what happens:
 *
 * - strict (the environment variable ALLIANCE_STRICT_CHECKS=1, which
 *   `npm test` and `npm run replicate` set for every notebook they execute):
 *   the cell throws a {@link ClaimError} with the claim's text, so a change of
 *   data or library that breaks the prose fails the build;
 * - otherwise (a student's kernel in JupyterLab): the cell shows a visible
 *   note, "this no longer matches the text above: <claim>", and the notebook
 *   goes on, so a student who changes an input to experiment can still Run All.
 *
 * `found()` always throws: it has no value to go on with.
 */
import { displayBundle } from "../display";

/** The environment variable that makes failed claims throw (module doc). */
export const STRICT_CHECKS_ENV = "ALLIANCE_STRICT_CHECKS";

/** True when failed claims throw: ALLIANCE_STRICT_CHECKS=1 (read at each call). */
export function strictChecks(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[STRICT_CHECKS_ENV] === "1";
}

/** The note a failed claim shows in a student's kernel. */
export function claimNote(claim: string): string {
  return `this no longer matches the text above: ${claim}`;
}

const escapeHtml = (s: string): string =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Thrown by {@link check}: the message is the claim that no longer holds. */
export class ClaimError extends Error {
  constructor(claim: string) {
    super(`claim no longer true: ${claim}`);
    this.name = "ClaimError";
  }
}

/**
 * Nothing when `condition` holds; otherwise a {@link ClaimError} naming
 * `claim` (strict) or a visible note (a student's kernel; module doc).
 */
export function check(condition: boolean, claim: string): void {
  if (condition) return;
  if (strictChecks()) throw new ClaimError(claim);
  const note = claimNote(claim);
  displayBundle({
    "text/html": `<div class="alliance-claim-note" style="border-left:4px solid #d97706;background:#fff7ed;padding:4px 8px">⚠ ${escapeHtml(note)}</div>`,
    "text/plain": `⚠ ${note}`,
  });
}

/** Check lo <= value <= hi (NaN fails); the error shows the value. */
export function checkRange(value: number, lo: number, hi: number, claim: string): void {
  check(value >= lo && value <= hi, `${claim} (value ${value}, expected in [${lo}, ${hi}])`);
}

/**
 * The value a lookup found, or a {@link ClaimError} naming what was expected:
 * `found(rows.find((r) => r.variable === "asym"), "a row for asym")`. Notebook
 * code uses it instead of a non-null assertion (`!`), which would fail later
 * and less clearly.
 */
export function found<T>(value: T | undefined | null, what: string): T {
  if (value === undefined || value === null) throw new ClaimError(`${what} exists`);
  return value;
}
