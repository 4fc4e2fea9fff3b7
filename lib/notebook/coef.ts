/**
 * Reading one coefficient, and one numeric column, in notebook code without
 * casts or non-null assertions: fixest's `coeftable(m)["ICTtrade", ]` and
 * `df$ICTtrade`.
 *
 *   const ict = coef(m7, "ICTtrade");       // { term, estimate, std_error, statistic, p_value }
 *   const x = numeric(sample.data, "ICTtrade");
 *
 * Both throw a clear error naming what is missing instead of returning
 * undefined.
 */
import { getColumn, type CoefRow, type ColumnInput, type FeolsResult } from "../estimate/feols";

/** The row of `term` in fit.coefficients, or the constant for "(Intercept)"; throws when the fit has no such term. */
export function coef(
  fit: Pick<FeolsResult, "coefficients" | "constant" | "y">,
  term: string,
): CoefRow {
  const c = term === "(Intercept)" ? fit.constant : fit.coefficients.find((r) => r.term === term);
  if (!c)
    throw new Error(
      `coef: the model of ${fit.y} has no term "${term}" (have: ${fit.coefficients.map((r) => r.term).join(", ")})`,
    );
  return c;
}

/** A column as numbers (Float64Array); throws when the column is missing or holds a non-numeric value. */
export function numeric(data: ColumnInput, name: string): Float64Array {
  const col = getColumn(data, name);
  const out = new Float64Array(col.length);
  for (let i = 0; i < col.length; i++) {
    const v = col[i];
    if (typeof v !== "number")
      throw new Error(
        `numeric: column "${name}" row ${i + 1} is ${JSON.stringify(v)}, not a number`,
      );
    out[i] = v;
  }
  return out;
}
